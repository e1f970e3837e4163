"""The catalog's Atom feeds, sitemap section and publication-log source."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.http import Http404, HttpRequest

from gongkai.core import transparency
from gongkai.core.queries import unit_by_code
from gongkai.portal.registry import AtomFeed, register_feed, register_nav, register_sitemap

from . import queries
from .content import document_content
from .models import Category, Document, DocumentVersion


class LatestDocumentsFeed(AtomFeed):
    """The newest public documents, optionally of one unit (?unit=CODE) or category (?category=CODE)."""

    description = "主动公开的政府信息"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, str]:
        unit, category = request.GET.get("unit", ""), request.GET.get("category", "")
        if unit and unit_by_code(unit) is None:
            raise Http404("no such unit")
        if category and not Category.objects.filter(code=category).exists():
            raise Http404("no such category")
        return {"unit": unit, "category": category}

    def title(self, obj: dict[str, str]) -> str:
        parts = ["政府信息公开"]
        if obj["unit"]:
            parts.append(str(unit_by_code(obj["unit"])))
        if obj["category"]:
            parts.append(Category.objects.get(code=obj["category"]).name)
        return " - ".join(parts)

    def link(self, obj: dict[str, str]) -> str:
        return "/xxgk/catalog/"

    def items(self, obj: dict[str, str]) -> Any:
        return queries.catalog(unit=obj["unit"], category=obj["category"])[:50]

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str:
        return item.summary or f"{item.unit.name} {item.doc_number}".strip()

    def item_pubdate(self, item: Document) -> datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Document) -> datetime | None:
        return item.publish_at

    def item_author_name(self, item: Document) -> str:
        return item.unit.name


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self) -> Any:
        return queries.public_documents()

    def lastmod(self, item: Document) -> datetime | None:
        return item.publish_at


def document_version_content(index_no: str, version: int) -> dict[str, Any] | None:
    """Return the content the log should hash: the live document for its current version."""
    document = Document.objects.filter(index_no=index_no).first()
    if document is not None and document.version == version:
        return document_content(document)
    row = DocumentVersion.objects.filter(document__index_no=index_no, version=version).first()
    if row is None:
        return None
    return transparency.canonical_content(
        index_no=index_no,
        version=version,
        title=row.title,
        doc_number=row.doc_number,
        body=row.body,
        attachments=[a["sha256"] for a in row.attachments],
    )


register_feed("documents", "最新公开的政府信息", LatestDocumentsFeed())
register_sitemap("documents", DocumentSitemap())
register_nav("政府信息公开目录", "publishing:catalog", 20, group="xxgk")
register_nav("公开日志", "publishing:transparency", 85, group="xxgk")
transparency.register_source("document", document_version_content)
