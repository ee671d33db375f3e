"""Thresholds and what was paid: the de minimis in force at each end of the return route, and
the duty and import VAT the original import paid — as recorded, none when the import was
within a threshold, or estimated from a flat duty per tariff subheading (EU, 2026-07-01 to
2028-07-01) when the case does not say.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from customs import relief
from customs.hs import check_code, tariff_area
from rules.case import Case
from rules.decision import DeMinimis
from rules.loader import Pack
from rules.periods import keyed_day
from rules.vocab import RouteEnd


def governs(file_code: str, country: str) -> bool:
    """Customs rules from a file apply to a country in its customs territory: the EU's to the
    member states, not to an EEA state whose consumer-law file extends the EU's (NO, IS, LI)."""
    return file_code in (country, tariff_area(country))


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# The thresholds a jurisdiction's customs file may give: on the goods' value (no duty, or no
# import VAT / GST collected at the border, at or below it) or on the tax amount itself (CH:
# duty or VAT of at most CHF 5 is not collected).
THRESHOLDS = (
    ("de_minimis_duty", "duty"),
    ("de_minimis_vat", "vat"),
    ("de_minimis_duty_amount", "duty_amount"),
    ("de_minimis_vat_amount", "vat_amount"),
)


def de_minimis(pack: Pack, case: Case, end: RouteEnd, country: str) -> list[DeMinimis]:
    """Was the value (or the tax) within each threshold in force: on the import day at the
    leaving end, on the day the goods come back at the entering end?"""
    customs = case.customs
    assert customs is not None
    imp = customs.original_import
    returned = sum((i.line_total for i in case.items), Decimal(0))
    if end == RouteEnd.leaving:
        day = keyed_day(case, "import")
        value = (imp.customs_value if imp else None) or returned
        currency = (imp.currency if imp else None) or case.order.currency
    else:
        day, value, currency = keyed_day(case, "return_export"), returned, case.order.currency
    taxes = {"duty_amount": imp.duty_paid if imp else None, "vat_amount": imp.vat_paid if imp else None}
    found = []
    for name, basis in THRESHOLDS:
        parameter = pack.parameters.get(name)
        in_force = parameter.at(day) if parameter is not None and governs(parameter.file.code, country) else None
        if parameter is None or in_force is None:
            continue
        citation, tax = str(in_force.citation), basis.split("_")[0]
        if in_force.value is None:
            why = in_force.note or f"no {tax} threshold in force on {day}: {tax} is due on any value"
            found.append(
                DeMinimis(
                    jurisdiction=parameter.file.code,
                    end=end.value,
                    applies=False,
                    basis=basis,
                    citation=citation,
                    why=why,
                )
            )
            continue
        threshold = _money(in_force.value)
        assert threshold is not None
        compared = taxes[basis] if basis.endswith("_amount") else value
        if end == RouteEnd.entering and basis.endswith("_amount"):
            compared = None  # the tax on the way back in is not known
        applies = relief.at_or_below(compared, currency, threshold, parameter.currency)
        what = f"the {tax} amount" if basis.endswith("_amount") else "the value"
        if compared is None:
            why = f"{what} is not known: not compared"
        elif applies is None:
            why = f"{what} is in {currency}, the threshold in {parameter.currency}: not compared (no exchange rate is guessed)"
        else:
            verdict = "within" if applies else "above"
            why = f"{what} ({compared} {currency}) on {day} is {verdict} the threshold of {threshold} {parameter.currency}"
        if in_force.note:
            why += f"; {in_force.note}"
        found.append(
            DeMinimis(
                jurisdiction=parameter.file.code,
                end=end.value,
                applies=applies,
                threshold=threshold,
                currency=parameter.currency,
                basis=basis,
                citation=citation,
                why=why,
            )
        )
    return found


@dataclass(frozen=True)
class Paid:
    """The duty and import VAT paid on the original import (None: not known)."""

    duty: Decimal | None
    vat: Decimal | None
    note: str | None = None  # how an amount not in the case was arrived at


def flat_duty_estimate(pack: Pack, case: Case, country: str) -> tuple[Decimal, str] | None:
    """The flat duty per distinct tariff subheading a low-value consignment owed, when one is in
    force on the import day and every line has a valid HS code."""
    per_line, ceiling = (
        pack.parameters.get("low_value_flat_duty_per_line"),
        pack.parameters.get("low_value_flat_duty_ceiling"),
    )
    imp = case.customs.original_import if case.customs else None
    if per_line is None or ceiling is None or imp is None or not governs(per_line.file.code, country):
        return None
    day = keyed_day(case, "import")
    rate, limit = per_line.at(day), ceiling.at(day)
    value = imp.customs_value if imp.customs_value is not None else sum((i.line_total for i in case.items), Decimal(0))
    currency = imp.currency or case.order.currency
    if rate is None or limit is None or rate.value is None or limit.value is None:
        return None
    if not relief.at_or_below(value, currency, Decimal(str(limit.value)), ceiling.currency):
        return None
    codes = [check_code(i.hs_code, (country,), day) for i in case.items if i.hs_code]
    if len(codes) < len(case.items) or not all(c.valid for c in codes):
        return None
    subheadings = {c.digits[:6] for c in codes}
    duty = Decimal(str(rate.value)) * len(subheadings)
    note = (
        f"Duty not recorded in the case: estimated as {rate.value} {per_line.currency} for each of the "
        f"{len(subheadings)} tariff subheading(s) of a consignment of at most {limit.value} {ceiling.currency} ({rate.citation})."
    )
    return duty, note


def paid_at_import(pack: Pack, case: Case, country: str, minimis: list[DeMinimis]) -> Paid:
    imp = case.customs.original_import if case.customs else None
    if imp is None:
        return Paid(None, None)
    within = {m.basis for m in minimis if m.applies}
    duty, vat, note = imp.duty_paid, imp.vat_paid, None
    if duty is None and "duty" in within:
        duty = Decimal(0)
    if vat is None and "vat" in within:
        vat = Decimal(0)
    if duty is None:
        estimate = flat_duty_estimate(pack, case, country)
        if estimate is not None:
            duty, note = estimate
    return Paid(duty, vat, note)
