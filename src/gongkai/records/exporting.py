"""CSV (UTF-8 with BOM, so Excel opens it) and XLSX of a filtered public list; exchange-format files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from gongkai.core.exports import csv_chunks, xlsx_bytes

from .registry import RecordType

__all__ = [
    "csv_chunks",
    "exchange_rows",
    "public_columns",
    "public_rows",
    "xlsx_bytes",
]  # the writers are core's


def public_columns(record_type: RecordType) -> list[tuple[str, str]]:
    """Return (field, header) of the public export: 索引号, unit, then every public field."""
    return [("index_no", "索引号"), ("unit", "公开单位")] + [
        (f.name, record_type.label(f.name)) for f in record_type.public_fields()
    ]


def public_rows(record_type: RecordType, records: Iterable[Any]) -> Iterator[list[str]]:
    columns = public_columns(record_type)
    yield [header for _name, header in columns]
    for record in records:
        row = [record_type.public_text(record, name) for name, _header in columns]
        yield row


def exchange_rows(record_type: RecordType, records: Iterable[Any]) -> Iterator[list[str]]:
    """Rows in the type's exchange format (field codes as headers, full values: for the credit platform)."""
    yield [code for code, _name in record_type.exchange]
    for record in records:
        row = []
        for _code, name in record_type.exchange:
            value = getattr(record, name)
            row.append(
                "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)
            )
        yield row
