"""Public statistics: what was published and asked for each month, how applications ended, how fast."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models.functions import ExtractMonth

from gongkai.applications import queries as case_queries
from gongkai.applications.categories import GROUPS
from gongkai.applications.models import Application
from gongkai.core.calendar_data import load_calendar
from gongkai.publishing import queries as catalog


@dataclass(frozen=True)
class YearStatistics:
    year: int
    published_by_month: list[tuple[str, int]]
    published_by_category: list[tuple[str, int]]
    received_by_month: list[tuple[str, int]]
    outcomes: list[tuple[str, int]]
    replied: int
    average_working_days: float | None
    on_time_share: float | None


def year_statistics(year: int) -> YearStatistics:
    months = [f"{m}月" for m in range(1, 13)]
    documents = catalog.public_documents().filter(publish_at__year=year)
    published = Counter(documents.annotate(m=ExtractMonth("publish_at")).values_list("m", flat=True))
    categories = Counter(documents.values_list("category__name", flat=True)).most_common(10)
    cases = Application.objects.filter(received_on__year=year)
    received = Counter(cases.annotate(m=ExtractMonth("received_on")).values_list("m", flat=True))
    replied = list(Application.objects.filter(replied_on__year=year).prefetch_related("events"))
    outcomes = Counter(a.reply_category.split(".")[0] for a in replied)
    calendar = load_calendar()
    days, on_time = [], 0
    for case in replied:
        assert case.received_on is not None and case.replied_on is not None  # noqa: S101  type narrowing
        days.append(calendar.working_days_between(case.received_on, case.replied_on))
        clock = case_queries.case_clock(case, calendar)
        if clock is not None and (clock.due_date is None or case.replied_on <= clock.due_date):
            on_time += 1
    labels = {"1": "予以公开", "2": "部分公开", **GROUPS}
    return YearStatistics(
        year=year,
        published_by_month=[(months[m - 1], published.get(m, 0)) for m in range(1, 13)],
        published_by_category=categories,
        received_by_month=[(months[m - 1], received.get(m, 0)) for m in range(1, 13)],
        outcomes=[(labels[g], outcomes.get(g, 0)) for g in "123456"],
        replied=len(replied),
        average_working_days=round(sum(days) / len(days), 1) if days else None,
        on_time_share=round(100 * on_time / len(replied), 1) if replied else None,
    )
