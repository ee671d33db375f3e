"""Counting days as the law counts them.

A period has a start event, a length and a counting rule from its jurisdiction's file:
whether the day of the event is day 1 (JP) or the day after it is (EU, Reg 1182/71 Art 3(1)),
and whether a last day on a weekend or public holiday moves to the next working day (EU Art
3(4)) or stays (UK). Business-day periods skip weekends and holidays as they go. Public
holidays come from the `holidays` package for the buyer's country and, where the file allows,
subdivision.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache

import holidays

from rules.schema import CountingRule

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=4096)
def _holidays(
    country: str, subdivision: str | None, year: int, categories: tuple[str, ...] = ("public",)
) -> frozenset[date]:
    try:
        table = holidays.country_holidays(country, subdiv=subdivision, years=year, categories=categories)
    except NotImplementedError:  # a country the package does not cover: no holidays known
        return frozenset()
    except (KeyError, ValueError):  # a subdivision or category it does not know: fall back
        if subdivision is not None:
            return _holidays(country, None, year, categories)
        if categories != ("public",):
            return _holidays(country, None, year)
        return frozenset()
    return frozenset(table)


@lru_cache(maxsize=4096)
def _weekend_workdays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """Weekend days declared working days in exchange for a bridge holiday (CN 调休)."""
    try:
        table = holidays.country_holidays(country, subdiv=subdivision, years=year)
    except (NotImplementedError, KeyError, ValueError):
        return frozenset()
    return frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)


def holiday_name(country: str, subdivision: str | None, day: date) -> str | None:
    try:
        table = holidays.country_holidays(country, subdiv=subdivision, years=day.year)
    except (NotImplementedError, KeyError, ValueError):
        return None
    return table.get(day)


class WorkCalendar:
    """Working days for one place: which weekdays are off, and its public holidays."""

    def __init__(
        self,
        country: str | None,
        subdivision: str | None,
        weekend: tuple[int, ...],
        public_holidays: bool,
        categories: tuple[str, ...] = ("public",),
    ):
        self.country = country
        self.subdivision = subdivision
        self.weekend = weekend
        self.public_holidays = public_holidays and country is not None
        self.categories = categories

    def is_holiday(self, day: date) -> bool:
        return self.public_holidays and day in _holidays(self.country, self.subdivision, day.year, self.categories)  # type: ignore[arg-type]

    def is_working_day(self, day: date) -> bool:
        if day.weekday() in self.weekend:
            return self.public_holidays and day in _weekend_workdays(self.country, self.subdivision, day.year)  # type: ignore[arg-type]
        return not self.is_holiday(day)

    def next_working_day(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, count: int, *, start_counts: bool) -> date:
        """The `count`-th working day counting from the day after `start` (or `start` itself)."""
        day = start if start_counts else start + timedelta(days=1)
        seen = 0
        while True:
            if self.is_working_day(day):
                seen += 1
                if seen >= count:
                    return day
            day += timedelta(days=1)


def calendar_for(country: str | None, subdivision: str | None, rule: CountingRule) -> WorkCalendar:
    key = (country, subdivision, id(rule))
    found = _BY_RULE.get(key)
    if found is None:
        found = _calendar(
            country, subdivision, tuple(rule.weekend), rule.public_holidays, tuple(rule.holiday_categories)
        )
        _BY_RULE[key] = found
        _KEEP.append(rule)  # keeps id(rule) from being reused while the entry lives
    return found


# counting rules live as long as their rule files: remember each one's calendars by identity
_BY_RULE: dict[tuple[str | None, str | None, int], WorkCalendar] = {}
_KEEP: list[CountingRule] = []


@lru_cache(maxsize=512)
def _calendar(
    country: str | None, subdivision: str | None, weekend: tuple[str, ...], public: bool, categories: tuple[str, ...]
) -> WorkCalendar:
    return WorkCalendar(country, subdivision, tuple(_WEEKDAYS.index(d) for d in weekend), public, categories)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it has no such day
    (Reg 1182/71 Art 3(2)(c): 31 January + 1 month ends on 28 or 29 February)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def last_day(start: date, length: int, unit: str, rule: CountingRule, calendar: WorkCalendar) -> tuple[date, date]:
    """The period's last day, before and after a move off a non-working day (cached: cases of
    one batch share their dates, and walking the holiday calendar is the costly part)."""
    key = (start, length, unit, id(rule), id(calendar))
    found = _LAST_DAYS.get(key)
    if found is None:
        if len(_LAST_DAYS) > 200_000:  # bounded: memory stays flat over any number of cases
            _LAST_DAYS.clear()
        # the entry holds the rule and calendar, so their ids cannot be reused while it lives
        found = _LAST_DAYS[key] = (_count(start, length, unit, rule, calendar), rule, calendar)
    return found[0]


_LAST_DAYS: dict[tuple[date, int, str, int, int], tuple[tuple[date, date], CountingRule, WorkCalendar]] = {}


def _count(start: date, length: int, unit: str, rule: CountingRule, calendar: WorkCalendar) -> tuple[date, date]:
    """The period's last day, before and after a move off a non-working day.

    Returns (unmoved, final). With `day_one: event_day`, the day of the event is day 1 (JP
    "起算して8日": delivered on the 1st, the 8th is the last day); otherwise the day after is.
    """
    same_day = rule.day_one == "event_day"
    if unit in ("business_days", "business_hours"):
        days = length if unit == "business_days" else max(1, -(-length // rule.hours_per_business_day))
        end = calendar.add_working_days(start, days, start_counts=same_day)
        return end, end
    if unit == "days":
        end = start + timedelta(days=length)
    elif unit == "hours":
        end = start + timedelta(days=-(-length // 24))
    elif unit == "weeks":
        end = start + timedelta(weeks=length)
    elif unit == "months":
        end = add_months(start, length)
    elif unit == "years":
        end = add_months(start, 12 * length)
    else:  # pragma: no cover - the schema allows only the units above
        raise ValueError(f"not a period unit: {unit}")
    if same_day:
        end -= timedelta(days=1)
    final = calendar.next_working_day(end) if rule.last_day_off_work == "next_working_day" else end
    return end, final
