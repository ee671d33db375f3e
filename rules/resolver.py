"""From the rights found to one recommendation: what to do, by when, and who pays the return.

Order of preference, as the law and a careful seller would have it:
1. Goods that are faulty (defective, damaged, wrong, not as described, fake): the conformity
   remedy (UK short-term reject, then the legal guarantee), even while a withdrawal period is
   also open, because under it the seller pays the return (CRD recital 47; SGD Art 14).
2. Goods not received or late: the late-delivery right where it applies, else reship.
3. No fault: withdrawal, a statutory return right, or the seller's own more generous policy.
4. Nothing applies: reject, saying why; unclear cases escalate to a person.
Where sending the goods back would cost more than they are worth, or the seller's returnless
threshold is met, the seller keeps the money for postage: refund or replace without a return.
Then the platform's dispute, where there is one (`with_platform`): an open chargeback means never
refunding again; a not-received dispute the buyer will win means refund or reship, one the
delivery scan wins means reject with the proof; and the seller must act by the platform's
answer deadline when that comes before the law's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from rules.case import Case
from rules.decision import PlatformBlock, Recommendation, RightOutcome
from rules.facts import returned_value
from rules.vocab import FAULT_REASONS, NO_FAULT_REASONS, LikelyOutcome, Party, Reason, Remedy, Resolution, Right

_REQUESTED = {"refund_only": Remedy.refund, "return_and_refund": Remedy.refund, "replacement": Remedy.replace}


@dataclass
class Choice:
    resolution: Resolution
    right: RightOutcome | None = None
    return_required: bool = True
    reasons: list[str] = field(default_factory=list)


def recommend(
    case: Case,
    facts: dict[str, Any],
    rights: list[RightOutcome],
    act_by: dict[str, date | None],
    platform: PlatformBlock | None = None,
) -> Recommendation:
    choice = choose(case, facts, rights)
    answer_by = None
    if platform is not None:
        choice, answer_by = with_platform(case, facts, choice, platform)
    right = choice.right
    value = returned_value(case)
    amount: Decimal | None = None
    if choice.resolution in (Resolution.refund, Resolution.returnless_refund):
        amount = right.refund_amount if right and right.refund_amount is not None else value
    paid_by = None
    if choice.return_required:
        paid_by = right.return_shipping_paid_by if right and right.return_shipping_paid_by else Party.buyer
    elif choice.resolution not in (Resolution.reject, Resolution.escalate):
        paid_by = Party.none
    return Recommendation(
        resolution=choice.resolution,
        return_required=choice.return_required,
        return_shipping_paid_by=paid_by,
        refund_amount=amount,
        currency=case.order.currency if amount is not None else None,
        act_by=min((d for d in (act_by.get(right.right.value) if right else None, answer_by) if d), default=None),
        reasons=choice.reasons,
    )


_BUYER_WINS = (LikelyOutcome.buyer_wins_full_refund, LikelyOutcome.reship)


def with_platform(
    case: Case, facts: dict[str, Any], choice: Choice, platform: PlatformBlock
) -> tuple[Choice, date | None]:
    """The choice as the platform's dispute changes it, and the day the seller must answer by."""
    dispute = case.dispute
    answer_by = platform.seller_response_deadline
    if dispute is None:
        return choice, None
    where = platform.channel if platform.channel not in (None, "platform") else platform.platform
    if where == "other":  # no platform or network named: the buyer complained to the store
        return Choice(choice.resolution, choice.right, choice.return_required, choice.reasons), None
    if facts.get("chargeback"):
        due = answer_by or dispute.processor_due_by
        line = (
            f"A chargeback is open ({where}): do not refund again, the issuer has already taken the money back; "
            "accept or contest it through the processor" + (f" by {due}" if due else "") + "."
        )
        return Choice(Resolution.escalate, choice.right, False, [line, *choice.reasons]), due
    if platform.dispute_window_open is False:
        line = (
            f"The {where} dispute is outside its window ({platform.dispute_deadline}): it cannot succeed as a dispute."
        )
        return Choice(choice.resolution, choice.right, choice.return_required, [*choice.reasons, line]), None
    answer = f"; answer by {answer_by}" if answer_by else ""
    if platform.dispute_type == Reason.not_received.value and choice.right is None:
        if platform.likely_outcome in _BUYER_WINS:
            asked = dispute.requested_solution.value if dispute.requested_solution else None
            refund = asked == "refund_only" and platform.likely_outcome != LikelyOutcome.reship
            signals = [
                s.replace("_", " ") for s in (platform.risk.signals if platform.risk else []) if s != "dispute_open"
            ]
            todo = (
                "refund in full."
                if refund
                else "reship on a tracked service with a small gift, or refund; don't contest."
            )
            line = f"The {where} dispute will likely go to the buyer ({', '.join(signals) or 'no proof of delivery'}){answer}: {todo}"
            return Choice(Resolution.refund if refund else Resolution.reship, None, False, [line]), answer_by
        if platform.likely_outcome == LikelyOutcome.seller_wins and facts.get("delivery_confirmed"):
            line = f"The carrier confirmed delivery: answer the {where} dispute with the proof of delivery{answer}; do not refund."
            return Choice(Resolution.reject, None, False, [line]), answer_by
    if platform.dispute_type in _FAULT_DISPUTES and platform.likely_outcome in _MONEY_TO_BUYER:
        # the buyer took the fault to the platform: its ruling decides the money, so settle as it would
        keep = _cheap_to_keep(facts)
        asked = dispute.requested_solution.value if dispute.requested_solution else None
        if keep:
            line = f"The {where} dispute will likely go to the buyer{answer}: refund without asking for the item back ({keep})."
            return Choice(Resolution.returnless_refund, choice.right, False, [line, *choice.reasons]), answer_by
        if platform.likely_outcome == LikelyOutcome.buyer_wins_partial_refund and asked == "partial_refund":
            line = f"The {where} dispute will likely end in a partial refund{answer}: offer it and let the buyer keep the item."
            return Choice(Resolution.partial_refund, choice.right, False, [line, *choice.reasons]), answer_by
    line = f"The {where} dispute is open{answer}."
    return Choice(choice.resolution, choice.right, choice.return_required, [*choice.reasons, line]), answer_by


_FAULT_DISPUTES = frozenset({"not_as_described", "damaged", "wrong_item", "counterfeit"})
_MONEY_TO_BUYER = (LikelyOutcome.buyer_wins_full_refund, LikelyOutcome.buyer_wins_partial_refund)


def _cheap_to_keep(facts: dict[str, Any]) -> str | None:
    if facts.get("returnless_threshold_met"):
        return "the value is under the seller's returnless-refund threshold"
    if facts.get("return_shipping_exceeds_value"):
        return "sending it back would cost more than the goods are worth"
    return None


def choose(case: Case, facts: dict[str, Any], rights: list[RightOutcome]) -> Choice:
    open_rights = {r.right: r for r in rights if r.eligible}
    reason = Reason(facts["reason"]) if "reason" in facts else None
    closed = [r for r in rights if not r.eligible]
    keep = _cheap_to_keep(facts)

    if reason in FAULT_REASONS or facts.get("fault"):
        for right_id in (Right.short_term_reject, Right.legal_guarantee):
            right = open_rights.get(right_id)
            if right is None:
                continue
            remedy = _remedy(case, right, reason)
            why = [f"{right_id.value.replace('_', ' ')} ({right.jurisdiction}): {right.why}"]
            if remedy == Remedy.refund:
                if keep:
                    return Choice(Resolution.returnless_refund, right, False, [*why, f"No return: {keep}."])
                return Choice(Resolution.refund, right, True, why)
            if remedy == Remedy.replace:
                return Choice(
                    Resolution.replace, right, not keep, why + ([f"Keep the faulty item: {keep}."] if keep else [])
                )
            if remedy == Remedy.repair:
                return Choice(Resolution.repair, right, True, why)
            if remedy == Remedy.price_reduction:
                return Choice(Resolution.partial_refund, right, False, why)
        for right_id in (Right.withdrawal, Right.undisclosed_policy_return, Right.seller_policy):
            right = open_rights.get(right_id)
            if right is not None:
                return _refund(right, keep, [f"{right_id.value.replace('_', ' ')}: {right.why}"])
        return _nothing(case, facts, closed, "no conformity right applies")

    if reason in (Reason.not_received, Reason.late_delivery) or not facts.get("delivered"):
        right = open_rights.get(Right.late_delivery_cancellation)
        if right is not None:
            return Choice(Resolution.refund, right, bool(facts.get("delivered")), [f"late delivery: {right.why}"])
        if reason in (Reason.not_received, Reason.late_delivery):
            promised = case.order.agreed_delivery_date or case.order.estimated_delivery_latest
            if promised is not None and case.as_of <= promised:
                return Choice(
                    Resolution.reject,
                    None,
                    False,
                    [f"Not late yet: delivery was promised by {promised}; share the tracking."],
                )
            return Choice(
                Resolution.reship,
                None,
                False,
                [
                    "The parcel has not arrived past the promised time: reship on a tracked service, or refund if the buyer prefers."
                ],
            )

    if reason in NO_FAULT_REASONS or (reason is None and facts.get("return_requested")):
        for right_id in (Right.withdrawal, Right.undisclosed_policy_return, Right.seller_policy):
            right = open_rights.get(right_id)
            if right is not None:
                return _refund(right, keep, [f"{right_id.value.replace('_', ' ')} ({right.jurisdiction}): {right.why}"])
        return _nothing(case, facts, closed, "no return right applies")

    return Choice(
        Resolution.escalate, None, False, ["The case gives no reason for the return: a person should look at it."]
    )


def _refund(right: RightOutcome, keep: str | None, why: list[str]) -> Choice:
    if keep:
        return Choice(Resolution.returnless_refund, right, False, [*why, f"No return: {keep}."])
    return Choice(Resolution.refund, right, True, why)


def _remedy(case: Case, right: RightOutcome, reason: Reason | None = None) -> Remedy | None:
    """The buyer's stated choice if the law gives it now, else the first remedy the file lists
    that fits the fault: nothing can be repaired into the item ordered when the wrong goods, goods
    unlike their description or fakes were sent."""
    asked = None
    for source in (case.return_request, case.dispute):
        if source is not None and source.requested_solution is not None:
            asked = _REQUESTED.get(source.requested_solution.value)
            break
    if asked in right.remedies:
        return asked
    fitting = [r for r in right.remedies if not (r == Remedy.repair and reason in _NOT_REPAIRABLE)]
    if reason == Reason.counterfeit and Remedy.refund in fitting:
        return Remedy.refund  # a fake is not swapped for another from the same source
    return fitting[0] if fitting else (right.remedies[0] if right.remedies else None)


_NOT_REPAIRABLE = frozenset({Reason.not_as_described, Reason.wrong_item, Reason.counterfeit})


def _nothing(case: Case, facts: dict[str, Any], closed: list[RightOutcome], summary: str) -> Choice:
    if not facts.get("is_consumer", True):
        return Choice(
            Resolution.escalate,
            None,
            False,
            ["A business buyer has no consumer rights: the contract decides; a person should review."],
        )
    reasons = [f"{r.right.value.replace('_', ' ')} ({r.jurisdiction}): {r.why}" for r in closed]
    return Choice(Resolution.reject, None, False, [f"Reject: {summary}.", *reasons])
