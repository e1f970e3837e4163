"""Read a fiscal report's standard tables from an XLSX (one sheet per table) and check that they add up.

Plain Python, no database: a sheet becomes a `Table` of `Row`s; `check` raises `TableError` naming the
sheet, the row (as the spreadsheet numbers it), the row's name and the column. Amounts are in 万元.

A sheet's header row is the first row holding a 项目 / 科目名称 cell: an optional 科目编码 column before
it and the amount columns after it. Two name columns (收入项目 … 支出项目 …) make a two-sided table
(收支总表, 财政拨款收支总表) whose two sides must balance. A row whose name holds 合计 or 总计 is a total.
Codes nest by prefix (201 ⊃ 20101 ⊃ 2010101): a parent equals the sum of its children, a total the sum of
the top-level rows.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .models import TableKind

TOLERANCE = Decimal("0.01")
MAX_SHEETS, MAX_ROWS, MAX_COLUMNS = 40, 5000, 30
NAME_HEADERS = ("项目", "科目名称", "功能分类科目名称", "项目名称", "收入项目", "支出项目")
CODE_HEADERS = ("科目编码", "编码", "功能分类科目编码", "项目编码")
BALANCED = (TableKind.INCOME_EXPENSE, TableKind.APPROPRIATION)


def _kind_of(sheet: str) -> str:
    name = _squash(sheet)
    for kind in (
        TableKind.APPROPRIATION,
        TableKind.SANGONG,
        TableKind.BASIC,
        TableKind.FUND,
        TableKind.GENERAL,
    ):
        if _squash(str(kind.label)) in name or (kind == TableKind.SANGONG and "三公" in name):
            return str(kind)
    for kind in (TableKind.INCOME_EXPENSE, TableKind.INCOME, TableKind.EXPENSE):
        if name.endswith(_squash(str(kind.label))):
            return str(kind)
    return str(TableKind.OTHER)


def _squash(text: Any) -> str:
    """Return TEXT without spaces (full-width ones too) and quotes, as budget sheets spell names variously."""
    return (
        "".join(str(text or "").split())
        .replace("\u3000", "")
        .replace("“", "")
        .replace("”", "")
        .replace('"', "")
    )


@dataclass
class Row:
    line: int  # the spreadsheet's row number
    name: str
    values: list[Decimal | None]
    code: str = ""
    section: str = ""  # "income" / "expense" on a two-sided table

    @property
    def is_total(self) -> bool:
        name = _squash(self.name)
        return "合计" in name or "总计" in name


@dataclass
class Table:
    sheet: str
    kind: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    balanced: bool = False


class TableError(ValueError):
    """A table that does not add up or cannot be read; names the sheet, row and column."""

    def __init__(
        self, *, sheet: str, problem: str, row: int | None = None, name: str = "", column: str = "",
        expected: Decimal | None = None, found: Decimal | None = None, text: str = "",
    ) -> None:  # fmt: skip
        self.sheet, self.problem, self.row, self.name, self.column = sheet, problem, row, name, column
        self.expected, self.found, self.text = expected, found, text
        super().__init__(self.english())

    def _where(self, *, chinese: bool) -> str:
        parts = [self.sheet]
        if self.row is not None:
            parts.append(f"第{self.row}行" if chinese else f"row {self.row}")
        if self.name:
            parts.append(self.name)
        where = " ".join(parts)
        if self.column:
            where += f"（{self.column}）" if chinese else f" ({self.column})"
        return where

    def chinese(self) -> str:
        """The message staff read on the upload page."""
        where = self._where(chinese=True)
        if self.problem == "total":
            return f"{where} 与各行之和不符：填报 {self.found}，各行之和 {self.expected}。"
        if self.problem == "parent":
            return f"{where} 与所含下级科目之和不符：填报 {self.found}，下级之和 {self.expected}。"
        if self.problem == "unbalanced":
            return f"{where} 支出总计 {self.found} 与收入总计 {self.expected} 不相等。"
        if self.problem == "number":
            return f"{where} “{self.text}”不是数字。"
        if self.problem == "no_header":
            return f"{where} 找不到表头（须有“项目”或“科目名称”列及金额列）。"
        if self.problem == "duplicate_sheet":
            return f"{where} 与前面的工作表是同一张表。"
        if self.problem == "sides":
            return f"{where} 收入栏与支出栏的金额列数不一致。"
        if self.problem == "no_total":
            return f"{where} 缺少“合计”或“总计”行。"
        return f"{where} {self.text}"

    def english(self) -> str:
        """The message the command line and the logs print."""
        where = self._where(chinese=False)
        messages = {
            "total": f"total {self.found} does not equal the sum of the rows {self.expected}",
            "parent": f"{self.found} does not equal the sum of its sub-items {self.expected}",
            "unbalanced": f"expenditure total {self.found} does not equal income total {self.expected}",
            "number": f"{self.text!r} is not a number",
            "no_header": "no header row (a 项目 or 科目名称 column followed by amount columns)",
            "duplicate_sheet": "the same table as an earlier sheet",
            "no_total": "no 合计 or 总计 row",
            "sides": "the income and expenditure sides have different amount columns",
        }
        return f"{where}: {messages.get(self.problem, self.text)}"


def _amount(value: Any, *, sheet: str, line: int, name: str, column: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and value.strip() in ("", "-", "—")):
        return None
    if isinstance(value, bool):
        raise TableError(sheet=sheet, problem="number", row=line, name=name, column=column, text=str(value))
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise TableError(
            sheet=sheet, problem="number", row=line, name=name, column=column, text=str(value)
        ) from None
    if not number.is_finite():
        raise TableError(sheet=sheet, problem="number", row=line, name=name, column=column, text=str(value))
    return number.quantize(TOLERANCE)


def _code(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_sheet(sheet: str, cells: list[list[Any]]) -> Table:
    """Turn one sheet's CELLS (rows of values, the first being spreadsheet row 1) into a Table."""
    found = next(
        ((at, row) for at, row in enumerate(cells) if any(_squash(cell) in NAME_HEADERS for cell in row)),
        None,
    )
    if found is None:
        raise TableError(sheet=sheet, problem="no_header")
    header_at, header = found
    names = [i for i, cell in enumerate(header) if _squash(cell) in NAME_HEADERS]
    heads = [_squash(cell) for cell in header]
    kind = _kind_of(sheet)
    if len(names) >= 2:  # 收入项目 | 金额… | 支出项目 | 金额…
        sides = [("income", names[0], names[1]), ("expense", names[1], len(heads))]
    else:
        sides = [("", names[0], len(heads))]
    table = Table(sheet=sheet, kind=kind, columns=[], balanced=len(sides) == 2)
    for section, name_at, end in sides:
        amount_at = [i for i in range(name_at + 1, end) if heads[i]]
        if not amount_at:
            raise TableError(sheet=sheet, problem="no_header", row=header_at + 1)
        columns = [str(header[i]).strip() for i in amount_at]
        if not table.columns:
            table.columns = columns
        elif len(columns) != len(table.columns):
            raise TableError(sheet=sheet, problem="sides", row=header_at + 1)
        code_at = (
            next((i for i in range(name_at) if heads[i] in CODE_HEADERS), None)
            if not section or section == "income"
            else None
        )
        for offset, values in enumerate(cells[header_at + 1 :], start=header_at + 2):
            name = (
                str(values[name_at]).strip() if name_at < len(values) and values[name_at] is not None else ""
            )
            code = _code(values[code_at]) if code_at is not None and code_at < len(values) else ""
            if not name and not code:
                continue
            label = name or code
            amounts = [
                _amount(
                    values[i] if i < len(values) else None, sheet=sheet, line=offset, name=label, column=col
                )
                for i, col in zip(amount_at, columns, strict=True)
            ]
            table.rows.append(Row(line=offset, name=name or code, values=amounts, code=code, section=section))
    return table


def _sum(rows: list[Row], column: int) -> Decimal:
    return sum((r.values[column] or Decimal(0) for r in rows), Decimal(0)).quantize(TOLERANCE)


def _differs(row: Row, column: int, expected: Decimal) -> bool:
    return abs((row.values[column] or Decimal(0)) - expected) > TOLERANCE


def _check_side(table: Table, rows: list[Row]) -> Row:
    """Check one side (or the whole) of TABLE; return its grand-total row."""
    items = [r for r in rows if not r.is_total]
    codes = {r.code for r in items if r.code}

    def parent_of(row: Row) -> str | None:
        candidates = [c for c in codes if c != row.code and row.code.startswith(c)]
        return max(candidates, key=len) if candidates else None

    parents = {id(r): parent_of(r) if r.code else None for r in items}
    roots = [r for r in items if parents[id(r)] is None]
    totals = [r for r in rows if r.is_total]
    if not totals:
        side = rows[0].section if rows else ""
        raise TableError(
            sheet=table.sheet,
            problem="no_total",
            name={"income": "收入栏", "expense": "支出栏"}.get(side, ""),
        )
    columns = range(len(table.columns))
    for row in items:
        children = [r for r in items if parents[id(r)] == row.code] if row.code else []
        for c in columns:
            if children and _differs(row, c, _sum(children, c)):
                raise TableError(
                    sheet=table.sheet, problem="parent", row=row.line, name=row.name, column=table.columns[c],
                    expected=_sum(children, c), found=row.values[c] or Decimal(0),
                )  # fmt: skip
    grand = [r for r in totals if "总计" in _squash(r.name)]
    for total in totals:
        if grand and all(total is not g for g in grand):
            block = _block(rows, total)
            scope = [r for r in block if not r.is_total and parents[id(r)] is None]
        else:
            scope = roots
        for c in columns:
            if _differs(total, c, _sum(scope, c)):
                raise TableError(
                    sheet=table.sheet, problem="total", row=total.line, name=total.name, column=table.columns[c],
                    expected=_sum(scope, c), found=total.values[c] or Decimal(0),
                )  # fmt: skip
    return (grand or totals)[-1 if grand else 0]


def _block(rows: list[Row], total: Row) -> list[Row]:
    """The rows a subtotal adds up: those since the previous total (or, when it comes first, up to the next)."""
    at = next(i for i, r in enumerate(rows) if r is total)
    block = []
    for r in reversed(rows[:at]):
        if r.is_total:
            break
        block.append(r)
    if block:
        return block
    after = []
    for r in rows[at + 1 :]:
        if r.is_total:
            break
        after.append(r)
    return after


def check(table: Table) -> None:
    """Raise TableError at the first total that disagrees with its rows, or a two-sided table out of balance."""
    if not table.balanced:
        _check_side(table, table.rows)
        return
    income = _check_side(table, [r for r in table.rows if r.section == "income"])
    expense = _check_side(table, [r for r in table.rows if r.section == "expense"])
    for c in range(len(table.columns)):
        if _differs(expense, c, income.values[c] or Decimal(0)):
            raise TableError(
                sheet=table.sheet, problem="unbalanced", row=expense.line, name=expense.name,
                column=table.columns[c], expected=income.values[c] or Decimal(0), found=expense.values[c] or Decimal(0),
            )  # fmt: skip


def read_workbook(data: bytes) -> list[Table]:
    """Read and check every sheet of an XLSX; raise TableError at the first problem, ValueError if unreadable."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > 100 * 1024 * 1024:
                raise ValueError("workbook too large when unzipped")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ValueError(f"not a readable XLSX workbook: {exc}") from None
    tables: list[Table] = []
    seen: dict[str, str] = {}
    try:
        for sheet in book.worksheets[:MAX_SHEETS]:
            cells = [list(r[:MAX_COLUMNS]) for r in sheet.iter_rows(max_row=MAX_ROWS, values_only=True)]
            if not any(any(v is not None for v in r) for r in cells):
                continue
            table = parse_sheet(sheet.title.strip(), cells)
            if table.kind != TableKind.OTHER and table.kind in seen:
                raise TableError(sheet=table.sheet, problem="duplicate_sheet")
            seen[table.kind] = table.sheet
            check(table)
            tables.append(table)
    finally:
        book.close()
    if not tables:
        raise ValueError("the workbook has no table")
    return tables


SANGONG_ROWS = {
    "因公出国（境）费": "outbound",
    "因公出国(境)费": "outbound",
    "公务用车购置费": "vehicle_purchase",
    "公务用车运行费": "vehicle_operation",
    "公务用车运行维护费": "vehicle_operation",
    "公务接待费": "reception",
}


def sangong_figures(table: Table) -> dict[str, dict[str, Decimal | None]]:
    """Return {"budget": {...}, "actual": {...}} from a 三公经费 table, by the columns it has (预算数, 决算数)."""
    result: dict[str, dict[str, Decimal | None]] = {}
    for side, words in (("budget", ("预算",)), ("actual", ("决算", "实际", "执行"))):
        at = next((i for i, c in enumerate(table.columns) if any(w in c for w in words)), None)
        if at is None:
            continue
        figures: dict[str, Decimal | None] = {}
        for row in table.rows:
            key = SANGONG_ROWS.get(_squash(row.name).replace("1.", "").replace("2.", "").replace("3.", ""))
            if key:
                figures[key] = row.values[at]
        result[side] = figures
    if not result and table.columns:  # one amount column: the report's own side
        figures = {}
        for row in table.rows:
            key = SANGONG_ROWS.get(_squash(row.name))
            if key:
                figures[key] = row.values[0]
        result["own"] = figures
    return result
