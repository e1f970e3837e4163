"""What the 征地信息查询, the project page and the API ask of land acquisitions (public ones only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from gongkai.core.publishable import visible_q

from .models import COURSE, Acquisition, LandNotice, Place


def townships() -> QuerySet[Place]:
    return Place.objects.filter(kind=Place.Kind.TOWNSHIP).prefetch_related(
        Prefetch("villages", queryset=Place.objects.order_by("code"))
    )


def villages_of(acquisition: Acquisition) -> list[Place]:
    """The villages ACQUISITION touches, by code (prefetched ones when the query prefetched them)."""
    if not acquisition.pk:
        return []
    return sorted(acquisition.villages.all(), key=lambda v: v.code)


def public_notices_of(acquisition: Acquisition, now: datetime | None = None) -> list[LandNotice]:
    """The project's public announcements, hearing records and results, in the order they happened."""
    notices = LandNotice.objects.filter(visible_q(now), acquisition=acquisition)
    return sorted(notices, key=lambda n: (n.notice_date, COURSE.index(n.kind), n.pk))


def areas(acquisition: Acquisition) -> list[tuple[str, Decimal]]:
    """The land classes taken (label, 亩), those of zero left out."""
    rows = []
    for name in Acquisition.AREAS:
        value = getattr(acquisition, name) or Decimal(0)
        if value:
            label = str(getattr(Acquisition._meta.get_field(name), "verbose_name", name)).replace(
                "（亩）", ""
            )
            rows.append((label, value))
    return rows


class PlaceError(ValueError):
    """A query named a place the table does not hold (FIELD is `village` or `township`)."""

    def __init__(self, field: str, message: str, code: str = "unknown_place") -> None:
        super().__init__(message)
        self.field, self.code = field, code


@dataclass(frozen=True)
class Query:
    township: Place | None = None
    village: Place | None = None
    q: str = ""

    def __bool__(self) -> bool:
        return bool(self.township or self.village or self.q)


def _place(kind: str, raw: str, within: Place | None) -> Place | None:
    raw = raw.strip()
    if not raw:
        return None
    label = "乡镇" if kind == Place.Kind.TOWNSHIP else "村"
    field = "township" if kind == Place.Kind.TOWNSHIP else "village"
    places = Place.objects.filter(kind=kind).select_related("parent")
    matches = list(places.filter(code=raw)) or list(places.filter(name=raw))
    if within is not None:
        matches = [p for p in matches if p.parent_id == within.pk]
    if not matches:
        where = f"{within.name}没有" if within is not None else "没有"
        raise PlaceError(field, f"{where}名为“{raw}”的{label}。")
    if len(matches) > 1:
        raise PlaceError(
            field, f"有多个名为“{raw}”的{label}，请同时选择乡镇，或用区划代码。", "ambiguous_place"
        )
    return matches[0]


def parse_query(params: Any) -> Query:
    """Read township, village (each a 区划代码 or a name) and q; PlaceError names an unknown place."""
    township = _place(Place.Kind.TOWNSHIP, params.get("township", ""), None)
    village = _place(Place.Kind.VILLAGE, params.get("village", ""), township)
    return Query(township=township, village=village, q=params.get("q", "").strip()[:100])


def public_acquisitions(query: Query | None = None, now: datetime | None = None) -> QuerySet[Acquisition]:
    """Public projects touching QUERY's village (or any village of its township), or numbered/named as q."""
    found = Acquisition.objects.filter(visible_q(now))
    if query is not None:
        if query.village is not None:
            found = found.filter(pk__in=Acquisition.objects.filter(villages=query.village).values("pk"))
        elif query.township is not None:
            touching = Acquisition.objects.filter(
                Q(township=query.township) | Q(villages__parent=query.township)
            )
            found = found.filter(pk__in=touching.values("pk"))
        if query.q:
            q = query.q
            found = found.filter(Q(code__icontains=q) | Q(approval_no__icontains=q) | Q(title__icontains=q))
    return (
        found.select_related("unit", "township")
        .prefetch_related(Prefetch("villages", queryset=Place.objects.order_by("code")))
        .order_by("-started_on", "-id")
    )
