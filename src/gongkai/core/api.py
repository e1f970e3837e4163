"""Public API of core: the working-day calculator and the list of units."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from gongkai.api.base import ApiError, ErrorOut, PageNumberPagination

from .calendar import MAX_DAYS
from .calendar_data import load_calendar
from .models import Unit
from .queries import unit_list

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
    return load_calendar().due_date(start, days).as_dict()


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
