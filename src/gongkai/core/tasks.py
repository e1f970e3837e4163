"""Core work on the task queue (`gongkai run_huey`): bulk imports uploaded on the staff desk, the
nightly purge of ended rate-limit windows and of import files no job needs, the page cache's minute
and the worker's heartbeat for `/healthz`."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import health, import_files, import_jobs, pagecache, ratelimit


@db_task()
def import_job_run(job_id: int) -> None:
    import_jobs.import_job_run(job_id)


@db_periodic_task(crontab(hour="0", minute="15"))
def purge_rate_counters() -> int:
    """Rate-limit counters whose window has ended are of no further use."""
    return ratelimit.purge()


@db_periodic_task(crontab(hour="0", minute="30"))
def clean_import_files() -> dict[str, int]:
    """Uploads and working copies of import jobs that have ended, or were cut off RESUMABLE_FOR ago."""
    return import_files.import_files_clean()


@db_periodic_task(crontab(minute="*"))
def page_cache_moments() -> bool:
    """A scheduled publication, a display period's end or midnight changes public pages by time alone."""
    return pagecache.bump_if_time_passed()


@db_periodic_task(crontab())
def worker_heartbeat() -> None:
    """Every minute: `/healthz` reports how long ago this ran (a stopped worker shows a growing age)."""
    health.heartbeat()
