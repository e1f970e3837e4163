"""The one way every CSV and XLSX export is written (lists, exchange files, reports): UTF-8 with a
BOM so Excel opens it, and no cell a spreadsheet would run as a formula (OWASP's CSV injection:
a text starting with = + - @ or a tab or carriage return gets a leading apostrophe; a plain
number, negative ones included, is left as it is)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

BOM = "\ufeff"
_ACTIVE = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value: Any) -> Any:
    """VALUE as a spreadsheet may hold it inertly: text that would start a formula gets a "'"."""
    if isinstance(value, str) and value.startswith(_ACTIVE) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_chunks(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Yield CSV text a few hundred rows at a time, starting with the BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    for count, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(value) for value in row])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(title: str, rows: Iterable[Iterable[Any]]) -> bytes:
    """One sheet named TITLE holding ROWS, every text a text (openpyxl would make "=…" a formula)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=safe_cell(value))
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
