"""Periodic work run by the task queue (`gongkai run_huey`): escalate overdue concerns (督办)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .reminders import escalate_and_notify


@db_periodic_task(crontab(minute="*/30"))  # hour-based deadlines (5 h) need more than a daily look
def escalate_overdue() -> int:
    return escalate_and_notify()
