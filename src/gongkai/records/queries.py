"""What the public may see of a record type (decided by time at each request) and the staff queues."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from gongkai.core.calendar import DueDate, WorkCalendar
from gongkai.core.models import User
from gongkai.core.permissions import units_visible_to
from gongkai.core.publishable import Shown, visible_q, was_public

from .models import PublishedRecord, RecordStatus
from .registry import RecordType

SORTS = {"new": "-{date}", "old": "{date}", "published": "-publish_at"}


def public_records(record_type: RecordType, now: datetime | None = None) -> QuerySet[Any]:
    return record_type.model.objects.filter(visible_q(now)).select_related("unit")


@dataclass(frozen=True)
class Filters:
    q: str = ""
    unit: str = ""
    year: int | None = None
    sort: str = "new"
    fields: tuple[tuple[str, str], ...] = ()

    def as_query(self) -> dict[str, str]:
        query = {"q": self.q, "unit": self.unit, "year": str(self.year or ""), **dict(self.fields)}
        if self.sort != "new":
            query["sort"] = self.sort
        return {k: v for k, v in query.items() if v}


class FilterError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_filters(record_type: RecordType, params: Mapping[str, str]) -> Filters:
    """Read the list filters from query parameters; a bad value raises FilterError naming the field."""
    year: int | None = None
    if params.get("year"):
        try:
            year = int(params["year"])
        except ValueError:
            raise FilterError("year", "年份须为四位数字。") from None
        if not 1990 <= year <= 2100:
            raise FilterError("year", "年份须在1990至2100之间。")
    sort = params.get("sort") or "new"
    if sort not in SORTS:
        raise FilterError("sort", "排序方式只能是 new、old 或 published。")
    chosen = []
    for name in record_type.filters:
        value = params.get(name, "")
        if value:
            allowed = {str(k) for k, _label in record_type.model._meta.get_field(name).choices or ()}
            if value not in allowed:
                raise FilterError(name, f"{record_type.label(name)}的取值不正确。")
            chosen.append((name, value))
    return Filters(
        q=params.get("q", "").strip()[:100], unit=params.get("unit", "").strip()[:40], year=year, sort=sort,
        fields=tuple(chosen),
    )  # fmt: skip


COUNT_CAP = 10_000  # beyond this a list says "10,000+": counting a million rows costs seconds


def capped_count(records: QuerySet[Any], cap: int | None = None) -> tuple[int, bool]:
    """Return (count, exact): the count stops at CAP + 1 rows, so large lists stay fast."""
    cap = COUNT_CAP if cap is None else cap
    count = records.order_by()[: cap + 1].count()
    return (cap, False) if count > cap else (count, True)


class CappedPaginator(Paginator):
    """A paginator whose count stops at COUNT_CAP (pages beyond it are not offered)."""

    exact = True

    @cached_property
    def count(self) -> int:
        count, self.exact = capped_count(self.object_list)
        return count


SEARCH_MATCHES = 1000  # a keyword narrows a public list to at most this many search matches


def _keyword(record_type: RecordType, records: QuerySet[Any], q: str, *, public: bool) -> QuerySet[Any]:
    if public:  # public lists use the search index: segmented words, any bracket style, fast at scale
        from gongkai.search.query import search

        page = search(q, kind=record_type.slug, page_size=SEARCH_MATCHES, snippets=False)
        return records.filter(index_no__in=[r.ident for r in page.results])
    names = record_type.search_fields or (record_type.title_field,)  # staff lists hold drafts too
    match = Q(index_no=q)
    for name in names:
        match |= Q(**{f"{name}__icontains": q})
    return records.filter(match)


def apply_filters(
    record_type: RecordType, records: QuerySet[Any], filters: Filters, *, public: bool = False
) -> QuerySet[Any]:
    if filters.unit:
        records = records.filter(unit__code=filters.unit)
    if filters.year:
        records = records.filter(**{f"{record_type.date_field}__year": filters.year})
    for name, value in filters.fields:
        records = records.filter(**{name: value})
    if filters.q:
        records = _keyword(record_type, records, filters.q, public=public)
    order = SORTS[filters.sort].format(date=record_type.date_field)
    return records.order_by(order, "-id")


def public_list(record_type: RecordType, filters: Filters, now: datetime | None = None) -> QuerySet[Any]:
    return apply_filters(record_type, public_records(record_type, now), filters, public=True)


@dataclass(frozen=True)
class PublicView:
    record: Any
    state: str  # "public", "gone" (withdrawn or its display period ended), "missing"


def public_view(record_type: RecordType, index_no: str, now: datetime | None = None) -> PublicView:
    record = record_type.model.objects.select_related("unit").filter(index_no=index_no).first()
    if record is None:
        return PublicView(None, "missing")
    shown = record.shown(now)
    if shown == Shown.PUBLISHED:
        return PublicView(record, "public")
    if shown in (Shown.WITHDRAWN, Shown.EXPIRED) and was_public(record, now):
        return PublicView(record, "gone")  # a dated notice: withdrawn, or its display period over
    return PublicView(None, "missing")


def staff_records(record_type: RecordType, user: User) -> QuerySet[Any]:
    return record_type.model.objects.filter(
        unit__in=units_visible_to(user, "records.record.view")
    ).select_related("unit")


def publication_deadline(
    record_type: RecordType, record: PublishedRecord, calendar: WorkCalendar
) -> DueDate | None:
    """Return RECORD's publication deadline by its type (and whether it is provisional), or None."""
    formed = getattr(record, record_type.date_field)
    if record_type.deadline_days is None or formed is None:
        return None
    if isinstance(formed, datetime):
        formed = timezone.localdate(formed)
    return calendar.due_date(formed, record_type.deadline_days)


def publication_due(record_type: RecordType, record: PublishedRecord, calendar: WorkCalendar) -> date | None:
    """Return the last day RECORD may be published by its type's deadline, or None without one."""
    deadline = publication_deadline(record_type, record, calendar)
    return deadline.due_date if deadline else None


def is_late(
    record_type: RecordType, record: PublishedRecord, calendar: WorkCalendar, today: date | None = None
) -> bool:
    """Published after its deadline, or still unpublished and past it."""
    due = publication_due(record_type, record, calendar)
    if due is None:
        return False
    if record.publish_at is not None:
        return timezone.localdate(record.publish_at) > due
    return (today or timezone.localdate()) > due


def open_deadlines(
    record_type: RecordType, user: User, calendar: WorkCalendar, days: int = 7
) -> tuple[list[tuple[Any, date]], list[tuple[Any, date]]]:
    """One pass over the unpublished records of the user's units: ([(record, due)] past their
    deadline, oldest first; [(record, due)] due in the next DAYS calendar days, soonest first)."""
    if record_type.deadline_days is None:
        return [], []
    today = timezone.localdate()
    open_records = (
        staff_records(record_type, user)
        .filter(status__in=[RecordStatus.DRAFT, RecordStatus.SUBMITTED, RecordStatus.APPROVED])
        .order_by(record_type.date_field)
    )
    late, soon = [], []
    for record in open_records:
        due = publication_due(record_type, record, calendar)
        if due is None:
            continue
        if today > due:
            late.append((record, due))
        elif due <= today + timedelta(days=days):
            soon.append((record, due))
    return late, sorted(soon, key=lambda row: row[1])


def late_unpublished(record_type: RecordType, user: User, calendar: WorkCalendar) -> list[Any]:
    """Unpublished records of the user's units past their publication deadline, oldest first."""
    return [record for record, _due in open_deadlines(record_type, user, calendar)[0]]
