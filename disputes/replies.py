"""Replies for support to send the buyer, in the buyer's language, dates and money as that locale writes them.

Each language is one file, `disputes/replies/<language>.yaml`, so a translator edits text and
nothing else. A template is a subject and body lines. A line in a list is a choice: the first
one whose placeholders the case fills is used. A line `{if: flag, text: ...}` is used only when
the flag holds. A line whose placeholders are missing is left out, so no reply ever shows an
empty "{date}". Placeholders: name, seller, order, amount, requested, carrier, delivered_on,
expected_by, last_event, return_by; flags: signed, seller_pays_return, buyer_pays_return,
platform_pays_return.

The language is the buyer's BCP 47 tag (`buyer.language`), else the main language of the
buyer's country: its language and script choose the template (zh-Hans, and a plain `zh` reads
as Simplified; pt-BR and pt-PT share `pt`), falling back to English (also for zh-Hant, which
has no template yet: Simplified text is not what a Taiwanese or Hong Kong buyer expects). The locale that formats dates and money adds the tag's region, else the
buyer's country, where Babel knows that combination (es + MX: es_MX).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError, localedata
from babel.dates import format_date
from babel.languages import get_official_languages
from babel.numbers import format_currency, format_decimal

FOLDER = Path(__file__).resolve().parent / "replies"
LANGUAGES = ("en", "es", "fr", "de", "pt", "ru", "ja", "ko", "zh-Hans")
FALLBACK = "en"
TEMPLATES = (
    "refund",
    "reship",
    "return_and_refund",
    "partial_refund",
    "delivered",
    "in_transit",
    "chargeback",
    "authentic",
    "generic",
)


@dataclass(frozen=True)
class Values:
    """What a reply may say about the case; None where the case does not say."""

    order: str | None = None
    amount: Decimal | None = None
    requested: Decimal | None = None
    currency: str | None = None
    carrier: str | None = None
    delivered_on: date | None = None
    expected_by: date | None = None
    last_event: date | None = None
    return_by: date | None = None
    name: str | None = None
    seller: str | None = None
    flags: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Reply:
    language: str  # the template's language (en, zh-Hans ...)
    locale: str  # the locale that formatted it (es_MX, zh_Hans_CN ...)
    subject: str
    body: str


@cache
def templates(language: str) -> dict[str, Any]:
    with (FOLDER / f"{language}.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


@lru_cache(maxsize=512)
def choose(tag: str | None, country: str | None = None) -> tuple[str, Locale]:
    """(template language, formatting locale) for a buyer's language tag and country. With no
    tag, the country's main language (Babel's official or de facto one) stands in for it."""
    if not tag and country:
        spoken = get_official_languages(country, de_facto=True)
        tag = spoken[0].replace("_", "-") if spoken else None
    try:
        parsed = Locale.parse(tag, sep="-") if tag else None
    except (ValueError, UnknownLocaleError):
        parsed = None
    language = FALLBACK
    if parsed is not None:
        script = parsed.script or ("Hans" if parsed.language == "zh" and not parsed.territory else None)
        for candidate in (f"{parsed.language}-{script}" if script else None, parsed.language):
            if candidate in LANGUAGES:
                language = candidate
                break
    base = language.replace("-", "_")
    region = (parsed.territory if parsed is not None and language != FALLBACK else None) or country
    for name in (f"{base}_{region}" if region else None, base):
        if name and localedata.exists(name):
            return language, Locale.parse(name)
    return language, Locale.parse(base)


def render(key: str, tag: str | None, country: str | None, values: Values) -> Reply:
    language, locale = choose(tag, country)
    texts = templates(language)
    template = texts["templates"][key]
    filled = _filled(values, locale)
    subject = _pick(template["subject"], filled, values.flags) or ""
    lines = [_pick(line, filled, values.flags) for line in template["body"]]
    greeting = _pick(texts["greeting"], filled, values.flags)
    sign_off = _pick(texts["sign_off"], filled, values.flags)
    # one sentence a line: no joining space to get wrong in Japanese or Chinese
    body = "\n\n".join(x for x in [greeting, "\n".join(x for x in lines if x), sign_off] if x)
    return Reply(language, str(locale), subject, body)


def _filled(values: Values, locale: Locale) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("order", "carrier", "name", "seller"):
        text = getattr(values, name)
        if text:
            out[name] = str(text)
    for name in ("amount", "requested"):
        amount = getattr(values, name)
        if amount is not None:
            out[name] = (
                format_currency(amount, values.currency, locale=locale)
                if values.currency
                else format_decimal(amount, locale=locale)
            )
    for name in ("delivered_on", "expected_by", "last_event", "return_by"):
        day = getattr(values, name)
        if day is not None:
            out[name] = format_date(day, "long", locale=locale)
    return out


def _pick(line: Any, filled: dict[str, str], flags: frozenset[str]) -> str | None:
    """The text of a template line, or None when its flag is off or its placeholders are missing."""
    if isinstance(line, list):
        return next((text for text in (_pick(choice, filled, flags) for choice in line) if text), None)
    if isinstance(line, dict):
        if line.get("if") not in flags:
            return None
        line = line["text"]
    if not _placeholders(line) <= filled.keys():
        return None
    # a date that ends in a period (Russian "15 октября 2026 г.") closing a sentence
    return _DOUBLE_STOP.sub(".", str(line).format(**filled))


@lru_cache(maxsize=4096)
def _placeholders(line: str) -> frozenset[str]:
    """The {names} a template line needs (templates are few: parse each line once)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(line) if name)


_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
