"""Search engines behind one interface: tantivy embedded in the app (default), or PostgreSQL full text.

`GONGKAI_SEARCH_BACKEND=embedded|postgres`. Both search the segmented text of `SearchEntry`; the
embedded index mirrors the table by replaying `SearchOutbox`, before every query, so a change is
searchable (or gone) at once.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from .models import SearchEntry, SearchOutbox

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    """What to look for: every token must occur; no excluded token may."""

    tokens: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    kind: str = ""
    unit: str = ""
    year: int | None = None
    category: str = ""
    limit: int = 20
    offset: int = 0


@dataclass
class Hits:
    keys: list[tuple[str, float]] = field(default_factory=list)
    total: int = 0


class TantivyBackend:
    name = "embedded"
    WRITER_HEAP = 64 * 1024 * 1024
    # The tokens arrive segmented, lower-case and space-separated, so the index splits on whitespace
    # alone (half the indexing cost of tantivy's default tokenizer). "text" holds the title's tokens
    # and the body's: every query word is one term there (all words must occur), and an optional
    # boosted term on "title" ranks title matches first. Positions are not kept (phrases are checked
    # against the stored text). A change here bumps SCHEMA: an index on disk with another schema is
    # rebuilt from the stored entries when first opened.
    SCHEMA = "3"
    INDEXED = ("key", "kind", "unit", "category", "year", "title_tokens", "body_tokens")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._index: Any = None
        self._seq = -1

    # --- the index on disk ---------------------------------------------------------------------
    def _schema(self) -> Any:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("key", stored=True, tokenizer_name="raw")
        for name in ("kind", "unit", "category"):
            builder.add_text_field(name, tokenizer_name="raw")
        builder.add_integer_field("year", indexed=True)
        builder.add_text_field("title", tokenizer_name="whitespace", index_option="freq")
        builder.add_text_field("text", tokenizer_name="whitespace", index_option="freq")
        return builder.build()

    def _schema_file(self) -> Path:
        return self.path / "gongkai-schema"

    def _open(self) -> Any:
        import tantivy

        if self._index is None:
            self.path.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(self._schema(), path=str(self.path), reuse=True)
        return self._index

    def _current(self) -> bool:
        try:
            return self._schema_file().read_text() == self.SCHEMA
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
        document.add_text("kind", entry.kind)
        document.add_text("unit", entry.unit)
        document.add_text("category", entry.category)
        document.add_integer("year", entry.year or 0)
        document.add_text("title", entry.title_tokens)
        document.add_text("text", f"{entry.title_tokens} {entry.body_tokens}")
        return document

    def sync(self) -> None:
        """Apply the outbox rows this index has not seen, in order."""
        latest = SearchOutbox.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if latest == self._seq:
            return
        with self._locked():
            if not self._current():
                self._rebuild_from_entries()
            applied = self._applied()
            if latest > applied:
                index = self._open()
                writer = index.writer(self.WRITER_HEAP, 1)
                while True:
                    rows = list(
                        SearchOutbox.objects.filter(id__gt=applied)
                        .order_by("id")
                        .values_list("id", "key")[:5000]
                    )
                    if not rows:
                        break
                    keys = list(dict.fromkeys(key for _id, key in rows))
                    entries = {e.key: e for e in SearchEntry.objects.filter(key__in=keys).only(*self.INDEXED)}
                    for key in keys:
                        writer.delete_documents_by_term("key", key)
                        if key in entries:
                            writer.add_document(self._document(entries[key]))
                    applied = rows[-1][0]
                writer.commit()
                writer.wait_merging_threads()
                self._seq_file().write_text(str(applied))
            self._open().reload()  # another process may have written what this one has not yet seen
            self._seq = max(applied, latest)

    @contextmanager
    def _fresh(self) -> Iterator[Callable[[Any], None]]:
        """Replace the index on disk (the caller holds the lock); the caller adds each entry."""
        self._index = None
        shutil.rmtree(self.path, ignore_errors=True)
        index = self._open()
        threads = max(1, min(4, os.cpu_count() or 1))
        writer = index.writer(self.WRITER_HEAP * threads, threads)
        yield lambda entry: writer.add_document(self._document(entry))
        writer.commit()
        writer.wait_merging_threads()
        latest = SearchOutbox.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self._seq_file().write_text(str(latest))
        self._schema_file().write_text(self.SCHEMA)
        index.reload()
        self._seq = latest

    def _rebuild_from_entries(self) -> None:
        """Index every stored entry again (their tokens are kept): after a schema change."""
        logger.warning(
            "search index at %s has an older schema: rebuilding it from the stored entries", self.path
        )
        with self._fresh() as add:
            for entry in SearchEntry.objects.only(*self.INDEXED).iterator(chunk_size=2000):
                add(entry)

    @contextmanager
    def rebuilding(self) -> Iterator[Callable[[Any], None]]:
        """Start a fresh index; the caller adds each entry (anything with the indexed attributes)."""
        with self._locked(), self._fresh() as add:
            yield add

    # --- queries ---------------------------------------------------------------------------------
    def search(self, plan: Plan) -> Hits:
        import tantivy

        self.sync()
        index = self._open()
        schema = index.schema
        Query, Occur = tantivy.Query, tantivy.Occur
        term = lambda name, value: Query.term_query(schema, name, value)  # noqa: E731
        required = [(Occur.Must, term("text", t)) for t in plan.tokens]
        for name in ("kind", "unit", "category"):
            value = getattr(plan, name)
            if value:
                required.append((Occur.Must, term(name, value)))
        if plan.year:
            required.append((Occur.Must, term("year", plan.year)))
        required += [(Occur.MustNot, term("text", t)) for t in plan.excluded]
        if not any(occur == Occur.Must for occur, _q in required):
            required.append((Occur.Must, Query.all_query()))
        ranked = required + [(Occur.Should, Query.boost_query(term("title", t), 3.0)) for t in plan.tokens]
        searcher = index.searcher()
        # Top hits without counting (counting would score every match); the count on its own, unscored.
        result = searcher.search(Query.boolean_query(ranked), plan.limit, count=False, offset=plan.offset)
        keys = [(searcher.doc(address)["key"][0], float(score)) for score, address in result.hits]
        if len(required) == 1 and plan.tokens:
            total = searcher.doc_freq("text", plan.tokens[0])
        else:
            matching = Query.const_score_query(Query.boolean_query(required), 1.0)
            total = int(searcher.search(matching, 1, count=True).count or 0)
        return Hits(keys, total)


class PostgresBackend:
    """`tsvector` over the segmented text (title weighted A), GIN-indexed; ranked with ts_rank."""

    name = "postgres"
    RANKED = 2000  # matches ranked per query: the newest ones
    COUNT_CAP = 10_000

    def sync(self) -> None:  # the entries are the index
        return None

    @contextmanager
    def rebuilding(self) -> Iterator[Callable[[Any], None]]:
        yield lambda entry: None  # the trigger indexes rows as they are written

    def search(self, plan: Plan) -> Hits:
        where, params = ["1=1"], []
        query_sql = ""
        if plan.tokens:
            query_sql = " && ".join(["plainto_tsquery('simple', %s)"] * len(plan.tokens))
            where.append(f"tsv @@ ({query_sql})")
            params.extend(plan.tokens)
        for token in plan.excluded:
            where.append("NOT tsv @@ plainto_tsquery('simple', %s)")
            params.append(token)
        for name in ("kind", "unit", "category"):
            value = getattr(plan, name)
            if value:
                where.append(f"{name} = %s")
                params.append(value)
        if plan.year:
            where.append("year = %s")
            params.append(plan.year)
        condition = " AND ".join(where)
        rank = f"ts_rank(tsv, {query_sql})" if query_sql else "0"
        rank_params = list(plan.tokens) if query_sql else []
        # Ranking reads every match's tsvector: bound it to the newest RANKED matches (the heap scan
        # for those is cheap), then rank only them. Counting stops at COUNT_CAP + 1.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT key, {rank} AS r FROM (SELECT key, tsv, published_at FROM search_searchentry "
                f"WHERE {condition} ORDER BY published_at DESC NULLS LAST LIMIT %s) AS newest "
                "ORDER BY r DESC, published_at DESC NULLS LAST LIMIT %s OFFSET %s",
                [*rank_params, *params, self.RANKED, plan.limit, plan.offset],
            )
            keys = [(key, float(score)) for key, score in cursor.fetchall()]
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM search_searchentry WHERE {condition} LIMIT %s) AS m",
                [*params, self.COUNT_CAP + 1],
            )
            total = int(cursor.fetchone()[0])
        return Hits(keys, total)


_backend: Any = None


def backend() -> Any:
    """The configured engine (one per process)."""
    global _backend
    wanted = getattr(settings, "SEARCH_BACKEND", "embedded")
    path = Path(settings.SEARCH_INDEX_DIR)
    if _backend is None or _backend.name != wanted or (wanted == "embedded" and _backend.path != path):
        if wanted == "postgres":
            if connection.vendor != "postgresql":
                raise RuntimeError("GONGKAI_SEARCH_BACKEND=postgres needs GONGKAI_DATABASE_URL on PostgreSQL")
            _backend = PostgresBackend()
        else:
            _backend = TantivyBackend(path)
    return _backend
