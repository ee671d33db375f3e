"""What the engine accepts in a platform rule file (disputes/platforms/*.yaml), and what it refuses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rules.calendar import calendar_for, last_day
from rules.case import parse_case
from rules.loader import Library
from rules.periods import compute_periods
from rules.schema import CountingRule

PLATFORM = """code: demo
name: Demo marketplace
kind: platform
counting:
  calendar_days:
    citation: {instrument: Demo rules, article: calendar days}
parameters:
  respond_days:
    description: days the seller has to answer
    unit: days
    keyed_by: dispute
    values:
      2020-01-01:
        value: 5
        citation: {instrument: Demo rules, article: s 1}
        confidence: unverified
        verified_on: 2026-11-23
periods:
  respond:
    description: the seller's answer
    starts: dispute_opened
    length: respond_days
    counting: calendar_days
    judged_on: seller_responded
  processor_due:
    description: the processor's due date
    ends: processor_due_by
    judged_on: seller_responded
rules:
  not_received:
    dispute: not_received
    when: {dispute_type: not_received}
    then: {respond_by: respond, likely_outcome: buyer_wins_full_refund, return_shipping_paid_by: none}
    citation: {instrument: Demo rules, article: s 2}
    why: The buyer may claim a parcel that never came.
"""


def _library(tmp_path: Path, text: str) -> tuple[Library, list]:
    folder = tmp_path / "disputes" / "platforms"
    folder.mkdir(parents=True)
    (folder / "demo.yaml").write_text(text)
    library = Library(tmp_path)
    return library, library.load()


def test_a_platform_file_loads_with_dispute_rules(tmp_path):
    library, problems = _library(tmp_path, PLATFORM)
    assert problems == []
    pack = library.pack("demo")
    assert pack.kind == "platform"
    assert [r.dispute for r in pack.rules] == ["not_received"]
    assert pack.rules[0].then.respond_by == "respond"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    dispute: not_received\n", "    right: withdrawal\n", "names the dispute it is about, not a right"),
        ("    dispute: not_received\n", "", "names the dispute it is about"),
        ("respond_by: respond,", "respond_by: answer,", "unknown period 'answer'"),
        ("    ends: processor_due_by\n", "    ends: processor_paid\n", "unknown date 'processor_paid'"),
        (
            "    ends: processor_due_by\n",
            "    ends: processor_due_by\n    starts: dispute_opened\n",
            "a period is one of starts+length+counting, ends, or earliest_of/latest_of",
        ),
    ],
)
def test_a_broken_platform_file_is_refused_naming_the_problem(tmp_path, old, new, message):
    assert old in PLATFORM
    _, problems = _library(tmp_path, PLATFORM.replace(old, new, 1))
    assert any(message in p.message and p.file == "disputes/platforms/demo.yaml" for p in problems), problems


def test_a_period_can_end_on_a_date_of_the_case(tmp_path):
    library, _ = _library(tmp_path, PLATFORM)
    pack = library.pack("demo")
    case = parse_case(
        {
            "case_id": "P-1",
            "as_of": "2026-03-10",
            "buyer": {"country": "US"},
            "seller": {"country": "US"},
            "items": [{"sku": "A", "unit_price": 10}],
            "dispute": {"opened_at": "2026-03-01", "processor_due_by": "2026-03-09"},
        }
    )
    periods = compute_periods(pack, case, {})
    assert periods["processor_due"].deadline == date(2026, 3, 9)
    assert periods["processor_due"].status == "closed"  # judged on as_of: no answer yet
    assert periods["respond"].deadline == date(2026, 3, 6)


def test_business_hours_use_the_rule_s_working_day_length():
    rule = CountingRule.model_validate(
        {"hours_per_business_day": 13, "public_holidays": False, "citation": {"instrument": "Test rules"}}
    )
    calendar = calendar_for(None, None, rule)
    # 72 business hours of 13 hours each: 6 working days from Friday 2026-03-06
    assert last_day(date(2026, 3, 6), 72, "business_hours", rule, calendar)[1] == date(2026, 3, 16)
    eight = CountingRule.model_validate({"public_holidays": False, "citation": {"instrument": "Test rules"}})
    assert last_day(date(2026, 3, 6), 72, "business_hours", eight, calendar)[1] == date(2026, 3, 19)
