"""The Case: one return, with its order, and optionally a dispute and the goods' customs history.

Field names follow shared/contract/README.md exactly; they are a public interface. Unknown
fields are kept aside and reported as warnings rather than refused, so a tool that sends a
newer field still gets a decision (a typo shows up in the warnings).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from rules.types import Amount, Country, Currency, Day, HSCode, Language, MoneyIn, Subdivision
from rules.vocab import (
    AcceptedOffer,
    CardCreditor,
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
    SaleChannel,
    WorkDoneAbroad,
)


def _case_id(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", value):
        raise ValueError(f"{value!r}: a case id is 1-64 of the characters A-Z a-z 0-9 . _ -")
    return value


CaseId = Annotated[str, AfterValidator(_case_id)]
Count = Annotated[int, Field(ge=0)]
Positive = Annotated[int, Field(ge=1)]
NonNegative = Annotated[Amount, Field(ge=0)]


class Part(BaseModel):
    """A part of a case: extra keys are allowed in, then reported by `unknown_fields`."""

    model_config = ConfigDict(extra="allow", use_enum_values=False)


class Buyer(Part):
    country: Country
    subdivision: Subdivision | None = None
    is_consumer: bool = True
    language: Language | None = None
    name: str | None = None
    address: str | None = None
    tax_ids: dict[str, str] = Field(default_factory=dict)  # a business buyer's EORI, VAT ... (documents)
    email: str | None = None
    phone: str | None = None

    @model_validator(mode="after")
    def _subdivision_in_country(self) -> Buyer:
        if self.subdivision and not self.subdivision.startswith(self.country + "-"):
            raise ValueError(f"subdivision {self.subdivision!r} is not in country {self.country!r}")
        return self


class Seller(Part):
    country: Country
    name: str | None = None
    address: str | None = None
    tax_ids: dict[str, str] = Field(default_factory=dict)
    targets_buyer_country: bool = True
    email: str | None = None
    phone: str | None = None


class Sale(Part):
    channel: SaleChannel | None = None
    platform: Platform | None = None
    withdrawal_info_given: bool = True
    withdrawal_info_given_at: Day | None = None
    return_policy_posted: bool = True
    return_policy_days: Count | None = None
    return_policy_kind: ReturnPolicyKind | None = None
    return_cost_disclosed: bool | None = None
    free_return: bool | None = None
    returnless_refund_under: MoneyIn | None = None
    payment_method: PaymentMethod | None = None
    return_terms_on_confirmation_screen: bool | None = None
    return_terms_in_advertisement: bool | None = None
    warranty_excluded: bool | None = None
    immediate_performance_consent: bool | None = None
    acknowledged_loss_of_withdrawal: bool | None = None
    terms_require_return_arrival_within_period: bool | None = None
    disclosed_return_shipping_fee: MoneyIn | None = None
    card_creditor: CardCreditor | None = None
    # the platform's seller programme where its rules differ by it: Lazada `lazmall`, `choice`,
    # `marketplace`, `lazglobal`; Shopee `mall`; Mercado Libre `global_selling`
    platform_program: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None = None
    required_disclosure_given: bool | None = None


class Delivery(Part):
    sku: str | None = None
    delivered_at: Day | None = None


class Order(Part):
    order_id: str | None = None
    ordered_at: Day | None = None
    shipped_at: Day | None = None
    estimated_delivery_latest: Day | None = None
    agreed_delivery_date: Day | None = None
    delivery_date_essential: bool | None = None
    buyer_confirmed_receipt_at: Day | None = None
    return_shipping_cost: MoneyIn | None = None
    delivered_at: Day | None = None
    currency: Currency | None = None
    delivery_fee_paid: NonNegative | None = None
    cheapest_standard_delivery_fee: NonNegative | None = None
    delivery_country: Country | None = None
    deliveries: list[Delivery] = Field(default_factory=list)
    shipping_time_stated: bool | None = None
    additional_period_until: Day | None = None
    contract_copy_received_at: Day | None = None
    delay_option_notice_sent: bool | None = None
    purpose_disclosed_to_supplier: bool | None = None


class Item(Part):
    sku: str | None = None
    description: str | None = None
    category: Category | None = None
    subtype: str | None = None
    personalised: bool | None = None
    long_lasting: bool | None = None
    quantity: Positive = 1
    quantity_ordered: Positive | None = None
    quantity_received: Count | None = None
    quantity_imported: Count | None = None
    quantity_exported: Count | None = None
    unit_price: NonNegative = Decimal(0)
    hs_code: HSCode | None = None
    origin_country: Country | None = None
    weight_kg: Annotated[float, Field(ge=0)] | None = None
    condition: ItemCondition | None = None
    return_reason: Reason | None = None
    value_significantly_reduced: bool | None = None
    serial_number: str | None = None

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


class Tracking(Part):
    carrier: str | None = None
    number: str | None = None
    registered: bool | None = None
    last_event_at: Day | None = None
    delivered_confirmed: bool | None = None
    signature: bool | None = None
    delivered_to_transaction_address: bool | None = None


class ReturnRequest(Part):
    requested_at: Day | None = None
    notice_received_at: Day | None = None
    goods_sent_at: Day | None = None
    goods_received_at: Day | None = None
    reason: Reason | None = None
    evidence: list[str] = Field(default_factory=list)
    defect_discovered_at: Day | None = None
    defect_visible_on_delivery: bool | None = None
    failure_severity: FailureSeverity | None = None
    uses_designated_carrier: bool | None = None
    seller_demanded_extra_return_fee: MoneyIn | None = None
    supplier_can_repair: bool | None = None
    consumer_agreed_to_repair_at: Day | None = None
    return_cost_significant: bool | None = None
    consequential_loss: bool | None = None
    requested_solution: RequestedSolution | None = None


class Dispute(Part):
    channel: DisputeChannel | None = None
    type: DisputeType | None = None
    reason_code: str | None = None
    opened_at: Day | None = None
    escalated_at: Day | None = None
    buyer_contacted_seller_at: Day | None = None
    seller_responded_at: Day | None = None
    processor_due_by: Day | None = None
    requested_solution: RequestedSolution | None = None
    requested_amount: MoneyIn | None = None
    buyer_accepted_offer: AcceptedOffer | None = None
    buyer_evidence: list[str] = Field(default_factory=list)
    seller_evidence: list[str] = Field(default_factory=list)
    buyer_return_shipped: bool | None = None
    return_delivered_at: Day | None = None
    credit_receipt_at: Day | None = None
    closed_by_buyer_at: Day | None = None


class OriginalExport(Part):
    country: Country | None = None
    date: Day | None = None
    regime_code: str | None = None
    in_free_circulation: bool | None = None
    drawback_claimed: bool | None = None
    declaration_number: str | None = None
    under_lease: bool | None = None  # exported under a lease or similar use agreement (HTSUS 9801.00.20)


class OriginalImport(Part):
    country: Country | None = None
    date: Day | None = None
    duty_paid: NonNegative | None = None
    vat_paid: NonNegative | None = None
    customs_value: NonNegative | None = None
    currency: Currency | None = None
    entry_number: str | None = None
    importer_of_record: ImporterOfRecord | None = None
    incoterm: str | None = None
    importer_vat_registered: bool | None = None
    importer_is_consumer: bool | None = None
    ioss: bool | None = None
    regime_code: str | None = None
    debt_notified_at: Day | None = None


class ReturnShipment(Part):
    from_country: Country | None = None
    to_country: Country | None = None
    export_date: Day | None = None
    reimport_date: Day | None = None  # declared back in at the other end (default: export_date)
    incoterm: str | None = None  # the return shipment's own Incoterms 2020 term (documents)
    claim_date: Day | None = None
    extension_approved: bool | None = None
    reimporter_is_original_exporter: bool | None = None
    work_done_abroad: WorkDoneAbroad | None = None


class Customs(Part):
    original_export: OriginalExport | None = None
    original_import: OriginalImport | None = None
    return_shipment: ReturnShipment | None = None
    personal_use: bool | None = None
    purchase_channel: PurchaseChannel | None = None
    point_of_sale_vat: bool | None = None


class Case(Part):
    case_id: CaseId
    as_of: Day = Field(default_factory=date.today)
    buyer: Buyer
    seller: Seller
    sale: Sale = Field(default_factory=Sale)
    order: Order = Field(default_factory=Order)
    items: Annotated[list[Item], Field(min_length=1)]
    tracking: Tracking | None = None
    return_request: ReturnRequest | None = None
    dispute: Dispute | None = None
    customs: Customs | None = None


class CaseError(ValueError):
    """A case that is not valid: every problem, each naming its field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def field_path(loc: tuple[int | str, ...]) -> str:
    """('items', 0, 'hs_code') -> 'items[0].hs_code'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(case)"


def describe_errors(error: ValidationError) -> list[str]:
    problems = []
    for e in error.errors(include_url=False):
        # pydantic puts the union or validator branch in the loc; keep only field names
        loc = tuple(p for p in e["loc"] if isinstance(p, int) or not str(p).startswith(("function-", "lax-", "json-")))
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "missing":
            msg = "required"
        elif "input" in e and e["type"] not in ("value_error",) and not isinstance(e["input"], (dict, list)):
            msg = f"{msg} (got {e['input']!r})"
        problems.append(f"{field_path(loc)}: {msg}")
    return problems


def parse_case(data: Any) -> Case:
    """Validate raw JSON data into a Case, or raise CaseError naming every bad field."""
    if not isinstance(data, dict):
        raise CaseError(["(case): a case is a JSON object"])
    try:
        return Case.model_validate(data)
    except ValidationError as error:
        raise CaseError(describe_errors(error)) from None


@cache
def _nested(cls: type[BaseModel]) -> tuple[str, ...]:
    """Fields of a model that can hold further parts (so unknown keys may hide there)."""

    def holds_part(annotation: Any) -> bool:
        if isinstance(annotation, type) and issubclass(annotation, Part):
            return True
        return any(holds_part(arg) for arg in get_args(annotation))

    return tuple(name for name, info in cls.model_fields.items() if holds_part(info.annotation))


def parse_case_json(text: str | bytes) -> Case:
    """Like parse_case, from JSON text: pydantic parses it in one pass (a batch's hot path)."""
    try:
        return Case.model_validate_json(text)
    except ValidationError as error:
        bad_json = [e for e in error.errors(include_url=False) if e["type"] == "json_invalid"]
        if bad_json:
            raise CaseError([f"(case): not valid JSON: {bad_json[0]['msg'].removeprefix('Invalid JSON: ')}"]) from None
        if any(e["type"] == "model_type" and not e["loc"] for e in error.errors(include_url=False)):
            raise CaseError(["(case): a case is a JSON object"]) from None
        raise CaseError(describe_errors(error)) from None


def unknown_fields(model: BaseModel, prefix: str = "") -> list[str]:
    """Paths of keys a case carried that the contract does not define."""
    found = [f"{prefix}{key}" for key in (model.__pydantic_extra__ or {})]
    for name in _nested(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            found += unknown_fields(value, f"{prefix}{name}.")
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    found += unknown_fields(element, f"{prefix}{name}[{i}].")
    return found
