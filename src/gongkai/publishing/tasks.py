"""Publishing work on the task queue (`gongkai run_huey`): the personal-data scan of a long attachment."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from . import services


@db_task(retries=2, retry_delay=30)
def attachment_privacy_scan_task(attachment_id: int) -> None:
    services.attachment_privacy_scan(attachment_id=attachment_id)
