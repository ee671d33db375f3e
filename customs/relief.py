"""Money and thresholds of customs refunds and reliefs: plain computations, no rules engine.

The share a regime refunds is of what was paid on the goods being returned: when only part of
an import goes back, the duty (and tax) paid is divided in proportion to the lines' values,
and a line that does not qualify counts 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Line:
    key: str  # the SKU or "line N"
    returned_value: Decimal  # unit price x quantity being returned
    imported_value: Decimal  # unit price x quantity imported
    qualifies: bool = True


def returned_fraction(lines: list[Line]) -> Decimal:
    """How much of the import goes back, by value (1 when everything imported returns)."""
    imported = sum((line.imported_value for line in lines), Decimal(0))
    returned = sum((line.returned_value for line in lines), Decimal(0))
    if imported <= 0:
        return Decimal(1)
    return min(Decimal(1), returned / imported)


def qualifying_fraction(lines: list[Line]) -> Decimal:
    """The value share of the returned lines that qualify; lines that do not count 0."""
    returned = sum((line.returned_value for line in lines), Decimal(0))
    if returned <= 0:
        return Decimal(1) if all(line.qualifies for line in lines) else Decimal(0)
    return sum((line.returned_value for line in lines if line.qualifies), Decimal(0)) / returned


def paid_on_returned(duty: Decimal | None, vat: Decimal | None, basis: str | None, lines: list[Line]) -> Decimal | None:
    """What was paid at the border on the goods being returned, for the regime's basis."""
    if basis == "vat":
        parts = [vat]
    elif basis in ("duty_and_vat", "duty_taxes_and_fees"):
        parts = [duty, vat]
    else:
        parts = [duty]
    known = [p for p in parts if p is not None]
    if not known:
        return None
    return sum(known, Decimal(0)) * returned_fraction(lines)


@dataclass(frozen=True)
class Refund:
    share: float  # of what was paid on the goods being returned
    amount: Decimal | None


def refund(regime_share: Decimal, lines: list[Line], paid: Decimal | None, eligible: bool) -> Refund:
    if not eligible:
        return Refund(0.0, Decimal(0) if paid is not None else None)
    share = regime_share * qualifying_fraction(lines)
    amount = (share * paid).quantize(CENT, ROUND_HALF_UP) if paid is not None else None
    return Refund(float(round(share, 4)), amount)


def at_or_below(
    value: Decimal | None, currency: str | None, threshold: Decimal, threshold_currency: str | None
) -> bool | None:
    """The value is within the threshold; None when they are in different currencies (no rate
    is guessed: Bordercase holds no exchange rates)."""
    if value is None or (currency and threshold_currency and currency != threshold_currency):
        return None
    return value <= threshold


def working_days_before(day: date, count: int, is_working_day: Callable[[date], bool]) -> date:
    """The `count`-th working day before `day`: the last day to file a notice due "at least 5
    working days prior to the date of intended exportation" (19 CFR 190.35, CBP 7553)."""
    seen = 0
    current = day
    while seen < count:
        current -= timedelta(days=1)
        if is_working_day(current):
            seen += 1
    return current
