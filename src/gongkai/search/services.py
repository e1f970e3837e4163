"""Keep the search entries in step with what is public: `touch(kind, ident)` in every publishing
transaction; `reindex()` rebuilds everything from the database."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

from django.db import connection, transaction
from django.db.models import Max

from gongkai.core import pagecache
from gongkai.core.models import Unit

from . import registry, segment
from .models import SearchEntry, SearchNumber, SearchOutbox, SearchTerm

_dictionary_checked = 0.0
DICTIONARY_RECHECK_SECONDS = 30


def ensure_dictionary(force: bool = False) -> None:
    """Load unit names and the office's terms into the segmenter (re-checked every 30 s)."""
    global _dictionary_checked
    now = time.monotonic()
    if not force and now - _dictionary_checked < DICTIONARY_RECHECK_SECONDS:
        return
    version = (
        SearchTerm.objects.aggregate(m=Max("id"))["m"],
        SearchTerm.objects.count(),
        Unit.objects.aggregate(m=Max("id"))["m"],
    )
    terms = [*SearchTerm.objects.values_list("term", flat=True)]
    for name, short in Unit.objects.values_list("name", "short_name"):
        terms.extend(t for t in (name, short) if t)
    segment.load_terms(terms, version)
    _dictionary_checked = now


def _entry_fields(
    item: registry.Item, title_tokens: str | None = None, body_tokens: str | None = None
) -> dict[str, object]:
    """An entry's columns for ITEM. "body_tokens" are the body's tokens whatever the database; only
    PostgreSQL stores them (see `stores_body_tokens`)."""
    numbers = sorted({segment.normalise_number(n) for n in item.numbers if n})
    if title_tokens is None or body_tokens is None:
        title_tokens, body_tokens = segment.token_strings((item.title, item.text))
    return {
        "kind": item.kind,
        "ident": item.ident,
        "title": item.title[:400],
        "text": item.text,
        "title_tokens": title_tokens,
        "body_tokens": body_tokens,
        "numbers": " ".join(numbers)[:400],
        # 发文字号, 决定书文号 …, not the 索引号 (the ident), whose parts every item of a unit and year shares
        "number_tokens": " ".join(segment.tokens(" ".join(n for n in numbers if n != item.ident))),
        "unit": item.unit,
        "category": item.category,
        "year": item.published_at.year if item.published_at else None,
        "published_at": item.published_at,
        "url": item.url,
    }


def stores_body_tokens() -> bool:
    """Whether entries keep their body's tokens: PostgreSQL searches them (its `tsv` is made from
    them); the embedded engine segments the text again when it indexes an entry, so on SQLite they
    would only double the table (7 KB of tokens beside 5 KB of text, a sixth of a rebuild's time)."""
    return connection.vendor == "postgresql"


def _stored(fields: dict[str, object]) -> dict[str, object]:
    return fields if stores_body_tokens() else {**fields, "body_tokens": ""}


def _store(key: str, item: registry.Item | None) -> None:
    if item is None:
        SearchEntry.objects.filter(key=key).delete()
    else:
        entry, _created = SearchEntry.objects.update_or_create(key=key, defaults=_stored(_entry_fields(item)))
        entry.number_rows.all().delete()
        SearchNumber.objects.bulk_create(
            [SearchNumber(entry=entry, number=n) for n in entry.numbers.split() if n]
        )
    SearchOutbox.objects.create(key=key)


def touch(kind: str, ident: str) -> None:
    """Bring KIND:IDENT's entry up to date; call inside the transaction that changed it."""
    source = registry.source(kind)
    if source is None:
        return
    ensure_dictionary()
    _store(f"{kind}:{ident}", source.item(ident))


ANALYZE_FROM = 1000  # a bulk import of this many items refreshes PostgreSQL's statistics at once


def add_new(items: list[registry.Item]) -> None:
    """Index a batch of items that have no entry yet (a bulk import); inside its transaction."""
    from .backends import backend

    ensure_dictionary()
    _bulk(items)
    SearchOutbox.objects.bulk_create([SearchOutbox(key=item.key) for item in items], batch_size=1000)
    # The importing process brings the embedded index up to date once committed, so that the first
    # search after a large import does not (another process's search waits for it on the index lock).
    transaction.on_commit(lambda: backend().sync())
    if len(items) >= ANALYZE_FROM:
        transaction.on_commit(_analyze)


def _analyze() -> None:
    """Fresh statistics of the entries on PostgreSQL, which its backend plans by and estimates totals
    from (without them, a word in 3,234 items was counted "约 1,000"); autovacuum would take them
    later, or never where it is turned off."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")


def _segmented(items: list[registry.Item]) -> Iterator[dict[str, object]]:
    """The entry fields of ITEMS, in order (large batches on every core: `segment.segmented`)."""
    pairs = [(item.title, item.text) for item in items]
    for item, (title_tokens, body_tokens) in zip(items, segment.segmented(pairs), strict=True):
        yield _entry_fields(item, title_tokens, body_tokens)


ENTRY_COLUMNS = (
    "key", "kind", "ident", "title", "text", "title_tokens", "body_tokens", "numbers", "number_tokens", "unit",
    "category", "year", "published_at", "url",
)  # fmt: skip


def _insert_entries(rows: list[tuple[object, ...]]) -> dict[str, int]:
    """Insert entry rows, and their numbers, with one executemany each (the ORM's per-object work
    dominated a rebuild); return each row's id by key. Only the date needs adapting; every other
    column is a str, int or None."""
    quote = connection.ops.quote_name
    when = ENTRY_COLUMNS.index("published_at")
    adapt = connection.ops.adapt_datetimefield_value
    prepared = [(*row[:when], adapt(row[when]), *row[when + 1 :]) for row in rows]
    entries, numbers = SearchEntry._meta.db_table, SearchNumber._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {entries} ({', '.join(map(quote, ENTRY_COLUMNS))}) "  # noqa: S608  SQL from code, values as parameters
            f"VALUES ({', '.join(['%s'] * len(ENTRY_COLUMNS))})",
            prepared,
        )
        ids = dict(SearchEntry.objects.filter(key__in=[r[0] for r in rows]).values_list("key", "id"))
        numbered = ENTRY_COLUMNS.index("numbers")
        pairs = [(ids[row[0]], n) for row in rows for n in str(row[numbered]).split()]
        if pairs:
            cursor.executemany(
                f"INSERT INTO {numbers} ({quote('entry_id')}, {quote('number')}) VALUES (%s, %s)",  # noqa: S608  SQL from code, values as parameters
                pairs,
            )
    return ids


def _bulk(
    items: list[registry.Item],
    progress: Callable[[int, int], None] | None = None,
    also: Callable[[Any], None] | None = None,
) -> None:
    """Store ITEMS' entries; ALSO receives each entry as well (a rebuild feeds the engine in the same pass)."""
    rows: list[tuple[object, ...]] = []
    pending: list[tuple[str, dict[str, object]]] = []  # (key, fields) inserted but not yet passed on
    for done, (item, fields) in enumerate(zip(items, _segmented(items), strict=True), start=1):
        stored = _stored(fields)
        rows.append((item.key, *(stored[c] for c in ENTRY_COLUMNS[1:])))
        pending.append((item.key, fields))
        if len(rows) >= 1000 or done == len(items):
            ids = _insert_entries(rows)
            if also is not None:  # with the row's id, which the engine returns for a hit
                for key, entry_fields in pending:
                    also(SimpleNamespace(id=ids[key], key=key, **entry_fields))
            rows, pending = [], []
        if progress:
            progress(done, len(items))


def reindex(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild every entry, and the engine with them, from the sources; return the number of entries."""
    ensure_dictionary(force=True)
    items = [item for source in registry.sources() for item in source.items()]
    return rebuild_from(items, progress)


def rebuild_from(items: list[registry.Item], progress: Callable[[int, int], None] | None = None) -> int:
    """Replace every entry by ITEMS' and rebuild the engine in the same pass, oldest first: PostgreSQL
    then stores rows in order of publication, which lets its GIN index skip to a window of days
    (migration search.0006); items without a date go first."""
    from .backends import backend

    items = sorted(items, key=lambda item: (item.published_at is not None, item.published_at or 0))

    with transaction.atomic():
        SearchNumber.objects.all().delete()
        SearchEntry.objects.all().delete()
        SearchOutbox.objects.all().delete()
        with backend().rebuilding() as add:
            _bulk(items, progress, also=add)
            SearchOutbox.objects.create(key=SearchOutbox.REBUILT)  # for the other app servers' indexes
        _analyze()
        pagecache.changed()  # search pages answer from the new entries
    return len(items)
