"""Staff shell: sign-in with two-factor, the dashboard, the audit log, the holiday tables."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from gongkai.core import services
from gongkai.core.calendar_data import CalendarFileError, load_calendar, package_years, parse_holiday_file
from gongkai.core.errors import CoreError
from gongkai.core.models import CalendarYear
from gongkai.core.queries import audit_entries

from .decorators import requires
from .forms import AuditFilterForm, CalendarImportForm, LoginForm, TokenForm
from .panels import panels


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid() and form.user is not None:
        login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
        if form.device is not None:
            otp_login(request, form.device)
        target = request.POST.get("next") or request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        return redirect(target or "workbench:dashboard")
    return render(request, "workbench/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "已安全退出。")
    return redirect("workbench:login")


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """What django-axes shows once an account is locked after repeated failures."""
    return render(request, "workbench/locked.html", status=403)


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    device = services.totp_device_start(user=user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = services.totp_device_confirm(user=user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        except CoreError as exc:
            form.add_error(exc.field, exc.message)
        else:
            otp_login(request, confirmed)
            messages.success(request, "验证器已绑定。今后登录时请同时输入动态验证码。")
            return redirect("workbench:dashboard")
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)
    qr = qr.replace("<svg ", '<svg role="img" aria-label="验证器绑定二维码" ', 1)

    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "workbench/otp_setup.html",
        {
            "form": form,
            "qr": mark_safe(qr),  # noqa: S308  segno's SVG of the provisioning URI
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    calendar = load_calendar()
    return render(
        request,
        "workbench/dashboard.html",
        {
            "panels": panels(request.user),  # type: ignore[arg-type]
            "next_year_missing": today.month >= 11 and not calendar.has_data(today.year + 1),
            "next_year": today.year + 1,
        },
    )


@requires("core.audit.view")
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(**{k: v for k, v in filters.items() if v})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "workbench/audit.html", {"form": form, "page": page, "query": query.urlencode()})


@requires("core.calendar.change")
@require_http_methods(["GET", "POST"])
def calendar_view(request: HttpRequest) -> HttpResponse:
    form = CalendarImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8")
            year, lines = parse_holiday_file(text)
        except UnicodeDecodeError:
            form.add_error("file", "文件不是 UTF-8 编码的文本，请另存为 UTF-8 CSV 后重试。")
        except CalendarFileError as exc:
            form.add_error("file", f"{exc.chinese()}。文件未导入任何内容。")
        else:
            services.calendar_import(
                year=year,
                lines=lines,
                source=form.cleaned_data["source"] or upload.name,
                by=request.user,  # type: ignore[arg-type]
            )
            messages.success(
                request, f"已导入{year}年节假日安排，共{len(lines)}天。所有期限将按新安排重新计算。"
            )
            return redirect("workbench:calendar")
    db_years = {y.year: y for y in CalendarYear.objects.all()}
    years = sorted(set(package_years()) | set(db_years), reverse=True)
    rows = [{"year": y, "imported": db_years.get(y), "package": y in package_years()} for y in years[:8]]
    today = timezone.localdate()
    return render(
        request,
        "workbench/calendar.html",
        {
            "form": form,
            "rows": rows,
            "next_year": today.year + 1,
            "next_year_known": (today.year + 1) in years,
        },
    )
