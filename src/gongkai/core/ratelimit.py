"""Rate limits counted in the database, so that every server process shares one count and a restart
does not reset it (issue #23 item 7). What is counted is stored as a keyed digest: an address or a
case number never lands in the table."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import crypto
from .models import RateCounter


def _key(scope: str, value: str) -> str:
    return f"{scope}:{crypto.digest(value)[:48]}"


def count(scope: str, value: str) -> int:
    """How many times VALUE was counted in SCOPE's current window."""
    found = RateCounter.objects.filter(key=_key(scope, value), expires_at__gt=timezone.now())
    return found.values_list("count", flat=True).first() or 0


def hit(scope: str, value: str, *, window: int) -> int:
    """Count VALUE once more in SCOPE (a window of WINDOW seconds from its first count); the new count."""
    key, now = _key(scope, value), timezone.now()
    with transaction.atomic():
        if RateCounter.objects.filter(key=key, expires_at__gt=now).update(count=F("count") + 1):
            return count(scope, value)
        try:
            with transaction.atomic():
                RateCounter.objects.update_or_create(
                    key=key, defaults={"count": 1, "expires_at": now + timedelta(seconds=window)}
                )
        except IntegrityError:  # another process started the window a moment ago
            RateCounter.objects.filter(key=key).update(count=F("count") + 1)
    return count(scope, value)


def over(scope: str, value: str, *, limit: int, window: int) -> bool:
    """Count VALUE once more; True when that goes beyond LIMIT in the window."""
    return hit(scope, value, window=window) > limit


def reached(scope: str, value: str, *, limit: int) -> bool:
    """Whether VALUE has already been counted LIMIT times in SCOPE's window (without counting it)."""
    return count(scope, value) >= limit


def clear(scope: str, value: str) -> None:
    RateCounter.objects.filter(key=_key(scope, value)).delete()


def purge() -> int:
    """Delete the counters whose window has ended; how many."""
    return RateCounter.objects.filter(expires_at__lte=timezone.now()).delete()[0]


# Look-ups of a case by its number and query code (申请, 办件): the code is the secret, so failed tries
# are limited per client address and per case number, each in a window of an hour.
LOOKUP_WINDOW = 3600
LOOKUP_FAILURES_PER_CLIENT = 10
LOOKUP_FAILURES_PER_CASE = 5


def lookup_blocked(client: str, case_no: str) -> bool:
    """Whether look-ups from CLIENT, or of CASE_NO, have failed too often this hour."""
    return reached("lookup-client", client, limit=LOOKUP_FAILURES_PER_CLIENT) or reached(
        "lookup-case", case_no, limit=LOOKUP_FAILURES_PER_CASE
    )


def lookup_failed(client: str, case_no: str) -> None:
    hit("lookup-client", client, window=LOOKUP_WINDOW)
    hit("lookup-case", case_no, window=LOOKUP_WINDOW)


LOOKUP_BLOCKED_MESSAGE = "查询失败次数过多，请一小时后再试，或致电受理机关。"
