"""`GET /healthz` for monitoring (issue #24): whether this app server reaches its database and cache,
and how long ago the task-queue worker last beat; with a read replica (decision 0038), its state too.

The answer holds no personal data and is never stored by a cache. The worker's heartbeat is kept in
the queue's own storage (SQLite file or Redis), which every app server of the site shares with the
worker, so its age also says whether the queue is reachable.
"""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import replica

HEARTBEAT_KEY = "gongkai:worker-heartbeat"

log = logging.getLogger(__name__)


def _queue() -> Any:
    from huey.contrib.djhuey import HUEY

    return HUEY


def heartbeat(now: float | None = None) -> None:
    """Record that the worker is alive (its periodic task, every minute)."""
    _queue().put(HEARTBEAT_KEY, time.time() if now is None else now)


def worker_age(now: float | None = None) -> int | None:
    """Seconds since the worker's last heartbeat; None when none was ever recorded or the queue fails."""
    try:
        beat = _queue().get(HEARTBEAT_KEY, peek=True)
    except Exception as exc:  # the queue's storage is down: say so as "no heartbeat"
        log.warning("health: task queue unreadable: %s", exc)
        return None
    if beat is None:
        return None
    return max(0, round((time.time() if now is None else now) - float(beat)))


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as exc:
        log.error("health: database unreachable: %s", exc)
        return False


def cache_ok() -> bool:
    token = secrets.token_hex(8)
    try:
        cache.set("gongkai:health", token, 30)
        return bool(cache.get("gongkai:health") == token)
    except Exception as exc:  # Redis down raises its own errors, not Django's
        log.error("health: cache unreachable: %s", exc)
        return False


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer, else 503; the worker's heartbeat age in seconds;
    with a read replica, whether it answers and its lag in seconds."""
    database, cached = database_ok(), cache_ok()
    healthy = database and cached
    body: dict[str, Any] = {
        "status": "ok" if healthy else "error",
        "database": "ok" if database else "error",
        "cache": "ok" if cached else "error",
        "worker": worker_age(),
    }
    if replica.configured():
        # A replica that fails does not fail the site: public reads then go to the primary.
        body["replica"] = replica.status()
    return JsonResponse(body, status=200 if healthy else 503)
