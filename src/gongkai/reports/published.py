"""Which annual reports the public may read, and the years the portal lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Min
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.core.models import Unit
from gongkai.publishing.queries import public_documents

from .models import AnnualReport

FIRST_YEAR = 2008  # the year the first Regulation came into force


def published_report(year: int, unit: Unit | None) -> AnnualReport | None:
    """Return the office's report of YEAR if its document is public now (its written parts with it)."""
    report = AnnualReport.objects.filter(year=year, unit=unit).select_related("document").first()
    if report is None or report.document_id is None:
        return None
    return report if public_documents().filter(pk=report.document_id).exists() else None


@dataclass(frozen=True)
class YearStatus:
    year: int
    report: AnnualReport | None  # the published one, if any
    in_progress: bool  # the current year: its figures run to today


def first_year_with_data(today: date) -> int:
    """The earliest year with a public document or an application (this year when there is none)."""
    years = [
        public_documents().aggregate(first=Min("publish_at"))["first"],
        Application.objects.aggregate(first=Min("received_on"))["first"],
    ]
    known = [moment.year for moment in years if moment is not None]
    return max(FIRST_YEAR, min(known)) if known else today.year


def report_years(today: date | None = None) -> list[YearStatus]:
    """Every year with data, newest first, with its published report and whether it is still running."""
    today = today or timezone.localdate()
    published = {
        r.year: r
        for r in AnnualReport.objects.filter(unit=None, document__in=public_documents()).select_related(
            "document"
        )
    }
    return [
        YearStatus(year, published.get(year), year == today.year)
        for year in range(today.year, first_year_with_data(today) - 1, -1)
    ]


def latest_finished_year(today: date | None = None) -> int:
    """The newest year whose report is published, or else last year."""
    today = today or timezone.localdate()
    return next((s.year for s in report_years(today) if s.report is not None), today.year - 1)
