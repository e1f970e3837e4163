"""The indicators dashboard: a year's figures against their targets, with charts and a CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.exports import csv_chunks
from gongkai.core.models import Unit
from gongkai.records.queries import public_records
from gongkai.reports import charts

from .models import Indicator


def number(value: Decimal | None) -> str:
    """A figure as people write it: 1221, 3.3, 102.5 (no trailing zeros)."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def published() -> QuerySet[Indicator]:
    from .types import INDICATORS

    return public_records(INDICATORS).select_related("unit")


def progress_of(indicator: Indicator) -> dict[str, Any] | None:
    """The completion bar of INDICATOR, or None without a target."""
    completion = indicator.completion
    if completion is None:
        return None
    relation = "完成" if indicator.better == "higher" else "控制在上限内，完成"
    title = (
        f"{indicator.name}：实际{number(indicator.actual)}{indicator.unit_of_measure}，"
        f"目标{number(indicator.target)}{indicator.unit_of_measure}，{relation}{number(completion)}%"
    )
    return {"percent": completion, "bar": charts.progress_bar(float(completion), title=title), "title": title}


def series_of(indicator: Indicator) -> dict[str, Any]:
    """The same indicator (name, unit, period) across the years it was published, oldest first."""
    rows = list(
        published().filter(unit=indicator.unit, name=indicator.name, period=indicator.period).order_by("year")
    )
    points = [(f"{r.year}年", float(r.actual)) for r in rows]
    chart = charts.bar_chart(
        points, title=f"{indicator.name}历年{indicator.period}实际值（{indicator.unit_of_measure}）",
        unit=indicator.unit_of_measure, width=360, height=180,
    )  # fmt: skip
    return {"rows": rows, "chart": chart if len(rows) > 1 else None}


def _change(current: Indicator, previous: Indicator | None) -> str:
    """The change on the year before in words: 增长11.4%, 下降0.2个百分点 (a rate moves by points), 持平."""
    if previous is None or not previous.actual:
        return ""
    if current.unit_of_measure == "%":
        amount, suffix = current.actual - previous.actual, "个百分点"
    else:
        amount, suffix = (
            ((current.actual - previous.actual) * 100 / previous.actual).quantize(Decimal("0.1")),
            "%",
        )
    if not amount:
        return "持平"
    shown = format(abs(amount), "f") if suffix == "%" else number(abs(amount))  # 6.0%, like 11.4%, not 6%
    return f"{'增长' if amount > 0 else '下降'}{shown}{suffix}"


def year_rows(year: int, unit: Unit | None) -> list[dict[str, Any]]:
    """Every indicator of YEAR (of UNIT), each with its progress and the previous year's figure."""
    found = published().filter(year=year)
    if unit is not None:
        found = found.filter(unit=unit)
    rows = list(found.order_by("topic", "id"))
    before = {
        (i.unit_id, i.name, i.period): i
        for i in published().filter(year=year - 1, name__in={r.name for r in rows})
    }
    out = []
    for indicator in rows:
        previous = before.get((indicator.unit_id, indicator.name, indicator.period))
        out.append(
            {
                "indicator": indicator,
                "progress": progress_of(indicator),
                "previous": previous,
                "change": _change(indicator, previous),
            }
        )
    return out


CSV_HEADERS = ["指标名称", "领域", "年度", "统计期", "实际值", "计量单位", "目标值", "指标方向", "完成率（%）",
               "是否达标", "上年实际值", "同比", "责任单位", "索引号"]  # fmt: skip


def _csv_rows(rows: list[dict[str, Any]]) -> Any:
    yield CSV_HEADERS
    for row in rows:
        i = row["indicator"]
        met = "" if i.met is None else ("达标" if i.met else "未达标")
        yield [
            i.name, i.get_topic_display(), str(i.year), i.period, number(i.actual), i.unit_of_measure,
            number(i.target), i.get_better_display(), "" if i.completion is None else str(i.completion), met,
            number(row["previous"].actual) if row["previous"] else "", row["change"], i.unit.name, i.index_no,
        ]  # fmt: skip


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    years = sorted(set(published().values_list("year", flat=True)), reverse=True)
    units = Unit.objects.filter(pk__in=published().values("unit")).order_by("sort_order")
    error = ""
    year = years[0] if years else None
    if request.GET.get("year"):
        try:
            year = int(request.GET["year"])
        except ValueError:
            error = "年度须为四位数字。"
    unit = None
    if request.GET.get("unit"):
        unit = units.filter(code=request.GET["unit"]).first()
        if unit is None:
            error = "没有这个单位的指标。"
    if error:
        return render(
            request, "indicators/dashboard.html", {"error": error, "years": years, "units": units}, status=400
        )
    rows = year_rows(year, unit) if year else []
    if request.GET.get("format") == "csv":
        response = StreamingHttpResponse(csv_chunks(_csv_rows(rows)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="indicators-{year}.csv"'
        return response
    targeted = [r for r in rows if r["progress"]]
    return render(
        request,
        "indicators/dashboard.html",
        {
            "years": years, "units": units, "year": year, "unit": unit, "rows": rows,
            "targeted": len(targeted), "met": sum(1 for r in targeted if r["indicator"].met),
            "chart": charts.hbar_chart(
                [(r["indicator"].name, float(r["progress"]["percent"])) for r in targeted],
                title=f"{year}年有目标的指标完成率（%），虚线为目标（100%）", unit="%",
                maximum=max([150.0, *(float(r["progress"]["percent"]) for r in targeted)]),
                width=400, label_width=180, mark=(100.0, "目标 100%"),  # larger type on a phone
            ) if targeted else None,
        },
    )  # fmt: skip
