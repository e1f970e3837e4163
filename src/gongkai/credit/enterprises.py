"""One enterprise across every published kind: the record types that declare `Enterprises` join by the
统一社会信用代码. Only what the public may see now; records about natural persons never."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet

from gongkai.core import workflow
from gongkai.core.uscc import USCC_CHARSET, uscc_problem
from gongkai.records import registry
from gongkai.records.queries import public_records
from gongkai.records.registry import Enterprises, RecordType

MAX_FOUND = 50  # enterprises a name search lists; a longer name narrows it
_SCAN = 500  # rows of one type a name search reads at most


@dataclass(frozen=True)
class Entry:
    """One public record of one enterprise, as its profile lists it."""

    record_type: RecordType
    record: Any
    title: str
    day: date | None

    @property
    def url(self) -> str:
        return str(self.record.get_absolute_url())

    @property
    def index_no(self) -> str:
        return str(self.record.index_no)


@dataclass(frozen=True)
class Profile:
    uscc: str
    name: str
    entries: list[Entry]

    def groups(self) -> list[tuple[RecordType, list[Entry]]]:
        """The entries by record type, the types in the order they rank themselves."""
        grouped: dict[str, tuple[RecordType, list[Entry]]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.record_type.slug, (entry.record_type, []))[1].append(entry)
        return sorted(grouped.values(), key=lambda g: (_link(g[0]).rank, g[0].slug))


@dataclass(frozen=True)
class Found:
    uscc: str
    name: str


def normalise(code: str) -> str:
    return code.strip().upper()


def looks_like_code(text: str) -> bool:
    """Whether TEXT is meant as a credit code (18 letters and digits), valid or not."""
    text = normalise(text)
    return len(text) == 18 and text.isascii() and text.isalnum()


def joined_types() -> list[RecordType]:
    return [t for t in registry.types() if t.enterprises is not None]


def _link(record_type: RecordType) -> Enterprises:
    assert record_type.enterprises is not None  # noqa: S101  type narrowing
    return record_type.enterprises


def _public(record_type: RecordType, now: datetime | None) -> QuerySet[Any]:
    link = _link(record_type)
    rows = public_records(record_type, now).filter(workflow.kind_of(record_type.model).public_filter())
    if link.persons is not None:
        rows = rows.exclude(link.persons)
    return rows.exclude(**{link.code_field: ""})


def _title(record_type: RecordType, record: Any) -> str:
    parts = [record_type.public_text(record, name) for name in _link(record_type).title_fields]
    return " ".join(p for p in parts if p) or record_type.title_of(record)


def _named(record_type: RecordType, record: Any, code: str) -> str | None:
    """The name RECORD gives the enterprise CODE, or None when it does not name it."""
    link = _link(record_type)
    if link.listed is not None:
        return next((name for c, name in link.listed(record) if normalise(c) == code), None)
    if normalise(str(getattr(record, link.code_field))) != code:
        return None
    return record_type.public_text(record, link.name_field) if link.name_field else ""


def profile(uscc: str, *, now: datetime | None = None) -> Profile | None:
    """Everything public about the enterprise USCC, newest first; None when nothing is (or the code is
    not a valid credit code)."""
    code = normalise(uscc)
    if uscc_problem(code) is not None:
        return None
    entries: list[tuple[Entry, str]] = []
    for record_type in joined_types():
        link = _link(record_type)
        rows = _public(record_type, now)
        lookup = f"{link.code_field}__contains" if link.listed else link.code_field
        for record in rows.filter(**{lookup: code}):
            name = _named(record_type, record, code)
            if name is not None:
                day = getattr(record, record_type.date_field)
                entries.append((Entry(record_type, record, _title(record_type, record), day), name))
    if not entries:
        return None
    entries.sort(key=lambda e: (e[0].day or date.min, e[0].index_no), reverse=True)
    name = next((n for _e, n in entries if n), code)
    return Profile(code, name, [e for e, _n in entries])


def find(q: str, *, now: datetime | None = None) -> tuple[list[Found], bool]:
    """The enterprises whose name holds Q, or the one whose code Q is, and whether the list was cut."""
    q = q.strip()[:100]
    if not q:
        return [], False
    if looks_like_code(q):
        one = profile(q, now=now)
        return ([Found(one.uscc, one.name)] if one else []), False
    names: dict[str, str] = {}
    for record_type in joined_types():
        link = _link(record_type)
        rows = _public(record_type, now).order_by(f"-{record_type.date_field}")
        if link.listed is not None:
            for record in rows.filter(**{f"{link.code_field}__icontains": q})[:_SCAN]:
                for code, name in link.listed(record):
                    if q.casefold() in name.casefold():
                        names.setdefault(normalise(code), name)
        elif link.name_field:
            for record in rows.filter(**{f"{link.name_field}__icontains": q})[:_SCAN]:
                names.setdefault(
                    normalise(getattr(record, link.code_field)),
                    record_type.public_text(record, link.name_field),
                )
    found = sorted(
        (Found(c, n) for c, n in names.items() if set(c) <= set(USCC_CHARSET)), key=lambda f: f.name
    )
    return found[:MAX_FOUND], len(found) > MAX_FOUND
