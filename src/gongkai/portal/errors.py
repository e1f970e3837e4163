"""Error pages that are portal pages in Chinese (the templates 400/403/404/500.html do the rest)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template import loader


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its token, or from another site: say what to do, not Django's English page."""
    page = loader.get_template("portal/csrf_failure.html")
    return HttpResponseForbidden(page.render({}, request))
