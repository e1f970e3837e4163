"""Public pages: find an enterprise by name or 统一社会信用代码, and its profile."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from gongkai.core.uscc import validate_uscc

from . import enterprises


@require_GET
def enterprise_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    error = ""
    if enterprises.looks_like_code(q):
        try:
            validate_uscc(enterprises.normalise(q))
        except ValidationError as exc:
            error = exc.messages[0]
    found, cut = ([], False) if error else enterprises.find(q)
    if len(found) == 1 and enterprises.looks_like_code(q):
        return redirect("credit:enterprise", uscc=found[0].uscc)
    return render(
        request,
        "credit/search.html",
        {"q": q, "found": found, "cut": cut, "error": error},
        status=400 if error else 200,
    )


@require_GET
def enterprise_detail(request: HttpRequest, uscc: str) -> HttpResponse:
    code = enterprises.normalise(uscc)
    if code != uscc:
        return redirect("credit:enterprise", uscc=code, permanent=True)
    found = enterprises.profile(code)
    if found is None:
        raise Http404("no public record of this enterprise")
    return render(request, "credit/enterprise.html", {"profile": found, "groups": found.groups()})
