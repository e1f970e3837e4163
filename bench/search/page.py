"""The public search page in-process, on a demo county: p50/p95 per query through Django's test client
(the whole request: form, query log, engine, snippets, template), and a profile of one query.

Run (after `gongkai migrate` and `gongkai demo` with the same environment):
    GONGKAI_DEMO=1 GONGKAI_DATA_DIR=DIR .venv/bin/python bench/search/page.py [RUNS]
    ... page.py --profile 行政处罚                         (the 25 costliest functions of that query)
with GONGKAI_DATABASE_URL=postgres://… GONGKAI_SEARCH_BACKEND=postgres for PostgreSQL.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from run import percentiles  # noqa: E402

from gongkai.search.models import SearchEntry  # noqa: E402

QUERIES = ["三公经费", "行政处罚", "许可"]


def title_query() -> str:
    """A document's title as typed: the newest document's."""
    entry = SearchEntry.objects.filter(kind="document").order_by("-published_at").first()
    return entry.title if entry else "政府信息公开"


def timed(client: Client, q: str, runs: int) -> list[float]:
    client.get("/search/", {"q": q})  # warm
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/search/", {"q": q})
        found.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return sorted(found)


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    if "--profile" in sys.argv:
        q = sys.argv[sys.argv.index("--profile") + 1]
        client.get("/search/", {"q": q})
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(20):
            client.get("/search/", {"q": q})
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return
    runs = int(next((a for a in sys.argv[1:] if a.isdigit()), "100"))
    print(
        f"database: {connection.vendor}, engine: {settings.SEARCH_BACKEND}, {SearchEntry.objects.count():,} items"
    )
    for q in [*QUERIES, title_query()]:
        percentiles(q[:30], timed(client, q, runs))


if __name__ == "__main__":
    main()
