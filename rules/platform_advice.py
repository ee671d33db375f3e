"""The bridge from a platform's standing to disputes/: the evidence it weighs, the situation it
advises on, the details a reply may mention. disputes/ imports nothing from rules/ (DESIGN:
web -> rules -> disputes), so everything it needs is read from the case and its facts here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from babel.numbers import format_currency

from disputes import actions, replies, risk
from rules.case import Case
from rules.facts import order_total, returned_value
from rules.periods import last_parcel
from rules.vocab import Party

if TYPE_CHECKING:  # rules.platform imports this module
    from rules.platform import PlatformPrepared, Standing


def advise(prepared: PlatformPrepared, case: Case, standing: Standing) -> tuple[risk.Risk, actions.Plan, replies.Reply]:
    scored = risk.assess(evidence(prepared, case, standing))
    amount = refund_amount(case, prepared.facts)
    plan = actions.plan(situation(prepared, case, standing, scored, amount))
    paid_by = standing.outcome.get("return_shipping_paid_by")
    return scored, plan, reply(case, plan.reply, amount, standing.day("return_by"), paid_by)


def evidence(prepared: PlatformPrepared, case: Case, standing: Standing) -> risk.Evidence:
    facts = prepared.facts
    respond = standing.timetable.get("respond_by")
    respond_by = standing.day("respond_by")
    delivered = bool(facts.get("delivered"))
    return risk.Evidence(
        dispute_open=case.dispute is not None,
        claim_type=facts.get("claim_type"),
        chargeback=bool(facts.get("chargeback")),
        window_open=standing.window_open,
        delivered=delivered,
        delivery_confirmed=facts.get("delivery_confirmed"),
        signature=facts.get("signature"),
        signature_required=facts.get("signature_required"),
        delivered_to_transaction_address=facts.get("delivered_to_transaction_address"),
        tracking_known=bool(facts.get("tracking_known")),
        tracking_registered=facts.get("tracking_registered"),
        tracking_silent_days=facts.get("tracking_silent_days"),
        tracking_frozen_days=standing.frozen_days or risk.DEFAULT_FROZEN_DAYS,
        past_promised_delivery=bool(facts.get("delivered_late")) and not delivered,
        seller_responded=bool(facts.get("seller_responded")),
        # judged on the seller's answer, else today: closed means answered late, or not at all
        response_deadline_passed=bool(standing.valid and respond is not None and respond.status == "closed"),
        response_days_left=(respond_by - case.as_of).days if respond_by else None,
        brand_authorization=bool(facts.get("seller_has_brand_authorization")),
        seller_photos=bool(facts.get("seller_has_photos")),
        buyer_photos=bool(facts.get("buyer_has_photos")),
        return_costs_more=bool(facts.get("return_shipping_exceeds_value") or facts.get("returnless_threshold_met")),
        escalated=bool(facts.get("dispute_escalated")),
        buyer_accepted_offer=facts.get("buyer_accepted_offer"),
    )


def situation(
    prepared: PlatformPrepared, case: Case, standing: Standing, scored: risk.Risk, amount: Decimal
) -> actions.Situation:
    facts, dispute, currency = prepared.facts, case.dispute, case.order.currency
    promised = case.order.agreed_delivery_date or case.order.estimated_delivery_latest
    in_transit = promised is not None and not facts.get("delivered") and promised >= case.as_of
    return actions.Situation(
        platform=standing.name,
        claim_type=facts.get("claim_type"),
        dispute_open=dispute is not None,
        chargeback=bool(facts.get("chargeback")),
        window_open=standing.window_open,
        window_deadline=standing.day("deadline"),
        respond_by=standing.day("respond_by"),
        processor_due_by=dispute.processor_due_by if dispute is not None else None,
        return_by=standing.day("return_by"),
        likely_outcome=standing.likely.value if standing.likely is not None else None,
        signals=frozenset(s.id for s in scored.signals),
        # support reads English: the amount as an English reader writes it
        amount=format_currency(amount, currency, locale="en") if currency else None,
        requested_solution=facts.get("requested_solution"),
        in_transit_until=promised if in_transit else None,
    )


def refund_amount(case: Case, facts: dict[str, Any]) -> Decimal:
    """What settling would refund: the buyer's own figure, else the whole order for a parcel that
    never came, else the lines in question."""
    dispute = case.dispute
    if dispute is not None and dispute.requested_amount is not None:
        return dispute.requested_amount.amount
    return order_total(case) if facts.get("claim_type") == "not_received" else returned_value(case)


def reply(case: Case, key: str, amount: Decimal, return_by: date | None, paid_by: Any) -> replies.Reply:
    tracking, dispute = case.tracking, case.dispute
    flags = set()
    if tracking is not None and tracking.signature:
        flags.add("signed")
    if paid_by is not None:
        flags.add(f"{Party(paid_by).value}_pays_return")
    requested = dispute.requested_amount.amount if dispute is not None and dispute.requested_amount else None
    values = replies.Values(
        order=case.order.order_id,
        amount=amount,
        requested=requested,
        currency=case.order.currency,
        carrier=tracking.carrier if tracking is not None else None,
        delivered_on=last_parcel(case),
        expected_by=case.order.agreed_delivery_date or case.order.estimated_delivery_latest,
        last_event=tracking.last_event_at if tracking is not None else None,
        return_by=return_by,
        name=case.buyer.name,
        seller=case.seller.name,
        flags=frozenset(flags),
    )
    return replies.render(key, case.buyer.language, case.buyer.country, values)
