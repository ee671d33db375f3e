"""Cases in: validate, assess and store a case with its decision, all or nothing.

Every way in (the form, an upload, the API, the demo data) ends in `store_case`, which writes
the case (its raw JSON exactly as received), its first decision and an audit line in one
transaction, or nothing at all. A refused case raises `CaseError` naming every bad field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from rules.case import Case, CaseError, parse_case
from rules.decision import Decision
from web import audit
from web.assessing import act_by, assess
from web.extensions import db
from web.models import CaseRecord, CaseStatus, DecisionRecord, Seller, User


def parse_json_text(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CaseError([f"(case): not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"]) from None


def owner_for(user: User | None, seller: Seller | None) -> Seller | None:
    """A seller's cases are always its own; staff may file a case for a seller, or for none."""
    if user is not None and user.is_seller:
        return user.seller
    return seller


def existing(case_id: str, seller: Seller | None) -> CaseRecord | None:
    query = select(CaseRecord).where(CaseRecord.case_id == case_id)
    query = query.where(CaseRecord.seller_id.is_(None) if seller is None else CaseRecord.seller_id == seller.id)
    return db.session.scalars(query).first()


def apply_decision(record: CaseRecord, decision: Decision) -> DecisionRecord:
    """Add a decision to a case and copy its queue columns; a reviewer's override stands."""
    data = decision.model_dump(mode="json")
    stored = DecisionRecord(
        case=record,
        decision=data,
        rule_versions=decision.rule_versions,
        resolution=decision.recommendation.resolution.value,
        evaluated_at=decision.evaluated_at,
    )
    db.session.add(stored)
    record.current_decision = stored
    recommendation = decision.recommendation
    if record.status != CaseStatus.overridden:
        record.resolution = recommendation.resolution.value
    record.jurisdiction = decision.legal.applicable_law[0] if decision.legal.applicable_law else None
    record.act_by = act_by(data)
    risk = decision.platform.risk if decision.platform else None
    record.risk_level = risk.level.value if risk else None
    record.risk_score = risk.score if risk else None
    record.refund_amount = str(recommendation.refund_amount) if recommendation.refund_amount is not None else None
    record.currency = recommendation.currency
    return stored


def store_case(
    data: Any, raw_text: str | None, source: str, user: User | None, seller: Seller | None = None
) -> CaseRecord:
    """Validate, assess and store one case in its own transaction; raise CaseError if refused."""
    case: Case = parse_case(data)
    owner = owner_for(user, seller)
    if existing(case.case_id, owner) is not None:
        raise CaseError([f"case_id: a case '{case.case_id}' is already stored; re-assess it from its page"])
    decision = assess(case)
    record = CaseRecord(
        case_id=case.case_id,
        seller=owner,
        raw_json=raw_text if raw_text is not None else json.dumps(data, ensure_ascii=False, indent=2),
        source=source,
        created_by_id=user.id if user else None,
        status=CaseStatus.open,
        buyer_country=case.buyer.country,
        platform=case.sale.platform.value if case.sale.platform else None,
        resolution=decision.recommendation.resolution.value,
    )
    db.session.add(record)
    stored = apply_decision(record, decision)
    audit.record("case.created", user, record, source=source, resolution=stored.resolution)
    try:
        db.session.commit()
    except IntegrityError:
        # another request stored the same case id a moment ago
        db.session.rollback()
        raise CaseError([f"case_id: a case '{case.case_id}' is already stored"]) from None
    return record


def reassess(record: CaseRecord, user: User) -> DecisionRecord:
    """A new decision under the rule files in force now; the earlier ones are kept."""
    previous = record.current_decision
    decision = assess(parse_case(json.loads(record.raw_json)))
    stored = apply_decision(record, decision)
    db.session.flush()
    audit.record(
        "decision.created",
        user,
        record,
        replaced=previous,
        resolution=stored.resolution,
        rule_versions=stored.rule_versions,
    )
    db.session.commit()
    return stored


@dataclass
class RowResult:
    """What became of one row of an upload."""

    where: str  # file name and line or row
    case_id: str | None
    stored: CaseRecord | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.stored is not None


def import_rows(
    rows: list[tuple[str, Any, str | None]], source: str, user: User, seller: Seller | None = None
) -> list[RowResult]:
    """Store each row on its own: a bad row is reported and never blocks the good ones."""
    results = []
    for where, data, raw in rows:
        case_id = data.get("case_id") if isinstance(data, dict) else None
        result = RowResult(where, case_id if isinstance(case_id, str) else None)
        try:
            if isinstance(data, CaseError):
                raise data
            result.stored = store_case(data, raw, source, user, seller)
        except CaseError as error:
            db.session.rollback()
            result.problems = error.problems
        results.append(result)
    return results
