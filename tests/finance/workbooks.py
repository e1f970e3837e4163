"""Standard tables as XLSX bytes, built the way a county's finance staff lay them out."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

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
    head = ["编码", "项目", "预算数"] + (["决算数"] if actual else [])
    budget = [outbound, purchase, operation, reception]
    cols = [budget] + ([list(actual)] if actual else [])

    def row(code: str, name: str, pick: Any) -> list[Any]:
        return [code, name, *[round(pick(c), 2) for c in cols]]

    return [
        head,
        row("", "合计", sum),
        row("1", "因公出国（境）费", lambda c: c[0]),
        row("2", "公务用车购置及运行费", lambda c: c[1] + c[2]),
        row("21", "公务用车购置费", lambda c: c[1]),
        row("22", "公务用车运行费", lambda c: c[2]),
        row("3", "公务接待费", lambda c: c[3]),
    ]


def workbook(sheets: dict[str, Sheet]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def standard(**sangong_args: Any) -> bytes:
    return workbook(
        {"收支总表": income_expense(), "支出总表": expense(), "三公经费支出表": sangong(**sangong_args)}
    )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
