"""Benchmark the annual report on a county-year of N applications (default 100,000) and M published
penalties (default 0; the issue's target is 1,000,000), whose counts section 二 reports.

Run: .venv/bin/python bench/annual_report_bench.py [N] [M]
(a throw-away SQLite database; set GONGKAI_DATABASE_URL to measure PostgreSQL instead)
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from gongkai.applications.categories import REPLY_CATEGORIES  # noqa: E402
from gongkai.applications.models import Application  # noqa: E402
from gongkai.core.models import Unit  # noqa: E402
from gongkai.core.uscc import make_uscc  # noqa: E402
from gongkai.reports.annual import annual_report  # noqa: E402

TYPES = ["natural", "business", "research", "public_interest", "legal_service", "other"]


def populate(n: int) -> list[Unit]:
    rng = random.Random(1)
    units = [
        Unit.objects.create(
            code=make_uscc(registry="1", kind="1", region="140929", body8=f"{i:08d}"),
            name=f"单位{i}",
            kind="department",
        )
        for i in range(1, 44)
    ]
    categories = list(REPLY_CATEGORIES)
    batch = []
    for i in range(n):
        received = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        replied = received + timedelta(days=rng.randrange(5, 40))
        open_case = rng.random() < 0.03
        batch.append(
            Application(
                tracking_no=f"B{i:010d}",
                code_digest="x",
                unit=rng.choice(units),
                applicant_type=rng.choice(TYPES),
                name="x",
                id_type="other",
                id_number_encrypted="x",
                id_number_masked="x",
                id_digest="x",
                phone="x",
                description="x",
                form="email",
                channel="online",
                received_on=received,
                status="processing" if open_case else "replied",
                replied_on=None if open_case else replied,
                reply_category="" if open_case else rng.choice(categories),
            )
        )
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    return units


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    units = populate(n)
    print(f"populated {n:,} applications in {time.perf_counter() - started:.1f} s")
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    if m:
        sys.path.insert(0, os.path.dirname(__file__))
        from records_bench import populate as populate_penalties

        started = time.perf_counter()
        populate_penalties(m, units)
        print(f"populated {m:,} published penalties (2021–2026) in {time.perf_counter() - started:.1f} s")
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        report = annual_report(2025)
        timings.append(time.perf_counter() - started)
    assert report["checks"] == [], report["checks"]
    print(f"annual_report(2025), whole county: best {min(timings):.2f} s, worst {max(timings):.2f} s of 3")
    print(
        f"new {report['section3']['rows']['new']['total']:,}, answered {report['section3']['rows']['total']['total']:,}"
    )
    print(
        f"section 二: penalties {report['section2']['penalty']}, licences {report['section2']['licensing']}"
    )


if __name__ == "__main__":
    main()
