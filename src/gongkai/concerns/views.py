"""The public side: leave a message (phone-first, no account) and follow it with number and code."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core import files, ratelimit, tracking
from gongkai.core.clientip import client_ip

from . import queries, services
from .errors import ConcernError
from .forms import AskForm, TrackForm
from .models import Concern

RATE_PER_IP_PER_HOUR = 10
RATE_PER_PHONE_PER_DAY = 5


def rate_limited(request: HttpRequest, phone: str) -> bool:
    """Count this message against the address and the phone number; True when over the limit."""
    over = ratelimit.over("concern-client", client_ip(request), limit=RATE_PER_IP_PER_HOUR, window=3600)
    if phone.strip():
        over = (
            ratelimit.over("concern-phone", phone.strip(), limit=RATE_PER_PHONE_PER_DAY, window=86400) or over
        )
    return over


def find_concern(request: HttpRequest, tracking_no: str, code: str) -> tuple[Concern | None, str, int]:
    """The asker's message by its number and query code (`core.tracking.look_up`)."""
    return tracking.look_up(
        client_ip(request), tracking_no, code,
        find=queries.by_tracking_no, verify=services.verify_code, wrong="留言编号或查询码不正确。",
    )  # fmt: skip


def _recent_answers() -> Any:
    return queries.public_answers().order_by("-answered_on")[:5]


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if rate_limited(request, data["phone"]):
            form.add_error(None, "提交过于频繁，请稍后再试。")
        else:
            upload = data["attachment"]
            if upload and upload.size > files.max_size():  # refused before the file is read into memory
                form.add_error("attachment", f"附件不能超过 {files.max_size() // (1024 * 1024)} MB。")
                return render(request, "concerns/ask.html", {"form": form, "answers": _recent_answers()})
            uploads = [services.Upload(upload.name, upload.read())] if upload else []
            try:
                concern, code = services.concern_submit(
                    kind=data["kind"], unit=data["unit"], title=data["title"], body=data["body"], name=data["name"],
                    phone=data["phone"], email=data["email"], consent=data["consent"], uploads=uploads,
                )  # fmt: skip
            except ConcernError as exc:
                field = "attachment" if exc.field == "files" else exc.field
                form.add_error(field if field in form.fields else None, exc.message)
            else:
                request.session["new_concern"] = {"tracking_no": concern.tracking_no, "code": code}
                return redirect("concerns:submitted")
    return render(
        request,
        "concerns/ask.html",
        {"form": form, "answers": _recent_answers()},
    )


@never_cache
def submitted(request: HttpRequest) -> HttpResponse:
    new = request.session.pop("new_concern", None)
    if new is None:
        return redirect("concerns:track")
    concern = queries.by_tracking_no(new["tracking_no"])
    return render(request, "concerns/submitted.html", {**new, "concern": concern})


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    status = 200
    if request.method == "POST" and form.is_valid():
        concern, message, found = find_concern(
            request, form.cleaned_data["tracking_no"], form.cleaned_data["code"]
        )
        if concern is None:
            form.add_error(None, message)
            status = 429 if found == 429 else 200
        else:
            context["concern"] = concern
    return render(request, "concerns/track.html", context, status=status)
