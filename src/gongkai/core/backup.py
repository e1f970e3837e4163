"""Consistent backup and restore of the database and the uploaded files.

SQLite is copied with SQLite's online backup API (safe while serving); PostgreSQL with pg_dump's
custom format. Uploaded files are content-addressed and copied as they are. A manifest records every
file's SHA-256, so a restore refuses a damaged backup. Keys are never written into a backup.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import gongkai

MANIFEST = "manifest.json"
SQLITE_FILE = "gongkai.sqlite3"
PG_FILE = "database.dump"


class BackupError(RuntimeError):
    """A backup or restore that cannot go on; the message says why, in English."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _pg_url() -> str:
    url = str(settings.DATABASE_URL)
    return url.replace("postgres://", "postgresql://", 1)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return path


def backup(target: Path) -> dict[str, Any]:
    """Write a backup into TARGET (a new or empty directory) and return its manifest."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    engine = _engine()
    if engine == "sqlite":
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        copy = sqlite3.connect(str(target / SQLITE_FILE))
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
    else:
        subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target / PG_FILE}", _pg_url()],
            check=True,
        )
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, target / "media")
    files = {
        str(path.relative_to(target)): _sha256(path) for path in sorted(target.rglob("*")) if path.is_file()
    }
    manifest = {
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "gongkai_version": gongkai.__version__,
        "migrations": MigrationRecorder.Migration.objects.count(),
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def verify(source: Path) -> dict[str, Any]:
    """Return the manifest of a backup after checking every file against it."""
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{source} has no {MANIFEST}; it is not a Gongkai backup")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if _sha256(path) != expected:
            raise BackupError(f"{name} is damaged (its SHA-256 does not match the manifest)")
    return manifest


def _has_data() -> bool:
    from .models import Unit

    try:
        return Unit.objects.exists()
    except Exception:
        return False


def restore(source: Path, *, force: bool = False) -> dict[str, Any]:
    """Restore a verified backup into the configured database and data directory."""
    manifest = verify(source)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"the backup is of a {manifest['engine']} database but this site uses {engine}")
    if _has_data() and not force:
        raise BackupError("the database already holds data; pass --force to replace it")
    if engine == "sqlite":
        database = Path(settings.DATABASES["default"]["NAME"])
        connection.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source / SQLITE_FILE, database)
    else:
        connection.close()
        subprocess.run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                f"--dbname={_pg_url()}",
                str(source / PG_FILE),
            ],
            check=True,
        )
    media = source / "media"
    if media.exists():
        shutil.copytree(media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return manifest
