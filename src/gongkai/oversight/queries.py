"""Read side of the oversight pages: a station's published year of air quality, the type counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from gongkai.records import queries as record_queries

from .models import AirQualityDay, AqiLevel, Station
from .types import AIR_QUALITY, GROUPS

POLLUTANTS = ("pm25", "pm10", "so2", "no2", "o3", "co")


def stations() -> QuerySet[Station]:
    return Station.objects.order_by("sort_order", "code")


def public_days(station: Station, year: int, now: datetime | None = None) -> list[AirQualityDay]:
    """The station's published readings of YEAR, oldest first."""
    rows = record_queries.public_records(AIR_QUALITY, now).filter(station=station, day__year=year)
    return list(rows.order_by("day"))


def public_years(now: datetime | None = None) -> list[int]:
    days = record_queries.public_records(AIR_QUALITY, now).dates("day", "year", order="DESC")
    return [d.year for d in days]


def latest(now: datetime | None = None) -> list[AirQualityDay]:
    """The newest published reading of each station."""
    rows = record_queries.public_records(AIR_QUALITY, now).select_related("station")
    found = []
    for station in stations():
        day = rows.filter(station=station).order_by("-day").first()
        if day is not None:
            found.append(day)
    return found


@dataclass
class Month:
    month: int
    days: int = 0
    aqi: float | None = None
    levels: dict[str, int] = field(default_factory=dict)  # AqiLevel value -> days
    means: dict[str, float | None] = field(default_factory=dict)

    @property
    def good_days(self) -> int:
        """优良天数: days of 优 or 良."""
        return self.levels.get(AqiLevel.EXCELLENT, 0) + self.levels.get(AqiLevel.GOOD, 0)


def _mean(values: list[Any]) -> float | None:
    return round(float(sum(Decimal(v) for v in values) / len(values)), 1) if values else None


def months(days: list[AirQualityDay]) -> list[Month]:
    """Monthly means and the days of each category, months with readings only."""
    by_month: dict[int, list[AirQualityDay]] = {}
    for row in days:
        by_month.setdefault(row.day.month, []).append(row)
    result = []
    for number, rows in sorted(by_month.items()):
        month = Month(number, days=len(rows), aqi=_mean([r.aqi for r in rows]))
        for row in rows:
            month.levels[row.level] = month.levels.get(row.level, 0) + 1
        month.means = {name: _mean([getattr(r, name) for r in rows]) for name in POLLUTANTS}
        result.append(month)
    return result


def year_summary(days: list[AirQualityDay]) -> Month:
    """The year as one row: means, days of each category and 优良天数."""
    total = Month(0, days=len(days), aqi=_mean([r.aqi for r in days]))
    for row in days:
        total.levels[row.level] = total.levels.get(row.level, 0) + 1
    total.means = {name: _mean([getattr(r, name) for r in days]) for name in POLLUTANTS}
    return total


def series(days: list[AirQualityDay], year: int) -> list[tuple[date, int | None]]:
    """Every day of YEAR up to the last reading, with its AQI or None (a gap in the line)."""
    if not days:
        return []
    known = {r.day: r.aqi for r in days}
    start, end = date(year, 1, 1), days[-1].day
    return [
        (date.fromordinal(n), known.get(date.fromordinal(n)))
        for n in range(start.toordinal(), end.toordinal() + 1)
    ]


def type_counts(now: datetime | None = None) -> list[tuple[str, list[tuple[Any, int]]]]:
    """The oversight record types by group, each with its number of public records."""
    return [
        (group, [(t, record_queries.public_records(t, now).count()) for t in record_types])
        for group, record_types in GROUPS
    ]
