"""Each unit's timeliness in a year: documents published within 20 working days, applications answered in time."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from gongkai.applications import queries as case_queries
from gongkai.applications.models import Application
from gongkai.core.calendar_data import load_calendar
from gongkai.core.queries import unit_list
from gongkai.publishing import queries as catalog


@dataclass(frozen=True)
class UnitTimeliness:
    code: str
    name: str
    published: int
    published_late: int
    answered: int
    answered_late: int
    open_overdue: int

    @property
    def on_time_share(self) -> float | None:
        total = self.published + self.answered
        return round(100 * (total - self.published_late - self.answered_late) / total, 1) if total else None


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
    return [
        UnitTimeliness(
            code=unit.code,
            name=unit.short_name or unit.name,
            published=len(published[unit.pk]),
            published_late=sum(published[unit.pk]),
            answered=len(answered[unit.pk]),
            answered_late=sum(answered[unit.pk]),
            open_overdue=overdue[unit.pk],
        )
        for unit in unit_list()
    ]
