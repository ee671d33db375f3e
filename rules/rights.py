"""From the rules that fired to one outcome per right, each with its deadline and citation.

For every right: the grant rules that fired give its outcome, amend rules change fields of it,
bar rules exclude it (or, when they test one order line, that line), and the period named as
its deadline decides whether the buyer acted in time. Each fired rule leaves a trace line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from rules.calendar import calendar_for
from rules.case import Case, Item
from rules.decision import RightOutcome, TraceLine
from rules.drafts import collect, trace_line
from rules.engine import Firing
from rules.loader import Pack
from rules.periods import ANCHORS, PeriodResult, keyed_day
from rules.schema import Citation, CountingRule, RefundDue
from rules.vocab import Party, ProofBurden, RefundUnit, Remedy, Right


@dataclass
class Assessed:
    rights: list[RightOutcome]
    trace: list[TraceLine]
    scoped: bool  # a scope rule fired: the file's consumer law governs the case
    act_by: dict[str, Any]  # right -> the day the seller must refund by, where the law fixes one


def period_line(pack: Pack, result: PeriodResult) -> TraceLine:
    sourced = pack.periods[result.name]
    citation = str(result.value.citation) if result.value else sourced.value.description
    return TraceLine(
        rule=f"{sourced.file.code}.period.{result.name}",
        file=sourced.file.path,
        version=sourced.file.version,
        citation=citation,
        outcome=f"{result.status}: {result.explain()}",
        facts={
            "start": result.start.isoformat() if result.start else None,
            "length": result.length,
            "unit": result.unit,
        },
    )


def assemble(
    pack: Pack,
    case: Case,
    facts: dict[str, Any],
    periods: dict[str, PeriodResult],
    firings: list[Firing],
) -> Assessed:
    scoped = any(f.rule.role == "scope" for f in firings)
    scope = [trace_line(f.rule, facts, "scope: this law governs the case") for f in firings if f.rule.role == "scope"]
    drafts, trace = collect(firings, lambda rule: rule.right, case, facts)
    trace = scope + trace

    rights: list[RightOutcome] = []
    act_by: dict[str, Any] = {}
    used_periods: list[str] = []
    for draft in drafts.values():
        outcome, why, citations = draft.outcome, [draft.grant.why], [draft.grant.citation]
        eligible = outcome.get("eligible", True) is not False
        for rule in draft.amends:
            why.append(rule.why)
            citations.append(rule.citation)
        if draft.bars:
            eligible = False
            why = [r.why for r in draft.bars] + why
            citations += [r.citation for r in draft.bars]
        items = [i for i in range(len(case.items)) if i not in draft.barred_items]
        if draft.barred_items:
            excluded = ", ".join(
                f"{case.items[i].sku or f'line {i + 1}'} ({rule.why})" for i, rule in draft.barred_items.items()
            )
            citations += [r.citation for r in draft.barred_items.values()]
            if not items:
                eligible = False
                why.insert(0, f"Every line is excluded: {excluded}.")
            else:
                why.append(f"Excluded: {excluded}.")

        deadline = None
        period_name = outcome.get("deadline")
        if period_name and period_name != "none":
            result = periods[period_name]
            used_periods.append(period_name)
            deadline = result.deadline
            if result.status == "closed":
                eligible = False
                why.insert(0, f"Too late: {result.explain()}.")
            elif result.status == "open":
                why.append(f"In time: {result.explain()}.")
            else:
                why.append(f"Deadline not fixed yet: {result.explain()}.")

        due = outcome.get("refund_due")
        within, unit = _refund_due(pack, case, due)
        refund_basis = outcome.get("refund")
        amount = _refund_amount(case, [case.items[i] for i in items], refund_basis) if eligible else None
        if eligible and due is not None and within is not None:
            act_by[draft.subject] = _due_day(pack, case, due, within, unit)

        rights.append(
            RightOutcome(
                right=Right(draft.subject),
                jurisdiction=pack.jurisdiction_of(draft.grant),
                eligible=eligible,
                deadline=deadline,
                remedies=[Remedy(r) for r in outcome.get("remedies") or []],
                return_shipping_paid_by=_party(outcome.get("return_shipping_paid_by")),
                refund_due_within_days=within,
                refund_due_unit=unit,
                refund_amount=amount,
                currency=case.order.currency if amount is not None else None,
                burden_of_proof_on=_burden(outcome.get("burden_of_proof_on")),
                citation=join_citations(citations),
                why=" ".join(w.strip() for w in why if w),
                rule=draft.grant.id,
            )
        )
    for name in dict.fromkeys(used_periods):
        trace.append(period_line(pack, periods[name]))
    return Assessed(rights, trace, scoped, act_by)


def join_citations(citations: list[Citation]) -> str:
    """Citations in order, each instrument named once in a row: 'BGB § 434; § 477(1)'."""
    out: list[str] = []
    previous = None
    for citation in dict.fromkeys(citations):
        same = citation.instrument == previous and citation.article
        out.append(citation.article if same else str(citation))  # type: ignore[arg-type]
        previous = citation.instrument
    return "; ".join(dict.fromkeys(out))


def _party(value: Any) -> Party | None:
    return Party(value.value if hasattr(value, "value") else value) if value is not None else None


def _burden(value: Any) -> ProofBurden | None:
    return ProofBurden(value.value if hasattr(value, "value") else value) if value is not None else None


def _refund_due(pack: Pack, case: Case, due: RefundDue | None) -> tuple[int | None, RefundUnit | None]:
    if due is None:
        return None, None
    parameter = pack.parameters[due.within]
    value = parameter.at(keyed_day(case, parameter.keyed_by))
    if value is None:
        return None, None
    unit = due.unit or (RefundUnit.business_days if parameter.unit == "business_days" else RefundUnit.calendar_days)
    days = int(value.value)
    if parameter.unit == "hours":
        days = -(-days // 24)
    return days, unit


_ANY_DAY = CountingRule.model_construct(
    day_one="day_after_event", last_day_off_work="stays", weekend=["saturday", "sunday"], public_holidays=True
)


def _due_day(pack: Pack, case: Case, due: RefundDue, within: int, unit: RefundUnit | None) -> Any:
    start = ANCHORS[due.starts](case)
    if start is None:
        return None
    same_day = due.day_one == "event_day"
    if unit == RefundUnit.business_days:
        country, subdivision = pack.holiday_place(case)
        return calendar_for(country, subdivision, _ANY_DAY).add_working_days(start, within, start_counts=same_day)
    return start + timedelta(days=within - 1 if same_day else within)


def standard_delivery(case: Case) -> Decimal:
    """The delivery cost a withdrawal refund covers: the cheapest standard option (CRD Art 13(2))."""
    paid, cheapest = case.order.delivery_fee_paid, case.order.cheapest_standard_delivery_fee
    if paid is None:
        return Decimal(0)
    return min(paid, cheapest) if cheapest is not None else paid


def whole_order(case: Case, items: list[Item]) -> bool:
    return len(items) == len(case.items) and all(
        item.quantity_ordered is None or item.quantity >= item.quantity_ordered for item in items
    )


def _refund_amount(case: Case, items: list[Item], basis: str | None) -> Decimal | None:
    if basis in (None, "none"):
        return None
    amount = sum((item.line_total for item in items), Decimal(0))
    if basis == "items_and_standard_delivery" and whole_order(case, items):
        amount += standard_delivery(case)
    elif basis == "items_and_delivery" and whole_order(case, items):
        amount += case.order.delivery_fee_paid or Decimal(0)
    return amount
