"""Public pages: 三公经费 of the county and of each unit, the fee catalog, a report's original file."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString

from gongkai.core import files
from gongkai.core.queries import unit_by_code
from gongkai.reports.charts import bar_chart, hbar_chart

from . import queries
from .models import ReportType
from .types import FISCAL_REPORTS

CONTENT_TYPES = {".pdf": "application/pdf", ".docx": files.KINDS["docx"][0]}


def _chart(years: list[queries.SangongYear], title: str) -> SafeString:
    points = []
    for entry in years:
        for side, label in (("budget", "预算"), ("actual", "决算")):
            total = getattr(entry, side).get("total")
            if total is not None:
                points.append((f"{entry.year}{label}", float(total)))
    return bar_chart(points, title=title, unit="万元", width=420, height=200)  # narrow: legible on a phone


def index(request: HttpRequest) -> HttpResponse:
    # in each year the county's own reports first, then the departments' budgets, then their final accounts
    rank = {
        ReportType.GOV_BUDGET: 0,
        ReportType.GOV_FINAL: 1,
        ReportType.DEPT_BUDGET: 2,
        ReportType.DEPT_FINAL: 3,
    }
    reports = sorted(
        queries.public_reports(),
        key=lambda r: (-r.year, rank.get(r.report_type, 9), r.unit.sort_order, r.unit.name),
    )
    years = sorted({r.year for r in reports}, reverse=True)
    return render(
        request,
        "finance/index.html",
        {"by_year": [(y, [r for r in reports if r.year == y]) for y in years], "units": queries.sangong_units(),
         "types": ReportType.choices, "reports_slug": FISCAL_REPORTS.slug},
    )  # fmt: skip


def _sangong_page(
    request: HttpRequest, *, owner: str, years: list[queries.SangongYear], **extra: Any
) -> HttpResponse:
    return render(
        request,
        "finance/sangong.html",
        {"owner": owner, "years": years, "matrix": queries.years_matrix(years),
         "chart": _chart(years, f"{owner}“三公”经费预算与决算（万元）"), **extra},
    )  # fmt: skip


def county_sangong(request: HttpRequest) -> HttpResponse:
    years = queries.county_sangong()
    latest = max((y.year for y in years), default=None)
    units = queries.units_sangong(latest) if latest else []
    points = [(u.short_name or u.name, float(e.budget.get("total") or 0)) for u, e in units]
    return _sangong_page(
        request, owner="全县", years=years, latest=latest, units=units, county=True,
        units_chart=hbar_chart(
            points, title=f"{latest}年各部门“三公”经费预算（万元）", unit="万元", width=420, label_width=90
        ) if points else "",
    )  # fmt: skip


def unit_sangong(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_by_code(code)
    years = queries.unit_sangong(unit) if unit else []
    if unit is None or not years:
        raise Http404("no published 三公经费 for this unit")
    return _sangong_page(request, owner=unit.name, years=years, unit=unit)


def fees(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "finance/fees.html",
        {"items": queries.fee_catalog(), "collections": queries.public_fee_collections()},
    )


def report_file(request: HttpRequest, index_no: str) -> HttpResponse:
    report = queries.public_reports().filter(index_no=index_no).first()
    if report is None or not report.file_sha256:
        raise Http404("no such public report")
    suffix = "." + report.file_name.rsplit(".", 1)[-1].lower()
    return files.download(
        report.file_sha256, report.file_name, CONTENT_TYPES.get(suffix, "application/octet-stream")
    )
