"""Bulk import: read CSV, XLSX or JSON Lines rows, check them all, load them in batches.

Each kind registers an `Importer`; `gongkai import KIND FILE` runs it with a progress bar and
per-row errors, and the staff desk's import page (core.import_jobs) runs it on the task queue for a
signed-in user, whose `Context` limits the units rows may name. Without --partial (跳过错误行) a file
is all or nothing in its checking: every row is checked before any is written. Rows are written in
batches of committed transactions (GONGKAI_IMPORT_BATCH_ROWS), so SQLite's one write lock is free
between them, and a rerun after a crash skips the rows already imported (decision 0032).
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone


class RowError(ValueError):
    """A row that cannot be imported; FIELD names the column, ZH says it in Chinese for the staff page.

    The English MESSAGE is what the command line prints.
    """

    def __init__(self, message: str, *, field: str = "", zh: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.zh = zh

    def chinese(self, column: str = "") -> str:
        """Return the Chinese message, or a generic one naming COLUMN when the importer gave none."""
        if self.zh:
            return self.zh
        column = column or self.field
        return f"“{column}”列的值有误，请核对后重试。" if column else "这一行有误，请核对后重试。"


@dataclass(frozen=True)
class Context:
    """On whose behalf rows load. The command line loads for any unit as "system".

    BY is the staff member importing; UNIT_IDS, when set, the units whose rows they may load (their
    own and those below, unless their role allows all); FILES the folder that relative file paths in
    rows point into (an uploaded zip's contents), refusing absolute paths and `..`.
    """

    by: Any = None
    unit_ids: frozenset[int] | None = None
    files: Path | None = None

    def check_unit(self, unit: Any, *, field: str = "unit") -> None:
        """Refuse a row for a unit the importing user may not write for."""
        if self.unit_ids is not None and unit.pk not in self.unit_ids:
            raise RowError(
                f"you may not import for unit {unit.name!r}",
                field=field,
                zh=f"你无权为“{unit.name}”导入数据（只能导入本单位及下级单位的数据）。",
            )

    def file(self, path_text: str, field: str) -> Path:
        """Return the file a row names: as given on the command line, inside FILES for an upload."""
        if not path_text:
            raise RowError(f"{path_text}: no such file", field=field, zh="未填写文件路径。")
        path = Path(path_text)
        inside = True
        if self.files is not None:
            relative = Path(path_text.replace("\\", "/"))
            if relative.is_absolute() or ".." in relative.parts or path_text[1:2] == ":":
                raise RowError(
                    f"{path_text}: not a relative path inside the zip",
                    field=field,
                    zh=f"“{path_text}”不是压缩包内的相对路径（不能以 / 开头，不能含 ..）。",
                )
            path = self.files / relative
            inside = path.resolve().is_relative_to(self.files.resolve())  # no link pointing out
        if not inside or not path.is_file():
            raise RowError(
                f"{path_text}: no such file",
                field=field,
                zh=f"找不到文件“{path_text}”" + ("（请放入压缩包中）。" if self.files else "。"),
            )
        return path


CLI = Context()


def moment(field: str, value: str) -> datetime | None:
    """Parse a cell holding a date or date-time (YYYY-MM-DD[ HH:MM], / allowed) in local time; '' is None."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("/", "-"))
    except ValueError:
        raise RowError(
            f"{value!r} is not a date or date-time (YYYY-MM-DD[ HH:MM])",
            field=field,
            zh=f"“{value}”不是日期或时间（应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM）。",
        ) from None
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


class Importer(Protocol):
    """Imports one kind of row. `load` returns "created" or "unchanged" and raises RowError.

    Optional: `missing_columns(headers)` (several names per column), `aliases` (header -> field),
    `labels` (field -> Chinese label), `template_columns()` (the header row of a blank file) and
    `rows_refer_to_earlier_rows = True`: a row may name one above it (a unit its parent), so a check
    rolled back batch by batch would refuse it; such files (a county's units or places, hundreds of
    rows) load in one transaction, as every file once did.
    """

    columns: tuple[str, ...]
    context: Context

    def load(self, row: dict[str, str]) -> str: ...


@dataclass
class Report:
    """What a run did. CREATED, UNCHANGED and the errors count this run's rows only (from START)."""

    total: int = 0
    created: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row number, field, message)
    committed: bool = False  # every row from START is written (or, with --partial, refused)
    failures: list[tuple[int, RowError]] = field(default_factory=list)  # the same rows, with their errors
    start: int = 0  # rows before this index were done by an earlier run that was interrupted
    written: int = 0  # rows (from the first) whose outcome is committed: where a rerun may resume
    checked: bool = False  # every row passed the check before writing (without --partial)
    transactions: int = 0
    longest_hold: float = 0.0  # seconds of the longest transaction: SQLite's write lock is held that long


@dataclass(frozen=True)
class Kind:
    """A registered kind: what builds its importer, the permission a staff member needs to import it
    (the one that lets them create such items), and its name on the staff page."""

    name: str
    factory: Callable[[], Importer]
    permission: str = ""
    label: str = ""
    files: bool = False  # rows name files: the staff page takes a zip of the manifest and the files


_importers: dict[str, Kind] = {}


def register(
    kind: str,
    factory: Callable[[], Importer],
    *,
    permission: str = "",
    label: str = "",
    files: bool = False,
) -> None:
    if kind in _importers:
        raise ValueError(f"importer {kind!r} is registered twice")
    _importers[kind] = Kind(kind, factory, permission, label or kind, files)


def unregister(kind: str) -> None:
    _importers.pop(kind, None)


def kinds() -> list[str]:
    return sorted(_importers)


def kind(name: str) -> Kind | None:
    return _importers.get(name)


def importer(kind: str, context: Context | None = None) -> Importer | None:
    entry = _importers.get(kind)
    if entry is None:
        return None
    loader = entry.factory()
    if context is not None:
        loader.context = context
    return loader


def missing_columns(kind_importer: Importer, rows: list[tuple[int, dict[str, str]]]) -> list[str]:
    """Return the required columns the file's first row lacks (none for an empty file)."""
    if not rows:
        return []
    headers = set(rows[0][1])
    if hasattr(kind_importer, "missing_columns"):  # importers that accept several names per column
        return list(kind_importer.missing_columns(headers))
    return [c for c in kind_importer.columns if c not in headers]


def template_columns(kind_importer: Importer) -> list[str]:
    """Return the header row of a blank file of this kind."""
    if hasattr(kind_importer, "template_columns"):
        return list(kind_importer.template_columns())
    return list(kind_importer.columns)


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def column_name(kind_importer: Importer, field_name: str, headers: set[str]) -> str:
    """Name FIELD_NAME's column as the file spells it, with its Chinese label when the file's is English."""
    if not field_name:
        return ""
    aliases: dict[str, str] = getattr(kind_importer, "aliases", {}) or {}
    labels: dict[str, str] = getattr(kind_importer, "labels", {}) or {}
    label = labels.get(field_name) or next(
        (a for a, f in aliases.items() if f == field_name and _chinese(a)), ""
    )
    header = field_name if field_name in headers else ""
    header = header or next((h for h in sorted(headers) if aliases.get(h.strip()) == field_name), "")
    header = header or (label if label in headers else "")
    header = header or field_name
    if _chinese(header) or not label or label == header:
        return header
    return f"{header}（{label}）"


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number as the user sees it, row) from a CSV, XLSX or JSONL file."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        text = path.read_text(encoding="utf-8-sig")
        for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            yield number, {str(k).strip(): (v or "").strip() for k, v in row.items() if k is not None}
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
        for number, values in enumerate(rows, start=2):
            if all(v is None for v in values):
                continue
            yield number, {h: _cell(v) for h, v in zip(header, values, strict=False) if h}
        book.close()
    elif suffix in (".jsonl", ".ndjson"):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    data = json.loads(line)
                    if not isinstance(data, dict):
                        raise ValueError(f"line {number} is not a JSON object")
                    yield number, {str(k): "" if v is None else str(v) for k, v in data.items()}
    else:
        raise ValueError(f"unsupported file type {suffix!r}; use .csv, .xlsx or .jsonl")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return (
            str(value.isoformat())[:10]
            if not hasattr(value, "hour") or not value.hour
            else str(value.isoformat())
        )
    return str(value).strip()


def batch_rows() -> int:
    return int(getattr(settings, "IMPORT_BATCH_ROWS", 200))


# Between two transactions on SQLite: a writer waiting for the lock polls it at most every 100 ms
# (SQLite's busy handler), so the importer must leave it free a little longer than that.
PAUSE_SECONDS = 0.12

Tally = Callable[[int, int], None]


class _Undo(Exception):
    """Roll the transaction back: a checking batch, or a batch with a refused row (all or nothing)."""


def run(
    kind_importer: Importer,
    rows: list[tuple[int, dict[str, str]]],
    *,
    partial: bool,
    progress: Tally | None = None,
    checking: Tally | None = None,
    checkpoint: Callable[[Report], None] | None = None,
    start: int = 0,
    again: Callable[[], Importer | None] | None = None,
) -> Report:
    """Load ROWS from index START in batches, each one committed transaction.

    Without PARTIAL every row is first loaded in batches that are rolled back (CHECKING, or else
    PROGRESS, counts them), and any refused row means nothing is written; the rows are then written
    by a fresh importer from AGAIN (the check may have cached rows it rolled back). PROGRESS counts
    the rows written. CHECKPOINT(report) runs inside each batch's transaction, after its rows: what
    it writes commits with them or not at all. An importer whose rows refer to earlier rows loads
    the file in one transaction instead. A row refused while writing (it passed the check, but the
    database changed, or it repeats an earlier row) stops an all-or-nothing run with its batch
    rolled back; the rows before it stay written, and a rerun goes on from there.
    """
    report = Report(total=len(rows), start=start, written=start)
    todo = rows[start:]
    linked = getattr(kind_importer, "rows_refer_to_earlier_rows", False)
    if not partial and not linked:
        _check(kind_importer, todo, report, checking or progress, checkpoint)
        if report.errors:
            return report
        report.checked = True
        kind_importer = (again() if again is not None else None) or kind_importer
    size = max(1, len(todo)) if linked else batch_rows()
    for first in range(0, len(todo), size):
        batch = todo[first : first + size]
        created = unchanged = 0
        failures: list[tuple[int, RowError]] = []
        try:
            with _transaction(report, pause=first > 0):
                for done, (number, row) in enumerate(batch, start=report.written + 1):
                    try:
                        with transaction.atomic():
                            outcome = kind_importer.load(row)
                    except RowError as exc:
                        failures.append((number, exc))  # the batch goes on, so each refused row is named
                    else:
                        created += outcome == "created"
                        unchanged += outcome != "created"
                    if progress:
                        progress(done, len(rows))
                if failures and not partial:
                    raise _Undo
                report.created += created
                report.unchanged += unchanged
                _refused(report, failures)
                report.written += len(batch)
                if checkpoint is not None:
                    checkpoint(report)
        except _Undo:
            _refused(report, failures)
            return report
    report.committed = True
    return report


def _check(
    kind_importer: Importer,
    rows: list[tuple[int, dict[str, str]]],
    report: Report,
    checking: Tally | None,
    checkpoint: Callable[[Report], None] | None,
) -> None:
    """Load ROWS in batches that are rolled back, noting every refused row in REPORT (and CHECKPOINT
    after each batch, in a transaction of its own: the job shows it is alive)."""
    size = batch_rows()
    for first in range(0, len(rows), size):
        try:
            with _transaction(report, pause=first > 0):
                for done, (number, row) in enumerate(rows[first : first + size], start=first + 1):
                    try:
                        with transaction.atomic():
                            kind_importer.load(row)
                    except RowError as exc:
                        _refused(report, [(number, exc)])
                    if checking:
                        checking(report.start + done, report.total)
                raise _Undo
        except _Undo:
            pass
        if checkpoint is not None:
            with transaction.atomic():
                checkpoint(report)


def _refused(report: Report, failures: list[tuple[int, RowError]]) -> None:
    report.failures.extend(failures)
    report.errors.extend((number, exc.field, str(exc)) for number, exc in failures)


@contextmanager
def _transaction(report: Report, *, pause: bool) -> Iterator[None]:
    """One batch's transaction, timed; on SQLite after a pause that lets a waiting writer in."""
    if pause and connection.vendor == "sqlite":
        time.sleep(PAUSE_SECONDS)
    began = time.monotonic()
    try:
        with transaction.atomic():
            yield
    finally:
        report.transactions += 1
        report.longest_hold = max(report.longest_hold, time.monotonic() - began)
