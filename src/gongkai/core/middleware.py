"""Keep a signed-in user whose role needs two-factor sign-in on the enrolment page until done."""

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

ALLOWED_WHILE_ENROLLING = ("workbench:otp_setup", "workbench:logout")


PRIVATE_PREFIXES = (
    "/staff/",
    "/api/v1/staff/",
    "/api/v1/applications/",
    "/ysq/track/",
    "/ysq/files/",
    "/api/v1/concerns/",  # a message's follow-up, by its number and code
    "/hudong/liuyan/",  # the message box's form, receipt and follow-up
    "/admin/",
)


log = logging.getLogger(__name__)
FRONT_EXPIRES = "X-Accel-Expires"


def front_expiry() -> str:
    """Fresh in the front server's cache until the end of this second (decision 0031)."""
    return f"@{int(time.time())}"


class FrontCacheStampMiddleware:
    """Outside the page cache: tell the front server's one-second cache (docs/deployment/nginx.conf,
    which strips the header) that a public page is fresh until this second ends, so a change is
    through it within a second and a render. Stamped on every answer, stored pages included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        control = {
            part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")
        }
        if {"public", "no-cache"} <= control and not {"private", "no-store"} & control:
            response[FRONT_EXPIRES] = front_expiry()
        elif response.has_header(FRONT_EXPIRES):
            del response[FRONT_EXPIRES]
        return response


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "requires_two_factor", False)
            and not user.is_verified()
        ):
            allowed = {reverse(name) for name in ALLOWED_WHILE_ENROLLING}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("workbench:otp_setup")
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES) or (user is not None and user.is_authenticated):
            # Staff pages and answers hold personal data: no browser or proxy may keep a copy.
            response["Cache-Control"] = "no-store, private"
        elif request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
            # A public answer: any cache may keep it but must ask again each time (ETag, 304), so a
            # withdrawal is gone at once; 长辈模式's cookie makes the second of its two variants.
            patch_cache_control(response, public=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A personal field that cannot be decrypted (the wrong key): 503 with one line, not a 500."""
        from django.db import OperationalError

        from . import crypto

        if isinstance(exception, crypto.KeyMismatch):
            log.error("personal data cannot be decrypted on %s: %s", request.path, exception)
            message = "个人信息暂时无法读取（加密密钥与数据不符），请联系系统管理员。"
        elif isinstance(exception, OperationalError) and "database is locked" in str(exception):
            # SQLite's one writer is busy (a long import) beyond the wait: say so and when to retry.
            log.warning("database locked beyond the wait on %s %s", request.method, request.path)
            message = "系统正忙（正在处理大批量数据），您的操作未保存，请稍后重试。"
        else:
            return None
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"error": {"code": "unavailable", "message": message, "fields": {}}}, status=503
            )
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "30"
        return response
