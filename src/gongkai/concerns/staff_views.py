"""Staff pages: the queue, one concern (triage, answer, publication as 问答), and the hotspots."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import permissions
from gongkai.core.models import User
from gongkai.reports.charts import bar_chart
from gongkai.workbench.decorators import requires

from . import deadlines, hotspots, queries, services
from .errors import ConcernError
from .forms import AnswerForm, AssignForm, InvalidForm
from .models import Concern

HOTSPOT_CHARTS = 5


def _concern(request: HttpRequest, tracking_no: str) -> Concern:
    concern = queries.staff_concerns(request.user).filter(tracking_no=tracking_no).first()  # type: ignore[arg-type]
    if concern is None:
        raise Http404("no such concern")
    return concern


@requires("concerns.concern.view")
def queue(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    status = request.GET.get("status", "open")
    found = queries.staff_concerns(user).order_by("-received_at")
    if status == "open":
        found = found.filter(status__in=queries.OPEN)
    elif status in Concern.Status.values:
        found = found.filter(status=status)
    return render(
        request,
        "concerns/staff/queue.html",
        {
            "concerns": found[:300],
            "status": status,
            "statuses": [("open", "未办结"), *Concern.Status.choices, ("all", "全部")],
            "buckets": queries.buckets(user),
            "now": timezone.now(),
            "warn_days": deadlines.census_warn_days(),
            "can_hotspots": permissions.can(user, "concerns.hotspots.view"),
        },
    )


@login_required
def detail(request: HttpRequest, tracking_no: str) -> HttpResponse:
    concern = _concern(request, tracking_no)
    return _detail(request, concern)


def _detail(request: HttpRequest, concern: Concern, **forms: object) -> HttpResponse:
    user = request.user
    triage = permissions.can(user, "concerns.concern.triage")
    answer = concern.unit is not None and permissions.can(user, "concerns.concern.answer", concern)
    return render(
        request,
        "concerns/staff/detail.html",
        {
            "concern": concern,
            "now": timezone.now(),
            "assign_form": forms.get("assign")
            or AssignForm(initial={"unit": concern.unit_id, "kind": concern.kind}),
            "answer_form": forms.get("answer") or AnswerForm(),
            "invalid_form": forms.get("invalid") or InvalidForm(),
            "can_triage": triage and concern.is_open(),
            "can_answer": answer and concern.status == Concern.Status.ASSIGNED,
            "can_publish": answer
            and concern.status == Concern.Status.ANSWERED
            and concern.consent
            and not concern.qa_id,
            "similar": queries.similar_answers(concern, request.user) if concern.is_open() else [],  # type: ignore[arg-type]
            "files": concern.files.all(),
        },
    )


@require_POST
@login_required
def act(request: HttpRequest, tracking_no: str, action: str) -> HttpResponse:
    concern = _concern(request, tracking_no)
    user: User = request.user  # type: ignore[assignment]
    triage = permissions.can(user, "concerns.concern.triage")
    answering = permissions.can(user, "concerns.concern.answer", concern)
    try:
        if action == "assign" and triage:
            form = AssignForm(request.POST)
            if not form.is_valid():
                return _detail(request, concern, assign=form)
            services.concern_assign(
                concern=concern, unit=form.cleaned_data["unit"], kind=form.cleaned_data["kind"], by=user
            )
            messages.success(request, "已分办。")
        elif action == "invalidate" and triage:
            form = InvalidForm(request.POST)
            if not form.is_valid():
                return _detail(request, concern, invalid=form)
            services.concern_invalidate(concern=concern, reason=form.cleaned_data["reason"], by=user)
            messages.success(request, "已标为无效留言。")
        elif action == "answer" and answering:
            form = AnswerForm(request.POST)
            if not form.is_valid():
                return _detail(request, concern, answer=form)
            services.concern_answer(concern=concern, answer=form.cleaned_data["answer"], by=user)
            messages.success(request, "已答复。")
        elif action == "publish" and answering:
            record = services.concern_publish_qa(concern=concern, by=user)
            messages.success(request, "已生成公开问答草稿（已去除个人信息），请提交审核后发布。")
            return redirect(record.get_staff_url())
        else:
            raise PermissionDenied(action)
    except ConcernError as exc:
        messages.error(request, exc.message)
    return redirect("concerns_staff:detail", tracking_no=concern.tracking_no)


@requires("concerns.hotspots.view")
def hotspots_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET.get("day", "")) if request.GET.get("day") else today
    except ValueError:
        day = today
    found = hotspots.detect(day)
    charts = [
        bar_chart(
            [(str(d.day), n) for d, n in h.series],
            title=f"“{h.term}”每日出现次数（{h.series[0][0]:%Y-%m-%d}至{day:%Y-%m-%d}，横轴为日）",
            unit="次",
            width=640,
            height=180,
        )
        for h in found[:HOTSPOT_CHARTS]
    ]
    rows = [(h, charts[i] if i < len(charts) else "") for i, h in enumerate(found)]
    return render(
        request,
        "concerns/staff/hotspots.html",
        {
            "day": day,
            "rows": rows,
            "sources": hotspots.sources(),
            "baseline_days": hotspots.BASELINE_DAYS,
            "min_count": hotspots.MIN_COUNT,
            "min_z": hotspots.MIN_Z,
            "max_p": hotspots.MAX_P,
            "floor": hotspots.LAMBDA_FLOOR,
        },
    )
