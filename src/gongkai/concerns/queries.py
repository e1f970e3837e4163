"""Reads of public concerns: the staff queue, what is late or at risk, similar earlier answers."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.core import permissions
from gongkai.core.models import User
from gongkai.core.publishable import visible_q

from . import deadlines
from .models import Answer, Concern

OPEN = (Concern.Status.RECEIVED, Concern.Status.ASSIGNED)


def staff_concerns(user: User) -> QuerySet[Concern]:
    """The concerns USER may see: every one for the office, the unit's own for a unit."""
    found = Concern.objects.select_related("unit")
    ids = permissions.unit_ids_for(user, "concerns.concern.view")
    return found if ids is None else found.filter(unit_id__in=ids)


def by_tracking_no(tracking_no: str) -> Concern | None:
    return Concern.objects.select_related("unit").filter(tracking_no=tracking_no.strip().upper()).first()


@dataclass(frozen=True)
class Buckets:
    overdue: list[Concern]
    unassigned: list[Concern]
    census_risk: list[Concern]  # valid and unanswered past the warning age: the census would fail it later
    census_failing: list[Concern]  # valid and unanswered for more than 3 months in the past year


def buckets(user: User, now: datetime | None = None) -> Buckets:
    now = now or timezone.now()
    open_items = list(staff_concerns(user).filter(status__in=OPEN).order_by("received_at"))
    fail_before = now - timedelta(days=deadlines.CENSUS_FAIL_DAYS)
    warn_before = now - timedelta(days=deadlines.census_warn_days())
    year_ago = now - timedelta(days=365)
    return Buckets(
        overdue=[c for c in open_items if c.due_at and c.due_at < now],
        unassigned=[c for c in open_items if c.status == Concern.Status.RECEIVED],
        census_risk=[c for c in open_items if fail_before <= c.received_at < warn_before],
        census_failing=[c for c in open_items if year_ago <= c.received_at < fail_before],
    )


def unanswered_for_census(today_end: datetime) -> QuerySet[Concern]:
    """Valid messages of the past year still unanswered after 3 months (the census's interaction veto)."""
    return Concern.objects.filter(
        status__in=OPEN,
        received_at__gte=today_end - timedelta(days=365),
        received_at__lt=today_end - timedelta(days=deadlines.CENSUS_FAIL_DAYS),
    ).order_by("received_at")


def public_answers() -> QuerySet[Answer]:
    return Answer.objects.filter(visible_q()).select_related("unit")


def _grams(text: str) -> set[str]:
    """Character bigrams of TEXT's letters and digits: a lexical fingerprint that needs no dictionary."""
    chars = [c for c in text.lower() if c.isalnum()]
    return {a + b for a, b in itertools.pairwise(chars)}


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of two texts' character bigrams (0 to 1)."""
    left, right = _grams(a), _grams(b)
    return len(left & right) / len(left | right) if left and right else 0.0


@dataclass(frozen=True)
class Similar:
    title: str
    answer: str
    score: float
    url: str


def similar_answers(
    concern: Concern, user: User, *, limit: int = 5, pool: int = 2000, threshold: float = 0.15
) -> list[Similar]:
    """Earlier answers lexically close to CONCERN: published 问答 first, then the answered concerns
    USER may see (a unit's staff never read another unit's unpublished answers)."""
    text = f"{concern.title} {concern.body}"
    found: list[Similar] = []
    for qa in public_answers().order_by("-answered_on")[:pool]:
        score = similarity(text, f"{qa.title} {qa.question}")
        if score >= threshold:
            found.append(Similar(qa.title, qa.answer, score, qa.get_absolute_url()))
    answered = (
        staff_concerns(user)
        .filter(status=Concern.Status.ANSWERED, qa__isnull=True)
        .exclude(pk=concern.pk)
        .order_by("-answered_at")[:pool]
    )
    for other in answered:
        score = similarity(text, f"{other.title} {other.body}")
        if score >= threshold:
            found.append(Similar(other.title, other.answer, score, other.get_staff_url()))
    unique: dict[tuple[str, str], Similar] = {}
    for item in sorted(found, key=lambda s: -s.score):
        unique.setdefault((item.title, item.answer), item)  # the same answer given again shows once
    return list(unique.values())[:limit]
