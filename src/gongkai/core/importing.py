"""Bulk import: read CSV, XLSX or JSON Lines rows, check them all, load them in one transaction.

Each kind registers an `Importer`; `gongkai import KIND FILE` runs it with a progress bar and
per-row errors. Without --partial a file loads whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone


class RowError(ValueError):
    """A row that cannot be imported; FIELD names the column."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def moment(field: str, value: str) -> datetime | None:
    """Parse a cell holding a date or date-time (YYYY-MM-DD[ HH:MM], / allowed) in local time; '' is None."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("/", "-"))
    except ValueError:
        raise RowError(f"{value!r} is not a date or date-time (YYYY-MM-DD[ HH:MM])", field=field) from None
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


class Importer(Protocol):
    """Imports one kind of row. `load` returns "created" or "unchanged" and raises RowError."""

    columns: tuple[str, ...]

    def load(self, row: dict[str, str]) -> str: ...


@dataclass
class Report:
    total: int = 0
    created: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row number, field, message)
    committed: bool = False


_importers: dict[str, Callable[[], Importer]] = {}


def register(kind: str, factory: Callable[[], Importer]) -> None:
    if kind in _importers:
        raise ValueError(f"importer {kind!r} is registered twice")
    _importers[kind] = factory


def unregister(kind: str) -> None:
    _importers.pop(kind, None)


def kinds() -> list[str]:
    return sorted(_importers)


def importer(kind: str) -> Importer | None:
    factory = _importers.get(kind)
    return factory() if factory else None


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


def run(
    kind_importer: Importer,
    rows: list[tuple[int, dict[str, str]]],
    *,
    partial: bool,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Load ROWS; without PARTIAL any error rolls back the whole file."""
    report = Report(total=len(rows))

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for done, (number, row) in enumerate(rows, start=1):
                try:
                    with transaction.atomic():
                        outcome = kind_importer.load(row)
                except RowError as exc:
                    report.errors.append((number, exc.field, str(exc)))
                else:
                    if outcome == "created":
                        report.created += 1
                    else:
                        report.unchanged += 1
                if progress:
                    progress(done, len(rows))
            if report.errors and not partial:
                raise Rollback
    except Rollback:
        report.created = report.unchanged = 0
        return report
    report.committed = True
    return report
