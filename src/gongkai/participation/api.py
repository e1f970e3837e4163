"""`GET /api/v1/consultations?status=`, `GET /api/v1/consultations/{id}` and
`POST /api/v1/consultations/{id}/comments` (CONTRACT.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from gongkai.core.apibase import ApiError, ErrorOut
from gongkai.core.clientip import client_ip
from gongkai.records.api import Page, page_of

from . import queries, services
from .errors import ParticipationError
from .models import Consultation

router = Router(tags=["consultations"])


def _summary(item: Consultation, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": item.pk, "title": str(item), "unit": item.unit.code, "unit_name": item.unit.name,
        "opens_on": item.opens_on.isoformat(), "closes_on": item.closes_on.isoformat(), "status": item.phase(),
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "comments": item.public_comments if hasattr(item, "public_comments") else services.public_comments(item).count(),
    }  # fmt: skip


@router.get("/consultations", response={200: dict[str, Any], 422: ErrorOut}, summary="征求意见列表")
def consultation_list(request: HttpRequest, paging: Query[Page], status: str = "") -> dict[str, Any]:
    """Public consultations, newest first; `status` is upcoming, open, closed or reported."""
    rows = queries.public_consultations()
    if status:
        if status not in queries.PHASES:
            raise ApiError(
                422, "invalid", "参数不正确：status。", {"status": "须为 " + "、".join(queries.PHASES)}
            )
        rows = queries.by_phase(rows, status)
    rows = queries.ordered(rows)
    items, next_url = page_of(request, rows, paging)
    return {"count": rows.count(), "next": next_url, "results": [_summary(i, request) for i in items]}


def _public(pk: int) -> Consultation:
    view = queries.public_view(pk)
    if view.state == "gone":
        raise ApiError(410, "gone", "该征求意见已撤回。", {"id": str(pk)})
    if view.item is None:
        raise ApiError(404, "not_found", "没有这个征求意见。", {"id": str(pk)})
    return view.item


@router.get(
    "/consultations/{int:pk}",
    response={200: dict[str, Any], 404: ErrorOut, 410: ErrorOut},
    summary="一个征求意见",
)
def consultation_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    item = _public(pk)
    report = getattr(item, "adoption_report", None)
    adoption = None
    if report is not None and report.published_at:
        totals = report.totals()
        adoption = {
            "opinions": report.opinions, "people": report.people, "adopted": totals["adopted"],
            "partly_adopted": totals["partly"], "not_adopted": totals["not_adopted"],
            "url": request.build_absolute_uri(item.get_absolute_url() + "#adoption"),
        }  # fmt: skip
    return {
        **_summary(item, request),
        "paragraphs": [{"id": p.pk, "text": p.text} for p in item.paragraphs.all()],
        "comments": [
            {"id": c.pk, "paragraph": c.paragraph_id, "body": c.public_body, "reply": c.reply or None}
            for c in services.public_comments(item)
        ],
        "adoption": adoption,
    }


class CommentIn(Schema):
    body: str = ""
    paragraph: int | None = None
    name: str = ""
    contact: str = ""


@router.post(
    "/consultations/{int:pk}/comments",
    response={201: dict[str, Any], 404: ErrorOut, 409: ErrorOut, 410: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="对征求意见稿提出意见",
)
def comment_create(request: HttpRequest, pk: int, payload: CommentIn) -> Status[dict[str, Any]]:
    item = _public(pk)
    if not payload.body.strip():
        raise ApiError(422, "invalid", "意见内容不能为空。", {"body": "required"})
    try:
        comment = services.comment_submit(
            item, body=payload.body, client=client_ip(request), paragraph=payload.paragraph, name=payload.name,
            contact=payload.contact,
        )  # fmt: skip
    except ParticipationError as exc:
        status = {"not_open": 409, "rate_limited": 429}.get(exc.code, 422)
        raise ApiError(status, exc.code, exc.message, {exc.field: exc.message} if exc.field else {}) from exc
    return Status(201, {"id": comment.pk, "status": comment.status})
