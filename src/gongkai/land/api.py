"""`GET /api/v1/land/acquisitions?village=&township=&q=`: public 征地 projects, paged (CONTRACT.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from gongkai.core.apibase import ApiError, ErrorOut
from gongkai.records.api import Page, page_of

from . import queries
from .models import Acquisition

router = Router(tags=["land"])


def acquisition_body(acquisition: Acquisition, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": acquisition.index_no,
        "title": acquisition.title,
        "approval_no": acquisition.approval_no,
        "approved_by": acquisition.authority,
        "approved_on": acquisition.approved_on.isoformat() if acquisition.approved_on else None,
        "township": acquisition.township.name,
        "villages": [v.name for v in queries.villages_of(acquisition)],
        "area_mu": float(acquisition.area_mu),
        "purpose": acquisition.purpose,
        "status": acquisition.stage,
        "url": request.build_absolute_uri(acquisition.get_absolute_url()),
    }


@router.get(
    "/land/acquisitions",
    response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut},
    summary="征地信息查询（按乡镇、村或项目编号、批准文号）",
)
def acquisitions(request: HttpRequest, paging: Query[Page]) -> dict[str, Any]:
    """`village` and `township` take a 区划代码 or a name; `village` returns exactly the projects touching
    that village, `township` those touching any of its villages; `q` matches the project number, the
    approval number or the title. An unknown village or township answers 422 naming it."""
    try:
        asked = queries.parse_query(request.GET)
    except queries.PlaceError as exc:
        raise ApiError(422, exc.code, str(exc), {exc.field: str(exc)}) from None
    found = queries.public_acquisitions(asked)
    items, next_url = page_of(request, found, paging)
    if not items and paging.page > 1:
        raise ApiError(404, "not_found", "没有这一页。", {"page": str(paging.page)})
    return {
        "count": found.count(),
        "next": next_url,
        "results": [acquisition_body(a, request) for a in items],
    }
