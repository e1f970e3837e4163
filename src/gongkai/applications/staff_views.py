"""The handlers' screens: queues by deadline, intake of paper applications, the case and its actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import permissions
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import User
from gongkai.workbench import actions
from gongkai.workbench.decorators import requires

from . import fees, letters, queries, services
from .errors import ApplicationError
from .forms import ActionForm, FeeCalcForm, IntakeForm, ReplyForm, ReviewForm
from .models import Application


def _case(request: HttpRequest, tracking_no: str, action: str = "applications.case.view") -> Application:
    application = (
        Application.objects.select_related("unit", "handler").filter(tracking_no=tracking_no).first()
    )
    if application is None or not permissions.can(request.user, "applications.case.view", application):
        raise Http404("no such application")
    if not permissions.can(request.user, action, application):
        raise PermissionDenied(action)
    return application


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not permissions.can(user, "applications.case.view"):
        raise PermissionDenied("applications.case.view")
    groups = queries.buckets(user, load_calendar())
    recent = (
        queries.staff_cases(user)
        .filter(status__in=["replied", "withdrawn"])
        .order_by("-replied_on", "-id")[:20]
    )
    return render(
        request,
        "applications/staff/queue.html",
        {"groups": groups, "recent": recent, "can_intake": user.unit is not None},
    )


@requires("applications.case.handle")
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    """Register an application that came in person, by post, fax or e-mail (Art. 31 receipt dates)."""
    user: User = request.user  # type: ignore[assignment]
    form = IntakeForm(
        request.POST or None, initial={"received_on": timezone.localdate(), "unit": user.unit_id}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not permissions.can(user, "applications.case.handle", data["unit"]):
            form.add_error("unit", "你只能登记本单位收到的申请。")
        else:
            try:
                application, code = services.application_submit(
                    unit=data["unit"], applicant_type=data["applicant_type"], name=data["name"], id_type=data["id_type"],
                    id_number=data["id_number"], phone=data["phone"], email=data["email"], address=data["address"],
                    description=data["description"], purpose=data["purpose"], form=data["form"], channel=data["channel"],
                    received_on=data["received_on"], by=user,
                )  # fmt: skip
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request,
                    f"已登记，申请编号 {application.tracking_no}，查询码 {code}（请告知申请人，只显示这一次）。",
                )
                return redirect("applications_staff:detail", tracking_no=application.tracking_no)
    return render(request, "applications/staff/intake.html", {"form": form})


@login_required
def detail(request: HttpRequest, tracking_no: str) -> HttpResponse:
    application = _case(request, tracking_no)
    user = request.user
    calendar = load_calendar()
    can_handle = permissions.can(user, "applications.case.handle", application)
    pages_form = FeeCalcForm(request.GET or None)
    pages = pages_form.cleaned_data.get("pages") if pages_form.is_valid() else None
    ordinal = queries.monthly_ordinal(application) if application.received_on else None
    case = queries.case_clock(application, calendar)
    return render(
        request,
        "applications/staff/detail.html",
        {
            "application": application,
            "today": timezone.localdate(),
            "clock": case,
            "overdue": queries.overdue_days(application, case, calendar, timezone.localdate()),
            "deadline": queries.applicant_deadline(application, calendar),
            "events": application.events.select_related("by"),
            "reviews": application.reviews.all(),
            "id_number": services.reveal_id_number(application)
            if can_handle
            else application.id_number_masked,
            "can_handle": can_handle,
            "can_extend": permissions.can(user, "applications.case.extend", application),
            "can_transfer": permissions.can(user, "applications.case.transfer", application),
            "action_form": ActionForm(initial={"date": timezone.localdate()}),
            "reply_form": ReplyForm(initial={"date": timezone.localdate()}),
            "review_form": ReviewForm(),
            "pages_form": pages_form,
            "fee_by_count": fees.fee_by_count(ordinal) if ordinal else None,
            "ordinal": ordinal,
            "fee_by_pages": fees.explain_pages(pages) if pages is not None else "",
        },
    )


def cleaned(form: Any, message: str) -> dict[str, Any]:
    if not form.is_valid():
        details = "；".join(
            f"{form.fields[k].label}：{v[0]}" for k, v in form.errors.items() if k in form.fields
        )
        raise ApplicationError(f"{message}{details}", code="invalid")
    return dict(form.cleaned_data)


def _simple(
    service: Callable[..., Any], *, needs_reason: bool = False
) -> Callable[[HttpRequest, Application, User], None]:
    def run(request: HttpRequest, application: Application, user: User) -> None:
        data = cleaned(ActionForm(request.POST), "未保存：")
        kwargs: dict[str, Any] = {"application": application, "by": user, "date": data["date"]}
        if needs_reason or data.get("reason"):
            kwargs["reason"] = data.get("reason") or ""
        service(**kwargs)

    return run


def _extend(request: HttpRequest, application: Application, user: User) -> None:
    data = cleaned(ActionForm(request.POST), "未延期：")
    services.application_extend(
        application=application, by=user, date=data["date"], days=data["days"] or 0, reason=data["reason"]
    )


def _fee_notice(request: HttpRequest, application: Application, user: User) -> None:
    data = cleaned(ActionForm(request.POST), "未发出收费通知：")
    services.application_fee_notice(
        application=application, by=user, date=data["date"], amount=data["amount"] or 0, reason=data["reason"]
    )


def _transfer(request: HttpRequest, application: Application, user: User) -> None:
    data = cleaned(ActionForm(request.POST), "未转办：")
    if data["unit"] is None:
        raise ApplicationError("请选择转至的单位。", code="unit_required", field="unit")
    services.application_transfer(
        application=application, by=user, to=data["unit"], date=data["date"], reason=data["reason"]
    )


def _reply(request: HttpRequest, application: Application, user: User) -> None:
    data = cleaned(ReplyForm(request.POST), "未答复：")
    files = [(f.name, f.read()) for f in request.FILES.getlist("files")]
    services.application_reply(application=application, by=user, files=files, **data)


def _review(request: HttpRequest, application: Application, user: User) -> None:
    services.review_record(application=application, by=user, **cleaned(ReviewForm(request.POST), "未保存："))


def _to_proactive(request: HttpRequest, application: Application, user: User) -> None:
    if not permissions.can(user, "publishing.document.create", application.unit):
        raise ApplicationError("你的角色不能在本单位新建主动公开稿件。", code="forbidden")
    document = services.application_to_proactive(
        application=application, by=user, title=request.POST.get("title", "")
    )
    messages.info(request, f"已生成主动公开草稿 {document.index_no}，审核后发布。")


def _register(request: HttpRequest, application: Application, user: User) -> None:
    data = cleaned(ActionForm(request.POST), "未登记：")
    services.application_register(application=application, by=user, date=data["date"])


Handler = Callable[[HttpRequest, Application, User], None]
ACTIONS: dict[str, tuple[str, Handler, str]] = {
    "register": ("applications.case.handle", _register, "已登记，开始计算答复期限。"),
    "request_supplement": (
        "applications.case.handle",
        _simple(services.application_request_supplement, needs_reason=True),
        "已告知补正，答复期限暂停。",
    ),
    "receive_supplement": (
        "applications.case.handle",
        _simple(services.application_receive_supplement),
        "已登记补正，答复期限重新计算。",
    ),
    "start_third_party": (
        "applications.case.handle",
        _simple(services.application_start_third_party, needs_reason=True),
        "已开始征求第三方意见，期间不计入答复期限。",
    ),
    "end_third_party": (
        "applications.case.handle",
        _simple(services.application_end_third_party),
        "第三方意见已返回，恢复计时。",
    ),
    "extend": ("applications.case.extend", _extend, "已延长答复期限。"),
    "fee_notice": ("applications.case.handle", _fee_notice, "已发出收费通知。"),
    "fee_paid": ("applications.case.handle", _simple(services.application_fee_paid), "已登记缴费。"),
    "reply": ("applications.case.handle", _reply, "已答复，案件办结。"),
    "withdraw": ("applications.case.handle", _simple(services.application_withdraw), "已登记撤回。"),
    "transfer": ("applications.case.transfer", _transfer, "已转办。"),
    "review": ("applications.case.handle", _review, "已记录复议或诉讼情况。"),
    "to_proactive": ("applications.case.handle", _to_proactive, "已转为主动公开草稿。"),
}


@login_required
@require_POST
def act(request: HttpRequest, tracking_no: str, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("no such action")
    permission, handler, success = ACTIONS[action]
    application = _case(request, tracking_no, permission)
    actions.run(request, handler, application, success, (ApplicationError,))
    return redirect("applications_staff:detail", tracking_no=tracking_no)


@login_required
def download(request: HttpRequest, tracking_no: str, kind: str, fmt: str) -> HttpResponse:
    """The reply letter or the whole case record, as Word or PDF."""
    application = _case(request, tracking_no)
    if kind not in ("letter", "record") or fmt not in ("docx", "pdf"):
        raise Http404("no such file")
    if kind == "letter" and not application.reply_category:
        raise Http404("no reply yet")
    return letters.download(application, kind, fmt)
