"""Languages: the UI's translations (Flask-Babel), and dates, money and country names
localized with Babel (country names from Babel's CLDR data, pycountry where CLDR has none).

The catalogues live in web/translations/<locale>/LC_MESSAGES/messages.po; they are compiled
to .mo files under the instance folder when the app starts, so a stale binary never ships.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pycountry
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from flask import Flask, current_app, request, session
from flask_babel import Babel, format_date, format_datetime, get_locale
from flask_login import current_user

# locale id -> the language's own name, shown in the switch
LANGUAGES = {
    "en": "English",
    "zh_Hans": "简体中文",
    "de": "Deutsch",
    "ja": "日本語",
    "es": "Español",
    "fr": "Français",
}
SOURCE = Path(__file__).parent / "translations"

babel = Babel()


def select_locale() -> str:
    chosen = session.get("language")
    if chosen in LANGUAGES:
        return str(chosen)
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return str(current_user.language)
    # Accept-Language 'zh-CN' or 'zh' means Simplified Chinese here
    offered = {code.replace("_", "-"): code for code in LANGUAGES} | {"zh": "zh_Hans", "zh-CN": "zh_Hans"}
    best = request.accept_languages.best_match(list(offered)) if request else None
    return offered.get(best or "", "en")


def compile_catalogues(target: Path) -> Path:
    """Write each messages.po as a .mo under `target` when the .po is newer."""
    for po in SOURCE.glob("*/LC_MESSAGES/messages.po"):
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as source:
            catalogue = read_po(source)
        tmp = mo.with_suffix(".tmp")
        with tmp.open("wb") as out:
            write_mo(out, catalogue, use_fuzzy=False)
        tmp.replace(mo)  # atomic: a second worker never reads half a file
    return target


def html_lang() -> str:
    return str(get_locale() or "en").replace("_", "-")


def country_name(code: str | None) -> str:
    if not code:
        return ""
    country, _, subdivision = code.partition("-")
    locale = get_locale() or Locale("en")
    name = locale.territories.get(country)
    if name is None:
        found = pycountry.countries.get(alpha_2=country)
        name = found.name if found else country
    if subdivision:
        sub = pycountry.subdivisions.get(code=code)
        return f"{name} – {sub.name}" if sub else f"{name} – {subdivision}"
    return name


def money(amount: Decimal | float | str | None, currency: str | None) -> str:
    if amount is None or amount == "":
        return "–"
    value = Decimal(str(amount))
    locale = get_locale() or Locale("en")
    if not currency:
        return format_decimal(value, format="#,##0.00", locale=locale)
    return format_currency(value, currency, locale=locale)


def day(value: date | str | None, form: str = "medium") -> str:
    if not value:
        return "–"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return format_date(value, format=form)


def moment(value: datetime | str | None) -> str:
    if not value:
        return "–"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return format_datetime(value, format="medium")


def init_app(app: Flask) -> None:
    target = compile_catalogues(Path(app.instance_path) / "translations")
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(target)
    babel.init_app(app, locale_selector=select_locale)
    from web.labels import label

    app.jinja_env.filters.update(country=country_name, money=money, day=day, moment=moment, label=label)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, html_lang=html_lang, current_locale=lambda: str(get_locale()))


def today() -> date:
    return current_app.config.get("TODAY") or date.today()
