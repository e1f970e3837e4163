"""Periodic tasks run on the county's clock (issue #23 item 15: the 08:00 reminders ran at 16:00
Beijing time, the nightly clean-up at 08:05)."""

import time
from datetime import datetime

from django.conf import settings
from huey.contrib.djhuey import HUEY

from gongkai.applications.tasks import daily_reminders


def test_the_queue_reads_the_countys_local_time():
    assert settings.TIME_ZONE == "Asia/Shanghai" and time.strftime("%z") == "+0800"
    assert HUEY.utc is False
    assert abs((HUEY._get_timestamp() - datetime.now()).total_seconds()) < 60


def test_the_reminders_fire_at_eight_in_the_morning_local_time():
    assert daily_reminders.task_class().validate_datetime(datetime(2026, 12, 7, 8, 0))
    assert not daily_reminders.task_class().validate_datetime(datetime(2026, 12, 7, 16, 0))
