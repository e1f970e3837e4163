"""GET /api/v1/reports/annual/{year}?unit= — the annual report's tables as JSON keyed by section."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from gongkai.core.apibase import YEAR_MESSAGE, YEARS, ApiError, ErrorOut
from gongkai.core.queries import unit_by_code

from .annual import annual_report

router = Router(tags=["reports"])


@router.get(
    "/reports/annual/{int:year}",
    response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut},
    summary="政府信息公开工作年度报告（表格数据）",
)
def annual(request: HttpRequest, year: int, unit: str = "") -> dict[str, Any]:
    if not YEARS["ge"] <= year <= YEARS["le"]:
        raise ApiError(422, "invalid", YEAR_MESSAGE, {"year": YEAR_MESSAGE})
    found = None
    if unit:
        found = unit_by_code(unit)
        if found is None:
            raise ApiError(404, "not_found", "没有这个统一社会信用代码的单位。", {"unit": unit})
    return annual_report(year, found)
