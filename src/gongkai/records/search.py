"""Every registered record type's contribution to search."""

from __future__ import annotations

from typing import Any

from gongkai.core import workflow
from gongkai.search import segment
from gongkai.search.registry import Item, KindSource, register, unregister

from .registry import RecordType, on_register


def _describe(record_type: RecordType) -> Any:
    def item_of(record: Any) -> Item:
        # The choice labels (罚款, 自然人 …) and the unit come first, then the record's text. The type's
        # own name is not text: its words find every record of the type as a type match (name_words).
        labels = [record_type.public_text(record, name) for name in record_type.filters]
        text = "\n".join([" ".join([*labels, record.unit.name]), record_type.search_text(record)])
        return Item(
            kind=record_type.slug, ident=record.index_no, title=record_type.title_of(record), text=text,
            url=record.get_absolute_url(), unit=record.unit.code, category=record_type.slug,
            published_at=record.publish_at,
        )  # fmt: skip

    return item_of


def _added(record_type: RecordType) -> None:
    words = record_type.search_words
    if words is None:
        words = tuple(segment.tokens(record_type.name))
    kind = workflow.kind_of(record_type.model)
    register(KindSource(kind, _describe(record_type), weight=record_type.search_weight, name_words=words))


def _removed(record_type: RecordType) -> None:
    unregister(record_type.slug)


on_register(_added, _removed)
