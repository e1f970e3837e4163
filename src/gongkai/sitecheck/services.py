"""Running census checks: of any URL (the CLI) and of registered sites (the worker and the office)."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.models import User

from . import accessibility, own
from . import indicators as ind
from .crawler import Crawler
from .inspect_site import ColumnSpec, Expr, Found, Note, Profile, Progress, Report, Settings, inspect, score
from .models import Expression, Finding, Probe, Run, Site


class SitecheckError(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message, self.code = message, code


def config() -> Settings:
    return Settings(
        budget=settings.SITECHECK_BUDGET,
        delay=settings.SITECHECK_DELAY_MS / 1000,
        concurrency=settings.SITECHECK_CONCURRENCY,
        timeout=ind.TIMEOUT_SECONDS,
        max_pages=settings.SITECHECK_MAX_PAGES,
        max_external=settings.SITECHECK_MAX_EXTERNAL,
        loopback_only=settings.SITECHECK_LOOPBACK_ONLY,
    )


def expressions() -> list[Expr]:
    return [Expr(e.text, e.correct) for e in Expression.objects.all()]


def site_for_url(url: str) -> Site | None:
    """Return the registered site whose homepage is URL (with or without the trailing slash)."""
    stripped = url.rstrip("/")
    return Site.objects.filter(base_url__in=[stripped, stripped + "/"]).first()


def profile_for(site: Site) -> Profile:
    columns = [ColumnSpec(c.title, c.url, c.kind, c.stale_days) for c in site.columns.all()]
    return Profile(
        site.base_url,
        hosts=site.host_names(),
        columns=columns or None,
        check_external=site.check_external_links,
        expressions=expressions(),
    )


def check(
    profile: Profile, *, portal: bool = False, today: date | None = None, progress: Progress | None = None
) -> Report:
    """Check the site of PROFILE now; PORTAL adds the checks read from Gongkai's own data."""
    today = today or timezone.localdate()
    report = _in_thread(profile, today, progress)
    if settings.SITECHECK_ACCESSIBILITY:
        accessibility.add_to(
            report,
            accessibility.Options(
                chromium=settings.SITECHECK_CHROMIUM,
                pages=settings.SITECHECK_AXE_PAGES,
                impacts=frozenset(ind.axe_impacts(settings.SITECHECK_AXE_IMPACTS)),
                hosts=frozenset(h.lower() for h in profile.hosts),
                loopback_only=settings.SITECHECK_LOOPBACK_ONLY,
            ),
        )
    if portal:
        own.add_to(report, today)
    return report


def _in_thread(profile: Profile, today: date, progress: Progress | None) -> Report:
    """Run the async crawl on its own event loop in a thread; PROGRESS is called on this thread.

    The caller may be inside an event loop itself, and may use the ORM in PROGRESS (which Django
    forbids on a thread that runs an event loop).
    """
    result: list[Report] = []
    errors: list[BaseException] = []
    state: dict[str, tuple[int, int, str]] = {}

    def work() -> None:
        try:
            report = asyncio.run(
                inspect(
                    profile,
                    today=today,
                    config=config(),
                    progress=lambda done, total, message: state.update(now=(done, total, message)),
                )
            )
            result.append(report)
        except BaseException as exc:  # handed to the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=work, name="sitecheck", daemon=True)
    thread.start()
    told = None
    while thread.is_alive():
        thread.join(0.2)
        latest = state.get("now")
        if progress and latest and latest != told:
            told = latest
            progress(*latest)
    if errors:
        raise errors[0]
    return result[0]


@transaction.atomic
def run_request(*, site: Site, by: User | None, now: datetime | None = None) -> Run:
    """Queue a check of SITE (the worker runs it); one at a time per site."""
    site = Site.objects.select_for_update().get(pk=site.pk)
    if site.runs.filter(status__in=[Run.Status.QUEUED, Run.Status.RUNNING]).exists():
        raise SitecheckError("该网站正在检查中，请等待本次检查完成。", code="already_running")
    run = Run.objects.create(site=site, requested_by=by)
    audit.record(site, "sitecheck.run.requested", by=by, data={"run": run.pk})
    return run


def run_execute(run: Run, *, today: date | None = None, now: datetime | None = None) -> Run:
    """Carry out the queued RUN: crawl, record findings and the verdict; progress is saved as it goes."""
    now = now or timezone.now()
    today = today or timezone.localdate()
    site = run.site
    Run.objects.filter(pk=run.pk).update(status=Run.Status.RUNNING, started_at=now)
    saved = {"at": 0.0}

    def progress(done: int, total: int, message: str) -> None:
        if time.monotonic() - saved["at"] < 1 and done < total:
            return
        saved["at"] = time.monotonic()
        Run.objects.filter(pk=run.pk).update(progress_done=done, progress_total=total)

    try:
        report = check(profile_for(site), portal=site.is_portal, today=today, progress=progress)
    except Exception as exc:
        Run.objects.filter(pk=run.pk).update(
            status=Run.Status.ERROR, finished_at=timezone.now(), error=str(exc)[:500]
        )
        raise
    _weekly_availability(report, site, now)
    return _record(run, report)


@transaction.atomic
def _record(run: Run, report: Report) -> Run:
    run = Run.objects.select_for_update().get(pk=run.pk)
    run.status = Run.Status.DONE
    run.finished_at = timezone.now()
    run.passed = report.passed
    run.score = report.score
    run.requests = report.requests
    run.homepage_ok = report.homepage_ok
    run.homepage_ms = report.homepage_ms
    run.homepage_newest = report.homepage_newest
    run.progress_done = run.progress_total = max(run.progress_total, 1)
    run.error = "；".join(n.zh for n in report.notes)[:500]
    run.save()
    pages = {(f.indicator, f.detail) for f in report.findings}
    rows = [
        Finding(
            run=run,
            indicator=f.indicator,
            veto=f.veto,
            detail=f.detail[:1000],
            page=f.page[:1000],
            points=f.points,
        )
        for f in report.findings
    ]
    rows += [
        Finding(run=run, indicator=v.indicator, veto=True, detail=v.detail[:1000])
        for v in report.veto
        if (v.indicator, v.detail) not in pages
    ]
    Finding.objects.bulk_create(rows)
    audit.record(
        run.site,
        "sitecheck.run.finished",
        by=run.requested_by,
        data={"run": run.pk, "passed": run.passed, "score": run.score},
    )
    return run


def _weekly_availability(report: Report, site: Site, now: datetime) -> None:
    """Fail availability when ≥5% of a full week's probes (≥20 a day) did not open within 15 s."""
    week = Probe.objects.filter(site=site, at__gte=now - timedelta(days=7))
    total = week.count()
    if total < ind.AVAILABILITY_PROBES_PER_DAY * 7:
        report.notes.append(
            Note(
                f"availability: {total} probes in the past week, fewer than the census's 140",
                f"过去一周可用性探测{total}次，不足140次，暂不按5%规则判定",
            )
        )
        return
    failed = week.filter(ok=False).count()
    if failed / total >= ind.AVAILABILITY_FAILURE_RATE:
        detail = f"过去一周{total}次探测中{failed}次未能在15秒内打开首页（≥5%）"
        report.findings.append(Found("availability", detail, site.base_url, veto=True))
        report.veto.append(Found("availability", detail, veto=True))
        score(report)


def probe(site: Site, *, now: datetime | None = None) -> Probe:
    """Ask SITE's homepage once whether it opens within 15 s, and record the answer."""
    now = now or timezone.now()
    cfg = config()

    async def ask() -> tuple[bool, int | None, str]:
        async with Crawler(
            hosts={urlsplit(site.base_url).netloc.lower()},
            budget=1,
            delay=0,
            timeout=cfg.timeout,
            loopback_only=cfg.loopback_only,
        ) as crawler:
            page = await crawler._send("GET", site.base_url)
            return (
                page.ok,
                page.elapsed_ms,
                page.error or page.skipped or (f"HTTP {page.status}" if not page.ok else ""),
            )

    ok, elapsed, detail = asyncio.run(ask())
    return Probe.objects.create(site=site, at=now, ok=ok, elapsed_ms=elapsed, detail=detail[:200])
