"""What the public may see of consultations: the workflow says which are public; dates say their phase."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongkai.core.publishable import Shown, visible_q, was_public

from .models import CommentStatus, Consultation, Hearing, Phase

PHASES = [p.value for p in Phase]


def public_consultations(now: datetime | None = None) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(visible_q(now))
        .select_related("unit", "adoption_report")
        .annotate(public_comments=Count("comments", filter=Q(comments__status=CommentStatus.PUBLISHED)))
    )


def by_phase(rows: QuerySet[Consultation], phase: str) -> QuerySet[Consultation]:
    """Filter ROWS to one PHASE (upcoming, open, closed, reported) as of today."""
    today = timezone.localdate()
    if phase == Phase.UPCOMING:
        return rows.filter(opens_on__gt=today)
    if phase == Phase.OPEN:
        return rows.filter(opens_on__lte=today, closes_on__gte=today)
    after = rows.filter(closes_on__lt=today)
    reported = Q(adoption_report__published_at__isnull=False)
    return after.filter(reported) if phase == Phase.REPORTED else after.exclude(reported)


def ordered(rows: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return rows.order_by("-opens_on", "-id")


@dataclass(frozen=True)
class PublicView:
    item: Consultation | None
    state: str  # public, gone (withdrawn or expired after it was public) or missing


def public_view(pk: Any, now: datetime | None = None) -> PublicView:
    item = Consultation.objects.select_related("unit").filter(pk=pk).first() if str(pk).isdigit() else None
    if item is None:
        return PublicView(None, "missing")
    shown = item.shown(now)
    if shown == Shown.PUBLISHED:
        return PublicView(item, "public")
    if shown in (Shown.WITHDRAWN, Shown.EXPIRED) and was_public(item, now):
        return PublicView(item, "gone")
    return PublicView(None, "missing")


def public_hearing(pk: int) -> Hearing | None:
    hearing = Hearing.objects.filter(pk=pk, announced_at__isnull=False).select_related("consultation").first()
    if hearing is None or not Consultation.objects.filter(visible_q(), pk=hearing.consultation_id).exists():
        return None
    return hearing


def final_document(item: Consultation) -> Any:
    """The final document, only while it is public in the catalog."""
    if item.final_document_id is None:
        return None
    from gongkai.publishing import queries as documents

    view = documents.public_view(item.final_document.index_no)  # type: ignore[union-attr]
    return view.document if view.state == "public" else None
