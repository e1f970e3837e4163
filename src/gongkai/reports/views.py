"""The annual report on the portal, and its Word and PDF downloads."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from gongkai.core.models import Unit
from gongkai.core.pdf import PdfUnavailable
from gongkai.core.queries import unit_by_code, unit_list

from . import charts
from . import render as output
from .annual import annual_report
from .published import published_report, report_years
from .statistics import year_statistics


def owner_name(unit: Unit | None) -> str:
    """Return who files the report: the unit, or the county government for the whole county."""
    if unit is not None:
        return unit.name
    county = unit_list().filter(kind=Unit.Kind.GOVERNMENT, parent=None).first()
    return county.name if county else ""


@require_GET
def annual(request: HttpRequest, year: int) -> HttpResponse:
    if not 2008 <= year <= timezone.localdate().year:
        raise Http404("no such year")
    unit = None
    if request.GET.get("unit"):
        unit = unit_by_code(request.GET["unit"])
        if unit is None:
            raise Http404("no such unit")
    report = annual_report(year, unit)
    owner = owner_name(unit)
    fmt = request.GET.get("format", "")
    if fmt in ("docx", "pdf"):
        try:
            data = output.docx(report, owner=owner) if fmt == "docx" else output.pdf(report, owner=owner)
        except PdfUnavailable:
            return HttpResponse(
                "PDF 生成需要服务器安装 Pango，请下载 Word 版本。",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(data, content_type=output.DOCX if fmt == "docx" else "application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{owner}{year}年政府信息公开工作年度报告.{fmt}"
        )
        return response
    today = timezone.localdate()
    return render(
        request,
        "reports/annual_page.html",
        {
            **output.context(report, owner=owner),
            "written": published_report(year, unit),
            "as_of": today if year == today.year else None,
        },
    )


@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    """Every year's annual report with its status: published, figures so far, or generated only."""
    return render(
        request, "reports/annual_list.html", {"years": report_years(), "today": timezone.localdate()}
    )


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    """Public statistics of a year, with charts and their numbers as tables."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    if not 2008 <= year <= this_year:
        raise Http404("no such year")
    stats = year_statistics(year)
    return render(
        request,
        "reports/statistics.html",
        {
            "stats": stats,
            "years": list(range(this_year, this_year - 12, -1)),
            "published_chart": charts.bar_chart(
                stats.published_by_month, title=f"{year}年每月主动公开信息数", unit="条"
            ),
            "received_chart": charts.bar_chart(
                stats.received_by_month, title=f"{year}年每月收到政府信息公开申请数", unit="件"
            ),
            "outcome_chart": charts.bar_chart(stats.outcomes, title=f"{year}年申请办理结果", unit="件"),
        },
    )
