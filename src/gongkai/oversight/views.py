"""Public pages of 公共监管: the overview of its record types and the air-quality page with charts."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.reports import charts

from . import queries
from .models import AQI_BANDS, AqiLevel
from .types import AIR_QUALITY


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "oversight/index.html", {"groups": queries.type_counts(), "latest": queries.latest()}
    )


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value or default)
    except ValueError:
        return default
    return number if low <= number <= high else default


@require_GET
def air(request: HttpRequest) -> HttpResponse:
    stations = list(queries.stations())
    if not stations:
        raise Http404("no stations")
    code = request.GET.get("station") or stations[0].code
    station = next((s for s in stations if s.code == code), None)
    if station is None:
        raise Http404("no such station")
    years = queries.public_years() or [timezone.localdate().year]
    year = _int(request.GET.get("year"), years[0], 1990, 2100)
    days = queries.public_days(station, year)
    months = queries.months(days)
    month = _int(request.GET.get("month"), days[-1].day.month if days else 1, 1, 12)
    series = queries.series(days, year)
    ticks = [(i, f"{d.month}月") for i, (d, _v) in enumerate(series) if d.day == 1]
    title = f"{station.name}{year}年每日空气质量指数（AQI）"
    line = charts.line_chart(
        [(d.isoformat(), v) for d, v in series], title=title, ticks=ticks,
        guides=[(float(top), str(top)) for top, _level in AQI_BANDS[:3]], width=420, height=240,
    ) if series else None  # fmt: skip
    bars = charts.bar_chart(
        [(f"{m.month}月", m.good_days) for m in months],
        title=f"{station.name}{year}年各月优良天数", unit="天", width=420, height=200,
    ) if months else None  # fmt: skip
    return render(
        request,
        "oversight/air.html",
        {"station": station, "stations": stations, "year": year, "years": years, "months": months,
         "summary": queries.year_summary(days), "month": month,
         "month_days": [d for d in days if d.day.month == month], "line": line, "bars": bars,
         "levels": AqiLevel.choices, "type": AIR_QUALITY, "line_title": title},
    )  # fmt: skip
