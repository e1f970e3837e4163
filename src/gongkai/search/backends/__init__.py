"""Search engines behind one interface: tantivy embedded in the app (default), or PostgreSQL full text.

`GONGKAI_SEARCH_BACKEND=embedded|postgres`. Both search the segmented text of `SearchEntry`; the
embedded index mirrors the table by replaying `SearchOutbox`, before every query, so a change is
searchable (or gone) at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from .common import Hits, Plan, phrase_pairs
from .embedded import Estimate, TantivyBackend
from .postgres import PostgresBackend

__all__ = ["Estimate", "Hits", "Plan", "PostgresBackend", "TantivyBackend", "backend", "phrase_pairs"]

_backend: Any = None


def backend() -> Any:
    """The configured engine (one per process)."""
    global _backend
    wanted = settings.SEARCH_BACKEND
    path = Path(settings.SEARCH_INDEX_DIR)
    shards = settings.SEARCH_SHARDS
    if (
        _backend is None
        or _backend.name != wanted
        or (wanted == "embedded" and (_backend.path != path or _backend.shards != shards))
    ):
        if wanted == "postgres":
            if connection.vendor != "postgresql":
                raise RuntimeError("GONGKAI_SEARCH_BACKEND=postgres needs GONGKAI_DATABASE_URL on PostgreSQL")
            _backend = PostgresBackend()
        else:
            _backend = TantivyBackend(path, shards)
    return _backend
