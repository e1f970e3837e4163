"""`GET /api/v1/indicators?year=&unit=`: published indicators against their targets (CONTRACT)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from gongkai.core.apibase import YEAR_MESSAGE, YEARS, ApiError, ErrorOut, PageNumberPagination
from gongkai.core.models import Unit

from .models import Indicator
from .views import published

router = Router(tags=["indicators"])


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class IndicatorOut(Schema):
    id: str = Field(..., alias="index_no")
    name: str
    unit_of_measure: str
    year: int
    period: str
    target: int | float | None
    actual: int | float
    completion: float | None
    better: str
    met: bool | None
    unit: str

    @staticmethod
    def resolve_target(obj: Indicator) -> int | float | None:
        return _number(obj.target)

    @staticmethod
    def resolve_actual(obj: Indicator) -> int | float | None:
        return _number(obj.actual)

    @staticmethod
    def resolve_completion(obj: Indicator) -> float | None:
        return None if obj.completion is None else float(obj.completion)

    @staticmethod
    def resolve_unit(obj: Indicator) -> str:
        return obj.unit.code


@router.get("/indicators", response={200: list[IndicatorOut], 422: ErrorOut}, summary="公共服务指标")
@paginate(PageNumberPagination)
def indicators(request: HttpRequest, year: int | None = None, unit: str = "") -> QuerySet[Indicator]:
    """Published indicators, newest year first; `unit` is the responsible unit's 统一社会信用代码."""
    rows = published()
    if year is not None:
        if not YEARS["ge"] <= year <= YEARS["le"]:
            raise ApiError(422, "invalid", YEAR_MESSAGE, {"year": YEAR_MESSAGE})
        rows = rows.filter(year=year)
    if unit:
        found = Unit.objects.filter(code=unit).first()
        if found is None:
            raise ApiError(422, "invalid", "没有这个统一社会信用代码的单位。", {"unit": "未知单位"})
        rows = rows.filter(unit=found)
    return rows.order_by("-year", "topic", "id")
