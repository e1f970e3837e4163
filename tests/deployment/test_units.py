"""docs/deployment's systemd units and settings (issue #24): systemd accepts the units, the app servers
never migrate, and the environment example names only settings that exist."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gongkai

from .front import DEPLOYMENT

pytestmark = pytest.mark.sqlite_file  # its own SQLite files: the same in both runs

UNITS = sorted(DEPLOYMENT.glob("*.service")) + sorted(DEPLOYMENT.glob("*.timer"))
SETTINGS = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "settings.py"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path):
    """Paths as installed (/opt/gongkai) become this checkout and the venv that runs the tests."""
    repo = DEPLOYMENT.parents[1]
    for unit in UNITS:
        text = unit.read_text().replace("/opt/gongkai/.venv/bin/", f"{Path(sys.executable).parent}/")
        (tmp_path / unit.name).write_text(text.replace("/opt/gongkai", str(repo)))
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / unit.name) for unit in UNITS)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0 and result.stderr == "", result.stderr


@pytest.mark.parametrize("name", ["gongkai-web.service", "gongkai-worker.service"])
def test_the_app_units_run_unprivileged_with_the_keys_from_a_file(name):
    text = (DEPLOYMENT / name).read_text()
    for line in ("User=gongkai", "WorkingDirectory=/opt/gongkai", "EnvironmentFile=/etc/gongkai/gongkai.env"):
        assert line in text.splitlines()
    assert "Restart=on-failure" in text and "NoNewPrivileges=yes" in text


def test_app_servers_never_migrate_at_start():
    start = re.search(r"^ExecStart=(.*)$", (DEPLOYMENT / "gongkai-web.service").read_text(), re.M).group(1)
    assert " serve " in start and "--no-migrate" in start


def test_the_environment_example_names_only_real_settings():
    example = (DEPLOYMENT / "gongkai.env.example").read_text()
    named = set(re.findall(r"^(GONGKAI_[A-Z0-9_]+)=", example, re.M))
    settings = SETTINGS.read_text()
    assert {name for name in named if f'"{name}"' not in settings} == set()
    assert {"GONGKAI_SECRET_KEY", "GONGKAI_ENCRYPTION_KEY", "GONGKAI_ALLOWED_HOSTS"} <= named
    assert {
        "GONGKAI_DATABASE_URL",
        "GONGKAI_REDIS_URL",
        "GONGKAI_TRUSTED_PROXIES",
        "GONGKAI_DATA_DIR",
    } <= named


def test_the_backup_job_writes_a_backup_and_removes_only_old_ones(tmp_path):
    command = tmp_path / "gongkai"  # this checkout's `gongkai`, as the venv's would be when installed
    command.write_text(f'#!/bin/sh\nexec {sys.executable} -m gongkai.cli "$@"\n')
    command.chmod(0o755)
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(Path(gongkai.__file__).parents[1]),
        "GONGKAI_DEMO": "1",
        "GONGKAI_DATA_DIR": str(tmp_path / "data"),
        "GONGKAI_BIN": str(command),
        "BACKUP_ROOT": str(tmp_path / "backups"),
        "BACKUP_KEEP_DAYS": "30",
    }
    subprocess.run([env["GONGKAI_BIN"], "migrate", "--no-input", "-v0"], env=env, check=True, timeout=300)
    old, recent = tmp_path / "backups" / "20250101-023000", tmp_path / "backups" / "20261201-023000"
    for kept in (old, recent, tmp_path / "backups" / "offsite-copy"):
        kept.mkdir(parents=True)
        subprocess.run(["touch", "-d", "40 days ago", str(kept)], check=True)
    subprocess.run(["touch", "-d", "3 days ago", str(recent)], check=True)

    result = subprocess.run(
        [str(DEPLOYMENT / "gongkai-backup")], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    left = {path.name for path in (tmp_path / "backups").iterdir()}
    new = left - {"20261201-023000", "offsite-copy"}
    assert len(new) == 1 and (tmp_path / "backups" / new.pop() / "manifest.json").exists()
    assert {"20261201-023000", "offsite-copy"} <= left and "20250101-023000" not in left
