"""Words for the contract's vocabulary ids, translated; an id we have no word for shows as itself."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

LABELS = {
    # resolutions
    "refund": _l("Refund"),
    "replace": _l("Replace"),
    "repair": _l("Repair"),
    "partial_refund": _l("Partial refund"),
    "returnless_refund": _l("Refund without return"),
    "reship": _l("Reship"),
    "reject": _l("Reject"),
    "escalate": _l("Escalate"),
    # rights
    "withdrawal": _l("Withdrawal"),
    "undisclosed_policy_return": _l("Return (no policy shown)"),
    "short_term_reject": _l("Short-term right to reject"),
    "legal_guarantee": _l("Legal guarantee"),
    "seller_policy": _l("Seller's return policy"),
    "late_delivery_cancellation": _l("Cancellation for late delivery"),
    # remedies
    "price_reduction": _l("Price reduction"),
    "store_credit": _l("Store credit"),
    "damages": _l("Damages"),
    # parties
    "buyer": _l("Buyer"),
    "seller": _l("Seller"),
    "platform": _l("Platform"),
    "none": _l("No one"),
    # case status
    "open": _l("Awaiting review"),
    "approved": _l("Approved"),
    "overridden": _l("Overridden"),
    # risk
    "low": _l("Low"),
    "medium": _l("Medium"),
    "high": _l("High"),
    # likely outcomes
    "buyer_wins_full_refund": _l("Buyer wins a full refund"),
    "buyer_wins_partial_refund": _l("Buyer wins a partial refund"),
    "return_and_refund": _l("Return and refund"),
    "seller_wins": _l("Seller wins"),
    # documents
    "commercial_invoice": _l("Commercial invoice"),
    "packing_list": _l("Packing list"),
    "customs_declaration": _l("Customs declaration"),
    "reason_statement": _l("Statement of the reason for return"),
    "cbp_3311": _l("CBP Form 3311 (American goods returned)"),
    "cbp_7553": _l("CBP Form 7553 (notice of intent to export)"),
    "inf3": _l("INF3 information sheet (returned goods)"),
    "c285": _l("C285 claim (UK repayment)"),
    "ce1179": _l("C&E1179 claim (UK rejected imports)"),
    "proof_of_export": _l("Proof of export"),
    "proof_of_original_import": _l("Proof of the original import"),
    "eu_withdrawal_form": _l("EU model withdrawal form"),
    "return_label_request": _l("Return label request"),
    "dispute_evidence_pack": _l("Dispute evidence pack"),
    # roles
    "admin": _l("Administrator"),
    "compliance": _l("Compliance"),
    "reviewer": _l("Reviewer"),
    "support": _l("Support"),
    # units
    "calendar_days": _l("calendar days"),
    "business_days": _l("business days"),
    # confidence
    "verified": _l("verified"),
    "likely": _l("likely"),
    "unverified": _l("unverified"),
    # reasons
    "change_of_mind": _l("Change of mind"),
    "size_issue": _l("Size issue"),
    "not_as_described": _l("Not as described"),
    "defective": _l("Defective"),
    "damaged": _l("Damaged"),
    "wrong_item": _l("Wrong item"),
    "not_received": _l("Not received"),
    "late_delivery": _l("Late delivery"),
    "counterfeit": _l("Counterfeit"),
}


def label(value: object) -> str:
    key = str(getattr(value, "value", value))
    found = LABELS.get(key)
    return str(found) if found is not None else key.replace("_", " ")
