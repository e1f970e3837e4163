"""Every registered record type's contribution to search."""

from __future__ import annotations

from typing import Any

from gongkai.core import workflow
from gongkai.search.registry import DEFAULT_WEIGHT, Item, KindSource, register, unregister

from .registry import RecordType, on_register

# How much a match in a record weighs against one in a document (decision 0015). A decision published
# with its facts (a penalty's 违法事实 and 处罚内容, a coercion's measure) weighs as much; a register
# whose public text is mostly metadata — a licence's certificate name and number, a matter's code and
# legal basis — less, so that the hundreds of such records carrying a word do not bury the documents
# and decisions about it. Types not named here are registers.
DECISIONS = frozenset({"penalties", "coercions"})
REGISTER_WEIGHT = 0.4


def _describe(record_type: RecordType) -> Any:
    def item_of(record: Any) -> Item:
        # The choice labels (罚款, 自然人 …) and the unit come first, then the record's text. The type's
        # own name is not text: it finds every record of the type as a type match (found_by_label).
        labels = [record_type.public_text(record, name) for name in record_type.filters]
        text = "\n".join([" ".join([*labels, record.unit.name]), record_type.search_text(record)])
        return Item(
            kind=record_type.slug, ident=record.index_no, title=record_type.title_of(record), text=text,
            url=record.get_absolute_url(), unit=record.unit.code, category=record_type.slug,
            published_at=record.publish_at,
        )  # fmt: skip

    return item_of


def _added(record_type: RecordType) -> None:
    weight = DEFAULT_WEIGHT if record_type.slug in DECISIONS else REGISTER_WEIGHT
    kind = workflow.kind_of(record_type.model)
    register(KindSource(kind, _describe(record_type), weight=weight, found_by_label=True))


def _removed(record_type: RecordType) -> None:
    unregister(record_type.slug)


on_register(_added, _removed)
