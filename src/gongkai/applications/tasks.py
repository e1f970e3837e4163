"""Periodic work run by the task queue (`gongkai run_huey`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .reminders import send_reminders


@db_periodic_task(crontab(hour="8", minute="0"))
def daily_reminders() -> int:
    return send_reminders()
