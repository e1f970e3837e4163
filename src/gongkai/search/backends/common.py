"""What both engines share: the plan of a query, its hits, and the outbox position."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection

from ..models import SearchOutbox


@dataclass(frozen=True)
class Plan:
    """What to look for: every token must occur; no excluded token may; every gram (two characters
    of a quoted phrase, side by side) must occur in the text as typed."""

    tokens: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    kind: str = ""
    unit: str = ""
    year: int | None = None
    category: str = ""
    limit: int = 20
    offset: int = 0
    grams: tuple[str, ...] = ()

    def filters(self) -> list[tuple[str, str | int]]:
        """The (field, value) pairs every hit must have: type, unit, category, year."""
        named = [(name, getattr(self, name)) for name in ("kind", "unit", "category", "year")]
        return [(name, value) for name, value in named if value]


@dataclass
class Hits:
    ids: list[tuple[int, float]] = field(default_factory=list)  # (SearchEntry id, score), best first
    total: int = 0
    published: dict[int, float] = field(default_factory=dict)  # id → publication timestamp (ties)


def phrase_pairs(phrases: tuple[str, ...], words: Sequence[str] = ()) -> tuple[str, ...]:
    """Every two neighbouring characters of each phrase, lower-case, as the embedded index's "grams"
    holds them (`TantivyBackend._document`), but those inside one of WORDS (required anyway): what is
    left is mostly the pairs across words."""
    found = dict.fromkeys(p.lower()[i : i + 2] for p in phrases for i in range(len(p) - 1))
    return tuple(g for g in found if not any(g in word for word in words))


def _latest_outbox() -> int:
    """The newest outbox row's id (0 if none): asked before every query, so in SQL written here —
    through the ORM, building the query cost ten times running it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {SearchOutbox._meta.db_table}")
        return int(cursor.fetchone()[0] or 0)
