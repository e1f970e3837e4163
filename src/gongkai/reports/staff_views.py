"""The office's view of the annual report: every number of section 三 opens the cases behind it."""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from gongkai.core import permissions
from gongkai.core.exports import csv_chunks
from gongkai.core.models import Unit
from gongkai.core.queries import unit_by_code, unit_list
from gongkai.workbench.decorators import requires

from . import charts, services
from . import render as output
from .annual import annual_report, section2_documents, section3_cases, section4_reviews
from .labels import COLUMN_LABELS, ROW_LABELS
from .models import AnnualReport
from .summary import work_summary
from .timeliness import unit_timeliness
from .views import owner_name


def _unit(request: HttpRequest) -> object:
    code = request.GET.get("unit", "")
    unit = unit_by_code(code) if code else None
    if code and unit is None:
        raise Http404("no such unit")
    if not permissions.can(request.user, "reports.annual.view", unit):
        raise PermissionDenied("reports.annual.view")
    return unit


class WrittenForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["fees_collected", "fees_override_reason", "overview", "problems", "other"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in ("overview", "problems", "other")}


@login_required
@require_http_methods(["GET", "POST"])
def annual(request: HttpRequest, year: int) -> HttpResponse:
    """The report with its written sections; saving keeps a draft, finalising sends it for review."""
    unit = _unit(request)
    owner = owner_name(unit)  # type: ignore[arg-type]
    written = services.report_for(year, unit)  # type: ignore[arg-type]
    form = WrittenForm(request.POST or None, instance=written)
    if request.method == "POST" and form.is_valid():
        services.report_save(year=year, unit=unit, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        if request.POST.get("finalize"):
            publisher = unit or unit_list().filter(kind=Unit.Kind.GOVERNMENT, parent=None).first()
            try:
                document = services.report_finalize(year=year, unit=publisher, by=request.user, owner=owner)  # type: ignore[arg-type]
            except services.ReportError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    f"已定稿，年度报告（{document.index_no}）已提交审核，发布后进入政府信息公开目录。",
                )
        else:
            messages.success(request, "已保存。")
        return redirect(request.get_full_path())
    report = annual_report(year, unit)  # type: ignore[arg-type]
    return render(
        request,
        "reports/staff_annual.html",
        {
            **output.context(report, owner=owner),
            "drill": True,
            "unit_code": request.GET.get("unit", ""),
            "form": form,
            "written": written,
        },
    )


@login_required
def documents_cell(request: HttpRequest, year: int, key: str, column: str) -> HttpResponse:
    unit = _unit(request)
    try:
        documents = section2_documents(year, unit, key, column)  # type: ignore[arg-type]
    except KeyError:
        raise Http404("no such cell") from None
    label = {"rules": "规章", "normative": "行政规范性文件"}[key] + {
        "issued": "本年制发",
        "repealed": "本年废止",
        "in_force": "现行有效",
    }[column]
    return render(
        request,
        "reports/staff_cell_documents.html",
        {"year": year, "documents": documents, "label": label, "unit_code": request.GET.get("unit", "")},
    )


@login_required
def reviews_cell(request: HttpRequest, year: int, kind: str, result: str) -> HttpResponse:
    unit = _unit(request)
    try:
        reviews = section4_reviews(year, unit, kind, result)  # type: ignore[arg-type]
    except KeyError:
        raise Http404("no such cell") from None
    return render(
        request,
        "reports/staff_cell_reviews.html",
        {"year": year, "reviews": reviews, "unit_code": request.GET.get("unit", "")},
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


@requires("reports.timeliness.view")
def timeliness(request: HttpRequest) -> HttpResponse:
    """Each unit's timeliness this year, as a chart, a table and a CSV download (the office)."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    rows = unit_timeliness(year)
    if request.GET.get("format") == "csv":
        header = ["单位", "统一社会信用代码", "主动公开", "超过20个工作日", "答复申请", "逾期答复", "在办已逾期",
                  "双公示等记录", "记录超期公开", "按时率%"]  # fmt: skip
        table = [header] + [
            [
                r.name,
                r.code,
                r.published,
                r.published_late,
                r.answered,
                r.answered_late,
                r.open_overdue,
                r.records,
                r.records_late,
                r.on_time_share if r.on_time_share is not None else "",
            ]
            for r in rows
        ]
        response = HttpResponse("".join(csv_chunks(table)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{year}年各单位时效.csv"
        )
        return response
    charted = [(r.name, r.on_time_share) for r in rows if r.on_time_share is not None]
    chart = charts.hbar_chart(
        charted, title=f"{year}年各单位按时率（主动公开、依申请答复、双公示）", unit="%", maximum=100
    )
    return render(request, "reports/staff_timeliness.html", {"rows": rows, "year": year, "chart": chart})


@requires("reports.timeliness.view")
def summary(request: HttpRequest, year: int) -> HttpResponse:
    """The yearly work summary draft, as a page to copy from or a Word file to edit."""
    parts = work_summary(year)
    title = f"{owner_name(None)}{year}年政务公开工作总结"
    if request.GET.get("format") == "docx":
        from docx import Document as Docx

        document = Docx()
        document.add_heading(title, level=1)
        for heading, text in parts:
            document.add_heading(heading, level=2)
            document.add_paragraph(text)
        buffer = io.BytesIO()
        document.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=output.DOCX)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{title}.docx"
        )
        return response
    return render(request, "reports/staff_summary.html", {"title": title, "parts": parts, "year": year})
