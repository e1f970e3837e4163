"""Scheduled census checks, run by the task queue (`gongkai run_huey`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .models import Run, Site


@db_periodic_task(crontab(hour="6", minute="30"))
def daily_checks() -> int:
    """Check every scheduled site once a day, before the office starts work."""
    from . import services

    count = 0
    for site in Site.objects.filter(scheduled=True):
        try:
            run = services.run_request(site=site, by=None)
        except services.SitecheckError:
            continue
        services.run_execute(run)
        count += 1
    return count


@db_periodic_task(crontab(minute="*/30"))
def availability_probes() -> int:
    """Probe each scheduled site's homepage twice an hour (the census asks for ≥20 probes a day)."""
    from . import services

    sites = list(Site.objects.filter(scheduled=True))
    for site in sites:
        services.probe(site)
    return len(sites)


@db_task()
def run_check(run_pk: int) -> None:
    """Carry out a check the office asked for (立即检查)."""
    from . import services

    run = Run.objects.select_related("site").get(pk=run_pk)
    if run.status == Run.Status.QUEUED:
        services.run_execute(run)
