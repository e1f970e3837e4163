"""Benchmark search on a synthetic corpus: build rate, index size, query latency, next to LIKE.

Run: .venv/bin/python bench/search/run.py [N]            (SQLite + the embedded tantivy engine)
     GONGKAI_DATA_DIR=DIR ... run.py --queries-only      (queries again on the build an earlier run left in DIR)
     ... run.py N --bursty                                 (each item also has a topic: see corpus.documents)
     ... run.py N --registers                              (every fifth item a register's, weighted 0.4)
     GONGKAI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<empty db> GONGKAI_SEARCH_BACKEND=postgres \\
     .venv/bin/python bench/search/run.py [N]            (PostgreSQL full text)
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-search-bench-"))

import django

django.setup()

import corpus  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from gongkai.search import registry, services  # noqa: E402
from gongkai.search.backends import backend  # noqa: E402
from gongkai.search.models import SearchEntry  # noqa: E402
from gongkai.search.query import search  # noqa: E402
from gongkai.search.registry import Item  # noqa: E402


class BenchSource:
    """Every generated item counts as public (the filter query still runs, as in production)."""

    kind = "bench"
    label = "基准文档"
    weight = 1.0  # a document's (registry.DEFAULT_WEIGHT; this script also runs against older code)
    name_words: frozenset[str] = frozenset()

    def item(self, ident: str) -> Item | None:
        return None

    def items(self):  # type: ignore[no-untyped-def]
        return iter(())

    def public(self, idents):  # type: ignore[no-untyped-def]
        # By the unique key, as real sources look up unique numbers.
        keys = [f"{self.kind}:{i}" for i in idents]
        return {
            k.split(":", 1)[1] for k in SearchEntry.objects.filter(key__in=keys).values_list("key", flat=True)
        }


class BenchRegister(BenchSource):
    """A register's records, weighing less than documents (decision 0015): with `--registers` every fifth
    item is one, and every query is asked of each weight apart. Without, none is built."""

    kind = "bench-register"
    label = "基准登记"
    weight = 0.4


def kind_of(i: int) -> str:
    return BenchRegister.kind if "--registers" in sys.argv and i % 5 == 0 else BenchSource.kind


def build(n: int) -> None:
    services.ensure_dictionary(force=True)
    items = [
        Item(
            kind=kind_of(i),
            ident=str(row["ident"]),
            title=str(row["title"]),
            text=str(row["text"]),
            url=f"/bench/{row['ident']}/",
            unit=str(row["unit"]),
            category="bench",
            published_at=row["published_at"],
            numbers=[str(row["number"])],
        )  # type: ignore[arg-type]
        for i, row in enumerate(corpus.documents(n, bursty="--bursty" in sys.argv))
    ]  # fmt: skip  (generated before the clock starts)
    started = time.perf_counter()
    services.rebuild_from(items)  # what `gongkai search reindex` does: entries and engine in one pass
    seconds = time.perf_counter() - started
    print(
        f"built {n:,} items (segment, store and index in one pass) in {seconds:.0f} s: {n / seconds:,.0f} items/s"
    )
    path = Path(os.environ["GONGKAI_DATA_DIR"]) / "search-index"
    if backend().name == "embedded":
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        print(f"embedded index size {size / 2**20:.0f} MiB")


def percentiles(label: str, runs: list[float], note: str = "") -> None:
    runs = sorted(runs)
    p = lambda q: runs[min(len(runs) - 1, int(q * len(runs)))] * 1000  # noqa: E731
    print(
        f"{label:<34} p50 {p(0.5):7.1f} ms  p95 {p(0.95):7.1f} ms  p99 {p(0.99):7.1f} ms  (n={len(runs)}) {note}"
    )


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    call_command("migrate", verbosity=0)
    registry.register(BenchSource())
    registry.register(BenchRegister())
    if "--queries-only" in sys.argv:  # against the build left in GONGKAI_DATA_DIR by an earlier run
        n = SearchEntry.objects.count()
        print(f"queries only, on the {n:,} items already built")
    else:
        build(n)
    rng = random.Random(7)
    common = corpus.WORDS[:40]
    rare = corpus.WORDS[corpus.HEAD :]
    unit = lambda: f"U{rng.randrange(43):02d}"  # noqa: E731
    year = lambda: 2020 + rng.randrange(7)  # noqa: E731
    cases = {
        "1 common term": lambda: search(rng.choice(common)),
        "1 rare term": lambda: search(rng.choice(rare)),
        "2 terms": lambda: search(f"{rng.choice(common)} {rng.choice(rare)}"),
        "phrase": lambda: search(f'"{rng.choice(common)}{rng.choice(common)}"'),
        "1 term + unit + year filters": lambda: search(rng.choice(common), unit=unit(), year=year()),
        "2 terms + unit + year filters": lambda: search(
            f"{rng.choice(common)} {rng.choice(common)}", unit=unit(), year=year()
        ),
        "phrase + unit + year filters": lambda: search(
            f'"{rng.choice(common)}{rng.choice(common)}"', unit=unit(), year=year()
        ),
        "document number": lambda: (lambda i: search(f"岢政发({2020 + i % 7}){i}号"))(rng.randrange(n)),
    }
    for label, call in cases.items():
        call()  # warm
        runs, shown = [], 0
        for _ in range(200):
            started = time.perf_counter()
            shown += len(call().results)
            runs.append(time.perf_counter() - started)
        percentiles(label, runs, f"{shown / 200:.1f} results a query")
    runs = []
    for _ in range(20 if n <= 200_000 else 5):  # each run reads the whole table
        word = rng.choice(rare)
        started = time.perf_counter()
        list(SearchEntry.objects.filter(text__contains=word).order_by("-published_at")[:20])
        runs.append(time.perf_counter() - started)
    percentiles("baseline LIKE '%word%' top 20", runs)
    print(f"database: {connection.vendor}, engine: {backend().name}")


if __name__ == "__main__":
    main()
