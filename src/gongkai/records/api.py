"""`GET /api/v1/records/{type}` and `/records/{type}/{id}` for every registered type (id = 索引号)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gongkai.core.apibase import MAX_PAGE, MAX_PAGE_SIZE, ApiError, ErrorOut

from . import queries, registry
from .registry import RecordType

router = Router(tags=["records"])


class Page(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def page_of(request: HttpRequest, rows: Any, paging: Page) -> tuple[list[Any], str | None]:
    """The asked page of ROWS and the next page's absolute URL (None on the last page): one row more
    than the page is read to know, so no second count is needed for `next`."""
    start = (paging.page - 1) * paging.page_size
    items = list(rows[start : start + paging.page_size + 1])
    next_url = None
    if len(items) > paging.page_size:
        query = request.GET.copy()
        query["page"], query["page_size"] = str(paging.page + 1), str(paging.page_size)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return items[: paging.page_size], next_url


def _type(slug: str) -> RecordType:
    record_type = registry.get(slug)
    if record_type is None:
        raise ApiError(404, "not_found", "没有这类公示信息。", {"type": slug})
    return record_type


def record_body(record_type: RecordType, record: Any, request: HttpRequest) -> dict[str, Any]:
    content = record_type.public_content(record)
    return {
        "id": record.index_no,
        "index_no": record.index_no,
        "type": record_type.slug,
        "version": record.version,
        "unit": {"code": record.unit.code, "name": record.unit.name},
        "published_at": record.publish_at.isoformat(),
        "display_until": record.publish_until.isoformat() if record.publish_until else None,
        "url": request.build_absolute_uri(record.get_absolute_url()),
        "fields": content["fields"],
    }


@router.get("/records", response={200: list[dict[str, Any]]}, summary="公示信息的类型")
def record_types(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "type": t.slug,
            "name": t.name,
            "filters": ["q", "unit", "year", "sort", *t.filters],
            "fields": {f.name: t.label(f.name) for f in t.public_fields()},
            "url": request.build_absolute_uri(f"/api/v1/records/{t.slug}"),
        }
        for t in registry.types()
    ]


@router.get(
    "/records/{slug}", response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut}, summary="一类公示信息"
)
def record_list(request: HttpRequest, slug: str, paging: Query[Page]) -> dict[str, Any]:
    """Filters: q, unit (code), year, sort (new|old|published) and the type's own fields."""
    record_type = _type(slug)
    try:
        filters = queries.parse_filters(record_type, request.GET)
    except queries.FilterError as exc:
        raise ApiError(422, "invalid", f"参数不正确：{exc.field}。", {exc.field: str(exc)}) from None
    records = queries.public_list(record_type, filters)
    count, exact = queries.capped_count(records)
    items, next_url = page_of(request, records, paging)
    return {
        "count": count,
        "count_exact": exact,  # False: at least COUNT_CAP (10,000) records match; narrow the filters
        "next": next_url,
        "results": [record_body(record_type, r, request) for r in items],
    }


@router.get(
    "/records/{slug}/{path:index_no}",
    response={200: dict[str, Any], 404: ErrorOut, 410: dict[str, Any]},
    summary="一条公示信息",
)
def record_detail(request: HttpRequest, slug: str, index_no: str) -> Any:
    record_type = _type(slug)
    view = queries.public_view(record_type, index_no)
    if view.state == "missing":
        raise ApiError(404, "not_found", "没有这个索引号的公示信息。", {"id": index_no})
    if view.state == "gone":
        raise ApiError(410, "gone", "该信息已不再公示。", {"id": index_no})
    return record_body(record_type, view.record, request)
