"""Read side of the catalog: what the public may see (decided by time, not by a worker) and staff queues."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.calendar import DueDate, WorkCalendar
from gongkai.core.models import TransparencyEntry, User
from gongkai.core.permissions import units_visible_to
from gongkai.core.publishable import Shown, visible_q, was_public

from .kind import KIND
from .models import Category, Document, DocumentRelation

S = Document.Status
PUBLICATION_DAYS = 20  # LAW.md §2, Art. 26


def public_q(now: datetime | None = None) -> Q:
    """What the public may see of the catalog: the workflow's visibility, proactive documents only."""
    return visible_q(now) & KIND.public_filter()


def public_documents(now: datetime | None = None) -> QuerySet[Document]:
    return (
        Document.objects.filter(public_q(now))
        .select_related("unit", "category")
        .order_by("-publish_at", "-id")
    )


def catalog(
    *,
    unit: str = "",
    category: str = "",
    topic: str = "",
    year: int | None = None,
    q: str = "",
    now: datetime | None = None,
) -> QuerySet[Document]:
    """Return public documents filtered as the catalog and the API offer."""
    documents = public_documents(now)
    if unit:
        documents = documents.filter(Q(unit__code=unit) | Q(co_units__code=unit)).distinct()
    if category:
        codes = [category, *Category.objects.filter(parent__code=category).values_list("code", flat=True)]
        documents = documents.filter(category__code__in=codes)
    if topic:
        documents = documents.filter(topic=topic)
    if year:
        documents = documents.filter(publish_at__year=year)
    if q:
        documents = documents.filter(
            Q(title__icontains=q) | Q(doc_number__icontains=q) | Q(keywords__icontains=q)
        )
    return documents


@dataclass(frozen=True)
class PublicView:
    """What the public may know of one index number."""

    document: Document | None
    state: str  # "public", "gone" (withdrawn or expired) or "missing"


def public_view(index_no: str, now: datetime | None = None) -> PublicView:
    document = (
        Document.objects.select_related("unit", "category", "interprets")
        .prefetch_related("attachments", "co_units")
        .filter(index_no=index_no, mode=Document.Mode.PROACTIVE)
        .first()
    )
    if document is None:
        return PublicView(None, "missing")
    shown = document.shown(now)
    if shown == Shown.PUBLISHED:
        return PublicView(document, "public")
    if shown in (Shown.WITHDRAWN, Shown.EXPIRED) and was_public(document, now):
        return PublicView(document, "gone")
    return PublicView(None, "missing")


def public_interpretations(document: Document, now: datetime | None = None) -> QuerySet[Document]:
    return public_documents(now).filter(interprets=document)


RELATION_KEYS = {
    ("out", DocumentRelation.Kind.AMENDS): "amends",
    ("out", DocumentRelation.Kind.REPEALS): "repeals",
    ("in", DocumentRelation.Kind.AMENDS): "amended_by",
    ("in", DocumentRelation.Kind.REPEALS): "repealed_by",
}


def public_relations(document: Document, now: datetime | None = None) -> dict[str, list[Document]]:
    """Return the public documents this one amends/repeals and those that amend/repeal it (two queries)."""
    found: dict[str, list[Document]] = {key: [] for key in RELATION_KEYS.values()}
    visible = public_documents(now)
    for target in visible.filter(incoming_relations__source=document).annotate(
        how=F("incoming_relations__kind")
    ):
        found[RELATION_KEYS[("out", target.how)]].append(target)
    for source in visible.filter(relations__target=document).annotate(how=F("relations__kind")):
        found[RELATION_KEYS[("in", source.how)]].append(source)
    return found


def publication_deadline(document: Document, calendar: WorkCalendar) -> DueDate:
    """Return the publication deadline (20 working days after the information was formed), with
    whether it is provisional (it runs into a year whose holidays are not imported yet)."""
    return calendar.due_date(document.formed_on, PUBLICATION_DAYS)


def publication_due(document: Document, calendar: WorkCalendar) -> date:
    """Return the last day to publish."""
    return publication_deadline(document, calendar).due_date


def is_late(document: Document, calendar: WorkCalendar, today: date | None = None) -> bool:
    """Return whether DOCUMENT was, or if still unpublished already is, past its publication limit."""
    due = publication_due(document, calendar)
    if document.publish_at:
        return timezone.localtime(document.publish_at).date() > due
    return (today or timezone.localdate()) > due


def late_unpublished(user: User, calendar: WorkCalendar, today: date | None = None) -> list[Document]:
    """Return USER's documents not yet published although their 20 working days have run out."""
    open_docs = staff_documents(user).filter(status__in=[S.DRAFT, S.SUBMITTED, S.APPROVED])
    return [d for d in open_docs if is_late(d, calendar, today)]


def staff_documents(user: User) -> QuerySet[Document]:
    """Return the documents USER may see on the workbench (own unit and below, or all for the office)."""
    return (
        Document.objects.filter(unit__in=units_visible_to(user, "publishing.document.view"))
        .select_related("unit", "category", "submitted_by", "created_by")
        .order_by("-updated_at")
    )


def queues(user: User, now: datetime | None = None) -> dict[str, Any]:
    """Return the workbench queues: my drafts, waiting for review, approved, scheduled."""
    mine = staff_documents(user)
    now = now or timezone.now()
    return {
        "drafts": mine.filter(status=S.DRAFT),
        "review": mine.filter(status=S.SUBMITTED).exclude(submitted_by=user),
        "approved": mine.filter(status=S.APPROVED),
        "scheduled": mine.filter(status=S.PUBLISHED, publish_at__gt=now),
        "published": mine.filter(public_q(now))[:20],
    }


def categories() -> QuerySet[Category]:
    return Category.objects.select_related("parent").order_by("sort_order", "code")


@dataclass(frozen=True)
class LogRow:
    """One publication-log entry as the public page shows it."""

    entry: TransparencyEntry
    title: str  # empty unless the item is (or, withdrawn or expired, was) public
    url: str  # its public page while it is public
    note: str  # 已撤回, 已下线, 尚未公开 …


def log_rows(entries: Iterable[TransparencyEntry], now: datetime | None = None) -> list[LogRow]:
    """Name each entry's item, as far as the public may know it: never the title of an item not yet public."""
    now = now or timezone.now()
    entries = list(entries)
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        wanted.setdefault(entry.object_type, set()).add(entry.index_no)
    items: dict[tuple[str, str], Any] = {}
    kinds = {kind.log_type: kind for kind in workflow.kinds()}
    for kind in kinds.values():
        numbers = wanted.get(kind.log_type)
        if numbers:
            rows = kind.model.objects.filter(kind.public_filter(), index_no__in=numbers).select_related(
                "unit"
            )
            items.update({(kind.log_type, row.index_no): row for row in rows})
    described = []
    for entry in entries:
        if entry.action == TransparencyEntry.Action.RESTORE:
            note = f"系统从备份恢复：此前记录接续至第 {entry.version} 条，本条接续第 {entry.seq - 1} 条"
            described.append(LogRow(entry, "", "", note))
            continue
        item = items.get((entry.object_type, entry.index_no))
        shown = item.shown(now) if item is not None else ""
        title = kinds[entry.object_type].public_title(item) if item is not None else ""
        if shown == Shown.PUBLISHED:
            described.append(LogRow(entry, title, item.get_absolute_url(), ""))
        elif shown in (Shown.WITHDRAWN, Shown.EXPIRED) and was_public(item, now):
            described.append(LogRow(entry, title, item.get_absolute_url(), str(Shown(shown).label)))
        else:
            described.append(LogRow(entry, "", "", "尚未公开" if item is not None else ""))
    return described
