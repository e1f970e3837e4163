"""What each app contributes to search: a source per kind (documents, each record type …)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Item:
    kind: str
    ident: str
    title: str
    text: str
    url: str
    unit: str = ""  # unit code
    category: str = ""
    published_at: datetime | None = None
    numbers: list[str] = field(default_factory=list)  # 发文字号, 索引号 (normalised on indexing)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.ident}"


class Source(Protocol):
    kind: str
    label: str

    def item(self, ident: str) -> Item | None:
        """The item as it should be searchable, or None when it is not (or no longer) public."""

    def items(self) -> Iterator[Item]:
        """Every item that is (or is scheduled to be) public, for a rebuild."""

    def public(self, idents: Iterable[str]) -> set[str]:
        """Which of IDENTS the public may see right now (the last word on every result)."""


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    _sources[source.kind] = source


def unregister(kind: str) -> None:
    _sources.pop(kind, None)


def source(kind: str) -> Source | None:
    return _sources.get(kind)


def sources() -> list[Source]:
    return list(_sources.values())
