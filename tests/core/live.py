"""A test's database shared with `gongkai` processes it starts (and may SIGKILL): on SQLite a file
copied from the test's in-memory database, on PostgreSQL the test database itself (the test uses
`transactional_db`, so what it wrote is committed and what they write is flushed after it)."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

PRELUDE = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
import django
django.setup()
"""


class Live:
    def __init__(self, folder: Path) -> None:
        self.data = folder / "data"
        self.env: dict[str, str] = {}

    def share(self, **extra: str) -> Live:
        """Hand the database as it is now to the processes started from here on."""
        self.data.mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
        env.update(
            GONGKAI_DEMO="1", GONGKAI_DATA_DIR=str(self.data), GONGKAI_SECRET_KEY=settings.SECRET_KEY,
            GONGKAI_ENCRYPTION_KEY=settings.ENCRYPTION_KEY, PYTHONUNBUFFERED="1", **extra,
        )  # fmt: skip
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(self.data / "gongkai.sqlite3")
            connection.connection.backup(target)
            target.close()
        else:
            db = connection.settings_dict
            env["GONGKAI_DATABASE_URL"] = (
                f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
            )
        self.env = env
        return self

    def start(self, *args: str) -> subprocess.Popen[str]:
        """Start `gongkai ARGS` in its own process group (so that a kill takes all of it)."""
        return subprocess.Popen(
            [sys.executable, "-m", "gongkai.cli", *args], env=self.env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip

    def serve(self, timeout: float = 150) -> tuple[subprocess.Popen[str], str]:
        """Start `gongkai serve` on a free loopback port (its log in serve.log beside the data); return
        it and its base URL once it answers."""
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        serve = ["serve", "--port", str(port), "--workers", "2", "--no-migrate"]
        command = [sys.executable, "-m", "gongkai.cli", *serve]
        with (self.data.parent / "serve.log").open("a") as log:
            server = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True
            )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5):
                    return server, base
            except urllib.error.HTTPError:  # an answer all the same
                return server, base
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    stop(server)
                    log_text = (self.data.parent / "serve.log").read_text()[-3000:]
                    raise AssertionError(f"gongkai serve did not answer: {log_text}") from None
                time.sleep(0.3)

    def gongkai(self, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gongkai.cli", *args], env=self.env, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip

    def script(self, code: str, *, background: bool = False) -> Any:
        """Run CODE in a Django process on the shared database; return the JSON it prints last."""
        command = [sys.executable, "-c", PRELUDE + code]
        if background:
            return subprocess.Popen(
                command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                start_new_session=True,
            )  # fmt: skip
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def count(self, sql: str) -> int:
        """Read one number from the shared database as another process sees it (committed rows)."""
        if connection.vendor == "sqlite":
            with sqlite3.connect(f"file:{self.data / 'gongkai.sqlite3'}?mode=ro", uri=True, timeout=30) as db:
                return int(db.execute(sql).fetchone()[0])
        import psycopg

        with psycopg.connect(self.env["GONGKAI_DATABASE_URL"], autocommit=True) as db:
            row = db.execute(sql).fetchone()
            return int(row[0]) if row else 0

    def kill_when(
        self, process: subprocess.Popen[str], ready: Callable[[], bool], timeout: float = 180
    ) -> None:
        """SIGKILL PROCESS's group as soon as READY() holds; fail if it ended first."""
        deadline = time.monotonic() + timeout
        try:
            while not ready():
                assert process.poll() is None, f"ended before the kill: {process.communicate()[1][-3000:]}"
                assert time.monotonic() < deadline, "not ready in time"
                time.sleep(0.05)
        finally:
            stop(process)
        assert process.returncode == -signal.SIGKILL

    def wait(self, ready: Callable[[], bool], timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            assert time.monotonic() < deadline, "not ready in time"
            time.sleep(0.1)


def stop(process: subprocess.Popen[str]) -> None:
    """SIGKILL PROCESS's group if it still runs, and collect it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)


def consistent(live: Live, kind: str = "documents", word: str = "") -> dict[str, Any]:
    """What a reader would check after a crash: every document, its log entry and its search entry,
    and how often a public search for WORD lists each document."""
    return live.script(
        f"""
from gongkai.core import transparency
from gongkai.core.models import TransparencyEntry
from gongkai.publishing.models import Document
from gongkai.search import query
from gongkai.search.models import SearchEntry

docs = list(Document.objects.values_list("index_no", "status"))
logged = set(TransparencyEntry.objects.values_list("index_no", flat=True))
indexed = list(SearchEntry.objects.filter(kind={kind!r}).values_list("ident", flat=True))
found = []
page = 1
while {word!r}:
    result = query.search({word!r}, kind={kind!r}, page=page, page_size=100, snippets=False)
    found += [r.url for r in result.results]
    if not result.has_next:
        break
    page += 1
print(json.dumps({{
    "documents": len(docs),
    "distinct": len({{i for i, _s in docs}}),
    "published": sorted(i for i, s in docs if s == "published"),
    "logged": sorted(logged),
    "indexed": sorted(indexed),
    "found": found,
    "problems": [str(p) for p in transparency.verify_local()],
}}))
"""
    )
