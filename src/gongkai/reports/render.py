"""The annual report as HTML (portal page and PDF) and as a Word file laid out like the national format."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string

from gongkai.core.pdf import render_pdf

from . import labels
from .annual import COLUMNS, ROW_ORDER

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _title(report: dict[str, Any], site_unit: str) -> str:
    owner = report["unit_name"] or site_unit
    return f"{owner}{report['year']}年政府信息公开工作年度报告"


# Section 二 cells counted from record types: the staff list of that type behind each number.
SECTION2_RECORDS = {"licensing": "licences", "penalty": "penalties", "coercion": "coercions"}


def context(report: dict[str, Any], *, owner: str) -> dict[str, Any]:
    rows = report["section3"]["rows"]
    return {
        "report": report,
        "title": _title(report, owner),
        "columns": [(c, labels.COLUMN_LABELS[c]) for c in COLUMNS],
        "rows": [(key, labels.ROW_LABELS[key], [(c, rows[key][c]) for c in COLUMNS]) for key in ROW_ORDER],
        "section2_rows": [
            (key, label, [(c, report["section2"][key][c]) for c in ("issued", "repealed", "in_force")])
            for key, label in (("rules", "规章"), ("normative", "行政规范性文件"))
        ],
        "section2_single": [
            (item, key, label, unit, report["section2"][key], SECTION2_RECORDS.get(key, ""))
            for item, key, label, unit in labels.SECTION2_SINGLE
        ],
        "review_columns": labels.REVIEW_COLUMNS,
        "reviews": [
            (label, kind, [(c, report["section4"][kind][c]) for c, _l in labels.REVIEW_COLUMNS])
            for kind, label in labels.REVIEW_KINDS
        ],
    }


def html(report: dict[str, Any], *, owner: str) -> str:
    return render_to_string("reports/annual_standalone.html", context(report, owner=owner))


def pdf(report: dict[str, Any], *, owner: str) -> bytes:
    return render_pdf("reports/annual_pdf.html", context(report, owner=owner))


def docx(report: dict[str, Any], *, owner: str) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    data = context(report, owner=owner)
    document = Docx()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(data["title"]).bold = True
    document.add_paragraph("二、主动公开政府信息情况")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), strict=True
    ):
        cell.text = text
    for key, label in (("rules", "规章"), ("normative", "行政规范性文件")):
        values = report["section2"][key]
        for cell, text in zip(
            table.add_row().cells,
            (label, values["issued"], values["repealed"], values["in_force"]),
            strict=True,
        ):
            cell.text = str(text)
    single = document.add_table(rows=0, cols=3)
    single.style = "Table Grid"
    for item, _key, label, unit, value, _slug in data["section2_single"]:
        for cell, text in zip(
            single.add_row().cells, (f"{item} {label}", unit, "—" if value is None else value), strict=True
        ):
            cell.text = str(text)
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    grid = document.add_table(rows=1, cols=len(COLUMNS) + 1)
    grid.style = "Table Grid"
    grid.rows[0].cells[0].text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    for cell, (_c, label) in zip(grid.rows[0].cells[1:], data["columns"], strict=True):
        cell.text = label
    for _key, label, values in data["rows"]:
        cells = grid.add_row().cells
        cells[0].text = label
        for cell, (_column, value) in zip(cells[1:], values, strict=True):
            cell.text = str(value)
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    reviews = document.add_table(rows=1, cols=len(labels.REVIEW_COLUMNS) + 1)
    reviews.style = "Table Grid"
    for cell, (_c, label) in zip(reviews.rows[0].cells[1:], labels.REVIEW_COLUMNS, strict=True):
        cell.text = label
    for label, _kind, values in data["reviews"]:
        cells = reviews.add_row().cells
        cells[0].text = label
        for cell, (_column, value) in zip(cells[1:], values, strict=True):
            cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
