"""The API's JSON for stored things (the Decision itself is the contract's JSON, unchanged)."""

from __future__ import annotations

from typing import Any

from flask import url_for

from web.models import CaseRecord, DecisionRecord, Review


def case_summary(record: CaseRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "case_id": record.case_id,
        "seller": record.seller.name if record.seller else None,
        "status": record.status,
        "resolution": record.resolution,
        "act_by": record.act_by.isoformat() if record.act_by else None,
        "jurisdiction": record.jurisdiction,
        "platform": record.platform,
        "buyer_country": record.buyer_country,
        "risk": {"level": record.risk_level, "score": record.risk_score} if record.risk_level else None,
        "refund_amount": float(record.refund_amount) if record.refund_amount is not None else None,
        "currency": record.currency,
        "created_at": record.created_at.isoformat(),
        "decision_id": record.current_decision_id,
        "url": url_for("api.case", case_pk=record.id),
    }


def decision_summary(row: DecisionRecord) -> dict[str, Any]:
    return {
        "id": row.id,
        "case": row.case_pk,
        "resolution": row.resolution,
        "evaluated_at": row.evaluated_at.isoformat(),
        "rule_versions": row.rule_versions,
        "url": url_for("api.decision", decision_id=row.id),
    }


def review_summary(review: Review) -> dict[str, Any]:
    return {
        "id": review.id,
        "action": review.action,
        "resolution": review.resolution,
        "recommended": review.recommended,
        "reason": review.reason,
        "reviewer": review.reviewer.email,
        "decision_id": review.decision_id,
        "at": review.created_at.isoformat(),
    }
