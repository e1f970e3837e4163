"""A backup restored into a fresh database and data directory gives back every row of every table and
every uploaded file, byte for byte (issue #23): on SQLite, and on PostgreSQL in the suite's
PostgreSQL run (GONGKAI_DATABASE_URL set), through `gongkai backup` and `gongkai restore`."""

import json
import os
import uuid
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest

from tests.core.test_cli import run
from tests.demo_site import KEYS, demo_county

STATE = Path(__file__).with_name("site_state.py").read_text(encoding="utf-8")
FILL = Path(__file__).with_name("site_fill.py").read_text(encoding="utf-8")


def databases(count: int) -> tuple[list[str], object]:
    """COUNT fresh database URLs of the engine the suite runs on, and a function that drops them."""
    url = os.environ.get("GONGKAI_DATABASE_URL", "")
    if not url:
        return [""] * count, lambda: None
    parts = urlparse(url)
    names = [f"gk_roundtrip_{uuid.uuid4().hex[:10]}" for _ in range(count)]
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return [parts._replace(path=f"/{name}").geturl() for name in names], drop


def state(env: dict) -> dict:
    result = run("shell", "-c", STATE, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def roundtrip(tmp_path_factory):
    """The demo county backed up from one site and restored into a new one; both sites' state."""
    (source_url, target_url), drop = databases(2)
    root = tmp_path_factory.mktemp("roundtrip")
    source = {"GONGKAI_DATA_DIR": str(root / "source"), "GONGKAI_DATABASE_URL": source_url, **KEYS}
    target = {"GONGKAI_DATA_DIR": str(root / "target"), "GONGKAI_DATABASE_URL": target_url, **KEYS}
    (root / "target").mkdir()
    try:
        if source_url:  # PostgreSQL: the county is loaded into the fresh database
            (root / "source").mkdir()
            assert run("migrate", "--no-input", "-v0", env=source, timeout=600).returncode == 0
            loaded = run("demo", env=source, timeout=1800)  # ~2 minutes alone; much more on a busy machine
            assert loaded.returncode == 0, loaded.stderr
        else:  # SQLite: a copy of the county the run has loaded once
            demo_county(tmp_path_factory, root / "source")
        # A row in every table the demo county leaves empty (a session, a site-check run, …).
        topped_up = run("shell", "-c", FILL, env=source, timeout=300)
        assert topped_up.returncode == 0, topped_up.stderr
        backed_up = run("backup", str(root / "backup"), env=source, timeout=300)
        assert backed_up.returncode == 0, backed_up.stderr
        restored = run("restore", str(root / "backup"), env=target, timeout=300)
        assert restored.returncode == 0, restored.stderr
        yield state(source), state(target), target, source
    finally:
        drop()


def test_the_dataset_fills_every_table_and_stores_files(roundtrip):
    before, _after, _env, _source = roundtrip
    assert [table for table, (rows, _digest) in before["tables"].items() if rows == 0] == []
    assert any(name.startswith("attachments/") for name in before["files"])


def test_every_row_of_every_table_comes_back(roundtrip):
    before, after, _env, _source = roundtrip
    differ = sorted(
        t
        for t in before["tables"].keys() | after["tables"].keys()
        if before["tables"].get(t) != after["tables"].get(t)
    )
    assert differ == []
    assert after["all_tables"] == before["all_tables"]
    assert after["sequences"] == before["sequences"]  # new rows are numbered after the restored ones


def test_every_uploaded_file_comes_back_byte_for_byte(roundtrip):
    before, after, _env, _source = roundtrip
    assert before["files"] and after["files"] == before["files"]


def test_the_restored_site_serves_and_verifies(roundtrip):
    _before, _after, env, _source = roundtrip
    verified = run("transparency", "verify", env=env, timeout=300)
    assert verified.returncode == 0, verified.stderr
    assert run("check", env=env).returncode == 0


SEARCH_FOR_FIRST_DOCUMENT = """
from django.test import Client
from django.utils import timezone
from gongkai.publishing.models import Document
document = Document.objects.filter(status="published", publish_at__lte=timezone.now()).order_by("pk").first()
if WITHDRAW:
    from gongkai.core.models import User
    from gongkai.publishing import services
    document = services.document_withdraw(document=document, by=User.objects.get(username="admin"), reason="核查")
page = Client().get("/search/", {"q": document.title}, HTTP_HOST="127.0.0.1").content.decode()
print(document.status, document.get_absolute_url() in page)
"""


def test_search_after_a_restore_finds_what_the_backup_holds(roundtrip, tmp_path):
    """The search index lives beside the database, not in the backup: after a restore it must not stay
    ahead of the restored database, or a document public again is not found (nor, later, new ones)."""
    env = roundtrip[3]  # the site backed up: restored over, unlike the fresh one above

    def search(withdraw: bool) -> list[str]:
        result = run(
            "shell", "-c", f"WITHDRAW = {withdraw}\n{SEARCH_FOR_FIRST_DOCUMENT}", env=env, timeout=300
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split()[-2:]

    assert search(withdraw=False) == ["published", "True"]
    assert run("backup", str(tmp_path / "before"), env=env).returncode == 0
    assert search(withdraw=True) == ["withdrawn", "False"]  # the index has caught up with the withdrawal
    assert run("restore", str(tmp_path / "before"), "--force", env=env).returncode == 0
    assert search(withdraw=False) == ["published", "True"]
