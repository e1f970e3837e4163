"""Each unit's timeliness in a year: documents published within 20 working days, applications answered in time."""

from __future__ import annotations

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
    calendar = load_calendar()
    today = timezone.localdate()
    rows = []
    documents = list(catalog.public_documents().filter(publish_at__year=year))
    cases = list(Application.objects.filter(replied_on__year=year).prefetch_related("events"))
    open_cases = list(Application.objects.filter(status__in=case_queries.OPEN).prefetch_related("events"))
    for unit in unit_list():
        mine = [d for d in documents if d.unit_id == unit.pk]
        answered = [a for a in cases if a.unit_id == unit.pk]
        late_answers = 0
        for case in answered:
            clock = case_queries.case_clock(case, calendar)
            if clock and clock.due_date and case.replied_on and case.replied_on > clock.due_date:
                late_answers += 1
        overdue = 0
        for case in (a for a in open_cases if a.unit_id == unit.pk):
            clock = case_queries.case_clock(case, calendar)
            if clock and clock.due_date and clock.due_date < today:
                overdue += 1
        rows.append(
            UnitTimeliness(
                code=unit.code,
                name=unit.short_name or unit.name,
                published=len(mine),
                published_late=sum(1 for d in mine if catalog.is_late(d, calendar)),
                answered=len(answered),
                answered_late=late_answers,
                open_overdue=overdue,
            )
        )
    return rows
