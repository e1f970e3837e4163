"""The public side: apply (phone-first, no account) and follow the case with number and code."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core import files, permissions, ratelimit, tracking
from gongkai.core.calendar_data import load_calendar
from gongkai.core.clientip import client_ip

from . import accounts, letters, queries, services
from .categories import REPLY_CATEGORIES
from .errors import ApplicationError
from .forms import AccountForm, ApplyForm, TrackForm
from .models import Application, ReplyFile

RATE_PER_IP_PER_HOUR = 10
RATE_PER_ID_PER_DAY = 5


def rate_limited(request: HttpRequest, id_number: str) -> bool:
    """Count this submission against the address and the identity; True when over the limit."""
    over = ratelimit.over("apply-client", client_ip(request), limit=RATE_PER_IP_PER_HOUR, window=3600)
    if id_number:
        over = ratelimit.over("apply-id", id_number, limit=RATE_PER_ID_PER_DAY, window=86400) or over
    return over


def find_case(request: HttpRequest, tracking_no: str, code: str) -> tuple[Application | None, str, int]:
    """The applicant's case by its number and query code (`core.tracking.look_up`)."""
    return tracking.look_up(
        client_ip(request), tracking_no, code,
        find=lambda no: Application.objects.select_related("unit").filter(tracking_no=no).first(),
        verify=services.verify_code, wrong="申请编号或查询码不正确。",
    )  # fmt: skip


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if rate_limited(request, data["id_number"]):
            form.add_error(None, "提交过于频繁，请稍后再试；如需提交大量申请，请联系受理机关。")
        else:
            try:
                application, code = services.application_submit(
                    unit=data["unit"], applicant_type=data["applicant_type"], name=data["name"], id_type=data["id_type"],
                    id_number=data["id_number"], phone=data["phone"], email=data["email"], address=data["address"],
                    description=data["description"], purpose=data["purpose"], form=data["form"],
                )  # fmt: skip
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                current = accounts.signed_in(request)
                if current is not None:
                    accounts.account_claim(account=current, application=application)
                request.session["new_application"] = {"tracking_no": application.tracking_no, "code": code}
                return redirect("applications:submitted")
    return render(request, "applications/apply.html", {"form": form})


@never_cache
def submitted(request: HttpRequest) -> HttpResponse:
    new = request.session.pop("new_application", None)
    if new is None:
        return redirect("applications:track")
    application = Application.objects.select_related("unit").get(tracking_no=new["tracking_no"])
    today = timezone.localdate()
    return render(
        request,
        "applications/submitted.html",
        {**new, "application": application, "today": today, "if_today": load_calendar().due_date(today, 20)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    status = 200
    if request.method == "POST" and form.is_valid():
        application, message, found = find_case(
            request, form.cleaned_data["tracking_no"], form.cleaned_data["code"]
        )
        if application is None:
            form.add_error(None, message)
            status = 429 if found == 429 else 200
        else:
            request.session["tracked"] = sorted(
                {*request.session.get("tracked", []), application.tracking_no}
            )
            context.update(applicant_view(application))
    return render(request, "applications/track.html", context, status=status)


def applicant_view(application: Application) -> dict[str, object]:
    """What the applicant may see: status, due date and why it moved, what is awaited, the reply."""
    calendar = load_calendar()
    return {
        "application": application,
        "clock": queries.case_clock(application, calendar),
        "deadline": queries.applicant_deadline(application, calendar),
        "events": queries.public_events(application),
        "reply_label": REPLY_CATEGORIES.get(application.reply_category, ""),
    }


@never_cache
def reply_file(request: HttpRequest, tracking_no: str, pk: int) -> HttpResponse:
    """A reply file, for the applicant who opened the case with its code in this session, or its handlers."""
    item = (
        ReplyFile.objects.select_related("application")
        .filter(pk=pk, application__tracking_no=tracking_no)
        .first()
    )
    if item is None:
        raise Http404("no such file")
    allowed = tracking_no in request.session.get("tracked", []) or permissions.can(
        request.user, "applications.case.view", item.application
    )
    if not allowed:
        raise Http404("no such file")
    return files.download(item.sha256, item.name, item.content_type)


@never_cache
def letter(request: HttpRequest, tracking_no: str, fmt: str) -> HttpResponse:
    """The formal 答复告知书, for the applicant who opened the replied case with its code in this session."""
    application = Application.objects.select_related("unit").filter(tracking_no=tracking_no).first()
    if (
        application is None
        or not application.reply_category
        or fmt not in ("docx", "pdf")
        or tracking_no not in request.session.get("tracked", [])
    ):
        raise Http404("no such letter")
    return letters.download(application, "letter", fmt)


@never_cache
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """我的申请: sign up or sign in; once signed in, the list of one's cases and a way to add one."""
    current = accounts.signed_in(request)
    if current is None:
        form = AccountForm(request.POST or None)
        mode = request.POST.get("mode", "login")
        if request.method == "POST" and form.is_valid():
            try:
                if mode == "signup":
                    found = accounts.account_create(
                        email=form.cleaned_data["email"], password=form.cleaned_data["password"]
                    )
                else:
                    found = accounts.account_authenticate(
                        email=form.cleaned_data["email"], password=form.cleaned_data["password"]
                    )
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                accounts.sign_in(request, found)
                return redirect("applications:account")
        return render(request, "applications/account_login.html", {"form": form})
    track_form = TrackForm(request.POST or None)
    if request.method == "POST" and request.POST.get("mode") == "claim" and track_form.is_valid():
        application, message, _status = find_case(
            request, track_form.cleaned_data["tracking_no"], track_form.cleaned_data["code"]
        )
        if application is None:
            track_form.add_error(None, message)
        else:
            try:
                accounts.account_claim(account=current, application=application)
            except ApplicationError as exc:
                track_form.add_error(None, exc.message)
            else:
                return redirect("applications:account")
    calendar = load_calendar()
    cases = [
        (a, queries.case_clock(a, calendar))
        for a in current.applications.select_related("unit").prefetch_related("events")
    ]
    request.session["tracked"] = sorted(
        {*request.session.get("tracked", []), *(a.tracking_no for a, _c in cases)}
    )
    return render(
        request, "applications/account.html", {"account": current, "cases": cases, "track_form": track_form}
    )


@require_http_methods(["POST"])
def account_logout(request: HttpRequest) -> HttpResponse:
    accounts.sign_out(request)
    return redirect("applications:account")
