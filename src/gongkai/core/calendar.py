"""Working-day arithmetic (LAW.md §1): plain Python, no database access.

A day is a working day unless it is a public holiday, or a Saturday or Sunday that is not an
adjusted working day (调休上班日). Periods are counted from the day after the start event: the
n-th working day strictly after START is the due date. Where a counted day lies in a year with
no imported arrangement, the statutory holidays (`statutory`) and weekends decide — the year's 调休
is not known yet — and the result is marked provisional.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .statutory import statutory_holidays

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
MAX_DAYS = 3650
# The years a due date can be counted in: the lunar calendar that places 春节, 端午 and 中秋 covers
# 1900–2100, and no disclosure deadline starts before 1950.
FIRST_YEAR, LAST_YEAR = 1950, 2100
RANGE_MESSAGE = "起算日期须在1950年1月1日至2100年12月31日之间，且期限不能超出2100年。"


class OutOfRange(ValueError):
    """A start date, or a count of days, beyond the years the calendar can count in."""


@dataclass(frozen=True)
class SkippedDay:
    date: date
    name: str


@dataclass(frozen=True)
class DueDate:
    start: date
    days: int
    due_date: date
    provisional: bool
    skipped: tuple[SkippedDay, ...]
    missing_years: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """Return the JSON shape of `gongkai due-date --json` and the API."""
        return {
            "start": self.start.isoformat(),
            "days": self.days,
            "due_date": self.due_date.isoformat(),
            "provisional": self.provisional,
            "skipped": [{"date": s.date.isoformat(), "name": s.name} for s in self.skipped],
        }


@dataclass(frozen=True)
class WorkCalendar:
    """Holiday data for the years it knows; the statutory holidays and weekends for the rest."""

    holidays: Mapping[date, str] = field(default_factory=dict)
    workdays: Mapping[date, str] = field(default_factory=dict)
    years: frozenset[int] = frozenset()

    def has_data(self, year: int) -> bool:
        return year in self.years

    def non_working_reason(self, day: date) -> str | None:
        """Return why DAY is not a working day (holiday name or weekday), or None if it is one."""
        if day in self.workdays:
            return None
        if day in self.holidays:
            return self.holidays[day]
        if day.year not in self.years:
            statutory = statutory_holidays(day.year).get(day)
            if statutory:
                return statutory
        if day.weekday() >= 5:
            return WEEKDAY_NAMES[day.weekday()]
        return None

    def is_working_day(self, day: date) -> bool:
        return self.non_working_reason(day) is None

    def _days_after(self, start: date) -> Iterator[date]:
        day = start
        while True:
            day += timedelta(days=1)
            yield day

    def due_date(self, start: date, days: int) -> DueDate:
        """Return the DAYS-th working day strictly after START, with the days passed over."""
        if not 0 <= days <= MAX_DAYS:
            raise ValueError(f"days must be between 0 and {MAX_DAYS}")
        if not FIRST_YEAR <= start.year <= LAST_YEAR:
            raise OutOfRange(f"START must be between {FIRST_YEAR}-01-01 and {LAST_YEAR}-12-31")
        counted = 0
        skipped: list[SkippedDay] = []
        missing: set[int] = set()
        due = start
        if days:
            for day in self._days_after(start):
                if day.year > LAST_YEAR:
                    raise OutOfRange(f"the due date would fall after {LAST_YEAR}, beyond the calendar")
                reason = self.non_working_reason(day)
                if day.year not in self.years:
                    missing.add(day.year)
                if reason is None:
                    counted += 1
                    if counted == days:
                        due = day
                        break
                else:
                    skipped.append(SkippedDay(day, reason))
        return DueDate(
            start=start,
            days=days,
            due_date=due,
            provisional=bool(missing),
            skipped=tuple(skipped),
            missing_years=tuple(sorted(missing)),
        )

    def working_days_between(self, start: date, end: date) -> int:
        """Return how many working days lie in (START, END]; 0 when END is not after START."""
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return count


def build_calendar(
    years: Iterable[tuple[int, Mapping[date, str], Mapping[date, str]]],
) -> WorkCalendar:
    """Return a calendar from (year, holidays, adjusted working days) triples; later ones win."""
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    known: set[int] = set()
    for year, year_holidays, year_workdays in years:
        for table in (holidays, workdays):
            for day in [d for d in table if d.year == year]:
                del table[day]
        holidays.update(year_holidays)
        workdays.update(year_workdays)
        known.add(year)
    return WorkCalendar(holidays=holidays, workdays=workdays, years=frozenset(known))
