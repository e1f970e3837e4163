"""`GET /api/v1/ocds/releases` (a release package, paged with links.next), `/ocds/releases.jsonl` (every
public release, one per line: the bulk download) and `/ocds/records/{ocid}` (a record package)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from ninja import Query, Router

from gongkai.core.apibase import ApiError, ErrorOut
from gongkai.core.queries import site_profile
from gongkai.records.api import Page

from . import ocds, queries
from .models import Notice, Process

router = Router(tags=["ocds"])


def _publisher() -> str:
    profile = site_profile()
    return profile.site_name if profile else "Gongkai"


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _filters(request: HttpRequest) -> queries.ProcessFilters:
    try:
        return queries.parse_filters(request.GET)
    except queries.FilterError as exc:
        raise ApiError(422, "invalid", f"参数不正确：{exc.field}。", {exc.field: str(exc)}) from None


def _releases_of(notices: list[Notice], base: str) -> list[dict[str, Any]]:
    """The release of each of NOTICES, each built with what its process published before it."""
    by_process: dict[int, dict[str, dict[str, Any]]] = {}
    processes = queries.public_processes().filter(pk__in={n.process_id for n in notices})
    for process in processes:
        timeline = process.public_notices  # type: ignore[attr-defined]
        built = ocds.process_releases(process, timeline, base)
        by_process[process.pk] = {str(n.pk): r for n, r in zip(timeline, built, strict=True)}
    return [by_process[n.process_id][str(n.pk)] for n in notices]


def _published(notices: Any) -> Any:
    return notices.aggregate(last=Max("updated_at"))["last"] or timezone.now()


@router.get(
    "/ocds/releases",
    response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut},
    summary="OCDS 发布包（分页）",
)
def releases(request: HttpRequest, paging: Query[Page]) -> dict[str, Any]:
    """Every public procurement notice as an OCDS release, oldest first; filters as the process list
    (buyer, method, min_amount, max_amount, since, until, q). When no public notice matches, 404 with
    the code `no_releases`: an OCDS 1.1 package holds at least one release."""
    filters = _filters(request)
    notices = queries.public_notices().filter(
        process__in=queries.public_processes(filters).order_by().values("pk")
    )
    notices = notices.order_by("publish_at", "id")
    start = (paging.page - 1) * paging.page_size
    page = list(notices[start : start + paging.page_size + 1])
    if not page and paging.page > 1:
        raise ApiError(404, "not_found", "没有这一页。", {"page": str(paging.page)})
    if not page:
        # OCDS 1.1 wants one release or more in a package, so an empty one is not served (decision 0021).
        raise ApiError(404, "no_releases", "没有符合条件的公开采购公告，没有可发布的 OCDS 发布包。")
    has_next = len(page) > paging.page_size
    page = page[: paging.page_size]
    body = ocds.package(
        "releases", _releases_of(page, _base(request)), uri=request.build_absolute_uri(),
        publisher=_publisher(), published=_published(notices),
    )  # fmt: skip
    if has_next:
        query = request.GET.copy()
        query["page"], query["page_size"] = str(paging.page + 1), str(paging.page_size)
        body["links"] = {"next": request.build_absolute_uri(f"{request.path}?{query.urlencode()}")}
    return body


@router.get("/ocds/releases.jsonl", summary="OCDS 全部发布（JSON Lines，批量下载）")
def releases_bulk(request: HttpRequest) -> StreamingHttpResponse:
    """Every public release, one JSON object per line, oldest process first (for bulk download)."""
    base = _base(request)

    def lines() -> Iterator[str]:
        for process in queries.public_processes().order_by("id").iterator(chunk_size=200):
            for release in ocds.process_releases(process, process.public_notices, base):  # type: ignore[attr-defined]
                yield ocds.dumps(release) + "\n"

    response = StreamingHttpResponse(lines(), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="ocds-releases-{timezone.localdate():%Y%m%d}.jsonl"'
    )
    return response


@router.get(
    "/ocds/records/{ocid}",
    response={200: dict[str, Any], 404: ErrorOut},
    summary="一个采购项目的 OCDS 记录包",
)
def record(request: HttpRequest, ocid: str) -> dict[str, Any]:
    process: Process | None = queries.process_by_ocid(ocid, settings.GONGKAI_OCDS_PREFIX)
    if process is None:
        raise ApiError(404, "not_found", "没有这个编号的公开采购项目。", {"ocid": ocid})
    timeline = process.public_notices  # type: ignore[attr-defined]
    releases = ocds.process_releases(process, timeline, _base(request))
    return ocds.package(
        "records", [ocds.record(process, releases)], uri=request.build_absolute_uri(), publisher=_publisher(),
        published=max(n.updated_at for n in timeline),
    )  # fmt: skip
