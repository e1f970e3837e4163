"""Staff: approval cases with overdue flags, 办事指南 completeness per unit, application-form upload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import permissions
from gongkai.core.models import User
from gongkai.core.permissions import units_visible_to
from gongkai.records.errors import RecordError
from gongkai.reports.charts import hbar_chart

from . import guide, services
from .models import ApprovalCase, Matter


def _user(request: HttpRequest, action: str) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not permissions.can(user, action):
        raise PermissionDenied(action)
    return user


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    user = _user(request, "matters.case.view")
    rows = ApprovalCase.objects.filter(unit__in=units_visible_to(user, "matters.case.view")).select_related(
        "matter", "unit"
    )
    overdue_only = request.GET.get("overdue") == "1"
    if overdue_only:
        rows = rows.filter(status=ApprovalCase.Status.IN_PROGRESS, promised_due__lt=timezone.localdate())
    status = request.GET.get("status", "")
    if status in ApprovalCase.Status.values:
        rows = rows.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        rows = rows.filter(case_no__icontains=q) | rows.filter(matter__name__icontains=q)
    page = Paginator(rows.order_by("-received_at"), 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "matters/staff/cases.html",
        {
            "page": page,
            "rows": [(c, services.is_overdue(c, today)) for c in page],
            "overdue_only": overdue_only,
            "status": status,
            "statuses": ApprovalCase.Status.choices,
            "q": q,
            "query": query.urlencode(),
        },
    )


@login_required
def case(request: HttpRequest, pk: int) -> HttpResponse:
    _user(request, "matters.case.view")
    item = ApprovalCase.objects.select_related("matter", "unit").filter(pk=pk).first()
    if item is None or not permissions.can(request.user, "matters.case.view", item):
        raise Http404("no such case")
    return render(
        request,
        "matters/staff/case.html",
        {"case": item, "steps": item.steps.all(), "overdue": services.is_overdue(item)},
    )


@login_required
def guides(request: HttpRequest) -> HttpResponse:
    """Each unit's matters needing a 办事指南, and how many lack an element (a census failure)."""
    user = _user(request, "records.record.view")
    matters = Matter.objects.filter(unit__in=units_visible_to(user, "records.record.view")).select_related(
        "unit"
    )
    per_unit: dict[str, dict[str, int]] = {}
    incomplete = []
    for matter in matters.exclude(kind__in=guide.NO_GUIDE).order_by("unit__sort_order", "code"):
        counts = per_unit.setdefault(matter.unit.name, {"total": 0, "incomplete": 0})
        counts["total"] += 1
        missing = guide.missing_elements(matter)
        if missing:
            counts["incomplete"] += 1
            incomplete.append((matter, missing))
    chart_points = sorted(
        ((name, c["incomplete"]) for name, c in per_unit.items() if c["incomplete"]), key=lambda p: -p[1]
    )[:20]
    return render(
        request,
        "matters/staff/guides.html",
        {
            "per_unit": sorted(per_unit.items(), key=lambda kv: -kv[1]["incomplete"]),
            "incomplete": incomplete[:200],
            "incomplete_count": len(incomplete),
            "chart": hbar_chart(chart_points, title="办事指南要素不全的事项数（前20个单位）", unit="项")
            if chart_points
            else "",
        },
    )


@login_required
@require_POST
def upload_form(request: HttpRequest, pk: int) -> HttpResponse:
    matter = Matter.objects.select_related("unit").filter(pk=pk).first()
    if matter is None or not permissions.can(request.user, "records.record.view", matter):
        raise Http404("no such matter")
    if not permissions.can(request.user, "matters.form.upload", matter):
        raise PermissionDenied("matters.form.upload")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的申请表格文件。")
    else:
        try:
            services.matter_attach_form(
                matter=matter, by=request.user, name=upload.name or "", data=upload.read()
            )  # type: ignore[arg-type]
        except RecordError as exc:
            messages.error(request, f"申请表格：{exc.message}")
        else:
            messages.success(request, "申请表格已上传，公众可在办事指南中下载。")
    return redirect(matter.get_staff_url())
