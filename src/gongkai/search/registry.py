"""What each app contributes to search: a source per published kind (documents, each record type …).

An app registers `KindSource(kind, item_of)` for each of its kinds (as feeds register); search itself
imports no content app. A source also says how much a match in its items weighs against one in a
document, and whether its kind's own name finds its items (a type match, decision 0015).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from django.utils import timezone

from gongkai.core.publishable import indexable_q, visible_q
from gongkai.core.workflow import Kind


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


DEFAULT_WEIGHT = 1.0  # a document's; the other kinds' are relative to it


class Source(Protocol):
    kind: str
    label: str
    weight: float  # how much a match in one of its items weighs against one in a document (1.0)
    name_words: frozenset[str]  # query words of its name (行政处罚) that match every item of the kind

    def item(self, ident: str) -> Item | None:
        """The item as it should be searchable, or None when it is not (or no longer) public."""

    def items(self) -> Iterator[Item]:
        """Every item that is (or is scheduled to be) public, for a rebuild."""

    def public(self, idents: Iterable[str]) -> set[str]:
        """Which of IDENTS the public may see right now (the last word on every result)."""

    def item_of(self, row: Any) -> Item:
        """The searchable item of one public row (bulk imports index rows they just made)."""

    def ended(self, idents: Iterable[str]) -> set[str]:
        """Which of IDENTS have passed their display end (the index may drop them)."""


class KindSource:
    """The search source of a published kind: ITEM_OF describes one row; the workflow says what is public.

    WEIGHT multiplies the score of its items' matches (a document's is 1.0): a register whose text is
    mostly metadata weighs less than the documents and decisions it would otherwise bury. With
    NAME_WORDS (words of the kind's name, such as 行政 and 处罚) are not part of ITEM_OF's text but
    match every item by type: 行政处罚 finds each penalty as a penalty, not by a word every penalty
    repeats. Generic words of a name (公开, 目录, 公告) are best left out of them."""

    def __init__(
        self,
        kind: Kind[Any],
        item_of: Callable[[Any], Item],
        *,
        weight: float = DEFAULT_WEIGHT,
        name_words: Iterable[str] = (),
        related: tuple[str, ...] = ("unit",),
        prefetch: tuple[str, ...] = (),
    ) -> None:
        if weight <= 0:
            raise ValueError(f"the search weight of {kind.slug!r} must be positive")
        self.workflow_kind = kind
        self.kind = kind.slug
        self.label = kind.label
        self.weight = weight
        self.name_words = frozenset(w for w in name_words if len(w) > 1)
        self._item_of = item_of
        self.related = related
        self.prefetch = prefetch

    def _rows(self) -> Any:
        kind = self.workflow_kind
        rows = kind.model.objects.filter(indexable_q(), kind.public_filter()).select_related(*self.related)
        return rows.prefetch_related(*self.prefetch)

    def item_of(self, row: Any) -> Item:
        """ROW's item, with the numbers its kind declares findable exactly and its 索引号."""
        numbers = [
            row.index_no,
            *(str(getattr(row, name) or "") for name in self.workflow_kind.number_fields),
        ]
        return replace(self._item_of(row), numbers=[n for n in numbers if n])

    def item(self, ident: str) -> Item | None:
        row = self._rows().filter(index_no=ident).first()
        return self.item_of(row) if row is not None else None

    def items(self) -> Iterator[Item]:
        for row in self._rows().iterator(chunk_size=500):
            yield self.item_of(row)

    def public(self, idents: Iterable[str]) -> set[str]:
        kind = self.workflow_kind
        rows = kind.model.objects.filter(visible_q(), kind.public_filter(), index_no__in=list(idents))
        return set(rows.values_list("index_no", flat=True))

    def ended(self, idents: Iterable[str]) -> set[str]:
        rows = self.workflow_kind.model.objects.filter(
            publish_until__lte=timezone.now(), index_no__in=list(idents)
        )
        return set(rows.values_list("index_no", flat=True))


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    _sources[source.kind] = source


def unregister(kind: str) -> None:
    _sources.pop(kind, None)


def source(kind: str) -> Source | None:
    return _sources.get(kind)


def sources() -> list[Source]:
    return list(_sources.values())
