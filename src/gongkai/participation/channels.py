"""Consultations on every public channel: search, feed, sitemap, navigation, home column, the log's verifier."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from gongkai.concerns import hotspots
from gongkai.concerns.hotspots import Text
from gongkai.core import transparency
from gongkai.portal.registry import (
    AtomFeed,
    Latest,
    register_feed,
    register_home_column,
    register_nav,
    register_sitemap,
)
from gongkai.search.registry import Item, KindSource, register

from . import queries
from .kind import KIND, consultation_content
from .models import Consultation


def consultation_item(item: Consultation) -> Item:
    parts = [item.unit.name, item.explanation, *(p.text for p in item.paragraphs.all())]
    return Item(
        kind=KIND.slug, ident=item.index_no, title=str(item), text="\n".join(p for p in parts if p),
        url=item.get_absolute_url(), unit=item.unit.code, category=KIND.slug, published_at=item.publish_at,
    )  # fmt: skip


class ConsultationFeed(AtomFeed):
    title = "征求意见"
    description = "政策文件草案公开征求意见"

    def link(self) -> str:
        return reverse("participation:list")

    def items(self) -> Any:
        return queries.public_consultations().order_by("-publish_at", "-id")[:50]

    def item_title(self, item: Consultation) -> str:
        return str(item)

    def item_description(self, item: Consultation) -> str:
        return f"{item.unit.name}；征求意见时间：{item.opens_on:%Y-%m-%d} 至 {item.closes_on:%Y-%m-%d}"

    def item_pubdate(self, item: Consultation) -> datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Consultation) -> datetime | None:
        return item.updated_at


class ConsultationSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self) -> Any:
        return queries.public_consultations().order_by("-publish_at", "-id")

    def lastmod(self, item: Consultation) -> datetime | None:
        return item.updated_at


def _content(index_no: str, version: int) -> dict[str, Any] | None:
    item = Consultation.objects.select_related("unit").filter(index_no=index_no).first()
    return consultation_content(item) if item is not None and item.version == version else None


def latest(count: int) -> list[Latest]:
    rows = queries.ordered(queries.public_consultations())[:count]
    return [Latest(str(r), r.get_absolute_url(), timezone.localdate(r.publish_at)) for r in rows]


register(KindSource(KIND, consultation_item, prefetch=("paragraphs",)))
register_feed("consultations", "征求意见", ConsultationFeed())
register_sitemap("consultations", ConsultationSitemap())
transparency.register_source(KIND.log_type, _content)
register_nav("征求意见", "participation:list", 60, group="hudong")
register_home_column("consultations", "征求意见", order=60, more_url="/consultations/", latest=latest)


def comment_texts(start: date, end: date) -> Iterable[Text]:
    """Comments on drafts for the hotspots (concerns.hotspots): their masked text, rejected ones left out."""
    from .models import Comment, CommentStatus

    tz = timezone.get_current_timezone()
    rows = (
        Comment.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
        .exclude(status=CommentStatus.REJECTED)
        .select_related("consultation")
        .only("public_body", "created_at", "consultation__id", "consultation__title")
    )
    for comment in rows:
        yield Text(
            comment.created_at.astimezone(tz).date(),
            comment.public_body,
            f"征求意见：{comment.consultation.title}",
            reverse("participation_staff:detail", args=[comment.consultation_id]),
        )


hotspots.register("comments", "征求意见", comment_texts)
