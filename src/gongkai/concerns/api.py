"""API of public concerns (CONTRACT.md): `POST /concerns`, `GET /concerns/{tracking_no}?code=`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from gongkai.core.apibase import ApiError, ErrorOut
from gongkai.core.queries import unit_by_code

from . import services
from .errors import ConcernError
from .models import PUBLIC_KINDS, Concern
from .views import find_concern, rate_limited

router = Router(tags=["concerns"])


class ConcernIn(Schema):
    kind: str
    unit: str = ""
    title: str = Field(..., max_length=100)
    body: str = Field(..., max_length=4000)
    name: str = Field(..., max_length=50)
    phone: str = Field(..., max_length=30)
    email: str = Field("", max_length=200)


class ConcernCreatedOut(Schema):
    tracking_no: str
    query_code: str


def _time(value: Any) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def follow_up(concern: Concern) -> dict[str, Any]:
    """What the asker sees: status, deadline and how it is counted, the answer."""
    return {
        "tracking_no": concern.tracking_no,
        "kind": concern.kind,
        "kind_label": concern.get_kind_display(),
        "status": concern.status,
        "status_label": concern.get_status_display(),
        "title": concern.title,
        "unit": concern.unit.code if concern.unit else None,
        "unit_name": concern.unit.name if concern.unit else None,
        "received_at": _time(concern.received_at),
        "due_at": _time(concern.due_at),
        "deadline_basis": concern.deadline_basis,
        "provisional": concern.due_provisional,
        "answer": concern.answer if concern.status == Concern.Status.ANSWERED else None,
        "answered_at": _time(concern.answered_at),
    }


@router.post("/concerns", response={201: ConcernCreatedOut, 422: ErrorOut, 429: ErrorOut}, summary="提交留言")
def submit(request: HttpRequest, payload: ConcernIn) -> Status[dict[str, str]]:
    if payload.kind not in [k.value for k in PUBLIC_KINDS]:
        raise ApiError(422, "invalid", "kind 取值不正确。", {"kind": "one of: consult, suggest, complain"})
    unit = None
    if payload.unit.strip():
        unit = unit_by_code(payload.unit)
        if unit is None:
            raise ApiError(422, "invalid", "没有这个统一社会信用代码的单位。", {"unit": "未知单位"})
    for name in ("title", "body", "name", "phone"):
        if not getattr(payload, name).strip():
            raise ApiError(422, "invalid", f"{name} 不能为空。", {name: "required"})
    if rate_limited(request, payload.phone):
        raise ApiError(429, "rate_limited", "提交过于频繁，请稍后再试。")
    try:
        concern, code = services.concern_submit(
            kind=payload.kind, unit=unit, title=payload.title, body=payload.body, name=payload.name,
            phone=payload.phone, email=payload.email,
        )  # fmt: skip
    except ConcernError as exc:
        raise ApiError(422, exc.code, exc.message, {exc.field: exc.message} if exc.field else {}) from exc
    return Status(201, {"tracking_no": concern.tracking_no, "query_code": code})


@router.get(
    "/concerns/{tracking_no}",
    response={200: dict[str, Any], 404: ErrorOut, 429: ErrorOut},
    summary="查询留言办理情况",
)
def status(request: HttpRequest, tracking_no: str, code: str = "") -> dict[str, Any]:
    concern, message, found = find_concern(request, tracking_no, code)
    if concern is None:
        raise ApiError(found, "rate_limited" if found == 429 else "not_found", message)
    return follow_up(concern)
