"""What the office's census pages and the dashboard read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from . import indicators as ind
from .models import Finding, Probe, Run, Site


@dataclass(frozen=True)
class SiteRow:
    site: Site
    last: Run | None  # the newest finished run
    running: Run | None  # a queued or running one
    availability: float | None  # share of the past week's probes that opened, in %
    alert: str


def sites() -> QuerySet[Site]:
    return Site.objects.order_by("sort_order", "pk")


def last_run(site: Site) -> Run | None:
    return site.runs.filter(status=Run.Status.DONE).order_by("-pk").first()


def open_run(site: Site) -> Run | None:
    return site.runs.filter(status__in=[Run.Status.QUEUED, Run.Status.RUNNING]).order_by("-pk").first()


def runs(site: Site, limit: int = 12) -> list[Run]:
    """SITE's newest finished runs, oldest first (for the trend)."""
    return list(reversed(site.runs.filter(status=Run.Status.DONE).order_by("-pk")[:limit]))


def findings(run: Run) -> QuerySet[Finding]:
    return run.findings.order_by("-veto", "indicator", "pk")


def availability(site: Site, now: datetime | None = None) -> float | None:
    now = now or timezone.now()
    week = Probe.objects.filter(site=site, at__gte=now - timedelta(days=7))
    total = week.count()
    return round(100 * week.filter(ok=True).count() / total, 1) if total else None


def alert(site: Site, run: Run | None, today: date | None = None) -> str:
    """What would fail soon (or fails now) on SITE, by its newest run; "" when nothing does."""
    if run is None:
        return ""
    today = today or timezone.localdate()
    if run.passed is False:
        return "上次检查未通过"
    if run.homepage_newest:
        age = (today - run.homepage_newest).days
        if age > ind.HOMEPAGE_STALE_DAYS:
            return f"首页已{age}天未更新，达到单项否决"
        if age >= settings.SITECHECK_ALERT_DAYS:
            return f"首页已{age}天未更新，{ind.HOMEPAGE_STALE_DAYS - age + 1}天内不更新将单项否决"
    return ""


def site_rows(today: date | None = None) -> list[SiteRow]:
    rows = []
    for site in sites():
        last = last_run(site)
        rows.append(SiteRow(site, last, open_run(site), availability(site), alert(site, last, today)))
    return rows
