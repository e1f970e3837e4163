"""Where the working-day calendar's data comes from, and the holiday-file format.

The `chinese-calendar` package covers the years it ships (2004-2026 in the pinned version);
years imported by an administrator into `CalendarYear` extend and override it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import chinese_calendar.constants as cc
from django.db.models import Count, Max

from .calendar import WorkCalendar, build_calendar
from .models import CalendarDay, CalendarYear

PACKAGE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def package_years() -> dict[int, tuple[dict[date, str], dict[date, str]]]:
    """Return the package's data as {year: (holidays, adjusted working days)}."""
    years: dict[int, tuple[dict[date, str], dict[date, str]]] = {}
    for day, name in cc.holidays.items():
        years.setdefault(day.year, ({}, {}))[0][day] = PACKAGE_NAMES.get(str(name), str(name))
    for day, name in cc.workdays.items():
        label = PACKAGE_NAMES.get(str(name), str(name))
        years.setdefault(day.year, ({}, {}))[1][day] = f"{label}调休上班"
    return years


def _package_triples() -> Iterator[tuple[int, dict[date, str], dict[date, str]]]:
    for year, (holidays, workdays) in sorted(package_years().items()):
        yield year, holidays, workdays


def package_calendar() -> WorkCalendar:
    """Return the calendar of the package's years alone (for a machine with no database yet)."""
    return build_calendar(list(_package_triples()))


_cached: tuple[tuple[object, ...], WorkCalendar] | None = None


def _version() -> tuple[object, ...]:
    """What changes whenever an administrator imports, replaces or removes a year (one query)."""
    row = CalendarYear.objects.aggregate(
        years=Count("id", distinct=True), changed=Max("updated_at"), days=Count("days")
    )
    return (row["years"], row["changed"], row["days"])


def load_calendar() -> WorkCalendar:
    """Return the calendar in force: the package's years, overridden by the database's.

    Built once per process and rebuilt when the stored years change, so screens, queues and reports
    may ask for it as often as they like (one small query each time)."""
    global _cached
    version = _version()
    if _cached is not None and _cached[0] == version:
        return _cached[1]
    db_years: dict[int, tuple[dict[date, str], dict[date, str]]] = {
        y: ({}, {}) for y in CalendarYear.objects.values_list("year", flat=True)
    }
    for day in CalendarDay.objects.select_related("calendar_year").only(
        "date", "kind", "name", "calendar_year__year"
    ):
        holidays, workdays = db_years[day.calendar_year.year]
        (holidays if day.kind == CalendarDay.Kind.HOLIDAY else workdays)[day.date] = day.name
    triples = list(_package_triples()) + [(y, h, w) for y, (h, w) in sorted(db_years.items())]
    calendar = build_calendar(triples)
    _cached = (version, calendar)
    return calendar


@dataclass(frozen=True)
class HolidayLine:
    line: int
    date: date
    kind: str
    name: str


class CalendarFileError(ValueError):
    """A holiday file that cannot be imported; `str()` is English, `.chinese()` for the UI."""

    MESSAGES = {
        "fields": ("expected 3 fields (date,kind,name), found {n}", "应有3列（日期,类型,名称），实际为{n}列"),
        "date": ("{value!r} is not a date in YYYY-MM-DD form", "“{value}”不是 年-月-日 格式的日期"),
        "kind": (
            "kind must be 'holiday' or 'workday', got {value!r}",
            "类型应为 holiday（放假）或 workday（调休上班），实际为“{value}”",
        ),
        "name_empty": ("the name (e.g. 春节) is empty", "名称（如 春节）为空"),
        "name_long": ("the name is longer than 50 characters", "名称超过50个字"),
        "twice": ("{day} is listed twice (first on line {first})", "{day} 重复出现（第一次在第{first}行）"),
        "weekday_workday": (
            "{day} is a weekday; an adjusted working day (workday) must be a Saturday or Sunday",
            "{day} 是工作日，调休上班日只能是周六或周日",
        ),
        "empty": ("the file lists no days", "文件中没有任何日期"),
        "years": (
            "{day} is in {year}, but the file's first date is in {first_year}; import one year per file",
            "{day} 属于{year}年，而文件第一个日期属于{first_year}年；每个文件只能导入一个年份",
        ),
    }

    def __init__(self, code: str, *, line: int | None = None, **params: object) -> None:
        self.code = code
        self.line = line
        self.params = params
        english = self.MESSAGES[code][0].format(**params)
        super().__init__(f"line {line}: {english}" if line else english)

    def chinese(self) -> str:
        text = self.MESSAGES[self.code][1].format(**self.params)
        return f"第{self.line}行：{text}" if self.line else text


KIND_ALIASES = {
    "holiday": "holiday",
    "休": "holiday",
    "放假": "holiday",
    "workday": "workday",
    "班": "workday",
}
KIND_ALIASES["调休上班"] = "workday"


def parse_holiday_file(text: str) -> tuple[int, list[HolidayLine]]:
    """Parse a holiday file (CSV: date,kind,name) into its year and lines; raise on any problem.

    Lines starting with # are comments; an optional header `date,kind,name` is allowed.
    """
    rows: list[HolidayLine] = []
    seen: dict[date, int] = {}
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for number, fields in enumerate(reader, start=1):
        if not fields or not "".join(fields).strip() or fields[0].strip().startswith("#"):
            continue
        fields = [f.strip() for f in fields]
        if not rows and not seen and fields[0].lower() == "date":
            continue  # the optional header
        if len(fields) != 3:
            raise CalendarFileError("fields", line=number, n=len(fields))
        raw_date, raw_kind, name = fields
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            raise CalendarFileError("date", line=number, value=raw_date) from None
        kind = KIND_ALIASES.get(raw_kind.lower())
        if kind is None:
            raise CalendarFileError("kind", line=number, value=raw_kind)
        if not name:
            raise CalendarFileError("name_empty", line=number)
        if len(name) > 50:
            raise CalendarFileError("name_long", line=number)
        if day in seen:
            raise CalendarFileError("twice", line=number, day=day, first=seen[day])
        if kind == "workday" and day.weekday() < 5:
            raise CalendarFileError("weekday_workday", line=number, day=day)
        seen[day] = number
        rows.append(HolidayLine(number, day, kind, name))
    if not rows:
        raise CalendarFileError("empty")
    years = sorted({r.date.year for r in rows})
    if len(years) > 1:
        other = next(r for r in rows if r.date.year != rows[0].date.year)
        raise CalendarFileError(
            "years", line=other.line, day=other.date, year=other.date.year, first_year=rows[0].date.year
        )
    return years[0], rows
