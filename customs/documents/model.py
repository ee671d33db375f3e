"""The data of a return shipment's papers, ready for the templates (no rules engine here).

`rules.documents` fills these from a Case and its Decision; the templates only format them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Party:
    name: str | None = None
    address: str | None = None
    country: str | None = None
    tax_ids: dict[str, str] = field(default_factory=dict)
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Line:
    sku: str | None
    description: str
    hs_code: str | None  # as declared; the papers print it as given (never repaired)
    hs_valid: bool
    origin: str | None
    quantity: int
    unit_value: Decimal
    currency: str | None
    net_kg: float | None  # the line's weight (unit weight x quantity), when known
    reason: str | None
    condition: str | None
    serial_number: str | None = None
    dangerous_goods: tuple[str, ...] = ()

    @property
    def value(self) -> Decimal:
        return self.unit_value * self.quantity


@dataclass(frozen=True)
class Regime:
    regime: str
    jurisdiction: str
    eligible: bool
    deadline: date | None
    amount: Decimal | None
    currency: str | None
    basis: str | None
    citation: str
    unmet: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReturnPapers:
    """Everything the return's documents print."""

    case_id: str
    number: str  # the return invoice's own number
    issued_on: date
    exporter: Party  # who sends the goods back (the buyer, or the seller's agent)
    consignee: Party  # who receives them (the seller)
    from_country: str
    to_country: str
    currency: str | None
    incoterm: str | None
    lines: list[Line]
    original_invoice: str | None = None
    original_order_date: date | None = None
    original_delivery_date: date | None = None
    original_tracking: str | None = None
    original_export_ref: str | None = None
    original_export_date: date | None = None
    original_entry: str | None = None
    original_import_date: date | None = None
    import_currency: str | None = None
    duty_paid: Decimal | None = None
    vat_paid: Decimal | None = None
    reason: str | None = None  # the contract's reason id (defective, not_as_described, ...)
    requested_at: date | None = None
    defect_discovered_at: date | None = None
    export_date: date | None = None
    regimes: list[Regime] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    notice_of_intent_by: date | None = None  # CBP 7553: last day to file
    importer: Party | None = None  # the importer of record of the original import, when known

    @property
    def total_value(self) -> Decimal:
        return sum((line.value for line in self.lines), Decimal(0))

    @property
    def total_net_kg(self) -> float | None:
        weights = [line.net_kg for line in self.lines]
        return round(sum(w for w in weights if w is not None), 3) if all(w is not None for w in weights) else None

    def regime(self, *names: str) -> Regime | None:
        return next((r for r in self.regimes if r.regime in names), None)
