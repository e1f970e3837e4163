"""What both engines share: the plan of a query, how its hits score, its hits, and the outbox position."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import connection

from ..models import SearchOutbox
from ..registry import DEFAULT_WEIGHT

# How a hit scores (decision 0015): each word of the query adds FIELD times the weight of every field
# it was found in — the title, a number (发文字号, 决定书文号), the kind's own name (a type match: every
# penalty is a 行政处罚) and the text (title, numbers and body: where a word is found unless by type) —
# and the engine's relevance (tantivy's BM25, PostgreSQL's ts_rank), which orders items alike in that
# and rarely reaches FIELD; the sum is multiplied by the kind's weight (`registry.KindSource`).
# An item whose title is the query, token for token, adds FIELD × WHOLE_TITLE (decision 0036): asked
# by its title, a regulation comes before the notices, 解读 and 实施细则 whose titles hold it whole.
FIELD = 20.0
TITLE, NUMBER, TYPE, BODY = 3.0, 2.0, 2.0, 1.0
WHOLE_TITLE = 3.0


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
    typed: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (token, the kinds whose own name holds it)
    weights: tuple[tuple[str, float], ...] = ()  # the kinds weighted otherwise than a document
    title: str = ""  # the query's tokens as an entry's `title_tokens` would hold them, were it the title

    def filters(self) -> list[tuple[str, str | int]]:
        """The (field, value) pairs every hit must have: type, unit, category, year."""
        named = [(name, getattr(self, name)) for name in ("kind", "unit", "category", "year")]
        return [(name, value) for name, value in named if value]

    def groups(self, holds: Callable[[tuple[str, ...]], bool]) -> list[Group]:
        """The kinds to rank apart, by weight: each group is one engine call, so that where an engine
        ranks only a broad query's newest matches, it takes them in each weight — a thousand new
        licences cannot crowd the documents out — and the merged hits are the best of all. Kinds of a
        weight that HOLDS no item are left out; one group left ranks everything in one call."""
        weights = dict(self.weights)
        if self.kind:
            return [Group(weights.get(self.kind, DEFAULT_WEIGHT), ())]
        weighted: dict[float, list[str]] = {}
        for kind, weight in sorted(self.weights):
            weighted.setdefault(weight, []).append(kind)
        others = [Group(weight, tuple(kinds), only=True) for weight, kinds in weighted.items()]
        others = [group for group in others if holds(group.kinds)]
        if not others:
            return [Group(DEFAULT_WEIGHT, ())]
        # The default weight's kinds are every kind not weighted otherwise (those of the tests, the bench …).
        return [Group(DEFAULT_WEIGHT, tuple(sorted(weights))), *others]

    def typed_in(self, group: Group) -> dict[str, tuple[str, ...]]:
        """The plan's words that kinds of GROUP hold by type, with those kinds."""
        found = {token: tuple(k for k in kinds if group.has(k)) for token, kinds in self.typed}
        return {token: kinds for token, kinds in found.items() if kinds}

    def found_in_text(self, typed: dict[str, tuple[str, ...]]) -> float:
        """What every hit scores for the words it must hold in its text: those no kind holds by TYPED."""
        return FIELD * BODY * sum(1 for token in self.tokens if token not in typed)


@dataclass(frozen=True)
class Group:
    """Kinds ranked together, with their weight: those in KINDS with ONLY, else every kind but those."""

    weight: float
    kinds: tuple[str, ...]
    only: bool = False

    def has(self, kind: str) -> bool:
        return (kind in self.kinds) == self.only


@dataclass
class Hits:
    ids: list[tuple[int, float]] = field(default_factory=list)  # (SearchEntry id, score), best first
    total: int = 0
    published: dict[int, float] = field(default_factory=dict)  # id → publication timestamp (ties)

    def weighted(self, group: Group, found_in_text: float) -> Hits:
        """These hits of GROUP, scored as all are compared: FOUND_IN_TEXT added, times the weight."""
        ids = [(entry, group.weight * (score + found_in_text)) for entry, score in self.ids]
        return Hits(ids, self.total, self.published)

    @staticmethod
    def merged(parts: list[Hits], offset: int, limit: int) -> Hits:
        """The best of PARTS (each best first), newer first on ties, from OFFSET on."""
        ids = [hit for part in parts for hit in part.ids]
        published = {entry: at for part in parts for entry, at in part.published.items()}
        ids.sort(key=lambda hit: (-hit[1], -published.get(hit[0], 0.0)))
        ids = ids[offset : offset + limit]
        kept = {entry: published.get(entry, 0.0) for entry, _score in ids}
        return Hits(ids, sum(part.total for part in parts), kept)


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
        cursor.execute(f"SELECT MAX(id) FROM {SearchOutbox._meta.db_table}")  # noqa: S608  SQL from code, values as parameters
        return int(cursor.fetchone()[0] or 0)
