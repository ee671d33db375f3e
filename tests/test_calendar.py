"""Counting days as each law counts them."""

from __future__ import annotations

from datetime import date

from rules.calendar import calendar_for, last_day
from rules.schema import Citation, CountingRule

CITE = Citation(instrument="test")
EU = CountingRule(day_one="day_after_event", last_day_off_work="next_working_day", citation=CITE)
UK = CountingRule(day_one="day_after_event", last_day_off_work="stays", citation=CITE)
JP = CountingRule(day_one="event_day", last_day_off_work="stays", citation=CITE)
KR = CountingRule(day_one="day_after_event", last_day_off_work="next_working_day", citation=CITE)


def test_eu_last_day_on_a_holiday_saturday_moves_past_sunday():
    cal = calendar_for("DE", None, EU)
    assert last_day(date(2026, 12, 12), 14, "days", EU, cal) == (date(2026, 12, 26), date(2026, 12, 28))


def test_uk_last_day_stays_on_a_saturday():
    cal = calendar_for("GB", None, UK)
    assert last_day(date(2026, 6, 6), 14, "days", UK, cal)[1] == date(2026, 6, 20)


def test_japan_counts_the_day_of_delivery_as_day_one():
    cal = calendar_for("JP", None, JP)
    assert last_day(date(2026, 6, 1), 8, "days", JP, cal)[1] == date(2026, 6, 8)


def test_months_end_on_the_last_day_of_a_shorter_month():
    cal = calendar_for("DE", None, UK)
    assert last_day(date(2026, 1, 31), 1, "months", UK, cal)[1] == date(2026, 2, 28)


def test_business_days_skip_weekends_and_holidays():
    cal = calendar_for("US", None, UK)
    # Thu 5 Nov 2026 + 7 working days, skipping Veterans Day (Wed 11 Nov)
    assert last_day(date(2026, 11, 5), 7, "business_days", UK, cal)[1] == date(2026, 11, 17)


def test_mexico_business_days_skip_the_revolution_day_monday():
    cal = calendar_for("MX", None, UK)
    # delivered Fri 13 Nov 2026; Mon 16 Nov is a holiday (third Monday of November): 17-20, 23
    assert last_day(date(2026, 11, 13), 5, "business_days", UK, cal)[1] == date(2026, 11, 23)


def test_korean_saturday_deadline_moves_to_monday():
    cal = calendar_for("KR", None, KR)
    # delivered Sat 2 May 2026 +7 = Sat 9 May -> Mon 11 May
    assert last_day(date(2026, 5, 2), 7, "days", KR, cal)[1] == date(2026, 5, 11)


def test_regional_holidays_follow_the_subdivision():
    by, nw = calendar_for("DE", "BY", EU), calendar_for("DE", "NW", EU)
    assert last_day(date(2025, 12, 23), 14, "days", EU, by)[1] == date(2026, 1, 7)
    assert last_day(date(2025, 12, 23), 14, "days", EU, nw)[1] == date(2026, 1, 6)


def test_an_unknown_country_has_weekends_but_no_holidays():
    cal = calendar_for("AQ", None, EU)
    assert last_day(date(2026, 12, 12), 14, "days", EU, cal)[1] == date(2026, 12, 28)


def test_a_weekend_day_declared_a_working_day_is_one():
    # CN 2026: Saturday 10 October is worked in exchange for the National Day bridge days.
    cal = calendar_for("CN", None, EU)
    assert cal.is_working_day(date(2026, 10, 10)) and not cal.is_working_day(date(2026, 10, 3))
    assert last_day(date(2026, 10, 3), 7, "days", EU, cal)[1] == date(2026, 10, 10)
    assert last_day(date(2026, 10, 4), 7, "days", EU, cal)[1] == date(2026, 10, 12)
