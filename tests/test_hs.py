"""HS codes: the check follows the contract to the letter, and search finds what sellers name."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from click.testing import CliRunner

from customs.hs import check_code, dotted, hs2022
from customs.search import search
from rules.cli import main


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("10121", "leading zeros are never added"),  # 010121 would be horses: never padded
        ("8518", "a heading, not a subheading"),
        ("85", "a chapter, not a subheading"),
        ("8518301", "7 digits"),
        ("85183000001", "11 digits"),
        ("851712", "not an HS 2022 subheading"),  # HS 2017 smartphones, gone in 2022
        ("850799", "not an HS 2022 subheading (heading 8507 exists)"),
        ("770100", "chapter 77 is reserved for future use"),
        ("980100", "chapter 98 is reserved for national use"),
        ("9801.00.10", "chapter 98 is reserved for national use"),
        ("999999", "chapter 99 is reserved for national use"),
        ("8518/30", "only digits"),
    ],
)
def test_invalid_codes_are_reported_never_repaired(code, problem):
    result = check_code(code)
    assert result.valid is False
    assert result.description is None
    assert problem in result.problem


@pytest.mark.parametrize("code", ["851830", "8518.30", "8518 30", "8518-30-00", "8518300000", "851830009"])
def test_valid_codes_and_national_extensions(code):
    result = check_code(code)
    assert result.valid, result.problem
    assert result.description.startswith("Headphones and earphones")


def test_national_lengths_follow_the_countries_on_the_route():
    assert check_code("851830000", ["JP"]).valid  # Japan: 9 digits
    assert not check_code("851830000", ["DE"]).valid  # EU: CN 8 or TARIC 10
    assert "EU national extension" in check_code("851830000", ["DE"]).problem
    assert check_code("85183000", ["DE", "CN"]).valid
    assert not check_code("8518300000", ["JP"]).valid
    assert check_code("8518300000", ["JP", "US"]).valid


def test_the_edition_in_force_is_said_plainly():
    assert check_code("851830", on=date(2027, 12, 31)).note is None
    later = check_code("851830", on=date(2028, 1, 1))
    assert later.edition == "HS 2022"
    assert "HS 2028 is in force from 2028-01-01" in later.note


def test_the_placeholder_codes_are_not_in_the_table():
    table = hs2022()
    assert table.get("999999") is None and table.get("99") is None and table.get("TOTAL") is None
    assert len(table.subheadings()) == 5612


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("lithium battery", "850760"),
        ("bluetooth headphones", "851830"),
        ("phone case", "4202"),
        ("锂电池", "850760"),
        ("蓝牙耳机", "851830"),
        ("手机壳", "4202"),
        ("power bank", "850760"),
        ("cotton t-shirt", "610910"),
        ("纯棉T恤", "610910"),
        ("frozen shrimps", "030617"),
        ("8518.30", "851830"),
        ("iphone 15 silicone case", "420232"),  # the words of a seller phrase, not side by side
        ("ceramic coffee mug", "691200"),
        ("不锈钢保温杯", "732393"),
    ],
)
def test_search_finds_what_sellers_name(text, code):
    hits = search(text, 3)
    assert code in [h.code for h in hits], [(h.code, h.description) for h in hits]
    if text in ("lithium battery", "bluetooth headphones", "phone case", "锂电池", "蓝牙耳机", "手机壳"):
        assert hits[0].code == code


def test_a_word_inside_a_longer_phrase_does_not_outrank_it():
    # 手机壳 (phone case) contains 手机 (phone): the case is what is sold, not a phone
    assert [h.code for h in search("手机壳", 5)] == ["4202"]


def test_every_synonym_points_at_a_real_entry():
    from importlib import resources

    entries = yaml.safe_load(resources.files("customs").joinpath("data/hs_synonyms.yaml").read_text("utf-8"))
    table = hs2022()
    for entry in entries:
        assert table.get(entry["code"]) is not None, entry["code"]
        assert entry["en"] and entry["zh"], entry["code"]


def test_cli_search_and_show():
    runner = CliRunner()
    found = runner.invoke(main, ["hs", "search", "bluetooth", "headphones"])
    assert found.exit_code == 0 and found.output.startswith("8518.30")
    shown = runner.invoke(main, ["hs", "show", "10121"])
    assert shown.exit_code == 1 and "leading zeros are never added" in shown.output
    assert dotted("8518300010") == "8518.30.00.10"
