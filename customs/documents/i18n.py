"""Labels of the documents in the reader's language, through Babel's gettext catalogs.

The catalogs are ordinary `.po` files (translations/<locale>/LC_MESSAGES/documents.po) that a
translator edits; they are compiled in memory when first used, so nothing generated is kept in
the repository. Chinese sellers get bilingual labels ("Invoice number / 发票号码"): the English
for the carrier and customs abroad, the Chinese for the people who prepare the parcel.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations, Translations

LOCALES = {"zh": "zh_Hans", "de": "de"}  # languages with a catalog; others read English


@cache
def translations(language: str) -> NullTranslations:
    locale = LOCALES.get(language.split("-")[0].lower())
    if locale is None:
        return NullTranslations()
    po = resources.files("customs.documents").joinpath(f"translations/{locale}/LC_MESSAGES/documents.po")
    catalog = read_po(io.StringIO(po.read_text(encoding="utf-8")), locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain="documents")


@dataclass(frozen=True)
class Labels:
    """How a document speaks: its language, and whether it adds Chinese to the English."""

    language: str = "en"
    bilingual_zh: bool = False

    @property
    def locale(self) -> str:
        return "en" if self.bilingual_zh else LOCALES.get(self.language.split("-")[0].lower(), "en")

    @property
    def html_lang(self) -> str:
        return "en" if self.bilingual_zh else self.language

    def __call__(self, message: str) -> str:
        if self.bilingual_zh:
            chinese = translations("zh").gettext(message)
            return message if chinese == message else f"{message} / {chinese}"
        return translations(self.language).gettext(message)

    def money(self, amount: Decimal | None, currency: str | None) -> str:
        if amount is None:
            return "—"
        if not currency:
            return format_decimal(amount, format="#,##0.00", locale=self.locale)
        return format_currency(amount, currency, locale=self.locale)

    def day(self, value: date | None) -> str:
        if value is None:
            return "—"
        if self.bilingual_zh:  # unambiguous in both languages
            return value.isoformat()
        return format_date(value, format="medium", locale=self.locale)
