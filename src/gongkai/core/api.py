"""Public API of core: the working-day calculator and the list of units."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from .apibase import ApiError, ErrorOut, PageNumberPagination, TokenAuth, require
from .calendar import MAX_DAYS, RANGE_MESSAGE, OutOfRange
from .calendar_data import load_calendar
from .models import AuditEntry, Unit, User
from .queries import audit_entries, unit_list

router = Router(tags=["core"])


class SkippedOut(Schema):
    date: date
    name: str


class DueDateOut(Schema):
    start: date
    days: int
    due_date: date
    provisional: bool
    skipped: list[SkippedOut]


@router.get("/calendar/due-date", response={200: DueDateOut, 422: ErrorOut}, summary="工作日计算")
def due_date(
    request: HttpRequest, start: date, days: int = Query(..., ge=0, le=MAX_DAYS)
) -> dict[str, object]:
    """Return the DAYS-th working day strictly after START and the days passed over."""
    try:
        return load_calendar().due_date(start, days).as_dict()
    except OutOfRange:
        raise ApiError(422, "invalid", RANGE_MESSAGE, {"start": RANGE_MESSAGE}) from None


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None = Field(None, alias="parent.code")


@router.get("/units", response=list[UnitOut], summary="单位列表")
@paginate(PageNumberPagination)
def units(request: HttpRequest) -> QuerySet[Unit]:
    return unit_list()


@router.get("/units/{code}", response={200: UnitOut, 404: ErrorOut}, summary="单位")
def unit(request: HttpRequest, code: str) -> Unit:
    found = unit_list().filter(code=code.upper()).first()
    if found is None:
        raise ApiError(404, "not_found", "没有这个统一社会信用代码的单位。", {"code": code})
    return found


staff_router = Router(tags=["staff"], auth=TokenAuth())


class MeOut(Schema):
    username: str
    name: str
    role: str
    unit: str | None


@staff_router.get("/me", response={200: MeOut, 401: ErrorOut}, summary="当前令牌对应的工作人员")
def me(request: HttpRequest) -> dict[str, object]:
    """Return who the bearer token belongs to: lets an integration check its token."""
    user: User = request.auth  # type: ignore[attr-defined]
    return {
        "username": user.username,
        "name": str(user),
        "role": user.role,
        "unit": user.unit.code if user.unit else None,
    }


class AuditOut(Schema):
    created_at: datetime
    actor: str = Field(..., alias="actor_name")
    action: str
    object_type: str
    object_id: str
    object_repr: str
    data: dict[str, Any]


@staff_router.get("/audit", response={200: list[AuditOut], 401: ErrorOut, 403: ErrorOut}, summary="审计日志")
@paginate(PageNumberPagination)
def audit(request: HttpRequest, action: str = "", object_type: str = "") -> QuerySet[AuditEntry]:
    """Return audit entries, newest first, filtered by action-code prefix and object type (admins)."""
    require(request, "core.audit.view")
    return audit_entries(action=action, object_type=object_type)
