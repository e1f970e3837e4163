"""`gongkai import fiscal-tables FILE`: a year's reports and their tables in bulk.

Each row names a unit, a year, a type and the XLSX of that report's tables (and optionally the report
file and the approval date, needed when the report is new). A row whose tables do not add up is refused
with the sheet, row and column named; without --partial nothing is loaded then.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gongkai.core import importing
from gongkai.core.importing import CLI, Context, RowError
from gongkai.core.queries import units_by_code_and_name

from . import services, tables
from .errors import FinanceError
from .models import FiscalReport, ReportType

COLUMNS = {
    "unit": ("unit", "单位"),
    "year": ("year", "年度"),
    "type": ("type", "类型"),
    "tables": ("tables", "表格"),
}
OPTIONAL = {
    "file": ("file", "报告文件"),
    "approved_on": ("approved_on", "批复日期"),
    "title": ("title", "标题"),
}
TYPES = {**{str(t.value): t.value for t in ReportType}, **{str(t.label): t.value for t in ReportType}}


def _cell(row: dict[str, str], names: tuple[str, ...]) -> str:
    return next((row[n].strip() for n in names if row.get(n, "").strip()), "")


class FiscalTablesImporter:
    columns = ("unit", "year", "type", "tables")
    context: Context = CLI
    aliases = {alias: name for name, names in (COLUMNS | OPTIONAL).items() for alias in names}
    labels = {name: names[1] for name, names in (COLUMNS | OPTIONAL).items()}

    def __init__(self) -> None:
        self.units = units_by_code_and_name()

    def template_columns(self) -> list[str]:
        return [names[1] for names in (COLUMNS | OPTIONAL).values()]

    def _bytes(self, path_text: str, field: str) -> bytes:
        """Read a file the row names (relative paths: from the current directory, or inside the zip)."""
        return self.context.file(path_text, field).read_bytes()

    def missing_columns(self, headers: set[str]) -> list[str]:
        return [name for name, aliases in COLUMNS.items() if not set(aliases) & headers]

    def load(self, row: dict[str, str]) -> str:
        unit = self.units.get(_cell(row, COLUMNS["unit"]))
        if unit is None:
            raise RowError(
                f"no unit with code or name {_cell(row, COLUMNS['unit'])!r}",
                field="unit",
                zh=f"找不到统一社会信用代码或名称为“{_cell(row, COLUMNS['unit'])}”的单位。",
            )
        self.context.check_unit(unit)
        try:
            year = int(_cell(row, COLUMNS["year"]))
        except ValueError:
            raise RowError(
                "not a year", field="year", zh=f"年度“{_cell(row, COLUMNS['year'])}”不是年份（如 2025）。"
            ) from None
        report_type = TYPES.get(_cell(row, COLUMNS["type"]))
        if report_type is None:
            raise RowError(
                f"type must be one of {', '.join(sorted(TYPES))}",
                field="type",
                zh=f"类型应为：{'、'.join(str(t.label) for t in ReportType)}（或其代码）。",
            )
        data = self._bytes(_cell(row, COLUMNS["tables"]), "tables")
        try:
            tables.read_workbook(data)  # the English message names the sheet, row and column
        except tables.TableError as exc:
            raise RowError(exc.english(), field="tables", zh=exc.chinese()) from None
        except ValueError as exc:
            raise RowError(str(exc), field="tables", zh=f"表格文件无法读取：{exc}") from None
        report = FiscalReport.objects.filter(unit=unit, year=year, report_type=report_type).first()
        if report is not None and not report.can_edit():
            return "unchanged"
        try:
            if report is None:
                approved = _cell(row, OPTIONAL["approved_on"])
                if not approved:
                    raise RowError(
                        "approved_on is needed for a new report",
                        field="approved_on",
                        zh="新建报告须填写批复日期。",
                    )
                fields = {
                    "year": year,
                    "report_type": report_type,
                    "approved_on": _date(approved),
                    "title": _cell(row, OPTIONAL["title"]),
                }
                report = services.fiscal_report_create(by=self.context.by, unit=unit, data=fields)
            services.fiscal_tables_import(report=report, by=self.context.by, data=data)
            file_path = _cell(row, OPTIONAL["file"])
            if file_path:
                services.fiscal_report_attach(
                    report=report,
                    by=self.context.by,
                    name=Path(file_path).name,
                    data=self._bytes(file_path, "file"),
                )
        except FinanceError as exc:
            raise RowError(exc.message, field=exc.field or "", zh=exc.message) from None
        return "created"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text[:10].replace("/", "-"))
    except ValueError:
        raise RowError(
            f"{text!r} is not a date (YYYY-MM-DD)",
            field="approved_on",
            zh=f"批复日期“{text}”不是日期（应为 YYYY-MM-DD）。",
        ) from None


importing.register(
    "fiscal-tables",
    FiscalTablesImporter,
    permission="records.record.edit",  # a fiscal report is a record: its unit's writers draft it
    label="财政预决算表格",
    files=True,
)
