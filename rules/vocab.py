"""The contract's vocabularies (shared/contract/README.md) as enums.

The string values are a public interface: other tools and stored decisions rely on them, so a
value is never renamed. Add members freely.
"""

from __future__ import annotations

from enum import StrEnum


class Vocab(StrEnum):
    """A string enum: its members are their values."""


class Right(Vocab):
    withdrawal = "withdrawal"
    undisclosed_policy_return = "undisclosed_policy_return"
    short_term_reject = "short_term_reject"
    legal_guarantee = "legal_guarantee"
    seller_policy = "seller_policy"
    late_delivery_cancellation = "late_delivery_cancellation"


class Remedy(Vocab):
    refund = "refund"
    replace = "replace"  # type: ignore[assignment]  # a member, not str.replace
    repair = "repair"
    price_reduction = "price_reduction"
    store_credit = "store_credit"
    damages = "damages"


class Reason(Vocab):
    change_of_mind = "change_of_mind"
    size_issue = "size_issue"
    not_as_described = "not_as_described"
    defective = "defective"
    damaged = "damaged"
    wrong_item = "wrong_item"
    not_received = "not_received"
    late_delivery = "late_delivery"
    counterfeit = "counterfeit"


# Reasons that say the goods do not conform to the contract (the seller's fault).
FAULT_REASONS = frozenset(
    {
        Reason.not_as_described,
        Reason.defective,
        Reason.damaged,
        Reason.wrong_item,
        Reason.counterfeit,
    }
)
# Reasons that need no fault: the buyer simply does not want the goods.
NO_FAULT_REASONS = frozenset({Reason.change_of_mind, Reason.size_issue})
DELIVERY_REASONS = frozenset({Reason.not_received, Reason.late_delivery})


class Category(Vocab):
    apparel = "apparel"
    footwear = "footwear"
    electronics = "electronics"
    large_appliance = "large_appliance"
    batteries = "batteries"
    cosmetics = "cosmetics"
    food = "food"
    perishable = "perishable"
    custom_made = "custom_made"
    sealed_hygiene = "sealed_hygiene"
    sealed_media = "sealed_media"
    digital_content = "digital_content"
    furniture = "furniture"
    home_decor = "home_decor"
    toys = "toys"
    jewelry = "jewelry"
    books = "books"
    other = "other"


class ItemCondition(Vocab):
    unused_with_tags = "unused_with_tags"
    opened = "opened"
    used = "used"
    damaged_in_transit = "damaged_in_transit"
    defective = "defective"
    repaired = "repaired"


class Platform(Vocab):
    aliexpress = "aliexpress"
    amazon = "amazon"
    ebay = "ebay"
    paypal = "paypal"
    shopee = "shopee"
    temu = "temu"
    etsy = "etsy"
    shopify = "shopify"
    lazada = "lazada"
    mercadolibre = "mercadolibre"
    other = "other"


class DisputeChannel(Vocab):
    platform = "platform"
    paypal = "paypal"
    visa = "visa"
    mastercard = "mastercard"
    amex = "amex"
    stripe = "stripe"


class DisputeType(Vocab):
    not_received = "not_received"
    not_as_described = "not_as_described"
    counterfeit = "counterfeit"
    damaged = "damaged"
    wrong_item = "wrong_item"
    credit_not_processed = "credit_not_processed"
    cancelled = "cancelled"
    change_of_mind = "change_of_mind"


class LikelyOutcome(Vocab):
    buyer_wins_full_refund = "buyer_wins_full_refund"
    buyer_wins_partial_refund = "buyer_wins_partial_refund"
    return_and_refund = "return_and_refund"
    seller_wins = "seller_wins"
    reship = "reship"


class Party(Vocab):
    buyer = "buyer"
    seller = "seller"
    platform = "platform"
    none = "none"


class Resolution(Vocab):
    refund = "refund"
    replace = "replace"  # type: ignore[assignment]  # a member, not str.replace
    repair = "repair"
    partial_refund = "partial_refund"
    returnless_refund = "returnless_refund"
    reship = "reship"
    reject = "reject"
    escalate = "escalate"


class Document(Vocab):
    commercial_invoice = "commercial_invoice"
    packing_list = "packing_list"
    customs_declaration = "customs_declaration"
    reason_statement = "reason_statement"
    cbp_3311 = "cbp_3311"
    cbp_7553 = "cbp_7553"
    inf3 = "inf3"
    c285 = "c285"
    ce1179 = "ce1179"
    proof_of_export = "proof_of_export"
    proof_of_original_import = "proof_of_original_import"
    eu_withdrawal_form = "eu_withdrawal_form"
    return_label_request = "return_label_request"
    dispute_evidence_pack = "dispute_evidence_pack"


class Regime(Vocab):
    """Customs relief and refund regimes, each `<jurisdiction>_<name>` (contract vocabulary)."""

    us_9801_american_goods_returned = "us_9801_american_goods_returned"
    us_9801_previously_imported = "us_9801_previously_imported"
    us_9801_personal_returns = "us_9801_personal_returns"
    us_drawback_rejected = "us_drawback_rejected"
    us_drawback_unused = "us_drawback_unused"
    eu_returned_goods_relief = "eu_returned_goods_relief"
    eu_repayment_rejected_goods = "eu_repayment_rejected_goods"
    eu_ioss_return_correction = "eu_ioss_return_correction"
    uk_returned_goods_relief = "uk_returned_goods_relief"
    uk_rejected_imports = "uk_rejected_imports"
    jp_refund_nonconforming = "jp_refund_nonconforming"
    jp_reimport_relief = "jp_reimport_relief"
    au_refund = "au_refund"
    ca_refund = "ca_refund"
    ca_returned_goods = "ca_returned_goods"
    cn_returned_goods = "cn_returned_goods"
    cn_cbec_import_return = "cn_cbec_import_return"
    cn_cbec_export_return = "cn_cbec_export_return"
    kr_refund_nonconforming = "kr_refund_nonconforming"


class RouteEnd(Vocab):
    """Which end of the return route a customs regime is judged at."""

    leaving = "leaving"  # the goods leave this country again (where they had been imported)
    entering = "entering"  # the goods come back into this country (where they had been exported from)


class SaleChannel(Vocab):
    own_store = "own_store"
    marketplace = "marketplace"


class PaymentMethod(Vocab):
    card = "card"
    paypal = "paypal"
    platform = "platform"
    bank_transfer = "bank_transfer"
    check = "check"
    cash_on_delivery = "cash_on_delivery"
    other = "other"


class ReturnPolicyKind(Vocab):
    full_refund = "full_refund"
    exchange_or_credit_only = "exchange_or_credit_only"
    no_returns = "no_returns"


class FailureSeverity(Vocab):
    major = "major"
    minor = "minor"


class RequestedSolution(Vocab):
    refund_only = "refund_only"
    return_and_refund = "return_and_refund"
    partial_refund = "partial_refund"
    replacement = "replacement"


class AcceptedOffer(Vocab):
    reship = "reship"
    partial_refund = "partial_refund"


class ImporterOfRecord(Vocab):
    seller = "seller"
    buyer = "buyer"


class CardCreditor(Vocab):
    seller = "seller"
    third_party = "third_party"


class WorkDoneAbroad(Vocab):
    none = "none"
    maintenance = "maintenance"
    repair = "repair"
    upgrade = "upgrade"


class PurchaseChannel(Vocab):
    mail_order = "mail_order"
    internet_auction = "internet_auction"
    retail = "retail"


class RefundUnit(Vocab):
    calendar_days = "calendar_days"
    business_days = "business_days"


class ProofBurden(Vocab):
    seller = "seller"
    buyer = "buyer"


class RiskLevel(Vocab):
    low = "low"
    medium = "medium"
    high = "high"


class Confidence(Vocab):
    verified = "verified"
    likely = "likely"
    unverified = "unverified"
