"""Anonymous public reads from a PostgreSQL streaming replica (issue #24, decision 0038).

With `GONGKAI_REPLICA_DATABASE_URL` set, the settings add the `replica` alias and `ReplicaRouter`.
Only the reads of an anonymous visitor's GET or HEAD of a public address (what the page cache would
keep: no session, no message, no API token, not under the private prefixes) may go to the replica,
and only outside any transaction; everything else reads and writes the default database: staff,
posts, the worker, commands, migrations.

A replica lags. The page cache's generation (core/pagecache.py) is the site's clock of public
change: it is replaced after every commit the public could see. With a replica, each new generation
carries the primary's WAL position as it began (`stamp`), and a public request reads the replica only
once the replica has replayed that far (`usable`); until then it reads the default database. So a
page is never rendered from a replica older than the generation it is stored under, and a visitor who
has just posted (whose write started a new generation before the answer redirected them) reads their
own write on the next page, without a cookie and for everyone alike.
"""

from __future__ import annotations

import contextvars
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

log = logging.getLogger(__name__)

ALIAS = "replica"
ROUTER = "gongkai.core.replica.ReplicaRouter"
CAUGHT_UP_SECONDS = 5.0  # a replica found caught up is asked again after this long (it may have gone)
LAGGING_SECONDS = 1.0  # one found behind: meanwhile the default database answers
FAILED_SECONDS = 30.0  # one that failed to answer: each new try may cost a request the connect timeout

_public_read: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_replica_read", default=False)
# The public request now reading the replica: {"failed": True} once a database error escaped its view.
_attempt: contextvars.ContextVar[dict[str, bool] | None] = contextvars.ContextVar(
    "gongkai_replica_try", default=None
)
_known: tuple[str, bool, float] | None = None  # (generation, usable, until when, monotonic)


def configured() -> bool:
    """Whether this site reads from a replica (the settings add the router with the `replica` alias)."""
    return ROUTER in settings.DATABASE_ROUTERS


# --- where the primary is, and whether the replica has got there -------------------------------------


def primary_position() -> str | None:
    """The default database's current WAL position ("" where there is no log to wait for: a mirror of
    the same database in the tests); None when it cannot be read."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return ""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            return str(cursor.fetchone()[0])
    except DatabaseError as exc:
        log.warning("replica: the primary's WAL position is unreadable (public reads stay on it): %s", exc)
        return None


def stamp(token: str) -> str:
    """TOKEN, a new page-cache generation, with the primary's position when there is a replica."""
    if not configured():
        return token
    position = primary_position()
    return token if position is None else f"{token}@{position}"


def replayed(position: str) -> bool:
    """Whether the replica has replayed the primary's log up to POSITION; DatabaseError if it fails."""
    connection = connections[ALIAS]
    if not position or connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        # A server not in recovery is no standby: the primary itself, or a mirror in the tests.
        cursor.execute("SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])
        return bool(cursor.fetchone()[0])


def usable() -> bool:
    """Whether a public request starting now may read the replica: it has replayed the primary at
    least as far as where the current generation began. Known per process for a few seconds."""
    global _known
    from . import pagecache

    try:
        token = pagecache.generation()
    except Exception as exc:  # the shared cache is down: nothing says how far the replica must be
        log.warning("replica: no page-cache generation (%s); reading the primary", exc)
        return False
    if "@" not in token:
        return False  # begun without a position (before the replica was configured): wait for the next
    now = time.monotonic()
    known = _known
    if known is not None and known[0] == token and now < known[2]:
        return known[1]
    try:
        ok = replayed(token.partition("@")[2])
        wait = CAUGHT_UP_SECONDS if ok else LAGGING_SECONDS
    except DatabaseError as exc:
        log.warning("replica unreachable, public reads go to the primary for a while: %s", exc)
        ok, wait = False, FAILED_SECONDS
    _known = (token, ok, now + wait)
    return ok


def _failed_now() -> None:
    """Send this process's public reads to the default database for a while: the replica just failed."""
    global _known
    from . import pagecache

    try:
        token = pagecache.generation()
    except Exception:  # no generation: usable() says no on its own
        return
    _known = (token, False, time.monotonic() + FAILED_SECONDS)


def _note_failure(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """`got_request_exception`: a database error escaped a view that was reading the replica."""
    attempt = _attempt.get()
    if attempt is not None and _public_read.get() and isinstance(sys.exc_info()[1], DatabaseError):
        attempt["failed"] = True


got_request_exception.connect(_note_failure, dispatch_uid="gongkai.core.replica")


def forget() -> None:
    """Drop what this process knows of the replica (tests)."""
    global _known
    _known = None


def status() -> dict[str, Any]:
    """For `/healthz`: whether the replica answers and, on a standby, its lag in seconds (0 when it has
    replayed all it received; the age of the last replayed transaction otherwise)."""
    try:
        with connections[ALIAS].cursor() as cursor:
            if connections[ALIAS].vendor == "postgresql":
                cursor.execute(
                    "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL"
                    " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                    " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
                )
            else:
                cursor.execute("SELECT NULL")
            lag = cursor.fetchone()[0]
    except DatabaseError as exc:
        log.error("health: replica unreachable: %s", exc)
        return {"status": "error", "lag": None}
    return {"status": "ok", "lag": None if lag is None else round(max(0.0, float(lag)), 1)}


# --- which reads go where ---------------------------------------------------------------------------


@contextmanager
def primary() -> Iterator[None]:
    """Read from the default database inside, even in a public request: for what every process shares
    and must keep in step with the primary (the search index on this machine's disk)."""
    mark = _public_read.set(False)
    try:
        yield
    finally:
        _public_read.reset(mark)


class ReplicaRouter:
    """Reads of a public request the middleware let through go to the replica; all else to default."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if _public_read.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # the same data, whichever copy a row was read from

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema through its log


def public_read(request: HttpRequest) -> bool:
    """An anonymous visitor's GET or HEAD of a public address (the page cache's own test)."""
    from .pagecache import cacheable_request

    return cacheable_request(request)


class ReplicaMiddleware:
    """Let the reads of a public request go to the replica once it has caught up (see the module).

    Sits inside the page cache, so what the cache itself reads (the next moment a page changes by
    itself) comes from the default database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (configured() and public_read(request) and usable()):
            return self.get_response(request)
        attempt = {"failed": False}
        mark, tried = _public_read.set(True), _attempt.set(attempt)
        try:
            response = self.get_response(request)
        finally:
            _public_read.reset(mark)
            _attempt.reset(tried)
        if not attempt["failed"]:
            return response
        # The replica failed under this request (it went away since it was last found caught up): the
        # visitor gets the page from the primary instead of an error, and so do the next requests.
        log.warning("replica failed during %s; answered from the primary", request.path)
        _failed_now()
        connections[ALIAS].close()
        return self.get_response(request)
