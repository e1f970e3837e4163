"""The contributions of the catalog and of every record type to the search index."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from gongkai.publishing.content import plain_text

from . import registry
from .registry import Item


class DocumentSource:
    kind = "document"
    label = "政府信息"

    @staticmethod
    def _candidates() -> Any:
        from gongkai.publishing.models import Document

        return Document.objects.filter(
            mode=Document.Mode.PROACTIVE, status__in=[Document.Status.PUBLISHED, Document.Status.SCHEDULED]
        ).select_related("unit", "category")

    @staticmethod
    def _item(document: Any) -> Item:
        parts = [
            document.unit.name,
            document.doc_number,
            document.summary,
            document.keywords,
            plain_text(document.body),
        ]
        parts += [a.text for a in document.attachments.all() if a.text]
        return Item(
            kind="document", ident=document.index_no, title=document.title, text="\n".join(p for p in parts if p),
            url=document.get_absolute_url(), unit=document.unit.code, category=document.category.code,
            published_at=document.publish_at, numbers=[n for n in (document.doc_number, document.index_no) if n],
        )  # fmt: skip

    def item(self, ident: str) -> Item | None:
        document = self._candidates().prefetch_related("attachments").filter(index_no=ident).first()
        return self._item(document) if document else None

    def items(self) -> Iterator[Item]:
        for document in self._candidates().prefetch_related("attachments").iterator(chunk_size=500):
            yield self._item(document)

    def public(self, idents: Iterable[str]) -> set[str]:
        from gongkai.publishing.models import Document
        from gongkai.publishing.queries import public_q

        return set(
            Document.objects.filter(public_q(), index_no__in=list(idents)).values_list("index_no", flat=True)
        )


class RecordSource:
    def __init__(self, record_type: Any) -> None:
        self.record_type = record_type
        self.kind = record_type.slug
        self.label = record_type.name

    def _item(self, record: Any) -> Item:
        rt = self.record_type
        numbers = [record.index_no]
        numbers += [
            str(getattr(record, n)) for n in ("decision_no", "code", "certificate_no") if hasattr(record, n)
        ]
        return Item(
            kind=self.kind, ident=record.index_no, title=rt.title_of(record), text=self._text(record),
            url=record.get_absolute_url(), unit=record.unit.code, category=self.kind,
            published_at=record.publish_at, numbers=[n for n in numbers if n],
        )  # fmt: skip

    def _text(self, record: Any) -> str:
        """The type's name and its choice labels (行政处罚, 罚款 …) come first, then the record's text."""
        rt = self.record_type
        labels = [rt.public_text(record, name) for name in rt.filters]
        return "\n".join([" ".join([rt.name, *labels, record.unit.name]), rt.search_text(record)])

    def item(self, ident: str) -> Item | None:
        from django.utils import timezone

        from gongkai.records.models import RecordStatus

        record = self.record_type.model.objects.select_related("unit").filter(index_no=ident).first()
        if record is None or record.status != RecordStatus.PUBLISHED:
            return None
        if record.publish_until is not None and record.publish_until <= timezone.now():
            return None  # its display period is over
        return self._item(record)

    def items(self) -> Iterator[Item]:
        from django.db.models import Q
        from django.utils import timezone

        # Published and not past its display end (a future publish_at stays: results are filtered).
        live = self.record_type.model.objects.filter(status="published").filter(
            Q(publish_until__isnull=True) | Q(publish_until__gt=timezone.now())
        )
        for record in live.select_related("unit").iterator(chunk_size=1000):
            yield self._item(record)

    def public(self, idents: Iterable[str]) -> set[str]:
        from gongkai.records.queries import public_q

        return set(
            self.record_type.model.objects.filter(public_q(), index_no__in=list(idents)).values_list(
                "index_no", flat=True
            )
        )


registry.register(DocumentSource())


def _added(record_type: Any) -> None:
    registry.register(RecordSource(record_type))


def _removed(record_type: Any) -> None:
    registry.unregister(record_type.slug)


def connect_records() -> None:
    from gongkai.records.registry import on_register

    on_register(_added, _removed)


connect_records()


def expired_record_keys() -> list[tuple[str, str]]:
    """(kind, ident) of records whose display period has ended but which the index still holds."""
    from django.utils import timezone

    from gongkai.records.registry import types

    from .models import SearchEntry

    found = []
    for record_type in types():
        if record_type.display_until is None:
            continue
        indexed = SearchEntry.objects.filter(kind=record_type.slug).values_list("ident", flat=True)
        expired = record_type.model.objects.filter(publish_until__lte=timezone.now(), index_no__in=indexed)
        found.extend((record_type.slug, i) for i in expired.values_list("index_no", flat=True))
    return found
