"""Two small additions to the condition vocabulary: a flag parameter (a rule in force from a
date: `param_<name>: true`) and the case fact `any_item_long_lasting`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rules.case import parse_case
from rules.facts import case_facts
from rules.loader import Library, project_root
from rules.pipeline import Assessor

PART = """code: DE
part: dated
parameters:
  test_rule_in_force:
    description: a test rule that applies to contracts from 2026-01-01
    unit: flag
    values:
      2014-06-13:
        value: false
        citation: {instrument: Test Act, article: s 1}
        confidence: unverified
        verified_on: 2026-12-02
      2026-01-01:
        value: true
        citation: {instrument: Test Act, article: s 2}
        confidence: unverified
        verified_on: 2026-12-02
rules:
  withdrawal.test_dated:
    role: amend
    right: withdrawal
    when: {param_test_rule_in_force: true, uses_designated_carrier: true}
    then: {return_shipping_paid_by: seller}
    citation: {instrument: Test Act, article: s 2}
    why: From 2026 the seller pays a return sent with its named carrier.
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(
        project_root() / "jurisdictions",
        tmp_path / "jurisdictions",
        ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.tests.yaml"),
    )
    (tmp_path / "jurisdictions" / "DE.dated.yaml").write_text(PART)
    return tmp_path


def _case(ordered_at: str, carrier: bool) -> dict:
    return {
        "case_id": "dated-1",
        "as_of": "2026-03-05",
        "buyer": {"country": "DE"},
        "seller": {"country": "CN"},
        "sale": {"channel": "own_store"},
        "order": {"ordered_at": ordered_at, "delivered_at": "2026-03-01", "currency": "EUR"},
        "items": [{"sku": "A", "category": "apparel", "quantity": 1, "unit_price": 10.0}],
        "return_request": {
            "requested_at": "2026-03-05",
            "reason": "change_of_mind",
            "uses_designated_carrier": carrier,
        },
    }


def _withdrawal(assessor: Assessor, case: dict):
    decision = assessor.assess(parse_case(case))
    return next(r for r in decision.legal.rights if r.right.value == "withdrawal")


def test_a_flag_parameter_switches_a_rule_on_from_its_date(workspace):
    library = Library(workspace)
    assert library.load() == []
    assessor = Assessor(library)
    assert _withdrawal(assessor, _case("2026-01-01", True)).return_shipping_paid_by.value == "seller"
    assert _withdrawal(assessor, _case("2025-12-31", True)).return_shipping_paid_by.value == "buyer"
    assert _withdrawal(assessor, _case("2026-01-01", False)).return_shipping_paid_by.value == "buyer"


def test_only_flag_parameters_are_condition_facts(workspace):
    part = workspace / "jurisdictions" / "DE.dated.yaml"
    part.write_text(PART.replace("param_test_rule_in_force", "param_withdrawal_days"))
    problems = Library(workspace).load()
    assert any("unknown fact 'param_withdrawal_days'" in p.message for p in problems)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [([True, False], True), ([False, False], False), ([None, False], None), ([None], None)],
)
def test_any_item_long_lasting(lines, expected):
    case = parse_case(
        {
            "case_id": "lasting",
            "buyer": {"country": "NO"},
            "seller": {"country": "CN"},
            "items": [
                {"sku": f"L{i}", "category": "furniture", "quantity": 1, "unit_price": 10.0, "long_lasting": v}
                for i, v in enumerate(lines)
            ],
        }
    )
    assert case_facts(case, None).get("any_item_long_lasting") == expected
