"""Staff pages: a unit's consultations, drafted and taken through the workflow here; comments moderated
and answered; the adoption report written and published; hearings and expert reviews."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import permissions, workflow
from gongkai.core.models import User
from gongkai.workbench.actions import FormInvalid, cleaned
from gongkai.workbench.decorators import requires

from . import services
from .errors import ParticipationError
from .models import Comment, CommentStatus, Consultation, ExpertReview, Hearing, Outcome

EDIT = "participation.consultation.edit"
REVIEW = "participation.consultation.review"


class ConsultationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Consultation
        fields = list(services.EDITABLE)
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
            "draft": forms.Textarea(attrs={"rows": 16}),
        }


class HearingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Hearing
        fields = ["title", "held_at", "place", "seats", "registration_closes_on", "materials_sent_on"]
        widgets = {
            "held_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "registration_closes_on": forms.DateInput(attrs={"type": "date"}),
            "materials_sent_on": forms.DateInput(attrs={"type": "date"}),
        }


class ReviewForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ExpertReview
        fields = ["held_on", "experts", "opinions", "conclusion", "public"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}


def _create(form_class: type[forms.ModelForm], service: Callable[..., Any]) -> Callable[..., Any]:  # type: ignore[type-arg]
    def handler(request: HttpRequest, item: Consultation, user: User) -> Any:
        data = cleaned(form_class(request.POST), "未能保存：")
        return service(item, by=user, **data)

    return handler


def _staff(user: User) -> Any:
    return Consultation.objects.filter(unit__in=permissions.units_visible_to(user, EDIT)).select_related(
        "unit"
    )


def _item(request: HttpRequest, pk: int) -> Consultation:
    item = _staff(request.user).filter(pk=pk).first()  # type: ignore[arg-type]
    if item is None:
        raise Http404("no such consultation")
    return item


@requires(EDIT)
def consultation_list(request: HttpRequest) -> HttpResponse:
    rows = _staff(request.user).order_by("-opens_on", "-id")[:200]  # type: ignore[arg-type]
    missing = set(services.closed_without_report().values_list("pk", flat=True))
    return render(request, "participation/staff/list.html", {"rows": rows, "missing": missing})


@requires(EDIT, own_unit=True)
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.consultation_create(
                by=user, unit=user.unit, **{k: form.cleaned_data[k] for k in services.EDITABLE}
            )  # type: ignore[arg-type]
        except ParticipationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存草稿。")
            return redirect(item.get_staff_url())
    return render(request, "participation/staff/form.html", {"form": form})


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    user: User = request.user  # type: ignore[assignment]
    comments = item.comments.select_related("paragraph").order_by("status", "created_at")
    return render(
        request, "participation/staff/detail.html",
        {"item": item, "comments": comments, "pending": comments.filter(status=CommentStatus.PENDING).count(),
         "report": getattr(item, "adoption_report", None), "hearings": item.hearings.all(),
         "reviews": item.expert_reviews.all(), "outcomes": Outcome.choices,
         "can_review": permissions.can(user, REVIEW, item.unit), "hearing_form": HearingForm(),
         "review_form": ReviewForm()},
    )  # fmt: skip


def _topics(text: str) -> list[tuple[str, int, str, str]]:
    """Lines of 主题|条数|采纳情况|理由 (采纳情况 as 采纳, 部分采纳, 未采纳 or their codes)."""
    names = {str(label): value for value, label in Outcome.choices} | {v: v for v in Outcome.values}
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")] + ["", "", ""]
        if not parts[1].isdigit() or parts[2] not in names:
            raise ParticipationError(
                f"意见主题格式有误：{line.strip()}（应为 主题|条数|采纳情况|理由）",
                code="invalid",
                field="topics",
            )
        rows.append((parts[0], int(parts[1]), names[parts[2]], parts[3]))
    return rows


def _comment(item: Consultation, request: HttpRequest) -> Comment:
    comment = (
        item.comments.filter(pk=request.POST.get("comment", "")).first()
        if request.POST.get("comment", "").isdigit()
        else None
    )
    if comment is None:
        raise ParticipationError("没有这条意见。", code="not_found")
    return comment


def _document(index_no: str) -> Any:
    """The published catalog document of INDEX_NO (the final text a draft became)."""
    from gongkai.publishing import queries as documents

    view = documents.public_view(index_no.strip())
    if view.state != "public":
        raise ParticipationError("没有这个索引号的已公开文件。", code="not_found", field="index_no")
    return view.document


def _number(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise ParticipationError(f"{name} 须为整数。", code="invalid", field=name)
    return int(value)


ACTIONS: dict[str, tuple[str, str, Callable[[HttpRequest, Consultation, User], Any]]] = {
    "submit": (EDIT, "已提交审核。", lambda r, i, u: workflow.submit(i, by=u)),
    "approve": (REVIEW, "已审核通过。", lambda r, i, u: workflow.approve(i, by=u)),
    "reject": (REVIEW, "已退回。", lambda r, i, u: workflow.reject(i, by=u, note=r.POST.get("note", ""))),
    "publish": (REVIEW, "已发布。", lambda r, i, u: workflow.publish(i, by=u)),
    "withdraw": (REVIEW, "已撤回。", lambda r, i, u: workflow.withdraw(i, by=u, reason=r.POST.get("reason", ""))),
    "moderate": (EDIT, "已处理。", lambda r, i, u: services.comment_moderate(
        _comment(i, r), by=u, publish=r.POST.get("decision") == "publish", note=r.POST.get("note", ""))),
    "reply": (EDIT, "已答复。", lambda r, i, u: services.comment_reply(_comment(i, r), by=u, text=r.POST.get("reply", ""))),
    "report": (EDIT, "已保存意见采纳情况。", lambda r, i, u: services.report_save(
        i, by=u, summary=r.POST.get("summary", ""), opinions=_number(r, "opinions"), people=_number(r, "people"),
        topics=_topics(r.POST.get("topics", "")))),
    "publish_report": (REVIEW, "已发布意见采纳情况。", lambda r, i, u: services.report_publish(i, by=u)),
    "announce_hearing": (REVIEW, "已发布听证公告。", lambda r, i, u: services.hearing_announce(
        Hearing.objects.get(consultation=i, pk=_number(r, "hearing")), by=u)),
    "draw": (REVIEW, "已抽签。", lambda r, i, u: services.hearing_draw(
        Hearing.objects.get(consultation=i, pk=_number(r, "hearing")), by=u, public_value=r.POST.get("public_value", ""))),
    "hearing": (EDIT, "已保存听证会。", _create(HearingForm, services.hearing_create)),
    "review": (EDIT, "已保存专家论证。", _create(ReviewForm, services.review_create)),
    "final_document": (REVIEW, "已关联正式文件。", lambda r, i, u: services.link_final_document(
        i, by=u, document=_document(r.POST.get("index_no", "")))),
    "publish_review": (REVIEW, "已公开专家论证情况。", lambda r, i, u: services.review_publish(
        ExpertReview.objects.get(consultation=i, pk=_number(r, "review")), by=u)),
}  # fmt: skip


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = _item(request, pk)
    if action not in ACTIONS:
        raise Http404("no such action")
    permission, success, handler = ACTIONS[action]
    user: User = request.user  # type: ignore[assignment]
    if not permissions.can(user, permission, item.unit):
        raise PermissionDenied(permission)
    try:
        handler(request, item, user)
    except (ParticipationError, FormInvalid, Hearing.DoesNotExist, ExpertReview.DoesNotExist) as exc:
        messages.error(request, str(getattr(exc, "message", exc)))
    else:
        messages.success(request, success)
    return redirect(item.get_staff_url())
