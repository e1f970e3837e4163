"""The office's view of the annual report: every number of section 三 opens the cases behind it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.core import permissions
from gongkai.core.queries import unit_by_code

from . import render as output
from .annual import annual_report, section3_cases
from .labels import COLUMN_LABELS, ROW_LABELS
from .views import owner_name


def _unit(request: HttpRequest) -> object:
    code = request.GET.get("unit", "")
    unit = unit_by_code(code) if code else None
    if code and unit is None:
        raise Http404("no such unit")
    if not permissions.can(request.user, "reports.annual.view", unit):
        raise PermissionDenied("reports.annual.view")
    return unit


@login_required
def annual(request: HttpRequest, year: int) -> HttpResponse:
    unit = _unit(request)
    report = annual_report(year, unit)  # type: ignore[arg-type]
    context = output.context(report, owner=owner_name(unit))  # type: ignore[arg-type]
    return render(
        request,
        "reports/staff_annual.html",
        {**context, "drill": True, "unit_code": request.GET.get("unit", "")},
    )


@login_required
def cell(request: HttpRequest, year: int, row: str, column: str) -> HttpResponse:
    unit = _unit(request)
    try:
        cases = section3_cases(year, unit, row, column)  # type: ignore[arg-type]
    except KeyError:
        raise Http404("no such cell") from None
    return render(
        request,
        "reports/staff_cell.html",
        {
            "year": year,
            "cases": cases,
            "row_label": ROW_LABELS[row],
            "column_label": COLUMN_LABELS[column],
            "unit_code": request.GET.get("unit", ""),
        },
    )
