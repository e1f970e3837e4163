"""Search queries counted per day for the hotspots: the words only, never who asked or when in the
day; a query holding personal data (an ID or phone number, an e-mail address) is not counted."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.core import privacy

from .models import QueryDay


def normalised(query: str) -> str:
    return " ".join(query.lower().split())[:100]


def record_query(query: str, *, today: date | None = None) -> bool:
    """Count QUERY once on TODAY; False when it was not counted (empty, or holding personal data)."""
    text = normalised(query)
    if not text or privacy.scan(text, allow=()):
        return False
    day = today or timezone.localdate()
    if QueryDay.objects.filter(day=day, query=text).update(count=F("count") + 1):
        return True
    try:
        with transaction.atomic():
            QueryDay.objects.create(day=day, query=text, count=1)
    except IntegrityError:  # another process counted it first a moment ago
        QueryDay.objects.filter(day=day, query=text).update(count=F("count") + 1)
    return True


def on_searched(sender: Any, query: str, **kwargs: Any) -> None:
    record_query(query)
