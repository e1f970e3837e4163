"""The demo county loaded once per test run into a SQLite data directory, and copied for each test that
runs `gongkai` commands against it (backup, restore, the command line).

Loading the whole county takes one to three minutes; three modules used to load it each, and under
pytest-xdist each worker loaded it again. The first worker to ask builds it under a file lock in the
run's shared temporary directory; the others wait for it and copy it. A copy is a plain file copy of a
closed SQLite database (no server holds it open), so every test gets the same county and may change it.
"""

import fcntl
import os
import shutil
from pathlib import Path

from tests.core.test_cli import run

# Fixed keys for the shared county: a copy must be readable, and restorable, with the keys it was made with.
KEYS = {
    "GONGKAI_SECRET_KEY": "test-only-secret-key-for-the-shared-demo-county-0123456789",
    "GONGKAI_ENCRYPTION_KEY": "test-only-encryption-key-for-the-shared-demo-county-0123",
}


def _shared_root(tmp_path_factory) -> Path:
    """The directory every xdist worker of this run shares (the run's base temp, one level up)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _built(tmp_path_factory) -> tuple[Path, str]:
    """The loaded county's data directory and the demo command's output, built once per run."""
    root = _shared_root(tmp_path_factory)
    site, ready = root / "demo-county", root / "demo-county.ready"
    with open(root / "demo-county.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if the build fails
        if not ready.exists():
            shutil.rmtree(site, ignore_errors=True)
            site.mkdir()
            env = {"GONGKAI_DATA_DIR": str(site), "GONGKAI_DATABASE_URL": "", **KEYS}
            migrated = run("migrate", "--no-input", "-v0", env=env, timeout=600)
            assert migrated.returncode == 0, migrated.stderr
            loaded = run("demo", env=env, timeout=1800)  # ~1 minute alone; more on a busy machine
            assert loaded.returncode == 0, loaded.stderr
            ready.write_text(loaded.stdout, encoding="utf-8")
    return site, ready.read_text(encoding="utf-8")


def demo_output(tmp_path_factory) -> str:
    """What `gongkai demo` printed when it loaded the shared county."""
    return _built(tmp_path_factory)[1]


def demo_county(tmp_path_factory, into: Path) -> dict:
    """A copy of the loaded demo county in INTO (which must not exist); the environment to run it with."""
    site, _output = _built(tmp_path_factory)
    shutil.copytree(site, into)
    return {"GONGKAI_DATA_DIR": str(into), "GONGKAI_DATABASE_URL": "", **KEYS}
