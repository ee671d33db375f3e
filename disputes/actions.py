"""What the seller should do about a dispute, and which reply fits: advice for support staff.

Pure, like disputes.risk: `rules.platform` describes the case as a `Situation` (where the
dispute stands, the dates that matter, the likely outcome, the risk signals) and gets a `Plan`:
one concrete action in plain English and the key of the reply template to send the buyer.

The advice follows what works for sellers (shared/facts/platform-disputes.md §7.2): answer
inside the window and inside the platform; reship a lost parcel on a tracked service with a
small gift, or refund; for a low-value item whose return costs more than the item, a partial or
returnless refund; keep the evidence; and never refund again while a chargeback is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

NOT_AS_DESCRIBED = frozenset({"not_as_described", "damaged", "wrong_item", "counterfeit"})
LOST = frozenset({"tracking_silent", "no_tracking", "unregistered_shipping", "signature_missing_above_threshold"})


@dataclass(frozen=True)
class Situation:
    platform: str  # display name: "AliExpress", "Visa"
    claim_type: str | None
    dispute_open: bool
    chargeback: bool
    window_open: bool | None
    window_deadline: date | None = None
    respond_by: date | None = None
    processor_due_by: date | None = None
    return_by: date | None = None
    likely_outcome: str | None = None
    signals: frozenset[str] = frozenset()
    amount: str | None = None  # the refund, already formatted ("$38.50")
    requested_solution: str | None = None
    in_transit_until: date | None = None  # the promised delivery date, while it has not passed


@dataclass(frozen=True)
class Plan:
    action: str
    reply: str  # a template of disputes.replies


def _by(day: date | None, what: str = "answer") -> str:
    return f"{what} by {day.isoformat()}" if day else f"{what} now"


def plan(s: Situation) -> Plan:
    keep = f"Keep the evidence (tracking, photos, packing records, messages) and agree everything inside the {s.platform} dispute."
    if s.chargeback:
        return _chargeback(s)
    if s.window_open is False:
        if s.dispute_open:
            return Plan(
                f"The window closed on {s.window_deadline}: the dispute is out of time. {_by(s.respond_by).capitalize()} "
                f"with the order's dates and ask {s.platform} to close it; do not refund on the dispute. {keep}",
                "generic",
            )
        return Plan(
            f"The buyer can no longer open a {s.platform} dispute (the window ended on {s.window_deadline}); "
            "handle the request under the buyer's law and your own policy.",
            "generic",
        )
    if s.dispute_open and "seller_never_answered" in s.signals:
        return Plan(
            f"The time to answer ran out ({s.respond_by}): {s.platform} carries out the buyer's request. Do not contest; "
            f"accept it, apologise and keep the customer. {keep}",
            "refund" if s.claim_type == "not_received" else "return_and_refund",
        )
    if s.claim_type == "not_received":
        return _not_received(s, keep)
    if s.claim_type in NOT_AS_DESCRIBED:
        return _not_as_described(s, keep)
    if s.claim_type == "change_of_mind":
        return Plan(
            f"Accept the return under the {s.platform} policy; {_by(s.respond_by, 'reply')} with the return instructions "
            "and refund once the item is back (the buyer pays the return unless it is a free return).",
            "return_and_refund",
        )
    if s.claim_type in ("credit_not_processed", "cancelled"):
        return Plan(
            f"Check whether the promised refund went out; if not, refund {s.amount or 'it'} now and send the buyer the "
            f"confirmation. {keep}",
            "refund",
        )
    return Plan(f"Ask the buyer what went wrong and {_by(s.respond_by, 'reply')}. {keep}", "generic")


def _chargeback(s: Situation) -> Plan:
    due = s.processor_due_by or s.respond_by
    never = "Do not refund the buyer again: the chargeback has already taken the money back, a refund would pay twice."
    if s.window_open is False:
        return Plan(
            f"{never} The chargeback was filed after the card network's window (it ended on {s.window_deadline}): "
            f"{_by(due, 'respond through the processor')} with the transaction and delivery dates and the time limit.",
            "chargeback",
        )
    if s.likely_outcome == "seller_wins":
        return Plan(
            f"{never} Contest it: {_by(due, 'submit the evidence through the processor')} "
            "(tracking and delivery scan, signature, brand authorization, photos, the buyer's messages).",
            "chargeback",
        )
    return Plan(
        f"{never} The evidence favours the buyer: accept the chargeback {('by ' + due.isoformat()) if due else 'now'}, "
        "or contest only with proof of delivery or of the refund already made.",
        "chargeback",
    )


def _not_received(s: Situation, keep: str) -> Plan:
    if s.likely_outcome == "seller_wins" and "delivered_scan" in s.signals:
        signed = " and the signature" if "signed_delivery" in s.signals else ""
        return Plan(
            f"{_by(s.respond_by).capitalize()} with the delivery scan{signed} and the carrier's proof of delivery to the "
            f"order address; do not refund. Offer to help the buyer check with neighbours and the carrier. {keep}",
            "delivered",
        )
    if s.likely_outcome == "reship":
        return Plan(
            "Reship on a tracked service now, with a small gift, and share the new tracking; ask the buyer to close the "
            f"dispute only once the parcel has arrived. {keep}",
            "reship",
        )
    if s.in_transit_until is not None and not (s.signals & LOST):
        return Plan(
            f"The parcel is on its way (promised by {s.in_transit_until}): share the tracking, extend the delivery or "
            f"protection time if {s.platform} allows, and reship if it stalls. {keep}",
            "in_transit",
        )
    lost = sorted(s.signals & LOST)
    why = f" ({', '.join(x.replace('_', ' ') for x in lost)})" if lost else ""
    money = f" ({s.amount})" if s.amount else ""
    if s.requested_solution == "refund_only":
        return Plan(
            f"Do not contest{why}: {_by(s.respond_by, 'refund in full')}{money}, or offer to reship on a tracked service "
            f"with a small gift if the buyer would rather have the item. {keep}",
            "refund",
        )
    return Plan(
        f"Do not contest{why}: {_by(s.respond_by, 'answer')} offering to reship on a tracked service with a small gift, "
        f"or a full refund{money} if the buyer prefers. {keep}",
        "reship",
    )


def _not_as_described(s: Situation, keep: str) -> Plan:
    if s.claim_type == "counterfeit":
        if "brand_authorization" in s.signals:
            return Plan(
                f"{_by(s.respond_by).capitalize()} with the brand authorization, the purchase invoices and product photos; "
                f"offer a return for inspection if the buyer still doubts. {keep}",
                "authentic",
            )
        return Plan(
            f"Without a brand authorization or purchase invoices the platform rules against the seller: "
            f"{_by(s.respond_by, 'refund in full')}{(' (' + s.amount + ')') if s.amount else ''} and do not ask for the "
            "item back (shipping a fake can be illegal). Keep invoices from the supplier for the future.",
            "refund",
        )
    if "low_value_return" in s.signals:
        if s.requested_solution == "refund_only":
            return Plan(
                f"Returning it costs more than the item: {_by(s.respond_by, 'refund')} without asking for the item back. {keep}",
                "refund",
            )
        return Plan(
            f"Returning it costs more than the item: {_by(s.respond_by, 'offer')} a partial refund, or a refund without "
            f"return, instead of a return. {keep}",
            "partial_refund",
        )
    if s.likely_outcome == "seller_wins":
        return Plan(
            f"{_by(s.respond_by).capitalize()} with your pre-shipment photos and the listing's description; ask the buyer "
            f"for photos and offer a return at your cost if they show a fault. {keep}",
            "return_and_refund",
        )
    if s.likely_outcome == "buyer_wins_partial_refund" or s.requested_solution == "partial_refund":
        return Plan(
            f"{_by(s.respond_by, 'offer')} a partial refund so the buyer keeps the item; if the buyer insists, accept a "
            f"return at your cost. {keep}",
            "partial_refund",
        )
    ship_by = f" (the buyer ships it by {s.return_by})" if s.return_by else ""
    return Plan(
        f"{_by(s.respond_by).capitalize()}: ask for photos, then offer a partial refund to keep the item or a return "
        f"with the return label paid by you{ship_by}, and refund when it arrives. {keep}",
        "return_and_refund",
    )
