"""State changes of fiscal reports: drafting, the report file and the tables (the workflow is `core.workflow`).

Reports are records: creating, submitting, approving, publishing, correcting and withdrawing go through
`records.services` and so through the one workflow. What is finance's own is here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import files, workflow
from gongkai.core.models import Unit, User
from gongkai.records import services as records

from . import tables
from .errors import FinanceError
from .models import SANGONG_ITEMS, FiscalReport, FiscalRow, FiscalTable, TableKind
from .types import FISCAL_REPORTS

REPORT_FILE_KINDS = ("pdf", "docx")


@transaction.atomic
def fiscal_report_create(
    *, by: User | None, unit: Unit, data: dict[str, Any], file: tuple[str, bytes] | None = None,
    tables: bytes | None = None,
) -> FiscalReport:  # fmt: skip
    """Create a draft fiscal report, with its file (name, bytes) and tables workbook when given.

    A second report of the unit's year and type is refused naming the year.
    """
    parsed = read_tables(tables) if tables is not None else None
    report: FiscalReport = records.record_create(FISCAL_REPORTS, by=by, unit=unit, data=data)
    if file is not None:
        _store_file(report, *file)
    if parsed is not None:
        _store_tables(report, parsed)
    if file is not None or parsed is not None:
        report.save()
    return report


def _draft(report: FiscalReport, what: str) -> FiscalReport:
    report = workflow.lock(report)
    if not report.can_edit():
        raise FinanceError(
            _("只有草稿可以%(what)s，当前状态：%(s)s。") % {"what": what, "s": report.get_shown_display()},
            code="bad_state",
        )
    return report


@transaction.atomic
def fiscal_report_attach(*, report: FiscalReport, by: User | None, name: str, data: bytes) -> FiscalReport:
    """Store the published report itself (PDF or DOCX) with a draft."""
    report = _draft(report, _("上传报告文件"))
    _store_file(report, name, data)
    workflow.edited(report, by=by)
    report.save(update_fields=["file_name", "file_sha256", "last_edited_by", "updated_at"])
    workflow.changed(report, "changed", by=by, fields=["file"], sha256=report.file_sha256)
    return report


def read_tables(data: bytes) -> list[tables.Table]:
    """Read and check the workbook DATA; FinanceError names the sheet, row and column in Chinese."""
    try:
        return tables.read_workbook(data)
    except tables.TableError as exc:
        raise FinanceError(
            exc.chinese(), code="table_mismatch", field="tables",
            details={"sheet": exc.sheet, "row": exc.row, "name": exc.name, "column": exc.column},
        ) from None  # fmt: skip
    except ValueError:
        raise FinanceError(
            _("表格文件须为 XLSX，每张标准表一个工作表。"), code="file_type", field="tables"
        ) from None


@transaction.atomic
def fiscal_tables_import(*, report: FiscalReport, by: User | None, data: bytes) -> list[FiscalTable]:
    """Replace a draft's tables with those of the workbook DATA, checked first; fill its 三公经费 from its table."""
    parsed = read_tables(data)
    report = _draft(report, _("导入表格"))
    saved = _store_tables(report, parsed)
    workflow.edited(report, by=by)
    report.save()
    workflow.changed(report, "changed", by=by, fields=["tables"], tables=[t.title for t in saved])
    return saved


def _store_file(report: FiscalReport, name: str, data: bytes) -> None:
    try:
        kind = files.check(name, data)
    except files.FileRejected as exc:
        raise FinanceError(exc.message, code=exc.code, field="file") from None
    if kind not in REPORT_FILE_KINDS:
        raise FinanceError(_("报告文件须为 PDF 或 DOCX。"), code="file_type", field="file")
    report.file_name, report.file_sha256 = files.safe_name(name), files.store(data)


def _store_tables(report: FiscalReport, parsed: list[tables.Table]) -> list[FiscalTable]:
    """Replace REPORT's tables by PARSED (already checked) and take its 三公经费 from their table."""
    report.tables.all().delete()
    saved = []
    for position, table in enumerate(parsed, start=1):
        title = str(TableKind(table.kind).label) if table.kind != TableKind.OTHER else table.sheet
        row = FiscalTable.objects.create(
            report=report, position=position, kind=table.kind, title=title, columns=table.columns,
            balanced=table.balanced,
        )  # fmt: skip
        FiscalRow.objects.bulk_create(
            FiscalRow(
                table=row,
                line=r.line,
                section=r.section,
                code=r.code,
                name=r.name,
                total=r.is_total,
                values=[None if v is None else str(v) for v in r.values],
            )
            for r in table.rows
        )
        saved.append(row)
        if table.kind == TableKind.SANGONG:
            _take_sangong(report, tables.sangong_figures(table))
    return saved


def _take_sangong(report: FiscalReport, figures: dict[str, dict[str, Decimal | None]]) -> None:
    own = figures.pop("own", None)
    if own is not None:
        figures["budget" if report.is_budget() else "actual"] = own
    for side, values in figures.items():
        for key, _label in SANGONG_ITEMS:
            if key in values:
                setattr(report, f"{side}_{key}", values[key])
