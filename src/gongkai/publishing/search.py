"""The catalog's contribution to search: each public document with its attachments' text."""

from __future__ import annotations

from gongkai.search.registry import Item, KindSource, register

from .content import plain_text
from .kind import KIND
from .models import Document


def document_item(document: Document) -> Item:
    parts = [
        document.unit.name,
        document.doc_number,
        document.summary,
        document.keywords,
        plain_text(document.body),
    ]
    parts += [a.text for a in document.attachments.all() if a.text]
    return Item(
        kind=KIND.slug, ident=document.index_no, title=document.title, text="\n".join(p for p in parts if p),
        url=document.get_absolute_url(), unit=document.unit.code, category=document.category.code,
        published_at=document.publish_at,
    )  # fmt: skip


register(KindSource(KIND, document_item, related=("unit", "category"), prefetch=("attachments",)))
