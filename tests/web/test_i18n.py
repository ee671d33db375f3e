"""Languages: the switch, the catalogues, and dates, money and countries in the chosen locale."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.web.conftest import upload_examples
from web.i18n import LANGUAGES

TRANSLATIONS = Path(__file__).parents[2] / "web" / "translations"


def test_switching_to_chinese_translates_the_pages(as_role) -> None:
    c = as_role("reviewer")
    assert "Review queue" in c.get("/queue").get_data(as_text=True)
    response = c.post("/language", {"language": "zh_Hans", "next": "/queue"})
    assert response.status_code == 302 and response.headers["Location"] == "/queue"
    html = c.get("/queue").get_data(as_text=True)
    assert '<html lang="zh-Hans">' in html
    assert "审核队列" in html and "退出登录" in html
    assert "Review queue" not in html


def test_the_choice_follows_the_user_to_a_new_session(app, as_role) -> None:
    c = as_role("support")
    c.post("/language", {"language": "de", "next": "/queue"})
    fresh = as_role("support")
    assert "Prüfliste" in fresh.get("/queue").get_data(as_text=True)


def test_the_switch_never_redirects_off_site(as_role) -> None:
    c = as_role("support")
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = c.post("/language", {"language": "fr", "next": target})
        assert response.headers["Location"] == "/queue"


def test_an_unknown_language_is_ignored(as_role) -> None:
    c = as_role("support")
    c.post("/language", {"language": "xx", "next": "/queue"})
    assert "Review queue" in c.get("/queue").get_data(as_text=True)


def test_the_browsers_language_is_the_default(client) -> None:
    html = client.get("/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True)
    assert "登录 Bordercase" in html
    html = client.get("/login", headers={"Accept-Language": "ja"}).get_data(as_text=True)
    assert "Bordercase にログイン" in html


def test_dates_money_and_countries_are_localized_on_the_case_page(app, as_role) -> None:
    c = as_role("reviewer")
    upload_examples(c)
    queue = c.get("/queue?jurisdiction=DE&q=DE-1").get_data(as_text=True)
    assert "Germany" in queue and "Jan 11, 2027" in queue and "€89.00" in queue
    c.post("/language", {"language": "zh_Hans", "next": "/queue"})
    queue = c.get("/queue?jurisdiction=DE&q=DE-1").get_data(as_text=True)
    assert "德国" in queue and "2027年1月11日" in queue and "€89.00" in queue
    c.post("/language", {"language": "de", "next": "/queue"})
    queue = c.get("/queue?jurisdiction=DE&q=DE-1").get_data(as_text=True)
    assert "Deutschland" in queue and "11.01.2027" in queue and "89,00\xa0€" in queue


@pytest.mark.parametrize("locale", [code for code in LANGUAGES if code != "en"])
def test_every_message_is_translated(locale: str) -> None:
    with (TRANSLATIONS / "messages.pot").open("rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalogue = read_po(f, locale=locale)
    done = {m.id for m in catalogue if m.id and m.string}
    assert wanted - done == set()
    for message in catalogue:
        if message.id and "%(" in str(message.id):
            # every placeholder survives translation
            import re

            assert set(re.findall(r"%\(\w+\)s", str(message.id))) == set(re.findall(r"%\(\w+\)s", str(message.string)))


def test_the_template_catalogue_is_up_to_date(tmp_path) -> None:
    """Every string in the code is in messages.pot (run pybabel extract when this fails)."""
    from babel.messages.extract import extract_from_dir

    root = Path(__file__).parents[2]
    method_map = [("web/**.py", "python"), ("web/templates/**.html", "jinja2")]
    found = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(
            str(root), method_map, keywords={"_": None, "_l": None, "gettext": None, "ngettext": (1, 2)}
        )
        if message[0].startswith("web")
    }
    with (TRANSLATIONS / "messages.pot").open("rb") as f:
        known = {m.id for m in read_po(f) if m.id}
    assert found - known == set()
