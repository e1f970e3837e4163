"""Staff: a draft report's file and tables (on the record's own staff page), and the office's dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import permissions
from gongkai.records.staff_views import record_or_404
from gongkai.workbench.decorators import requires

from . import queries, services
from .errors import FinanceError
from .models import FiscalReport
from .types import FISCAL_REPORTS

MAX_UPLOAD = 30 * 1024 * 1024


def _draft(request: HttpRequest, pk: int) -> FiscalReport:
    report: FiscalReport = record_or_404(request, FISCAL_REPORTS, pk, "records.record.edit")
    return report


def _upload(request: HttpRequest) -> tuple[str, bytes] | None:
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的文件。")
        return None
    if upload.size and upload.size > MAX_UPLOAD:
        messages.error(request, f"文件“{upload.name}”超过 30 MB。")
        return None
    return str(upload.name), upload.read()


def _handle(request: HttpRequest, pk: int, store: Any) -> HttpResponse:
    """Pass the uploaded file of a draft to STORE(report, name, data) -> success message; show its error."""
    report = _draft(request, pk)
    upload = _upload(request)
    if upload is not None:
        try:
            messages.success(request, store(report, *upload))
        except FinanceError as exc:
            messages.error(request, exc.message)
    return redirect(report.get_staff_url())


@login_required
@require_POST
def upload_file(request: HttpRequest, pk: int) -> HttpResponse:
    def store(report: FiscalReport, name: str, data: bytes) -> str:
        services.fiscal_report_attach(report=report, by=request.user, name=name, data=data)  # type: ignore[arg-type]
        return f"已上传报告文件“{name}”。"

    return _handle(request, pk, store)


@login_required
@require_POST
def upload_tables(request: HttpRequest, pk: int) -> HttpResponse:
    def store(report: FiscalReport, name: str, data: bytes) -> str:
        try:
            saved = services.fiscal_tables_import(report=report, by=request.user, data=data)  # type: ignore[arg-type]
        except FinanceError as exc:
            raise FinanceError(f"表格未导入：{exc.message}", code=exc.code, field=exc.field) from None
        return f"已导入 {len(saved)} 张表：{'、'.join(t.title for t in saved)}。"

    return _handle(request, pk, store)


@requires("finance.dashboard.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    mine = set(
        permissions.units_visible_to(request.user, "finance.dashboard.view").values_list("pk", flat=True)
    )  # type: ignore[arg-type]
    pending = [p for p in queries.pending_reports(today) if p.unit.pk in mine]
    departments = queries.departments_on_platform().filter(pk__in=mine).count()
    published = {
        kind: departments - sum(1 for p in pending if p.report_type == kind)
        for kind in ("dept_budget", "dept_final")
    }
    return render(
        request,
        "finance/staff/dashboard.html",
        {"pending": pending, "today": today, "budget_days": queries.period_days("dept_budget"),
         "final_days": queries.period_days("dept_final"),
         "without_staff": queries.departments_on_platform(on=False).filter(pk__in=mine),
         "departments": departments, "published": published},
    )  # fmt: skip
