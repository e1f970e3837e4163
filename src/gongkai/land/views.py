"""The 征地信息查询: pick a township and a village (or type a project or approval number) and see every
public acquisition touching it, with its scope, compensation, resettlement and status."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.records.queries import CappedPaginator

from . import queries
from .models import Acquisition


def card(acquisition: Acquisition) -> dict[str, Any]:
    """What the query shows of one project (the API shows the same facts)."""
    return {
        "item": acquisition,
        "villages": queries.villages_of(acquisition),
        "areas": queries.areas(acquisition),
        "area_mu": acquisition.area_mu,
    }


@require_GET
def query(request: HttpRequest) -> HttpResponse:
    error, field = "", ""
    try:
        asked = queries.parse_query(request.GET)
    except queries.PlaceError as exc:
        asked, error, field = queries.Query(q=request.GET.get("q", "").strip()[:100]), str(exc), exc.field
    page = CappedPaginator(queries.public_acquisitions(asked), 20).get_page(request.GET.get("page"))
    params = {
        "township": asked.township.code if asked.township else "",
        "village": asked.village.code if asked.village else "",
        "q": asked.q,
    }
    return render(
        request,
        "land/query.html",
        {
            "page": page,
            "cards": [card(a) for a in page],
            "asked": asked,
            "townships": queries.townships(),
            "error": error,
            "error_field": field,
            "query": "&".join(f"{k}={v}" for k, v in params.items() if v),
        },
        status=422 if error else 200,
    )
