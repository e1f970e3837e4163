"""Each unit's timeliness in a year: documents published within 20 working days, applications answered
in time, records (双公示 …) published within their type's deadline."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from gongkai.applications import queries as case_queries
from gongkai.applications.models import Application
from gongkai.core.calendar_data import load_calendar
from gongkai.core.queries import unit_list
from gongkai.publishing import queries as catalog
from gongkai.records import queries as record_queries
from gongkai.records import registry
from gongkai.records.models import RecordStatus


@dataclass(frozen=True)
class UnitTimeliness:
    code: str
    name: str
    published: int
    published_late: int
    answered: int
    answered_late: int
    open_overdue: int
    records: int = 0  # 双公示 and other records with a publication deadline
    records_late: int = 0

    @property
    def on_time_share(self) -> float | None:
        total = self.published + self.answered + self.records
        late = self.published_late + self.answered_late + self.records_late
        return round(100 * (total - late) / total, 1) if total else None


def unit_timeliness(year: int) -> list[UnitTimeliness]:
    """Return one row per unit; documents and cases are read once and grouped by unit."""
    calendar = load_calendar()
    today = timezone.localdate()
    published: dict[int, list[bool]] = defaultdict(list)  # unit id -> one late flag per document
    for document in catalog.public_documents().filter(publish_at__year=year):
        published[document.unit_id].append(catalog.is_late(document, calendar))
    answered: dict[int, list[bool]] = defaultdict(list)
    for case in Application.objects.filter(replied_on__year=year).prefetch_related("events"):
        clock = case_queries.case_clock(case, calendar)
        answered[case.unit_id].append(
            bool(clock and clock.due_date and case.replied_on and case.replied_on > clock.due_date)
        )
    overdue: Counter[int] = Counter()
    for case in Application.objects.filter(status__in=case_queries.OPEN).prefetch_related("events"):
        clock = case_queries.case_clock(case, calendar)
        if clock and clock.due_date and clock.due_date < today:
            overdue[case.unit_id] += 1
    records: dict[int, list[bool]] = defaultdict(list)
    for record_type in registry.types():
        if record_type.deadline_days is None:
            continue
        rows = record_type.model.objects.filter(
            status__in=[RecordStatus.PUBLISHED, RecordStatus.WITHDRAWN], publish_at__year=year
        ).only("unit_id", "publish_at", record_type.date_field)
        for record in rows:
            records[record.unit_id].append(record_queries.is_late(record_type, record, calendar))
    return [
        UnitTimeliness(
            code=unit.code,
            name=unit.short_name or unit.name,
            published=len(published[unit.pk]),
            published_late=sum(published[unit.pk]),
            answered=len(answered[unit.pk]),
            answered_late=sum(answered[unit.pk]),
            open_overdue=overdue[unit.pk],
            records=len(records[unit.pk]),
            records_late=sum(records[unit.pk]),
        )
        for unit in unit_list()
    ]
