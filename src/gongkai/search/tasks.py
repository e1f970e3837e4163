"""Search upkeep on the task queue: drop records whose display period ended; rebuild after a dictionary change."""

from __future__ import annotations

from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services
from .indexing import ended_keys


@db_periodic_task(crontab(hour="0", minute="5"))
def prune_expired() -> int:
    """Results never show an expired item (they are filtered); this keeps the index from holding them."""
    keys = ended_keys()
    with transaction.atomic():
        for kind, ident in keys:
            services.touch(kind, ident)
    return len(keys)


@db_task()
def reindex_later() -> int:
    return services.reindex()
