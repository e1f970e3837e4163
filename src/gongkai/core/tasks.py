"""Core periodic work run by the task queue (`gongkai run_huey`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import ratelimit


@db_periodic_task(crontab(hour="0", minute="15"))
def purge_rate_counters() -> int:
    """Rate-limit counters whose window has ended are of no further use."""
    return ratelimit.purge()
