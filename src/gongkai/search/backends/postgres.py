"""The PostgreSQL engine: full text over the segmented entries, for database-only deployments."""

from __future__ import annotations

import datetime
import json
import logging
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections, router, transaction

from ..models import SearchEntry
from .common import BODY, FIELD, NUMBER, TITLE, TYPE, WHOLE_TITLE, Group, Hits, Plan

logger = logging.getLogger("gongkai.search.backends")

WORD = "plainto_tsquery('simple', %s)"  # one token of the query


class PostgresBackend:
    """`tsvector` over the segmented text (title weighted A), GIN-indexed, ranked by the fields a word
    was found in (`common.FIELD`) and then ts_rank.

    Only the RANKED newest matches are ranked: for a word in most items the newest are found by
    walking the publication-date index (migration search.0003); for a rarer one, by the GIN index —
    among the items published since a day that leaves about 2 × RANKED of its matches (from the
    statistics of words and dates), so that fewer rows are read (decision 0010); the index holds each
    item's publication day beside its words, so that only those days' postings are intersected
    (migration search.0006, decision 0012). They are ranked on
    `lead_tsv` — the title and the body's first 600 characters of tokens, kept in the row — not on
    the full `tsv`, which a long document stores out of line and ts_rank would decompress for every
    match (migration search.0004). The total is exact when every match was read (a rare word's
    without a window, or fewer than RANKED), and an estimate otherwise."""

    name = "postgres"
    PHRASE_PAIRS = False  # phrases are checked on the matches of their words
    RANKS_ALL = True  # every query ranks RANKED matches, however few hits it asks for
    RANKED = 1000  # matches ranked per query, the newest ones: at least query.WINDOW

    STATS_SECONDS = 300  # how long PostgreSQL's word statistics are kept here

    def __init__(self) -> None:
        self._common: dict[str, float] = {}  # word → share of items, for the commonest words
        self._floor = 0.0  # the smallest share listed: an unlisted word is rarer
        self._items = 0
        self._dates: list[datetime.datetime] = []  # publication dates that split the items evenly
        self._dated = 0.0  # the share of items that have a publication date
        self._checked = -math.inf

    WALK_FROM = 0.25  # a share of items from which the words' newest matches are found by date

    def _rare(self, cursor: Any, plan: Plan, typed: dict[str, tuple[str, ...]] | None = None) -> bool:
        """Whether the plan's words are rare enough to take their newest matches through the GIN
        index (in a window of dates, `_window`) rather than walk the date index until RANKED are
        found. The walk reads about RANKED / share rows and checks each one's `tsv` (decompressing
        it), so it only wins for words in a large share of items (or in a table so small that all
        matches are few: below √(RANKED / items)). Shares come from PostgreSQL's statistics of `tsv`
        (ANALYZE, which autovacuum and a reindex run). With filters, a word some kind holds by type
        (found by kind as well), or no statistics yet, PostgreSQL's planner decides."""
        if not plan.tokens or plan.filters() or typed:
            return False
        share = self._share(cursor, plan)
        return share is not None and share < max(self.WALK_FROM, math.sqrt(self.RANKED / self._items))

    def _share(self, cursor: Any, plan: Plan) -> float | None:
        """The share of items that hold all the plan's words (as if independent), or None without
        statistics."""
        now = time.monotonic()
        if now - self._checked > self.STATS_SECONDS:
            cursor.execute(
                "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
                "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
                "WHERE s.tablename = 'search_searchentry' AND s.attname = 'tsv'"
            )
            row = cursor.fetchone()
            words, shares, items = row if row and row[0] else ([], [], 0)
            self._common = dict(zip(words, shares, strict=False))
            self._floor = shares[len(words)] if len(shares) > len(words) else 0.0  # then min, max, nulls
            self._items = max(0, int(items or 0))
            cursor.execute(
                "SELECT histogram_bounds::text::timestamptz[], null_frac FROM pg_stats "
                "WHERE tablename = 'search_searchentry' AND attname = 'published_at'"
            )
            row = cursor.fetchone()
            self._dates, self._dated = (list(row[0]), 1.0 - row[1]) if row and row[0] else ([], 0.0)
            self._checked = now
        if not self._common or not self._items:
            return None
        return math.prod(self._common.get(token, self._floor / 2) for token in plan.tokens)

    def _window(self, share: float) -> tuple[datetime.datetime, float] | None:
        """For words in SHARE of the items: the publication date after which about 2 × RANKED of
        their matches lie, with the share of items published since; None when they have fewer
        matches than that, or without statistics. The histogram of dates (`_share`) splits the dated
        items into equal parts."""
        parts = len(self._dates) - 1
        if parts < 1 or share <= 0:
            return None
        newest = 2 * self.RANKED / (share * self._items * self._dated)  # of the dated items
        if newest >= 0.5:  # too little to gain
            return None
        start = min(parts - 1, int((1 - newest) * parts))
        return self._dates[start], (parts - start) / parts * self._dated

    WORK_MEM = "64MB"  # for a query's bitmaps: in less, those of common words go lossy (rows rechecked)

    def _rank_rare(
        self, cursor: Any, condition: str, params: list[Any], since: datetime.datetime | None,
        then: list[Any], ranked: str,
    ) -> list[tuple[Any, ...]]:  # fmt: skip
        """Rows of RANKED (SQL) over the matches of CONDITION published since SINCE's day (or all), found
        by bitmap scans alone, with their count. The day is what the GIN index holds beside the words
        (migration search.0006): PostgreSQL intersects the words' postings within those days only."""
        dated = " AND (published_at AT TIME ZONE 'UTC')::date >= %s" if since else ""
        with transaction.atomic():
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")  # a bitmap of the GIN index's matches
            cursor.execute(f"SET LOCAL work_mem = '{self.WORK_MEM}'")
            cursor.execute(
                f"WITH matches AS MATERIALIZED (SELECT {self.RANKS_FROM} "  # noqa: S608  SQL from code, values as parameters
                f"FROM search_searchentry WHERE {condition}{dated}) "
                + ranked.format(count="(SELECT count(*) FROM matches)", source="matches"),
                [*params, *([since.astimezone(datetime.UTC).date()] if since else []), *then],
            )
            return list(cursor.fetchall())

    def sync(self) -> None:  # the entries are the index
        return None

    @contextmanager
    def rebuilding(self) -> Iterator[Callable[[Any], None]]:
        yield lambda entry: None  # the trigger indexes rows as they are written

    RANKS_FROM = "id, kind, title_tokens, number_tokens, lead_tsv, published_at"  # what ranking reads

    def search(self, plan: Plan) -> Hits:
        """The plan's best hits: those of each weight's kinds ranked apart (`Plan.groups`), then merged."""
        with connections[router.db_for_read(SearchEntry)].cursor() as cursor:  # a public one: the replica
            groups = plan.groups(lambda kinds: self._holds(cursor, kinds))
            parts = []
            for group in groups:
                typed = plan.typed_in(group)
                hits = self._search(cursor, plan, typed, group if len(groups) > 1 else None)
                parts.append(hits.weighted(group, plan.found_in_text(typed)))
        return Hits.merged(parts, plan.offset, plan.limit)

    @staticmethod
    def _holds(cursor: Any, kinds: tuple[str, ...]) -> bool:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM search_searchentry WHERE kind = ANY(%s))", [list(kinds)])
        return bool(cursor.fetchone()[0])

    @staticmethod
    def _rank(plan: Plan, typed: dict[str, tuple[str, ...]]) -> tuple[str, list[Any]]:
        """The SQL that scores a row of the plan's matches, with its parameters: the fields each word
        was found in (`common.FIELD`; a word of the body counts only where a kind holds it by type, as
        every other match holds the rest), a title that is the query, then ts_rank on `lead_tsv`."""
        if not plan.tokens:
            return "0", []
        fields: list[str] = []
        params: list[Any] = []
        for token in plan.tokens:
            fields.append(f"{TITLE} * (strpos(title_words, %s) > 0)::int")
            fields.append(f"{NUMBER} * (strpos(number_words, %s) > 0)::int")
            params += [f" {token} ", f" {token} "]
            if token in typed:  # records are short: their lead_tsv holds all of their text
                fields.append(
                    f"CASE WHEN kind = ANY(%s) THEN {TYPE} + {BODY} * "
                    f"(lead_tsv @@ {WORD})::int ELSE {BODY} END"
                )
                params += [list(typed[token]), token]
        if plan.title:  # the item whose title the query is (decision 0036)
            fields.append(f"{WHOLE_TITLE} * (title_tokens = %s)::int")
            params.append(plan.title)
        words = " && ".join([WORD] * len(plan.tokens))
        rank = f"({FIELD} * ({' + '.join(fields)}))::float8 + ts_rank(lead_tsv, {words})"
        return rank, [*params, *plan.tokens]

    def _search(
        self, cursor: Any, plan: Plan, typed: dict[str, tuple[str, ...]], group: Group | None
    ) -> Hits:
        """The best offset + limit hits of the kinds of GROUP (or all), as ranked here (`_rank`),
        without what every hit scores alike (`Plan.found_in_text`)."""
        where: list[str] = ["1=1"]
        params: list[Any] = []
        plain = [token for token in plan.tokens if token not in typed]
        if plain:
            where.append(f"tsv @@ ({' && '.join([WORD] * len(plain))})")
            params.extend(plain)
        for token, kinds in typed.items():  # in the text, or by type: every item of those kinds holds it
            where.append(f"(tsv @@ {WORD} OR kind = ANY(%s))")
            params += [token, list(kinds)]
        for token in plan.excluded:
            where.append(f"NOT tsv @@ {WORD}")
            params.append(token)
        for token, kinds in plan.typed:
            if token in plan.excluded:
                where.append("NOT kind = ANY(%s)")
                params.append(list(kinds))
        for name, value in plan.filters():  # names from a fixed list, never from input
            where.append(f"{name} = %s")
            params.append(value)
        if group is not None:
            where.append("kind = ANY(%s)" if group.only else "NOT kind = ANY(%s)")
            params.append(list(group.kinds))
        condition = " AND ".join(where)
        rank, ranking = self._rank(plan, typed)
        ranked = (
            # The date as seconds: psycopg reads a float in a fraction of a timestamp's time (1,000
            # hits came back 3.5 ms sooner).
            f"SELECT id, r, extract(epoch FROM published_at)::float8, n "  # noqa: S608  SQL from code, values as parameters
            f"FROM (SELECT id, {rank} AS r, published_at, {{count}} AS n "
            f"FROM (SELECT {self.RANKS_FROM} FROM {{source}} "
            "ORDER BY published_at DESC NULLS LAST LIMIT %s) AS newest, "
            # Each row's token columns between spaces, once a row (not once a word: OFFSET 0 keeps
            # PostgreSQL from copying the expressions into each test), so a word is found whole.
            "LATERAL (SELECT ' ' || title_tokens || ' ' AS title_words, "
            "' ' || number_tokens || ' ' AS number_words OFFSET 0) AS words) AS ranked "
            "ORDER BY r DESC, published_at DESC NULLS LAST LIMIT %s"
        )
        bounds = [self.RANKED, plan.offset + plan.limit]
        rare = self._rare(cursor, plan, typed)
        if rare:
            # Through the GIN index (walking the date index would read and decompress many rows
            # per match), and only the matches published since a day that leaves about 2 ×
            # RANKED of them: the GIN index skips the words' postings of earlier days before a
            # row is read. A window that holds too few (the statistics guessed the
            # words commoner than they are) gives their real density for a second, wider one;
            # after that, or with fewer matches than a window would hold, all are read and
            # counted. The planner would rather read the whole table from a tenth of it on, not
            # counting that each row's tsv must be decompressed.
            window = self._window(self._share(cursor, plan) or 0.0)
            for attempt in range(3):
                since, part = window or (None, 1.0)
                rows = self._rank_rare(cursor, condition, params, since, [*ranking, *bounds], ranked)
                found = int(rows[0][3]) if rows else 0
                if since is None:
                    break  # all of them
                if found >= self.RANKED:  # enough of the newest matches to rank
                    rows = [(entry, r, at, round(n / part)) for entry, r, at, n in rows]  # n of all
                    break
                wider = self._window(found / (part * self._items)) if found and not attempt else None
                window = wider if wider and wider[1] > part else None
        else:
            cursor.execute(
                ranked.format(count="count(*) OVER ()", source=f"search_searchentry WHERE {condition}"),
                [*ranking, *params, *bounds],
            )
            rows = cursor.fetchall()
        total = int(rows[0][3]) if rows else 0
        if not rare and total >= self.RANKED:  # more than were ranked: the planner's estimate of all
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchentry WHERE {condition}",  # noqa: S608  SQL from code, values as parameters
                params,
            )
            plan_json = cursor.fetchone()[0]
            plan_json = json.loads(plan_json) if isinstance(plan_json, str) else plan_json
            total = max(total, int(plan_json[0]["Plan"]["Plan Rows"]))
        ids = [(entry, float(score)) for entry, score, _at, _n in rows]
        published = {entry: at or 0.0 for entry, _score, at, _n in rows}
        return Hits(ids, total, published)
