"""The application's own cache of anonymous public pages, invalidated exactly (issue #24, decision 0030).

Every stored page is keyed by the current *generation*, a random token kept in the cache every
process shares ("shared": a file cache under the data directory, or Redis). Any change the public
could see replaces the token once its transaction has committed, so every page stored before it is
unreachable at once, in every process. What changes the token:

- the workflow's change event for an item that is or was public, and every batch it announces;
- a save or delete of any row of a model the public pages may read (every gongkai model except the
  private ones in `PRIVATE_MODELS`; a Publishable row only while published or withdrawn);
- the end of a search re-index, a restore, a migration, and `bump()` wherever else it is called;
- the worker, each minute, when an item's publish or display-end time, or midnight, has just passed.

A page is also never kept past the next such moment (`next_moment`), so time alone cannot make a
stored page wrong even before the worker has run.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import set_response_etag

from . import replica
from .middleware import PRIVATE_PREFIXES
from .publishable import Publishable, State

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CHECKED_KEY = "pagecache:checked"
MOMENT_KEY = "pagecache:moment"
# Rows the public never reads: writing them changes no public page (sessions and the like are not
# gongkai models and are never watched). A Publishable row is watched only once it went public.
PRIVATE_MODELS = frozenset(
    {
        "core.auditentry", "core.ratecounter", "core.keycheck", "core.importjob", "core.apitoken",
        "core.indexsequence", "core.user", "search.searchoutbox", "search.searchnumber",
        "search.searchentry",  # written with the change it mirrors; a re-index bumps on its own
        "concerns.queryday", "concerns.concernsequence", "applications.applicationsequence",
        "applications.applicantaccount",
    }
)  # fmt: skip
PRIVATE_APPS = frozenset({"sitecheck"})  # the website census: staff pages only
HIDDEN_STATES = frozenset({State.DRAFT, State.SUBMITTED, State.APPROVED})
STORED_VARY = frozenset({"cookie", "accept-language"})  # the key holds both variants; nothing else may vary
_variant_cookies: dict[str, frozenset[str]] = {}


def vary_on_cookie(name: str, values: frozenset[str]) -> None:
    """Make cookie NAME part of every page's key when it holds one of VALUES (a display preference
    such as 长辈模式); any other value is keyed as no cookie, so the variants stay few."""
    _variant_cookies[name] = values


# --- the generation -------------------------------------------------------------------------------


def _shared() -> Any:
    return caches["shared"]


def _pages() -> Any:
    return caches["pages"]


def _new_token() -> str:
    """A fresh generation; with a read replica it carries the primary's WAL position (decision 0038)."""
    return replica.stamp(secrets.token_hex(8))


def generation() -> str:
    """Return the current generation, starting one if the shared cache holds none."""
    token = _shared().get(GENERATION_KEY)
    if token is None:
        token = _new_token()
        if not _shared().add(GENERATION_KEY, token, timeout=None):
            token = _shared().get(GENERATION_KEY, token)
    return str(token)


def bump() -> None:
    """Start a new generation now: every stored page is gone for every process."""
    shared = _shared()
    old = shared.get(GENERATION_KEY)
    shared.set(GENERATION_KEY, _new_token(), timeout=None)
    if old is not None:
        shared.delete(f"{MOMENT_KEY}:{old}")  # of no use to anyone now
    log.debug("page cache: new generation")


def changed() -> None:
    """Start a new generation once the current transaction commits.

    Called for every row written, so a transaction may start several in a row: each is one small
    write to the shared cache. Robust: a cache that cannot be written is logged, not turned into an
    error after the commit."""
    transaction.on_commit(bump, robust=True)


# --- time: the next moment a public page changes by itself --------------------------------------------


def _kind_models() -> list[type[Publishable]]:
    from . import workflow

    return list(dict.fromkeys(kind.model for kind in workflow.kinds()))


def next_moment(now: datetime) -> datetime:
    """Return the first moment after NOW at which some public page changes with no write: an item's
    publish time, its display end, or the county's next midnight (periods counted in days end then)."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    moments = [timezone.make_aware(datetime.combine(tomorrow, time.min))]
    for model in _kind_models():
        published = model._default_manager.filter(status=State.PUBLISHED)
        for field in ("publish_at", "publish_until"):
            first = (
                published.filter(**{f"{field}__gt": now})
                .order_by(field)
                .values_list(field, flat=True)
                .first()
            )
            if first is not None:
                moments.append(first)
    return min(moments)


def moment_passed(since: datetime, now: datetime) -> bool:
    """Whether a publish time, a display end or midnight fell in (SINCE, NOW]."""
    if timezone.localdate(since) != timezone.localdate(now):
        return True
    for model in _kind_models():
        published = model._default_manager.filter(status=State.PUBLISHED)
        for field in ("publish_at", "publish_until"):
            if published.filter(**{f"{field}__gt": since, f"{field}__lte": now}).exists():
                return True
    return False


def bump_if_time_passed(now: datetime | None = None) -> bool:
    """The worker's minute: start a new generation if a moment passed since its last look."""
    now = now or timezone.now()
    checked = _shared().get(CHECKED_KEY)
    since = datetime.fromtimestamp(checked, tz=now.tzinfo) if checked else now - timedelta(minutes=2)
    passed = moment_passed(min(since, now), now)
    if passed:
        bump()
        log.info("page cache: a publish time, display end or midnight passed; new generation")
    _shared().set(CHECKED_KEY, now.timestamp(), timeout=None)
    return passed


class _Moments:
    """The next moment, as of when it was looked up, for the current generation: kept by the process
    and shared with the others (per generation, so no process overwrites another's)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.known: tuple[str, datetime, datetime] | None = None  # (generation, as of, next moment)

    def until(self, token: str, start: datetime) -> datetime | None:
        """Return how long a page rendered from START may be kept, or None not to keep it."""
        for known in (self.known, _shared().get(f"{MOMENT_KEY}:{token}")):
            if known is not None and known[0] == token and known[1] <= start < known[2]:
                self.known = known
                return known[2]
        if not self.lock.acquire(blocking=False):
            return None  # another thread is asking the database; this page is simply not kept
        try:
            # As of START: a moment passed while rendering makes the page expire at once (not kept).
            self.known = (token, start, next_moment(start))
            _shared().set(f"{MOMENT_KEY}:{token}", self.known, timeout=settings.PAGE_CACHE_SECONDS or 1)
            return self.known[2]
        finally:
            self.lock.release()


_moments = _Moments()


# --- which requests and answers ------------------------------------------------------------------------


def _enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def cacheable_request(request: HttpRequest) -> bool:
    """An anonymous visitor's GET of a public address: no session, no message, no API token."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(PRIVATE_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def storable(response: HttpResponse) -> bool:
    """A whole 200 answer that said `public`, set no cookie, and varies on nothing the key lacks."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return "public" in control and "no-store" not in control and vary <= STORED_VARY


def page_key(token: str, request: HttpRequest) -> str:
    language = (
        translation.get_language_from_request(request)
        if len(settings.LANGUAGES) > 1
        else settings.LANGUAGE_CODE
    )
    cookies = request.COOKIES
    variants = "|".join(
        value if (value := cookies.get(name, "")) in values else ""
        for name, values in _variant_cookies.items()
    )
    raw = f"{request.scheme}|{request.get_host()}|{language}|{variants}|{request.get_full_path()}"
    return f"page:{token}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


class PageCacheMiddleware:
    """Answer an anonymous GET from the page cache, or keep the answer for the next visitor.

    Sits after ConditionalGetMiddleware (so a stored page still answers 304) and before the session,
    so a stored page costs no database query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (_enabled() and cacheable_request(request)):
            return self.get_response(request)
        start = timezone.now()
        token = generation()
        key = page_key(token, request)
        stored = _pages().get(key)
        if stored is not None and stored[0] > start.timestamp():
            _until, content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and storable(response):
            self._keep(key, token, start, response)
        return response

    def _keep(self, key: str, token: str, start: datetime, response: HttpResponse) -> None:
        until = _moments.until(token, start)
        if until is None:
            return
        until = min(until, start + timedelta(seconds=settings.PAGE_CACHE_SECONDS))
        seconds = int((until - timezone.now()).total_seconds())
        if seconds < 1:
            return
        set_response_etag(response)
        headers = {k: v for k, v in response.items()}
        _pages().set(key, (until.timestamp(), response.content, headers), timeout=seconds)
        response["X-Page-Cache"] = "miss"


# --- what starts a new generation -------------------------------------------------------------------


def _public_row(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if isinstance(instance, Publishable) and instance.status in HIDDEN_STATES:
        return  # never public: its writes change no public page
    changed()


def _relation(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and watched(type(instance)):
        _public_row(type(instance), instance)


def watched(model: type[models.Model]) -> bool:
    """Whether a write to MODEL's rows may change a public page."""
    meta = model._meta
    if meta.abstract or meta.proxy:
        return False
    if issubclass(model, Publishable):
        return True
    return (
        model.__module__.startswith("gongkai.")
        and meta.label_lower not in PRIVATE_MODELS
        and meta.app_label not in PRIVATE_APPS
    )


def _workflow_change(change: Any) -> None:
    if change.item.status not in HIDDEN_STATES:
        changed()


def _workflow_batch(batch: Any) -> None:
    changed()


def _migrated(sender: Any, **kwargs: Any) -> None:
    bump()  # new code or new data: no page stored by the old may be served


def connect() -> None:
    """Watch the workflow and every public model (called once from the core app's ready())."""
    from . import workflow

    workflow.subscribe(_workflow_change, many=_workflow_batch, order=90, name="page-cache")
    for model in apps.get_models():
        if watched(model):
            # Per model, not for all senders: unwatched models keep Django's fast bulk deletes.
            post_save.connect(_public_row, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
            post_delete.connect(
                _public_row, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}"
            )
    m2m_changed.connect(_relation, dispatch_uid="pagecache-m2m")
    post_migrate.connect(_migrated, dispatch_uid="pagecache-migrate")
