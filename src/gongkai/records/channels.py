"""What every registered record type gets without code of its own: feed, sitemap, importer, log source."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from gongkai.core import importing, transparency, workflow
from gongkai.core.queries import unit_by_code
from gongkai.portal.registry import (
    AtomFeed,
    Latest,
    register_feed,
    register_home_column,
    register_nav,
    register_sitemap,
    unregister_feed,
    unregister_sitemap,
)

from . import queries, registry
from .importer import RecordImporter
from .registry import RecordType, on_register


class RecordFeed(AtomFeed):
    """The newest public records of one type, optionally of one unit (?unit=CODE)."""

    def __init__(self, record_type: RecordType) -> None:
        super().__init__()
        self.record_type = record_type
        self.description = record_type.description or record_type.name

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        unit = request.GET.get("unit", "")
        if unit and unit_by_code(unit) is None:
            raise Http404("no such unit")
        return unit

    def title(self, obj: str) -> str:
        unit = unit_by_code(obj) if obj else None
        return " - ".join(p for p in (self.record_type.name, unit.name if unit else "") if p)

    def link(self, obj: str) -> str:
        return reverse("records:list", args=[self.record_type.slug])

    def items(self, obj: str) -> Any:
        return queries.public_list(self.record_type, queries.Filters(unit=obj, sort="published"))[:50]

    def item_title(self, item: Any) -> str:
        return self.record_type.title_of(item)

    def item_description(self, item: Any) -> str:
        return "；".join(
            f"{self.record_type.label(n)}：{self.record_type.public_text(item, n)}"
            for n in self.record_type.list_columns
        )

    def item_pubdate(self, item: Any) -> datetime | None:
        return item.publish_at  # type: ignore[no-any-return]

    def item_updateddate(self, item: Any) -> datetime | None:
        return item.updated_at  # type: ignore[no-any-return]

    def item_author_name(self, item: Any) -> str:
        return str(item.unit.name)


class RecordSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def __init__(self, record_type: RecordType) -> None:
        self.record_type = record_type

    def items(self) -> Any:
        return queries.public_records(self.record_type).order_by("-publish_at", "-id")

    def lastmod(self, item: Any) -> datetime | None:
        return item.updated_at  # type: ignore[no-any-return]


def _source(record_type: RecordType) -> transparency.ContentSource:
    def content(index_no: str, version: int) -> dict[str, Any] | None:
        record = record_type.model.objects.select_related("unit").filter(index_no=index_no).first()
        if record is None or record.version != version:
            return None
        return workflow.kind_of(record_type.model).content(record)  # what was logged

    return content


def _added(record_type: RecordType) -> None:
    register_feed(record_type.slug, record_type.name, RecordFeed(record_type))
    register_sitemap(f"records-{record_type.slug}", RecordSitemap(record_type))
    importing.register(
        record_type.slug,
        lambda: RecordImporter(record_type),
        permission="records.record.edit",
        label=str(record_type.name),
    )
    transparency.register_source(record_type.log_type, _source(record_type))


def _removed(record_type: RecordType) -> None:
    unregister_feed(record_type.slug)
    unregister_sitemap(f"records-{record_type.slug}")
    importing.unregister(record_type.slug)


def latest_records(count: int) -> list[Latest]:
    """The newest public records of every type (双公示 and the rest), newest first."""
    newest = [
        record
        for record_type in registry.types()
        if record_type.home_column
        for record in queries.public_list(record_type, queries.Filters())[:count]  # by decision date: indexed
    ]
    newest.sort(key=lambda r: r.publish_at, reverse=True)
    return [
        Latest(
            f"{r.record_type().name}：{r.record_type().title_of(r)}",
            r.get_absolute_url(),
            timezone.localdate(r.publish_at),
        )
        for r in newest[:count]
    ]


on_register(_added, _removed)
register_nav("公示查询", "records:index", 40, group="areas")
register_home_column("records", "公示公告", order=50, more_url="/records/", latest=latest_records)
