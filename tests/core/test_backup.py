"""`gongkai backup` and `gongkai restore` through the command line, on a real SQLite data directory."""

import json

import pytest

from tests.core.test_cli import run


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("site")
    env = {"GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_DATABASE_URL": ""}
    assert run("migrate", "--no-input", "-v0", env=env).returncode == 0
    assert (
        run("demo", env=env, timeout=600).returncode == 0
    )  # the whole county: ~40 s alone, more on a busy machine
    return env, data_dir


def count(env, model):
    script = f"from {model.rsplit('.', 1)[0]} import {model.rsplit('.', 1)[1]} as M; print(M.objects.count())"
    return int(run("shell", "-c", script, env=env).stdout.strip().splitlines()[-1])


def test_backup_then_restore_brings_everything_back(site, tmp_path):
    env, data_dir = site
    documents = count(env, "gongkai.publishing.models.Document")
    result = run("backup", str(tmp_path / "b1"), env=env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "b1" / "manifest.json").read_text())
    assert manifest["engine"] == "sqlite"
    assert any(name.startswith("media/attachments/") for name in manifest["files"])
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
    with (tmp_path / "b2" / "gongkai.sqlite3").open("ab") as handle:
        handle.write(b"x")
    damaged = run("restore", str(tmp_path / "b2"), "--force", env=env)
    assert damaged.returncode == 2 and "damaged" in damaged.stderr
    assert run("backup", str(tmp_path / "b2"), env=env).returncode == 2  # not empty
