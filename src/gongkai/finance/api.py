"""GET /api/v1/finance/sangong?unit= — 三公经费 by year; GET /api/v1/finance/reports/{index_no}/tables."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from gongkai.core.apibase import ApiError, ErrorOut
from gongkai.core.queries import unit_by_code

from . import queries

router = Router(tags=["finance"])


@router.get("/finance/sangong", response={200: dict[str, Any], 404: ErrorOut}, summary="“三公”经费（万元）")
def sangong(request: HttpRequest, unit: str = "") -> dict[str, Any]:
    """The county's figures (政府预算/决算), or with UNIT that department's (部门预算/决算), year by year."""
    if unit:
        found = unit_by_code(unit)
        if found is None:
            raise ApiError(404, "not_found", "没有这个统一社会信用代码的单位。", {"unit": unit})
        years = queries.unit_sangong(found)
        code, name = found.code, found.name
    else:
        years, code, name = queries.county_sangong(), None, "全县"
    return {
        "unit": code, "unit_name": name, "unit_of_measure": "万元",
        "years": [y.as_dict() for y in years],
    }  # fmt: skip


@router.get(
    "/finance/reports/{path:index_no}/tables",
    response={200: dict[str, Any], 404: ErrorOut},
    summary="一份预决算的标准表格（万元）",
)
def report_tables(request: HttpRequest, index_no: str) -> dict[str, Any]:
    """The published report's tables: per table its columns and rows (code, name, amounts by column)."""
    report = queries.public_reports().filter(index_no=index_no).first()
    if report is None:
        raise ApiError(404, "not_found", "没有这份已公开的预决算。", {"index_no": index_no})
    return {
        "index_no": report.index_no, "title": report.title, "unit": report.unit.code, "year": report.year,
        "type": report.report_type, "unit_of_measure": "万元",
        "url": request.build_absolute_uri(report.get_absolute_url()),
        "tables": [
            {"title": table.title, "kind": table.kind, "columns": table.columns,
             "rows": [{"section": r.section, "code": r.code, "name": r.name, "total": r.total,
                       "values": [None if v is None else float(v) for v in r.values]} for r in table.rows.all()]}
            for table in report.tables.prefetch_related("rows")
        ],
    }  # fmt: skip
