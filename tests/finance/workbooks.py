"""Standard tables as XLSX bytes, built the way a county's finance staff lay them out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gongkai.demo.finance import sangong_sheet, workbook

Sheet = list[list[Any]]


def income_expense(total: float = 500.0) -> Sheet:
    return [
        ["收支总表"],
        ["单位：万元"],
        ["收入项目", "预算数", "支出项目", "预算数"],
        ["一般公共预算拨款", total - 100, "一般公共服务支出", total - 200],
        ["政府性基金预算拨款", 100, "社会保障和就业支出", 200],
        ["收入总计", total, "支出总计", total],
    ]


def expense(basic: float = 300.0, project: float = 200.0, *, total: float | None = None) -> Sheet:
    return [
        ["支出总表"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", total if total is not None else basic + project, basic, project],
        ["201", "一般公共服务支出", basic + project - 200, basic - 100, project - 100],
        ["20106", "财政事务", basic + project - 200, basic - 100, project - 100],
        ["208", "社会保障和就业支出", 200, 100, 100],
    ]


def sangong(outbound: float = 0, purchase: float = 10, operation: float = 20.5, reception: float = 5.2, *,
            actual: tuple[float, float, float, float] | None = None) -> Sheet:  # fmt: skip
    def amounts(values: Any) -> tuple[Decimal, ...]:
        return tuple(Decimal(str(v)) for v in values)

    return sangong_sheet(
        amounts((outbound, purchase, operation, reception)), amounts(actual) if actual else None
    )


def standard(**sangong_args: Any) -> bytes:
    return workbook(
        {"收支总表": income_expense(), "支出总表": expense(), "三公经费支出表": sangong(**sangong_args)}
    )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
