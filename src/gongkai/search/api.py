"""`GET /api/v1/search?q=&type=&unit=` (CONTRACT.md): one search over everything published."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gongkai.core.apibase import MAX_PAGE_SIZE, ApiError, ErrorOut

from . import registry
from .query import search
from .signals import searched

router = Router(tags=["search"])
SEARCH_PAGES = 50  # deeper pages are refused: a search is for the first matches, an export for all


class SearchParams(Schema):
    q: str = Field("", max_length=100)
    type: str = ""
    unit: str = ""
    year: int | None = Field(None, ge=1990, le=2100)
    page: int = Field(1, ge=1, le=SEARCH_PAGES)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


@router.get("/search", response={200: dict[str, Any], 422: ErrorOut}, summary="全文检索")
def search_api(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """Words AND together; "quoted phrase"; -exclude. Results: type, title, url, snippet (HTML, <mark>)."""
    if not params.q.strip():
        raise ApiError(422, "invalid", "请输入关键词（q）。", {"q": "不能为空"})
    if params.type and registry.source(params.type) is None:
        kinds = "、".join(s.kind for s in registry.sources())
        raise ApiError(422, "invalid", f"类型（type）只能是：{kinds}。", {"type": params.type})
    if params.page == 1:
        searched.send(sender=search_api, query=params.q)
    page = search(
        params.q,
        kind=params.type,
        unit=params.unit,
        year=params.year,
        page=params.page,
        page_size=params.page_size,
    )
    next_url = None
    if page.has_next and params.page < SEARCH_PAGES:
        query = request.GET.copy()
        query["page"] = str(params.page + 1)
        query["page_size"] = str(params.page_size)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    # CONTRACT's paged list ("count", "next", "results"); "total" and "has_next" kept for older clients.
    return {
        "count": page.total,
        "next": next_url,
        "q": params.q,
        "total": page.total,
        "page": params.page,
        "has_next": page.has_next,
        "results": [
            {
                "type": r.kind,
                "type_label": r.kind_label,
                "title": r.title,
                "url": request.build_absolute_uri(r.url),
                "snippet": str(r.snippet),
                "unit": r.unit,
                "published_at": r.published_at.isoformat() if r.published_at else None,
                "exact_number_match": r.exact,
            }
            for r in page.results
        ],
    }
