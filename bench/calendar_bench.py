"""Benchmark the working-day calendar: loading it, and due dates per second.

Run: .venv/bin/python bench/calendar_bench.py   (uses a throw-away SQLite database)
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from gongkai.core.calendar_data import load_calendar  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    loads = []
    for _ in range(50):
        started = time.perf_counter()
        calendar = load_calendar()
        loads.append(time.perf_counter() - started)
    rng = random.Random(7)
    starts = [date(2020, 1, 1) + timedelta(days=rng.randrange(7 * 365)) for _ in range(20_000)]
    started = time.perf_counter()
    for start in starts:
        calendar.due_date(start, 20)
    elapsed = time.perf_counter() - started
    print(f"load_calendar: median {statistics.median(loads) * 1000:.2f} ms over 50 loads")
    print(
        f"due_date(start, 20): {len(starts) / elapsed:,.0f} per second ({elapsed / len(starts) * 1e6:.1f} us each)"
    )


if __name__ == "__main__":
    main()
