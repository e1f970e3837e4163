"""Benchmark the records framework on N published penalties (default 1,000,000).

Run: .venv/bin/python bench/records_bench.py [N]
(a throw-away SQLite database; set GONGKAI_DATABASE_URL to an empty PostgreSQL database to measure that)

Measures, through the real views and API (Django's test client): the public list (first page, a
filtered page; keyword filters go through the search index, measured by bench/search/run.py), a detail page, an API page, the annual report's section 二 count,
and a CSV export of one year with its peak Python memory.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from gongkai.core.models import Unit  # noqa: E402
from gongkai.core.uscc import make_uscc  # noqa: E402
from gongkai.enforcement.models import Penalty  # noqa: E402
from gongkai.reports.annual import section2  # noqa: E402

CATEGORIES = ["fine", "warning", "confiscate_gains", "suspend_business"]


def populate(n: int, units: list[Unit] | None = None) -> None:
    rng = random.Random(1)
    units = units or [
        Unit.objects.create(
            code=make_uscc(registry="1", kind="1", region="140929", body8=f"{i:08d}"),
            name=f"单位{i}",
            kind="department",
        )
        for i in range(1, 44)
    ]
    published = timezone.make_aware(datetime(2026, 1, 1))
    batch = []
    for i in range(n):
        decided = date(2021, 1, 1) + timedelta(days=rng.randrange(6 * 365))
        unit = units[i % len(units)]
        batch.append(
            Penalty(
                index_no=f"{unit.code}/{decided.year}-{i:07d}",
                unit=unit,
                status="published",
                publish_at=published,
                publish_until=timezone.make_aware(
                    datetime.combine(decided + timedelta(days=365 * 3), datetime.min.time())
                ),
                party_name=f"岢岚县第{i}号商贸有限公司",
                uscc=unit.code,
                decision_no=f"岢罚〔{decided.year}〕{i}号",
                violation_type="未明码标价",
                facts="经查，当事人未明码标价。",
                basis="《价格法》第四十二条",
                category=CATEGORIES[i % 4],
                content="罚款",
                decided_on=decided,
                authority=unit.name,
                authority_uscc=unit.code,
                source_unit=unit.name,
                source_unit_uscc=unit.code,
            )
        )
        if len(batch) == 10000:
            Penalty.objects.bulk_create(batch)
            batch = []
    Penalty.objects.bulk_create(batch)


def timed(label: str, call, repeat: int = 5) -> None:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    print(f"{label:<48} median {statistics.median(runs) * 1000:8.1f} ms  (worst {max(runs) * 1000:.1f} ms)")


def get(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        for _chunk in response.streaming_content:
            pass


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    populate(n)
    print(f"populated {n:,} published penalties in {time.perf_counter() - started:.1f} s")
    client = Client()
    one = Penalty.objects.order_by("id")[n // 2]
    timed("list, first page", lambda: get(client, "/records/penalties/"))
    timed(
        "list, year 2025 + category fine, page 3",
        lambda: get(client, "/records/penalties/?year=2025&category=fine&page=3"),
    )
    timed("detail page", lambda: get(client, one.get_absolute_url()))
    timed("API page of 100", lambda: get(client, "/api/v1/records/penalties?page_size=100&year=2024"))
    timed("section 二 penalty count (2025, whole county)", lambda: section2(2025), repeat=3)
    rows = Penalty.objects.filter(decided_on__year=2025).count()
    started = time.perf_counter()
    get(client, "/records/penalties/export.csv?year=2025")
    seconds = time.perf_counter() - started
    tracemalloc.start()  # a second run for memory: tracing slows Python several times over
    get(client, "/records/penalties/export.csv?year=2025")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"CSV export of 2025 ({rows:,} rows): {seconds:.1f} s, {rows / seconds:,.0f} rows/s, peak {peak / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
