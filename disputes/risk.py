"""Dispute risk: which signals a case shows, what each weighs, and the level they add up to.

Pure: nothing here knows of rule files, the engine or the web. `rules.platform` reads a case's
facts, its platform's periods and thresholds into an `Evidence`, and gets a `Risk` back.

The score is the sum of the signals' weights, clipped to 0-1, so every point of it is named
in `signals`. The weights are a seller's-eye judgement of how far each signal moves a dispute,
drawn from the platforms' evidence rules and seller guides (shared/facts/platform-disputes.md
§7.1): they rank risk, they are not law. The platform files decide outcomes; this ranks them.
"""

from __future__ import annotations

from dataclasses import dataclass

# The platforms name no figure for a stalled parcel; a mediation rule seen in seller guides
# (probably DHgate's) holds the seller fully responsible after more than 10 days without a
# carrier update. A platform file can set its own `tracking_frozen_days`.
DEFAULT_FROZEN_DAYS = 10

LOW_BELOW = 0.35
HIGH_FROM = 0.65

NOT_AS_DESCRIBED = frozenset({"not_as_described", "damaged", "wrong_item", "counterfeit"})


@dataclass(frozen=True)
class Evidence:
    """What both sides can show, and where the dispute stands. Unknown is None, never guessed."""

    dispute_open: bool = False
    claim_type: str | None = None
    chargeback: bool = False
    window_open: bool | None = None  # the dispute can be, or was, opened in time
    delivered: bool = False
    delivery_confirmed: bool | None = None
    signature: bool | None = None
    signature_required: bool | None = None  # the order reaches the platform's signed-delivery threshold
    delivered_to_transaction_address: bool | None = None
    tracking_known: bool = False
    tracking_registered: bool | None = None
    tracking_silent_days: int | None = None
    tracking_frozen_days: int = DEFAULT_FROZEN_DAYS
    past_promised_delivery: bool = False
    seller_responded: bool = False
    response_deadline_passed: bool = False  # the seller's answer period is over (answered late or never)
    response_days_left: int | None = None
    brand_authorization: bool = False
    seller_photos: bool = False
    buyer_photos: bool = False
    return_costs_more: bool = False  # sending the goods back costs more than they are worth
    escalated: bool = False
    buyer_accepted_offer: str | None = None


@dataclass(frozen=True)
class Signal:
    id: str
    weight: float
    detail: str


@dataclass(frozen=True)
class Risk:
    level: str  # low | medium | high
    score: float
    signals: tuple[Signal, ...]


def signals(e: Evidence) -> list[Signal]:
    """Every signal the evidence shows: where the dispute stands, then delivery, description, answer."""
    out: list[Signal] = []
    if e.dispute_open:
        out.append(
            Signal("dispute_open", 0.30, "a dispute is open: the platform or issuer decides unless the seller settles")
        )
    if e.chargeback:
        out.append(Signal("chargeback_open", 0.15, "a chargeback has already taken the money back (and usually a fee)"))
    if e.window_open is False:
        out.append(
            Signal("window_closed", -0.40, "outside the platform's window: it cannot be, or was not, opened in time")
        )
    if e.escalated:
        out.append(Signal("escalated", 0.10, "the dispute was escalated: the platform or issuer now decides"))
    if e.claim_type == "not_received" or (e.claim_type is None and not e.delivered):
        out += _delivery_signals(e)
    if e.claim_type in NOT_AS_DESCRIBED:
        out += _description_signals(e)
    out += _answer_signals(e)
    return out


def _delivery_signals(e: Evidence) -> list[Signal]:
    out = []
    if not e.delivered and not e.tracking_known:
        out.append(Signal("no_tracking", 0.35, "no tracking: the seller cannot show the parcel was sent or delivered"))
    if e.tracking_registered is False:
        out.append(Signal("unregistered_shipping", 0.30, "sent untracked (unregistered): shipment cannot be proven"))
    if e.tracking_silent_days is not None and e.tracking_silent_days >= e.tracking_frozen_days:
        detail = f"no carrier event for {e.tracking_silent_days} days (from {e.tracking_frozen_days} it counts as lost)"
        out.append(Signal("tracking_silent", 0.30, detail))
    if not e.delivered and e.past_promised_delivery:
        out.append(Signal("past_promised_delivery", 0.15, "the promised delivery date has passed without delivery"))
    if e.delivery_confirmed:
        out.append(Signal("delivered_scan", -0.30, "the carrier confirmed delivery"))
        if e.signature_required and not e.signature:
            detail = "the order reaches the platform's signature threshold but delivery was not signed for"
            out.append(Signal("signature_missing_above_threshold", 0.30, detail))
    if e.signature:
        out.append(Signal("signed_delivery", -0.10, "delivery was signed for"))
    if e.delivered_to_transaction_address is False:
        out.append(Signal("delivered_to_other_address", 0.30, "delivered to an address other than the order's"))
    return out


def _description_signals(e: Evidence) -> list[Signal]:
    out = []
    if e.claim_type == "counterfeit":
        if e.brand_authorization:
            out.append(
                Signal("brand_authorization", -0.25, "the seller holds a brand authorization or purchase invoices")
            )
        else:
            detail = "a counterfeit claim, and no brand authorization or purchase invoices to answer it"
            out.append(Signal("counterfeit_without_authorization", 0.40, detail))
    if e.buyer_photos:
        out.append(Signal("buyer_photos", 0.15, "the buyer sent photos or video of the problem"))
    if e.seller_photos:
        out.append(Signal("seller_photos", -0.10, "the seller holds pre-shipment photos or video"))
    if e.return_costs_more:
        out.append(Signal("low_value_return", 0.05, "sending the item back costs more than it is worth"))
    return out


def _answer_signals(e: Evidence) -> list[Signal]:
    out = []
    if e.dispute_open and e.response_deadline_passed:
        if e.seller_responded:
            out.append(Signal("seller_answered_late", 0.45, "the seller answered after the platform's deadline"))
        else:
            # most platforms then carry out the buyer's request automatically: outweighs any evidence
            out.append(Signal("seller_never_answered", 0.65, "the seller's time to answer ran out without an answer"))
    elif e.dispute_open and not e.seller_responded and e.response_days_left is not None and e.response_days_left <= 1:
        detail = f"the seller's answer is due in {max(e.response_days_left, 0)} day(s)"
        out.append(Signal("response_due_soon", 0.10, detail))
    if e.buyer_accepted_offer:
        detail = f"the buyer accepted the seller's offer ({e.buyer_accepted_offer.replace('_', ' ')})"
        out.append(Signal("buyer_accepted_offer", -0.20, detail))
    return out


def assess(e: Evidence) -> Risk:
    found = signals(e)
    score = min(1.0, max(0.0, round(sum(s.weight for s in found), 2)))
    level = "low" if score < LOW_BELOW else "high" if score >= HIGH_FROM else "medium"
    return Risk(level, score, tuple(found))
