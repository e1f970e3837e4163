"""Bulk import on a fresh database: rows per second, the longest transaction, and (SQLite) the longest
wait of another writer meanwhile (issue #23 item 6; docs/performance.md).

    PYTHONPATH=src python bench/import_bench.py --rows 5000 [--database-url postgres://…/gk_bench]

A fresh data folder (and, with --database-url, that database dropped and made again) is migrated,
one unit made, and a catalog of ROWS published documents imported as `gongkai import documents`
does (all or nothing: every row checked, then written). A second connection meanwhile asks SQLite
for its write lock every 0.2 s and notes how long each ask waited.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--batch", type=int, default=0, help="GONGKAI_IMPORT_BATCH_ROWS (default: the setting's)"
    )
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="gongkai-import-bench-"))
    os.environ.update(GONGKAI_DEMO="1", GONGKAI_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="gongkai.settings")
    if args.batch:
        os.environ["GONGKAI_IMPORT_BATCH_ROWS"] = str(args.batch)
    if args.database_url:
        _fresh_postgres(args.database_url)
        os.environ["GONGKAI_DATABASE_URL"] = args.database_url
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from gongkai.core import importing, services
    from gongkai.core.uscc import make_uscc

    unit = services.unit_create(
        by=None, code=make_uscc(registry="1", kind="1", region="140929", body8="00000002"), name="测试县财政局",
        kind="department",
    )  # fmt: skip
    rows = [
        (n + 1, {
            "index_no": f"BENCH/2015-{n:05d}", "title": f"关于做好第{n}批农村公路养护工作的通知",
            "unit": unit.code, "published_at": "2015-03-01", "category": "other",
            "body": f"<p>各乡镇：现将第{n}批农村公路养护计划印发给你们，请认真贯彻落实，按期完成养护任务。</p>" * 3,
        })
        for n in range(args.rows)
    ]  # fmt: skip
    waits: list[float] = []
    stop = threading.Event()
    prober = None
    if connection.vendor == "sqlite":
        prober = threading.Thread(target=_probe, args=(data / "gongkai.sqlite3", waits, stop))
        prober.start()
    began = time.monotonic()
    report = importing.run(importing.importer("documents"), rows, partial=False)  # type: ignore[arg-type]
    elapsed = time.monotonic() - began
    stop.set()
    if prober is not None:
        prober.join()
    assert report.committed and report.created == args.rows, report.errors[:3]
    longest = getattr(report, "longest_hold", elapsed)  # before batches: the import was one transaction
    print(f"database: {connection.vendor}; rows: {args.rows}; load average: {os.getloadavg()[0]:.2f}")
    print(
        f"import: {elapsed:.1f} s, {args.rows / elapsed:.0f} rows/s; transactions: {getattr(report, 'transactions', 1)}"
    )
    print(f"longest transaction: {longest:.2f} s")
    if waits:
        print(f"another writer's longest wait: {max(waits):.2f} s over {len(waits)} asks")


def _probe(path: Path, waits: list[float], stop: threading.Event) -> None:
    """Ask for SQLite's write lock every 0.2 s as a staff save would; note each wait."""
    db = sqlite3.connect(path, timeout=600, isolation_level=None)
    while not stop.is_set():
        began = time.monotonic()
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # still locked after the wait: count the wait all the same
            waits.append(time.monotonic() - began)
            continue
        waits.append(time.monotonic() - began)
        db.execute("ROLLBACK")
        time.sleep(0.2)
    db.close()


def _fresh_postgres(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
