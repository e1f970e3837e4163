"""The embedded engine: tantivy on local disk, kept in step with `SearchEntry` through the outbox."""

from __future__ import annotations

import datetime
import fcntl
import logging
import math
import os
import shutil
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...core import replica
from .. import segment
from ..models import SearchEntry, SearchOutbox
from .common import BODY, FIELD, NUMBER, TITLE, TYPE, WHOLE_TITLE, Group, Hits, Plan, _latest_outbox

logger = logging.getLogger("gongkai.search.backends")

_pools: dict[int, ThreadPoolExecutor] = {}


def _threads(n: int) -> ThreadPoolExecutor:
    """N threads that search the shards side by side (tantivy releases the GIL while it searches)."""
    if n not in _pools:
        _pools[n] = ThreadPoolExecutor(max_workers=n, thread_name_prefix="gongkai-search")
    return _pools[n]


class TantivyBackend:
    """A tantivy index on local disk, split by key into `GONGKAI_SEARCH_SHARDS` shards (default 1)
    that a query searches in parallel. Each shard scores with its own statistics, so alike items in
    two shards score a little apart and are not ordered newest first; since the broad queries rank
    only their newest matches (decision 0008), one shard is as fast at 1,000,000 items (decision
    0013)."""

    name = "embedded"
    PHRASE_PAIRS = True  # a plan's grams narrow a phrase's matches in the engine
    RANKS_ALL = False  # a query costs more the more hits it asks for (block-max top-k)
    WRITER_HEAP = 64 * 1024 * 1024
    # The tokens arrive segmented, lower-case and space-separated, so the index splits on whitespace
    # alone (half the indexing cost of tantivy's default tokenizer). "text" holds the title's tokens,
    # the numbers' and the body's: every query word is one term there (all words must occur), scored
    # by BM25; optional terms on "title" and "number" add what a word found there adds, and the
    # title's BM25 (decision 0015). Positions are not kept: "grams" holds every pair of neighbouring characters of the title
    # and text as typed (lower-case), doc ids only, so a quoted phrase finds the items holding all of
    # its pairs — the pair across two words is what is rare — and the database then checks the phrase
    # itself on those few. "whole_title" holds an item's title tokens as one term, which a query
    # that is the title, token for token, finds (decision 0036). A change here bumps SCHEMA: an
    # index on disk with another schema (or another number of shards) is rebuilt from the stored
    # entries when first opened.
    SCHEMA = "12"
    INDEXED = (
        "id", "key", "kind", "unit", "category", "year", "title", "text", "title_tokens", "number_tokens",
        "body_tokens",
    )  # fmt: skip

    def __init__(self, path: Path, shards: int) -> None:
        self.path = path
        self.shards = shards
        self._indexes: list[Any] | None = None
        self._seq = -1
        self._newest: int | None = None  # the newest publication timestamp indexed, once asked

    # --- the index on disk ---------------------------------------------------------------------
    def _schema(self) -> Any:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("key", tokenizer_name="raw")  # to replace or delete an item's document
        # A hit is returned as its entry's id, read from a column (reading a stored key cost ~10 µs)
        builder.add_integer_field("entry", fast=True)
        for name in ("kind", "unit", "category", "unit_year"):
            builder.add_text_field(name, tokenizer_name="raw")
        builder.add_integer_field("year", indexed=True)
        builder.add_integer_field("published", fast=True)  # timestamp, returned with each hit
        builder.add_text_field("title", tokenizer_name="whitespace", index_option="freq")
        builder.add_text_field("number", tokenizer_name="whitespace", index_option="basic")
        builder.add_text_field("whole_title", tokenizer_name="raw", index_option="basic")
        builder.add_text_field("text", tokenizer_name="whitespace", index_option="freq")
        builder.add_text_field("grams", tokenizer_name=self.GRAMS, index_option="basic")
        return builder.build()

    GRAMS = "gongkai_pairs"

    @staticmethod
    def _pairs() -> Any:
        """Every two neighbouring characters ("ab cd" → ab, "b ", " c", cd); the text comes lower-cased
        (by Python: tantivy's lower-case filter cost more than the pairs themselves)."""
        import tantivy

        return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(2, 2, False)).build()

    def _schema_file(self) -> Path:
        return self.path / "gongkai-schema"

    def _open(self) -> list[Any]:
        import tantivy

        if self._indexes is None:
            schema = self._schema()
            self._indexes = []
            for shard in range(self.shards):
                folder = self.path / f"shard-{shard}"
                folder.mkdir(parents=True, exist_ok=True)
                index = tantivy.Index(schema, path=str(folder), reuse=True)
                index.register_tokenizer(self.GRAMS, self._pairs())
                self._indexes.append(index)
        return self._indexes

    @staticmethod
    def filters(plan: Plan) -> list[tuple[str, str | int]]:
        """The plan's filters as terms of this index: a unit and a year as one term ("unit_year"),
        whose postings are a unit's items of that year — a few thousand at most, where a unit's
        alone and a year's alone are each many more for the intersection to step through."""
        named = dict(plan.filters())
        if "unit" in named and "year" in named:
            named["unit_year"] = f"{named.pop('unit')}/{named.pop('year')}"
        return list(named.items())

    def _shard(self, key: str) -> int:
        return zlib.crc32(key.encode()) % self.shards

    def _current(self) -> bool:
        try:
            return self._schema_file().read_text() == f"{self.SCHEMA}/{self.shards}"
        except FileNotFoundError:
            return False

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.mkdir(parents=True, exist_ok=True)
        with (self.path.parent / f"{self.path.name}.lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _seq_file(self) -> Path:
        return self.path / "gongkai-outbox-seq"

    def _applied(self) -> int:
        try:
            return int(self._seq_file().read_text())
        except (FileNotFoundError, ValueError):
            return 0

    @staticmethod
    def _document(entry: SearchEntry) -> Any:
        import tantivy

        document = tantivy.Document()
        document.add_text("key", entry.key)
        document.add_integer("entry", entry.id)
        document.add_text("kind", entry.kind)
        document.add_text("unit", entry.unit)
        document.add_text("category", entry.category)
        document.add_integer("year", entry.year or 0)
        document.add_text("unit_year", f"{entry.unit}/{entry.year or 0}")
        document.add_integer("published", int(entry.published_at.timestamp()) if entry.published_at else 0)
        document.add_text("title", entry.title_tokens)
        document.add_text("number", entry.number_tokens)
        document.add_text("whole_title", entry.title_tokens)
        document.add_text("text", f"{entry.title_tokens} {entry.number_tokens} {entry.body_tokens}")
        document.add_text("grams", f"{entry.title}\n{entry.text}".lower())
        return document

    def _commit(self, writers: list[Any]) -> None:
        for writer in writers:
            writer.commit()
        for writer in writers:
            writer.wait_merging_threads()

    def sync(self) -> None:
        """Apply the outbox rows this index has not seen, in order; after a rebuild of the entries
        elsewhere (another app server's `gongkai search reindex`), build the index from them again."""
        latest = _latest_outbox()
        if latest == self._seq:
            return
        with self._locked(), replica.primary():  # one index for all processes: the primary's state
            rebuilt = SearchOutbox.objects.filter(id__gt=self._applied(), key=SearchOutbox.REBUILT).exists()
            if not self._current() or rebuilt:
                self._rebuild_from_entries()
            applied = self._applied()
            if latest > applied:
                writers = [index.writer(self.WRITER_HEAP, 1) for index in self._open()]
                while True:
                    rows = list(
                        SearchOutbox.objects.filter(id__gt=applied)
                        .order_by("id")
                        .values_list("id", "key")[:5000]
                    )
                    if not rows:
                        break
                    keys = list(dict.fromkeys(key for _id, key in rows))
                    found = SearchEntry.objects.filter(key__in=keys).only(*self.INDEXED)
                    entries = {e.key: e for e in self._tokenised(list(found))}
                    for key in keys:
                        writer = writers[self._shard(key)]
                        writer.delete_documents_by_term("key", key)
                        if key in entries:
                            writer.add_document(self._document(entries[key]))
                    applied = rows[-1][0]
                self._commit(writers)
                self._seq_file().write_text(str(applied))
            for index in self._open():
                index.reload()  # another process may have written what this one has not yet seen
            self._newest = None
            self._seq = max(applied, latest)

    @contextmanager
    def _fresh(self) -> Iterator[Callable[[Any], None]]:
        """Replace the index on disk (the caller holds the lock); the caller adds each entry."""
        self._indexes = None
        shutil.rmtree(self.path, ignore_errors=True)
        threads = max(1, min(4, os.cpu_count() or 1) // self.shards)
        writers = [index.writer(self.WRITER_HEAP * threads, threads) for index in self._open()]
        try:
            yield lambda entry: writers[self._shard(entry.key)].add_document(self._document(entry))
        except BaseException:
            # Half built (no schema mark): the next search must look again and rebuild it from the
            # entries, which the failed rebuild's transaction leaves as they were.
            self._indexes, self._seq = None, -1
            raise
        self._commit(writers)
        latest = _latest_outbox()
        self._seq_file().write_text(str(latest))
        self._schema_file().write_text(f"{self.SCHEMA}/{self.shards}")
        for index in self._open():
            index.reload()
        self._seq = latest
        self._newest = None

    @staticmethod
    def _tokenised(entries: list[Any]) -> list[Any]:
        """ENTRIES with their body's tokens: stored on PostgreSQL, segmented again here on SQLite
        (`services.stores_body_tokens`), on every core for a large batch."""
        from .. import services

        missing = [e for e in entries if not e.body_tokens and e.text]
        if missing:
            services.ensure_dictionary()
            pairs = [(e.title, e.text) for e in missing]
            for entry, (_title, body) in zip(missing, segment.segmented(pairs), strict=True):
                entry.body_tokens = body
        return entries

    REBUILD_BATCH = 20_000  # entries segmented together when an index is rebuilt from the table

    def _rebuild_from_entries(self) -> None:
        """Index every stored entry again: after a schema change, or where there is no index yet (a new
        installation, a new app server, a lost index directory)."""
        if self._schema_file().exists():
            why = "the entries were rebuilt" if self._current() else "it has an older schema"
            logger.warning("search index at %s: %s, rebuilding it from the stored entries", self.path, why)
        else:
            logger.info("no search index at %s yet: building it from the stored entries", self.path)
        with self._fresh() as add:
            batch: list[Any] = []
            for entry in SearchEntry.objects.only(*self.INDEXED).iterator(chunk_size=2000):
                batch.append(entry)
                if len(batch) >= self.REBUILD_BATCH:
                    for ready in self._tokenised(batch):
                        add(ready)
                    batch = []
            for ready in self._tokenised(batch):
                add(ready)

    @contextmanager
    def rebuilding(self) -> Iterator[Callable[[Any], None]]:
        """Start a fresh index; the caller adds each entry (anything with the indexed attributes)."""
        with self._locked(), self._fresh() as add:
            yield add

    # --- queries ---------------------------------------------------------------------------------
    def search(self, plan: Plan) -> Hits:
        """The plan's best hits: those of each weight's kinds ranked apart (`Plan.groups`), then merged."""
        self.sync()
        searchers = [index.searcher() for index in self._open()]
        frequency = lambda name, value: sum(s.doc_freq(name, value) for s in searchers)  # noqa: E731
        groups = plan.groups(lambda kinds: any(frequency("kind", kind) for kind in kinds))
        wanted = plan.offset + plan.limit
        # Whether the query is broad is a matter of all its matches: each weight then ranks its newest.
        broad = len(groups) > 1 and Estimate(searchers, plan, dict(plan.typed)).matches >= self.BROAD
        parts = []
        for group in groups:
            typed = plan.typed_in(group)
            hits = self._search(searchers, plan, typed, group if len(groups) > 1 else None, wanted, broad)
            parts.append(hits.weighted(group, plan.found_in_text(typed)))
        return Hits.merged(parts, plan.offset, plan.limit)

    def _search(
        self, searchers: list[Any], plan: Plan, typed: dict[str, tuple[str, ...]], group: Group | None,
        wanted: int, broad: bool = False,
    ) -> Hits:  # fmt: skip
        """The WANTED best hits of the kinds of GROUP (or all), as this index scores them: a word's
        fields (`common.FIELD`) and BM25, without what every hit scores alike (`Plan.found_in_text`);
        the newest matches only where they are many, or BROAD."""
        import tantivy

        schema = self._open()[0].schema  # the same in every shard
        Query, Occur = tantivy.Query, tantivy.Occur
        term = lambda name, value: Query.term_query(schema, name, value)  # noqa: E731
        scored = lambda query, score: Query.const_score_query(query, score)  # noqa: E731

        def kinds(names: tuple[str, ...]) -> Any:
            return Query.boolean_query([(Occur.Should, term("kind", name)) for name in names])

        required = []
        for token in plan.tokens:
            if token in typed:  # in the text, or by type: every item of those kinds holds it
                either = [
                    (Occur.Should, term("text", token)),
                    (Occur.Should, scored(term("text", token), FIELD * BODY)),
                    (Occur.Should, scored(kinds(typed[token]), FIELD * TYPE)),
                ]
                required.append((Occur.Must, Query.boolean_query(either)))
            else:
                required.append((Occur.Must, term("text", token)))
        required += [(Occur.Must, term(name, value)) for name, value in self.filters(plan)]
        if group is not None:
            required.append(
                (Occur.Must, scored(kinds(group.kinds), 0.0))
                if group.only
                else (Occur.MustNot, kinds(group.kinds))
            )
        # A phrase's pairs narrow what is matched and add nothing to the score.
        required += [(Occur.Must, Query.boost_query(term("grams", g), 0.0)) for g in plan.grams]
        required += [(Occur.MustNot, term("text", t)) for t in plan.excluded]
        required += [(Occur.MustNot, kinds(names)) for t, names in plan.typed if t in plan.excluded]
        if not any(occur == Occur.Must for occur, _q in required):
            required.append((Occur.Must, Query.all_query()))
        fields = [(Occur.Should, scored(term("title", t), FIELD * TITLE)) for t in plan.tokens]
        fields += [(Occur.Should, scored(term("number", t), FIELD * NUMBER)) for t in plan.tokens]
        # The title's BM25 too: for a word in nearly every item the text's BM25 is nearly nil, and
        # the items holding it in their title would all tie (newer first, looked for far beyond a page).
        fields += [(Occur.Should, term("title", t)) for t in plan.tokens]
        if plan.title:
            fields.append((Occur.Should, scored(term("whole_title", plan.title), FIELD * WHOLE_TITLE)))
        one_word = len(required) == 1 and bool(plan.tokens)
        estimate = Estimate(searchers, plan, typed, group)
        found: list[tuple[float, int, int]] = []
        # A match for most items: rank the newest first (a range of a fast field, which scores alike).
        for since in self._newest_since(estimate, plan, wanted, broad):
            found = self._top(searchers, self._since(schema, required + fields, since), wanted)
            if len(found) >= wanted:
                break
        if len(found) < wanted:  # no window, or too few hits in it: every match
            if one_word:
                # One word, nothing else: a disjunction (a title's or a number's words are in "text"
                # as well), cheaper than requiring the word and scoring the fields beside it.
                query = Query.boolean_query([(Occur.Should, required[0][1]), *fields])
            else:
                query = Query.boolean_query(required + fields)
            found = self._top(searchers, query, wanted)
        ids = [(entry, score) for score, entry, _date in found[:wanted]]
        published = {entry: float(date) for _score, entry, date in found[:wanted]}
        if len(found) < wanted:  # every match is here: the total is exact
            total = len(found)
        elif one_word:
            total = estimate.matches
        else:
            total = max(len(found), self._count(searchers, Query.boolean_query(required), estimate))
        return Hits(ids, total, published)

    @staticmethod
    def _since(schema: Any, clauses: list[Any], moment: int) -> Any:
        """CLAUSES, for what was published at MOMENT (a timestamp) or later."""
        import tantivy

        since = tantivy.Query.range_query(
            schema, "published", tantivy.FieldType.Integer, moment, None, True, True
        )
        return tantivy.Query.boolean_query([*clauses, (tantivy.Occur.Must, since)])

    @staticmethod
    def _top(searchers: list[Any], query: Any, wanted: int) -> list[tuple[float, int, int]]:
        """Every shard's WANTED best hits, merged, as (score, entry id, publication timestamp), best first."""

        def top(searcher: Any) -> list[tuple[float, int, int]]:
            # Counting would score every match: the top hits are found without it (see the total).
            hits = searcher.search(query, wanted, count=False).hits
            addresses = [address for _score, address in hits]
            entries = searcher.fast_field_values("entry", addresses)
            dates = searcher.fast_field_values("published", addresses)
            return [
                (float(score), entry, date or 0)
                for (score, _address), entry, date in zip(hits, entries, dates, strict=True)
            ]

        if len(searchers) == 1:
            found = top(searchers[0])
        else:
            found = [hit for hits in _threads(len(searchers)).map(top, searchers) for hit in hits]
        found.sort(key=lambda hit: -hit[0])
        return found

    # A query matching more than BROAD items (a word in most of them) ranks only its newest matches —
    # about NEWEST_MATCHES, those published since a moment found from the items' yearly counts —
    # as the PostgreSQL backend does: relevance barely tells such items apart, and scoring each of a
    # million costs more than the 20 ms a query may take. Newer breaks ties anyway.
    BROAD = 50_000
    NEWEST_MATCHES = 5_000
    FIRST_YEAR = 1949

    def _newest_since(self, estimate: Estimate, plan: Plan, wanted: int, broad: bool = False) -> list[int]:
        """The publication timestamps from which to rank, in turn — a first guess, then the start of
        its year — or none, to rank every match.

        The years are walked from the newest until they hold enough matches (at the plan's share of
        all items); within the last one the items are taken as spread evenly up to the newest item
        published, and twice the span needed is kept. If the guess holds fewer hits than wanted, the
        whole year is ranked, and if that holds too few, every match. BROAD: the query's matches in
        all kinds are many, though fewer in the ESTIMATE's."""
        if plan.year or not plan.tokens or (estimate.matches < self.BROAD and not broad):
            return []
        share = estimate.matches / estimate.size
        needed = max(self.NEWEST_MATCHES, wanted * 2) / share  # items to take, newest first
        newest = self._newest_published(estimate.searchers)
        held = 0
        for year in range(datetime.datetime.now(datetime.UTC).year + 1, self.FIRST_YEAR - 1, -1):
            in_year = estimate.frequency("year", year)
            if held + in_year >= needed:
                start = int(datetime.datetime(year, 1, 1, tzinfo=datetime.UTC).timestamp())
                end = min(int(datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC).timestamp()), newest + 1)
                fraction = min(1.0, 2 * (needed - held) / in_year)
                guess = int(end - fraction * (end - start)) if end > start else start
                return list(dict.fromkeys([guess, start]))
            held += in_year
        return []

    def _newest_published(self, searchers: list[Any]) -> int:
        """The newest publication timestamp in the index (kept until the index changes)."""
        if self._newest is None:
            import tantivy

            everything = tantivy.Query.all_query()
            newest = 0
            for searcher in searchers:
                hits = searcher.search(everything, 1, count=False, order_by_field="published").hits
                newest = max([newest, *(int(value) for value, _address in hits)])
            self._newest = newest
        return self._newest

    EXACT_COUNT_BELOW = 100_000  # documents of the rarest required term: counting costs about that many steps

    def _count(self, searchers: list[Any], matching: Any, estimate: Estimate) -> int:
        """Exact when the rarest required term (word, filter or phrase pair) is rare enough to count
        cheaply, else estimated (the page says "约 N 条")."""
        if estimate.rarest < self.EXACT_COUNT_BELOW:
            import tantivy

            unscored = tantivy.Query.const_score_query(matching, 1.0)
            return sum(int(s.search(unscored, 1, count=True).count or 0) for s in searchers)
        return estimate.matches


class Estimate:
    """How many items a plan matches, from the terms' document frequencies (no postings read): in the
    kinds of GROUP (or all), where a word of TYPED is held by every item of its kinds too."""

    def __init__(
        self, searchers: list[Any], plan: Plan, typed: dict[str, tuple[str, ...]] | None = None,
        group: Group | None = None,
    ) -> None:  # fmt: skip
        self.searchers = searchers
        self.size = max(1, sum(s.num_docs for s in searchers))
        typed = typed or {}

        def holding(token: str) -> int:
            by_type = sum(self.frequency("kind", kind) for kind in typed.get(token, ()))
            return min(self.size, self.frequency("text", token) + by_type)

        words = {token: holding(token) / self.size for token in plan.tokens}
        shares = [self.frequency(name, value) / self.size for name, value in TantivyBackend.filters(plan)]
        if group is not None:
            held = sum(self.frequency("kind", kind) for kind in group.kinds)
            shares.append((held if group.only else self.size - held) / self.size)
        if plan.grams:  # a phrase's pairs (across its words) go together: the rarest stands for them all
            shares.append(min(self.frequency("grams", g) for g in plan.grams) / self.size)
        every = [*words.values(), *shares]
        self.rarest = round(min(every) * self.size) if every else self.size  # what exact counting costs
        if len(words) == 1 and not shares and not plan.excluded:
            self.matches = self.rarest  # one word: its document frequency is exact
            return
        shares += words.values()
        share = math.prod(shares)  # as if independent
        for token in plan.excluded:
            share *= 1 - self.frequency("text", token) / self.size
        self.matches = round(self.size * share)

    def frequency(self, name: str, value: str | int) -> int:
        return sum(s.doc_freq(name, value) for s in self.searchers)
