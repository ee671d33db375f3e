"""Field types shared by the Case and the Decision: countries, currencies, days, money."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any

import pycountry
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PlainSerializer


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@lru_cache(maxsize=1)
def _subdivisions() -> frozenset[str]:
    return frozenset(s.code for s in pycountry.subdivisions)


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _country(value: str) -> str:
    if value not in _countries():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return value


def _subdivision(value: str) -> str:
    if value not in _subdivisions():
        raise ValueError(f"{value!r} is not an ISO 3166-2 subdivision code (e.g. 'US-CA')")
    return value


def _currency(value: str) -> str:
    if value not in _currencies():
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (e.g. 'EUR')")
    return value


_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _language(value: str) -> str:
    if not _LANGUAGE.match(value):
        raise ValueError(f"{value!r} is not a BCP 47 language tag (e.g. 'de', 'zh-Hans')")
    return value


def _day(value: Any) -> Any:
    """A day: accept 'YYYY-MM-DD' or a full ISO 8601 time (its own calendar day is kept)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and len(value) > 10 and value[10] in "T ":
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return value  # let the date validator name the problem
    return value


def _hs_digits(value: str) -> str:
    """An HS code as written, checked only for its alphabet; the customs check judges it."""
    digits = re.sub(r"[.\s-]", "", value)
    if not digits.isdigit():
        raise ValueError(f"{value!r}: an HS code has only digits once '.', ' ' and '-' are removed")
    return value


Country = Annotated[str, AfterValidator(_country)]
Subdivision = Annotated[str, AfterValidator(_subdivision)]
Currency = Annotated[str, AfterValidator(_currency)]
Language = Annotated[str, AfterValidator(_language)]
Day = Annotated[date, BeforeValidator(_day)]
HSCode = Annotated[str, AfterValidator(_hs_digits)]

# Money in JSON is a plain decimal number; inside, Decimal keeps cents exact.
Amount = Annotated[Decimal, PlainSerializer(lambda d: float(d), return_type=float, when_used="json")]


class Money(BaseModel):
    """An amount with its currency; a bare number in a case means the order's currency."""

    model_config = ConfigDict(frozen=True)

    amount: Amount
    currency: Currency | None = None


def _money(value: Any) -> Any:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return {"amount": value}
    if isinstance(value, str):
        return {"amount": value}
    return value


MoneyIn = Annotated[Money, BeforeValidator(_money)]
