"""Periods: from a start event, a dated length and a counting rule to the last day.

Everything with a date happens here, in Python, before the engine runs; the engine only sees
`period_<name>` = open | closed | not_started. A period is judged on the day of the act that
must fall inside it (the notice sent, the notice received, the goods shipped ...), or on the
case's `as_of` day while that act has not happened yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rules.calendar import calendar_for, last_day
from rules.case import Case
from rules.schema import LengthFromCase, Value

if TYPE_CHECKING:
    from rules.loader import Pack


def last_parcel(case: Case) -> date | None:
    """When the goods count as received: the last parcel of a split order (CRD Art 9(2)(b))."""
    parcels = [d.delivered_at for d in case.order.deliveries]
    if parcels:
        return None if any(p is None for p in parcels) else max(p for p in parcels if p)
    return case.order.delivered_at


def first_parcel(case: Case) -> date | None:
    parcels = [d.delivered_at for d in case.order.deliveries if d.delivered_at]
    return min(parcels) if parcels else case.order.delivered_at


def _rr(attr: str) -> Callable[[Case], date | None]:
    return lambda c: getattr(c.return_request, attr) if c.return_request else None


def _dispute(attr: str) -> Callable[[Case], date | None]:
    return lambda c: getattr(c.dispute, attr) if c.dispute else None


def _import(c: Case) -> date | None:
    return c.customs.original_import.date if c.customs and c.customs.original_import else None


def _export(c: Case) -> date | None:
    return c.customs.original_export.date if c.customs and c.customs.original_export else None


def _return_export(c: Case) -> date | None:
    return c.customs.return_shipment.export_date if c.customs and c.customs.return_shipment else None


def _reimport(c: Case) -> date | None:
    """The day the goods come back in: declared, else the day they left the other end."""
    shipment = c.customs.return_shipment if c.customs else None
    return (shipment.reimport_date or shipment.export_date) if shipment else None


def _claim(c: Case) -> date | None:
    shipment = c.customs.return_shipment if c.customs else None
    return (shipment.claim_date or shipment.export_date) if shipment else None


def _debt(c: Case) -> date | None:
    imp = c.customs.original_import if c.customs else None
    return (imp.debt_notified_at or imp.date) if imp else None


# The dates a period may start from, and the acts that may judge it.
ANCHORS: dict[str, Callable[[Case], date | None]] = {
    "as_of": lambda c: c.as_of,
    "delivery": last_parcel,
    "first_delivery": first_parcel,
    "purchase": lambda c: c.order.ordered_at,
    "shipment": lambda c: c.order.shipped_at,
    "estimated_delivery": lambda c: c.order.estimated_delivery_latest,
    "agreed_delivery": lambda c: c.order.agreed_delivery_date,
    "promised_delivery": lambda c: c.order.agreed_delivery_date or c.order.estimated_delivery_latest,
    "additional_period_end": lambda c: c.order.additional_period_until,
    "contract_copy_received": lambda c: c.order.contract_copy_received_at,
    "withdrawal_info_given": lambda c: c.sale.withdrawal_info_given_at,
    "buyer_confirmed_receipt": lambda c: c.order.buyer_confirmed_receipt_at,
    "defect_discovered": _rr("defect_discovered_at"),
    "notice_sent": _rr("requested_at"),
    "notice_received": lambda c: (
        (c.return_request.notice_received_at or c.return_request.requested_at) if c.return_request else None
    ),
    "goods_sent": _rr("goods_sent_at"),
    "goods_received": _rr("goods_received_at"),
    # the seller has the goods back, or the buyer's proof of sending them, whichever is first
    "goods_back": lambda c: (
        min((d for d in (c.return_request.goods_sent_at, c.return_request.goods_received_at) if d), default=None)
        if c.return_request
        else None
    ),
    "repair_agreed": _rr("consumer_agreed_to_repair_at"),
    "dispute_opened": _dispute("opened_at"),
    "dispute_escalated": _dispute("escalated_at"),
    "buyer_contacted_seller": _dispute("buyer_contacted_seller_at"),
    "seller_responded": _dispute("seller_responded_at"),
    "processor_due_by": _dispute("processor_due_by"),
    "credit_receipt": _dispute("credit_receipt_at"),
    "return_delivered": _dispute("return_delivered_at"),
    "dispute_closed": _dispute("closed_by_buyer_at"),
    "import_release": _import,
    "debt_notified": _debt,
    "original_export": _export,
    "return_export": _return_export,
    "reimport": _reimport,
    "claim": _claim,
}


def keyed_day(case: Case, keyed_by: str) -> date:
    """The case's day that chooses which dated value of a parameter is in force."""
    day: date | None
    if keyed_by == "contract":
        day = case.order.ordered_at or last_parcel(case)
    elif keyed_by == "delivery":
        day = last_parcel(case)
    elif keyed_by == "import":
        day = _import(case)
    elif keyed_by == "export":
        day = _export(case)
    elif keyed_by == "return_export":
        day = _return_export(case)
    elif keyed_by == "dispute":
        day = case.dispute.opened_at if case.dispute else None
    else:
        day = None
    return day or case.as_of


@dataclass(frozen=True)
class PeriodResult:
    name: str
    status: str  # open | closed | not_started
    start: date | None = None
    deadline: date | None = None
    unmoved_end: date | None = None
    judged_on: date | None = None
    judged_by: str | None = None  # the act (or as_of) that judged it
    length: int | None = None
    unit: str | None = None
    value: Value | None = None  # the parameter value used, with its citation
    problem: str | None = None

    def explain(self) -> str:
        if self.status == "not_started":
            return self.problem or "the period has not started"
        moved = ""
        if self.unmoved_end and self.deadline and self.unmoved_end != self.deadline:
            moved = f" (moved from {self.unmoved_end:%a %d %b %Y}, not a working day)"
        verdict = "in time" if self.status == "open" else "too late"
        act = (self.judged_by or "as_of").replace("_", " ")
        return f"last day {self.deadline:%a %d %b %Y}{moved}; {act} {self.judged_on}: {verdict}"  # type: ignore[union-attr]


def compute_periods(
    pack: Pack, case: Case, facts: dict[str, Any], names: list[str] | None = None
) -> dict[str, PeriodResult]:
    """Every period of the pack, or only `names` (and what they depend on)."""
    results: dict[str, PeriodResult] = {}
    country, subdivision = pack.holiday_place(case)
    days: dict[str, date | None] = {}  # each anchor's day, looked up once per case

    def day_of(anchor: str) -> date | None:
        if anchor not in days:
            days[anchor] = ANCHORS[anchor](case)
        return days[anchor]

    def judge(
        period: Any, name: str, start: date | None, end: date | None, unmoved: date | None, **kw: Any
    ) -> PeriodResult:
        if end is None:
            return PeriodResult(name, "not_started", start=start, **kw)
        judged, by = case.as_of, "as_of"
        for act in period.judged_on:
            day = day_of(act)
            if day is not None:
                judged, by = day, act
                break
        status = "open" if judged <= end else "closed"
        return PeriodResult(name, status, start, end, unmoved, judged, by, **kw)

    def compute(name: str) -> PeriodResult:
        if name in results:
            return results[name]
        period = pack.periods[name].value
        if period.earliest_of or period.latest_of:
            parts = [compute(p) for p in (period.earliest_of or period.latest_of)]
            started = [p for p in parts if p.deadline is not None]
            if not started:
                result = PeriodResult(name, "not_started", problem="none of its parts has started")
            else:
                pick = min if period.earliest_of else max
                chosen = pick(started, key=lambda p: p.deadline)  # type: ignore[arg-type,return-value]
                result = judge(
                    period,
                    name,
                    chosen.start,
                    chosen.deadline,
                    chosen.unmoved_end,
                    length=chosen.length,
                    unit=chosen.unit,
                    value=chosen.value,
                )
            results[name] = result
            return result

        if period.ends is not None:
            # the last day is a date of the case itself: nothing to count, nothing to move
            ends = period.ends if isinstance(period.ends, list) else [period.ends]
            day = next((d for d in (day_of(e) for e in ends) if d is not None), None)
            result = judge(period, name, day, day, day)
            if day is None:
                result = PeriodResult(name, "not_started", problem=f"no {' or '.join(ends).replace('_', ' ')} date yet")
            results[name] = result
            return result

        anchors: list[str] = period.starts if isinstance(period.starts, list) else [period.starts or "as_of"]
        start: date | None = None
        for anchor in anchors:
            start = compute(anchor[len("end_of:") :]).unmoved_end if anchor.startswith("end_of:") else day_of(anchor)
            if start is not None:
                break
        value: Value | None = None
        unit: str
        if isinstance(period.length, LengthFromCase):
            length, unit = facts.get(period.length.fact), period.length.unit
        else:
            parameter = pack.parameters[str(period.length)]
            value = parameter.at(keyed_day(case, parameter.keyed_by))
            length, unit = (value.value if value else None), parameter.unit
        if start is None:
            result = PeriodResult(name, "not_started", problem=f"no {' or '.join(anchors).replace('_', ' ')} date yet")
        elif length is None:
            result = PeriodResult(name, "not_started", start=start, problem="no length in force on the case's dates")
        else:
            rule = pack.counting[period.counting].value  # type: ignore[index]
            calendar = calendar_for(country, subdivision, rule)
            unmoved, end = last_day(start, int(length), unit, rule, calendar)  # type: ignore[arg-type]
            result = judge(period, name, start, end, unmoved, length=int(length), unit=unit, value=value)
        results[name] = result
        return result

    for name in pack.periods if names is None else names:
        compute(name)
    return results
