"""`gongkai backup` and `gongkai restore` through the command line, on a real SQLite data directory."""

import json
import re
import stat

import pytest

from tests.core.test_cli import run
from tests.demo_site import demo_county

pytestmark = pytest.mark.sqlite_file  # its own SQLite files: the same in both runs


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("site") / "data"
    return demo_county(tmp_path_factory, data_dir), data_dir  # the whole county, loaded once per run


def count(env, model):
    script = f"from {model.rsplit('.', 1)[0]} import {model.rsplit('.', 1)[1]} as M; print(M.objects.count())"
    return int(run("shell", "-c", script, env=env).stdout.strip().splitlines()[-1])


def test_backup_then_restore_brings_everything_back(site, tmp_path):
    env, data_dir = site
    documents = count(env, "gongkai.publishing.models.Document")
    result = run("backup", str(tmp_path / "b1"), env=env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "b1" / "manifest.json").read_text())
    assert manifest["engine"] == "sqlite" and manifest["sealed"]
    assert any(name.startswith("attachments/") for name in manifest["media"])
    # Readable by the owner only, and sealed: no applicant's name or phone number in any file.
    assert stat.S_IMODE((tmp_path / "b1").stat().st_mode) == 0o700
    written = [p for p in (tmp_path / "b1").rglob("*") if p.is_file()]
    assert written and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
    plain_db = (data_dir / "gongkai.sqlite3").read_bytes()
    phone = re.search(rb"1[3-9]\d{9}", plain_db).group()
    assert all(phone not in p.read_bytes() and b"SQLite format" not in p.read_bytes() for p in written)
    assert not list(tmp_path.glob(".gongkai-*"))  # the plain scratch copies are gone
    (data_dir / "gongkai.sqlite3").unlink()
    restored = run("restore", str(tmp_path / "b1"), env=env)
    assert restored.returncode == 0, restored.stderr  # an empty site restores without --force
    assert count(env, "gongkai.publishing.models.Document") == documents
    assert run("transparency", "verify", env=env).returncode == 0


def test_restore_refuses_a_site_with_data_and_a_damaged_backup(site, tmp_path):
    env, _data_dir = site
    assert run("backup", str(tmp_path / "b2"), env=env).returncode == 0
    refused = run("restore", str(tmp_path / "b2"), env=env)
    assert refused.returncode == 2 and "--force" in refused.stderr
    other_key = {**env, "GONGKAI_ENCRYPTION_KEY": "another-key-" + "x" * 40}
    wrong = run("restore", str(tmp_path / "b2"), "--force", env=other_key)
    assert wrong.returncode == 2 and "another GONGKAI_ENCRYPTION_KEY" in wrong.stderr
    assert wrong.stderr.strip().count("\n") == 0  # one line
    # Any other command refuses to run under the wrong key, in one line; `check` fails as well.
    refused_key = run("transparency", "verify", env=other_key)
    assert refused_key.returncode == 1 and "GONGKAI_ENCRYPTION_KEY" in refused_key.stderr
    assert refused_key.stderr.strip().count("\n") == 0
    check = run("check", env=other_key)
    assert check.returncode != 0 and "gongkai.E002" in check.stderr
    with (tmp_path / "b2" / "gongkai.sqlite3.sealed").open("ab") as handle:
        handle.write(b"x")
    damaged = run("restore", str(tmp_path / "b2"), "--force", env=env)
    assert damaged.returncode == 2 and "damaged" in damaged.stderr
    assert run("backup", str(tmp_path / "b2"), env=env).returncode == 2  # not empty


def test_restoring_an_older_backup_keeps_the_public_log_going_forward(site, tmp_path):
    """Entries published after the backup were seen by the public: the restore does not reuse their
    numbers but records itself as the next entry, linked to the last one seen (issue #23 item 14)."""
    env, _data_dir = site
    assert run("backup", str(tmp_path / "older"), env=env).returncode == 0
    head_script = "from gongkai.core import transparency as t; print(*t.head())"

    def last_line(*args):
        result = run(*args, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1].split()

    before = last_line("shell", "-c", head_script)
    publish = (
        "from gongkai.core import transparency as t; from django.db import transaction\n"
        "with transaction.atomic(): t.append(action='publish', object_type='probe', index_no='P-1', version=1, content=None)"
    )
    assert run("shell", "-c", publish, env=env).returncode == 0
    seen_seq, seen_hash = last_line("shell", "-c", head_script)
    assert int(seen_seq) == int(before[0]) + 1
    restored = run("restore", str(tmp_path / "older"), "--force", env=env)
    assert restored.returncode == 0, restored.stderr
    assert f"entry {int(seen_seq) + 1} records the restore" in restored.stdout
    after_seq, _after_hash = last_line("shell", "-c", head_script)
    assert int(after_seq) == int(seen_seq) + 1  # no number the public saw names another entry
    entry = last_line(
        "shell", "-c",
        f"from gongkai.core.models import TransparencyEntry as E; e = E.objects.get(seq={after_seq}); "
        "print(e.action, e.prev_hash, e.version, e.content_sha256)",
    )  # fmt: skip
    assert entry == ["restore", seen_hash, before[0], before[1]]
    assert run("transparency", "verify", env=env).returncode == 0
    bad = run("restore", str(tmp_path / "older"), "--force", "--seen-head", "12:xyz", env=env)
    assert bad.returncode == 2 and "--seen-head" in bad.stderr
