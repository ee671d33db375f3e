"""Facts: what the rules may test, derived once per case before the engine runs.

The catalogue below is the whole vocabulary of conditions: a rule file that names a fact not
listed here is refused. Dates never reach the engine (it has no date type); periods are
computed in Python (rules.periods) and arrive as `period_<name>` = open | closed | not_started.
Facts about one line of the order carry the `item_` prefix and are matched per item.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rules.case import Case, Item
from rules.vocab import (
    FAULT_REASONS,
    NO_FAULT_REASONS,
    AcceptedOffer,
    Category,
    DisputeChannel,
    DisputeType,
    FailureSeverity,
    ImporterOfRecord,
    ItemCondition,
    PaymentMethod,
    Platform,
    PurchaseChannel,
    Reason,
    RequestedSolution,
    ReturnPolicyKind,
    RouteEnd,
    SaleChannel,
    WorkDoneAbroad,
)

PERIOD_STATES = ("open", "closed", "not_started")


@dataclass(frozen=True)
class Fact:
    name: str
    kind: str  # bool | str | int | number | list
    description: str
    values: tuple[str, ...] = ()

    @property
    def per_item(self) -> bool:
        return self.name.startswith("item_")


def _enum(e: Any) -> tuple[str, ...]:
    return tuple(m.value for m in e)


_CATALOGUE = [
    # parties and the sale
    Fact("is_consumer", "bool", "the buyer buys as a consumer"),
    Fact("buyer_country", "str", "ISO 3166-1 alpha-2 of the buyer's habitual residence"),
    Fact("buyer_subdivision", "str", "ISO 3166-2 of the buyer's state or province"),
    Fact("seller_country", "str", "ISO 3166-1 alpha-2 of the seller"),
    Fact("seller_targets_buyer", "bool", "the seller directs its activities to the buyer's country"),
    Fact("same_country", "bool", "seller and buyer are in the same country"),
    Fact("channel", "str", "own store or marketplace", _enum(SaleChannel)),
    Fact("platform", "str", "the marketplace or checkout platform", _enum(Platform)),
    Fact("payment_method", "str", "how the buyer paid", _enum(PaymentMethod)),
    Fact("paid_in_cash", "bool", "paid in cash (cash on delivery)"),
    Fact("withdrawal_info_given", "bool", "the buyer was told of the statutory withdrawal right"),
    Fact("withdrawal_info_given_late", "bool", "the information was given after the contract, on a known day"),
    Fact("return_policy_posted", "bool", "a return policy was clearly shown before the sale"),
    Fact("return_policy_kind", "str", "what the seller's own policy gives", _enum(ReturnPolicyKind)),
    Fact("return_policy_days", "int", "the seller's own return window in days"),
    Fact("return_cost_disclosed", "bool", "the return cost of goods that cannot go by post was stated"),
    Fact("free_return", "bool", "the listing carries a free return"),
    Fact("return_terms_on_confirmation_screen", "bool", "the return terms were on the final order screen"),
    Fact("return_terms_in_advertisement", "bool", "the return terms were in the advertisement"),
    Fact("terms_require_return_arrival_within_period", "bool", "the terms demand the goods arrive back in time"),
    Fact("warranty_excluded", "bool", "the terms exclude the statutory warranty"),
    Fact(
        "digital_consent_and_acknowledgement", "bool", "consent to immediate supply and acknowledged loss of the right"
    ),
    Fact("card_creditor_is_seller", "bool", "the seller itself extends credit on the card payment"),
    Fact(
        "required_disclosure_given",
        "bool",
        "the seller gave all the information the buyer's law prescribes before the contract (CA internet sales)",
    ),
    Fact("purpose_disclosed_to_supplier", "bool", "the buyer told the seller the purpose of the goods"),
    # the order and its delivery
    Fact("delivered", "bool", "the goods (all parcels) reached the buyer"),
    Fact("partly_delivered", "bool", "some parcels of a split order arrived, not all"),
    Fact("split_delivery", "bool", "the order came in several parcels"),
    Fact("shipped", "bool", "the seller shipped the goods"),
    Fact("shipping_time_stated", "bool", "a delivery time was promised"),
    Fact("delivery_date_agreed", "bool", "a delivery date was agreed with the buyer"),
    Fact("delivery_date_essential", "bool", "the agreed delivery date was essential"),
    Fact("delivered_late", "bool", "delivered after the agreed or promised date"),
    Fact("additional_period_set", "bool", "the buyer set an additional period for a late delivery"),
    Fact("additional_period_expired", "bool", "that additional period ended without delivery"),
    Fact("delay_option_notice_sent", "bool", "the seller offered the option to cancel a delayed shipment"),
    Fact("contract_copy_received", "bool", "the buyer has the copy of the contract"),
    Fact("item_count", "int", "number of order lines"),
    Fact("order_value", "number", "price of the lines being returned, in the order's currency"),
    Fact("any_item_long_lasting", "bool", "a line being returned is meant to last well beyond the basic guarantee"),
    Fact("return_shipping_exceeds_value", "bool", "sending the goods back costs more than they are worth"),
    Fact("returnless_threshold_met", "bool", "the value is under the seller's returnless-refund threshold"),
    # the return request
    Fact("return_requested", "bool", "the buyer asked to return or cancel"),
    Fact("reason", "str", "why the buyer returns or disputes", _enum(Reason)),
    Fact("fault", "bool", "the reason says the goods do not conform (defect, damage, wrong, not as described, fake)"),
    Fact("no_fault", "bool", "the buyer returns without a fault (change of mind, size)"),
    Fact("failure_severity", "str", "major or minor failure (AU, NZ)", _enum(FailureSeverity)),
    Fact("defect_visible_on_delivery", "bool", "the fault was visible on delivery"),
    Fact("supplier_can_repair", "bool", "the supplier can repair the goods"),
    Fact("consumer_agreed_to_repair", "bool", "the buyer agreed to a repair"),
    Fact("return_cost_significant", "bool", "returning the goods would cost the buyer significantly"),
    Fact("consequential_loss", "bool", "the failure caused further loss"),
    Fact("uses_designated_carrier", "bool", "the buyer returns with the seller's named carrier"),
    Fact("seller_demanded_extra_return_fee", "bool", "the seller asks a return fee beyond the disclosed one"),
    Fact("requested_solution", "str", "what the buyer asks for", _enum(RequestedSolution)),
    Fact("goods_returned", "bool", "the buyer has sent the goods back"),
    # tracking
    Fact("tracking_known", "bool", "tracking data was given"),
    Fact("tracking_registered", "bool", "a tracked (registered) service was used"),
    Fact("delivery_confirmed", "bool", "the carrier confirmed delivery"),
    Fact("signature", "bool", "delivery was signed for"),
    Fact("delivered_to_transaction_address", "bool", "delivered to the address of the transaction"),
    Fact("tracking_silent_days", "int", "days since the last tracking event, when not delivered"),
    # the dispute
    Fact("dispute_open", "bool", "a dispute or chargeback exists"),
    Fact("dispute_channel", "str", "where the dispute runs", _enum(DisputeChannel)),
    Fact("dispute_type", "str", "the dispute's type", _enum(DisputeType)),
    Fact("chargeback", "bool", "the dispute is a card or processor chargeback"),
    Fact("seller_responded", "bool", "the seller answered the dispute"),
    Fact("buyer_contacted_seller", "bool", "the buyer contacted the seller first"),
    Fact("dispute_escalated", "bool", "the dispute was escalated"),
    Fact("dispute_closed_by_buyer", "bool", "the buyer closed the dispute"),
    Fact("buyer_accepted_offer", "str", "the seller's offer the buyer accepted", _enum(AcceptedOffer)),
    Fact("buyer_return_shipped", "bool", "the buyer shipped the return in the dispute"),
    Fact("buyer_evidence_count", "int", "pieces of evidence from the buyer"),
    Fact("seller_has_brand_authorization", "bool", "the seller holds a brand authorisation or purchase invoices"),
    Fact("seller_has_delivery_proof", "bool", "the seller holds proof of delivery"),
    Fact("seller_has_photos", "bool", "the seller holds pre-shipment photos or video"),
    Fact(
        "claim_type",
        "str",
        "what the buyer's dispute is (or would be) about: the dispute's type, else the return's reason",
        _enum(DisputeType),
    ),
    Fact("card_reason_code", "str", "the card network's reason code: given, else read from the type (13.1, 4853)"),
    Fact("buyer_has_photos", "bool", "the buyer's evidence includes photos or video"),
    Fact("platform_program", "str", "the platform's seller programme (lazmall, choice, mall, global_selling ...)"),
    Fact("promised_delivery_known", "bool", "a delivery date was promised or estimated"),
    Fact("promised_delivery_days", "int", "days from shipment (else the order) to the latest promised delivery date"),
    Fact("order_total", "number", "the whole order's price with the delivery fee paid, in the order's currency"),
    # set from a platform file's thresholds (rules.platform), in the currency each is written in
    Fact("signature_required", "bool", "the order total reaches the platform's signed-delivery threshold"),
    Fact("within_protection_cap", "bool", "the order total is within the platform's purchase-protection cap"),
    # customs
    Fact("cross_border_return", "bool", "the goods go back across a border"),
    # customs, judged at one end of the return route (set by rules.customs, not case_facts)
    Fact("route_end", "str", "this end of the return route: the goods leave it or come back into it", _enum(RouteEnd)),
    Fact("imported_here", "bool", "the original import was into this customs territory"),
    Fact("exported_from_here", "bool", "the goods were first exported from this customs territory"),
    Fact("duty_paid", "bool", "import duty was paid on the original import (more than 0)"),
    Fact("import_vat_paid", "bool", "import VAT, GST or consumption tax was paid at the border (more than 0)"),
    Fact("tax_paid", "bool", "any duty or import tax was paid on the original import"),
    Fact("importer_of_record", "str", "who entered the goods on the original import", _enum(ImporterOfRecord)),
    Fact("importer_is_consumer", "bool", "the importer was a consumer"),
    Fact("importer_vat_registered", "bool", "the importer is registered for VAT"),
    Fact("ioss", "bool", "the original import used the EU Import One-Stop Shop"),
    Fact("point_of_sale_vat", "bool", "VAT was charged by the seller at checkout"),
    Fact("import_regime_code", "str", "the customs procedure code of the original import (e.g. CN 1210, 9610)"),
    Fact("export_regime_code", "str", "the customs procedure code of the original export"),
    Fact("cbec_import", "bool", "the original import was a CN cross-border e-commerce retail import (1210, 9610)"),
    Fact("cbec_export", "bool", "the original export was a CN cross-border e-commerce export (1210, 9610, 9710, 9810)"),
    Fact("exported_in_free_circulation", "bool", "exported as goods in free circulation (EU: Union goods)"),
    Fact("drawback_claimed", "bool", "drawback or duty relief was taken when the goods were exported"),
    Fact("exported_under_lease", "bool", "exported under a lease or similar use agreement"),
    Fact("goods_of_this_origin", "bool", "every line returned originates in this country"),
    Fact("work_done_abroad", "str", "work done on the goods while abroad", _enum(WorkDoneAbroad)),
    Fact("reimporter_is_original_exporter", "bool", "the goods come back to the person who exported them"),
    Fact("personal_use", "bool", "the goods were bought for personal use"),
    Fact("purchase_channel", "str", "how the buyer bought them", _enum(PurchaseChannel)),
    Fact("extension_approved", "bool", "customs approved a longer period (JP Art 20)"),
    Fact("item_origin_here", "bool", "the line originates in this country"),
    # one line of the order (matched per item)
    Fact("item_category", "str", "the line's category", _enum(Category)),
    Fact("item_subtype", "str", "a finer kind within the category (e.g. mattress)"),
    Fact("item_personalised", "bool", "made to the buyer's specification or clearly personalised"),
    Fact("item_long_lasting", "bool", "meant to last well beyond the basic guarantee"),
    Fact("item_condition", "str", "the line's condition", _enum(ItemCondition)),
    Fact("item_unsealed", "bool", "opened or used after delivery"),
    Fact("item_value_significantly_reduced", "bool", "handled beyond what inspection needed"),
    Fact("item_return_reason", "str", "the line's own reason", _enum(Reason)),
    Fact("item_fault", "bool", "the line is defective, damaged or not as described"),
]

FACTS: dict[str, Fact] = {fact.name: fact for fact in _CATALOGUE}


def period_fact(name: str) -> Fact:
    return Fact(f"period_{name}", "str", f"the period '{name}' is open, closed or not started", PERIOD_STATES)


_DISPUTE_REASON = {
    DisputeType.not_received: Reason.not_received,
    DisputeType.not_as_described: Reason.not_as_described,
    DisputeType.counterfeit: Reason.counterfeit,
    DisputeType.damaged: Reason.damaged,
    DisputeType.wrong_item: Reason.wrong_item,
    DisputeType.change_of_mind: Reason.change_of_mind,
}
_CONDITION_REASON = {
    ItemCondition.defective: Reason.defective,
    ItemCondition.damaged_in_transit: Reason.damaged,
}


def main_reason(case: Case) -> Reason | None:
    """The reason of the return: the request's, else the dispute's, else the lines'."""
    if case.return_request and case.return_request.reason:
        return case.return_request.reason
    if case.dispute and case.dispute.type in _DISPUTE_REASON:
        return _DISPUTE_REASON[case.dispute.type]
    for item in case.items:
        if item.return_reason:
            return item.return_reason
    for item in case.items:
        if item.condition in _CONDITION_REASON:
            return _CONDITION_REASON[item.condition]
    return None


def item_reason(item: Item, case_reason: Reason | None) -> Reason | None:
    return item.return_reason or _CONDITION_REASON.get(item.condition) or case_reason  # type: ignore[arg-type]


def returned_value(case: Case) -> Decimal:
    return sum((item.line_total for item in case.items), Decimal(0))


def order_total(case: Case) -> Decimal:
    """What the buyer paid for the whole order: every line as ordered, and the delivery fee."""
    lines = sum((item.unit_price * (item.quantity_ordered or item.quantity) for item in case.items), Decimal(0))
    return lines + (case.order.delivery_fee_paid or Decimal(0))


_REASON_CLAIM = {
    Reason.not_received: DisputeType.not_received,
    Reason.late_delivery: DisputeType.not_received,
    Reason.not_as_described: DisputeType.not_as_described,
    Reason.defective: DisputeType.not_as_described,
    Reason.damaged: DisputeType.damaged,
    Reason.wrong_item: DisputeType.wrong_item,
    Reason.counterfeit: DisputeType.counterfeit,
    Reason.change_of_mind: DisputeType.change_of_mind,
    Reason.size_issue: DisputeType.change_of_mind,
}


def claim_type(case: Case, delivered_on: Any) -> DisputeType | None:
    """The dispute a platform would see: the dispute's type, else the return's reason; an order
    still undelivered past its promised date can only be a not-received claim."""
    if case.dispute is not None and case.dispute.type is not None:
        return case.dispute.type
    reason = main_reason(case)
    if reason is not None:
        return _REASON_CLAIM.get(reason)
    promised = case.order.agreed_delivery_date or case.order.estimated_delivery_latest
    if delivered_on is None and promised is not None and case.as_of > promised:
        return DisputeType.not_received
    return None


# Visa Claims Resolution conditions and Mastercard's umbrella code, by dispute type, for a
# chargeback whose reason code the case does not give (Stripe's mapping: docs.stripe.com/disputes/categories)
_VISA_CODE = {
    DisputeType.not_received: "13.1",
    DisputeType.not_as_described: "13.3",
    DisputeType.damaged: "13.3",
    DisputeType.wrong_item: "13.3",
    DisputeType.counterfeit: "13.4",
    DisputeType.credit_not_processed: "13.6",
    DisputeType.cancelled: "13.7",
}


def card_reason_code(case: Case, claim: DisputeType | None) -> str | None:
    dispute = case.dispute
    if dispute is None:
        return None
    if dispute.reason_code:  # as given, whatever the channel (Shopify's PRODUCT_UNACCEPTABLE ...)
        code = dispute.reason_code.strip().lower()
        for prefix in ("visa", "mastercard", "mc"):
            code = code.removeprefix(prefix).strip()
        return code
    if dispute.channel is None:
        return None
    if dispute.channel.value == "visa":
        return _VISA_CODE.get(claim) if claim else None
    if dispute.channel.value == "mastercard" and claim is not None and claim != DisputeType.change_of_mind:
        return "4853"  # 4855 and 4859 were folded into 4853 (Cardholder Dispute)
    return None


def put_fact(facts: dict[str, Any], name: str, value: Any) -> None:
    """Unknown stays unknown: a None is left out, so no rule can match on it."""
    if value is not None:
        facts[name] = value.value if hasattr(value, "value") else value


def case_facts(case: Case, delivered_on: Any) -> dict[str, Any]:
    """Facts about the whole case. `delivered_on` is the last parcel's day (or None)."""
    f: dict[str, Any] = {}
    buyer, seller, sale, order = case.buyer, case.seller, case.sale, case.order
    put_fact(f, "is_consumer", buyer.is_consumer)
    put_fact(f, "buyer_country", buyer.country)
    put_fact(f, "buyer_subdivision", buyer.subdivision)
    put_fact(f, "seller_country", seller.country)
    put_fact(f, "seller_targets_buyer", seller.targets_buyer_country or seller.country == buyer.country)
    put_fact(f, "same_country", seller.country == buyer.country)
    put_fact(f, "channel", sale.channel)
    put_fact(f, "platform", sale.platform)
    put_fact(f, "payment_method", sale.payment_method)
    if sale.payment_method is not None:
        f["paid_in_cash"] = sale.payment_method.value == "cash_on_delivery"
    put_fact(f, "withdrawal_info_given", sale.withdrawal_info_given)
    f["withdrawal_info_given_late"] = sale.withdrawal_info_given_at is not None
    put_fact(f, "return_policy_posted", sale.return_policy_posted)
    put_fact(f, "return_policy_kind", sale.return_policy_kind)
    put_fact(f, "return_policy_days", sale.return_policy_days)
    put_fact(f, "return_cost_disclosed", sale.return_cost_disclosed)
    put_fact(f, "free_return", sale.free_return)
    put_fact(f, "return_terms_on_confirmation_screen", sale.return_terms_on_confirmation_screen)
    put_fact(f, "return_terms_in_advertisement", sale.return_terms_in_advertisement)
    put_fact(f, "terms_require_return_arrival_within_period", sale.terms_require_return_arrival_within_period)
    put_fact(f, "warranty_excluded", sale.warranty_excluded)
    f["digital_consent_and_acknowledgement"] = bool(
        sale.immediate_performance_consent and sale.acknowledged_loss_of_withdrawal
    )
    if sale.card_creditor is not None:
        f["card_creditor_is_seller"] = sale.card_creditor.value == "seller"
    put_fact(f, "purpose_disclosed_to_supplier", order.purpose_disclosed_to_supplier)
    put_fact(f, "required_disclosure_given", sale.required_disclosure_given)

    parcels = [d.delivered_at for d in order.deliveries]
    f["split_delivery"] = len(parcels) > 1
    f["partly_delivered"] = bool(parcels) and any(p is None for p in parcels) and any(parcels)
    f["delivered"] = delivered_on is not None
    f["shipped"] = order.shipped_at is not None or delivered_on is not None
    put_fact(f, "shipping_time_stated", order.shipping_time_stated)
    f["delivery_date_agreed"] = order.agreed_delivery_date is not None
    put_fact(f, "delivery_date_essential", order.delivery_date_essential)
    promised = order.agreed_delivery_date or order.estimated_delivery_latest
    if promised is not None:
        f["delivered_late"] = (delivered_on or case.as_of) > promised
    f["promised_delivery_known"] = promised is not None
    sent = order.shipped_at or order.ordered_at
    if promised is not None and sent is not None:
        f["promised_delivery_days"] = (promised - sent).days
    put_fact(f, "platform_program", sale.platform_program)
    f["order_total"] = float(order_total(case))
    f["additional_period_set"] = order.additional_period_until is not None
    if order.additional_period_until is not None:
        f["additional_period_expired"] = (delivered_on or case.as_of) > order.additional_period_until
    put_fact(f, "delay_option_notice_sent", order.delay_option_notice_sent)
    f["contract_copy_received"] = order.contract_copy_received_at is not None
    f["item_count"] = len(case.items)
    lasting = [item.long_lasting for item in case.items]
    if any(lasting):
        f["any_item_long_lasting"] = True
    elif lasting and all(v is False for v in lasting):
        f["any_item_long_lasting"] = False
    value = returned_value(case)
    f["order_value"] = float(value)
    if order.return_shipping_cost is not None:
        f["return_shipping_exceeds_value"] = order.return_shipping_cost.amount > value
    if sale.returnless_refund_under is not None:
        f["returnless_threshold_met"] = value < sale.returnless_refund_under.amount

    reason = main_reason(case)
    put_fact(f, "reason", reason)
    f["fault"] = reason in FAULT_REASONS or any(item.condition in _CONDITION_REASON for item in case.items)
    f["no_fault"] = reason in NO_FAULT_REASONS
    request = case.return_request
    f["return_requested"] = request is not None
    if request is not None:
        put_fact(f, "failure_severity", request.failure_severity)
        put_fact(f, "defect_visible_on_delivery", request.defect_visible_on_delivery)
        put_fact(f, "supplier_can_repair", request.supplier_can_repair)
        f["consumer_agreed_to_repair"] = request.consumer_agreed_to_repair_at is not None
        put_fact(f, "return_cost_significant", request.return_cost_significant)
        put_fact(f, "consequential_loss", request.consequential_loss)
        put_fact(f, "uses_designated_carrier", request.uses_designated_carrier)
        f["seller_demanded_extra_return_fee"] = request.seller_demanded_extra_return_fee is not None
        put_fact(f, "requested_solution", request.requested_solution)
        f["goods_returned"] = request.goods_sent_at is not None or request.goods_received_at is not None

    tracking = case.tracking
    f["tracking_known"] = tracking is not None
    if tracking is not None:
        put_fact(f, "tracking_registered", tracking.registered)
        put_fact(f, "delivery_confirmed", tracking.delivered_confirmed)
        put_fact(f, "signature", tracking.signature)
        put_fact(f, "delivered_to_transaction_address", tracking.delivered_to_transaction_address)
        if tracking.last_event_at is not None and delivered_on is None:
            f["tracking_silent_days"] = (case.as_of - tracking.last_event_at).days

    dispute = case.dispute
    f["dispute_open"] = dispute is not None
    if dispute is not None:
        put_fact(f, "dispute_channel", dispute.channel)
        put_fact(f, "dispute_type", dispute.type)
        f["chargeback"] = dispute.channel is not None and dispute.channel.value in (
            "visa",
            "mastercard",
            "amex",
            "stripe",
        )
        if sale.platform is not None and sale.platform.value == "shopify" and dispute.channel in (None, "platform"):
            f["chargeback"] = True  # a Shopify store's only disputes are Shopify Payments chargebacks
        f["seller_responded"] = dispute.seller_responded_at is not None
        f["buyer_contacted_seller"] = dispute.buyer_contacted_seller_at is not None
        f["dispute_escalated"] = dispute.escalated_at is not None
        f["dispute_closed_by_buyer"] = dispute.closed_by_buyer_at is not None
        put_fact(f, "buyer_accepted_offer", dispute.buyer_accepted_offer)
        put_fact(f, "buyer_return_shipped", dispute.buyer_return_shipped)
        f["buyer_evidence_count"] = len(dispute.buyer_evidence)
        evidence = set(dispute.seller_evidence)
        f["seller_has_brand_authorization"] = bool(
            evidence & {"brand_authorization", "purchase_invoice", "authorization_letter"}
        )
        f["seller_has_delivery_proof"] = bool(
            evidence & {"delivery_proof", "tracking_delivered", "signature", "proof_of_delivery"}
        )
        f["seller_has_photos"] = bool(evidence & {"photos", "video", "pre_shipment_photos"})
        f["buyer_has_photos"] = bool(set(dispute.buyer_evidence) & {"photos", "video", "photo", "unboxing_video"})
        if not f.get("requested_solution"):
            put_fact(f, "requested_solution", dispute.requested_solution)

    claim = claim_type(case, delivered_on)
    put_fact(f, "claim_type", claim)
    put_fact(f, "card_reason_code", card_reason_code(case, claim))

    shipment = case.customs.return_shipment if case.customs else None
    f["cross_border_return"] = bool(
        shipment and shipment.from_country and shipment.to_country and shipment.from_country != shipment.to_country
    )
    return f


def item_facts(item: Item, case_reason: Reason | None) -> dict[str, Any]:
    f: dict[str, Any] = {}
    put_fact(f, "item_category", item.category)
    put_fact(f, "item_subtype", item.subtype.lower() if item.subtype else None)
    put_fact(f, "item_personalised", item.personalised)
    put_fact(f, "item_long_lasting", item.long_lasting)
    put_fact(f, "item_condition", item.condition)
    if item.condition is not None:
        f["item_unsealed"] = item.condition.value != "unused_with_tags"
    put_fact(f, "item_value_significantly_reduced", item.value_significantly_reduced)
    reason = item_reason(item, case_reason)
    put_fact(f, "item_return_reason", reason)
    f["item_fault"] = reason in FAULT_REASONS
    return f
