"""Keep a signed-in user whose role needs two-factor sign-in on the enrolment page until done."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

ALLOWED_WHILE_ENROLLING = ("workbench:otp_setup", "workbench:logout")


PRIVATE_PREFIXES = (
    "/staff/",
    "/api/v1/staff/",
    "/api/v1/applications/",
    "/ysq/track/",
    "/ysq/files/",
    "/admin/",
)


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
        return response
