"""Consistent backup and restore of the database and the uploaded files.

SQLite is copied with SQLite's online backup API (safe while serving); PostgreSQL with pg_dump's
custom format; the uploaded files go into one tar. Both are sealed with the encryption key
(`sealed`: AES-256-GCM) and written readable by the owner only, in a directory only the owner may
enter: a copied backup discloses no applicant's data without the key (issue #23 item 13). A manifest
records every file's SHA-256 and the key's check value, so a restore refuses a damaged backup and
one made under another key before touching anything. Keys are never written into a backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import gongkai

from . import crypto, pagecache, sealed

MANIFEST = "manifest.json"
SQLITE_FILE = "gongkai.sqlite3"
PG_FILE = "database.dump"
MEDIA_TAR = "media.tar"
SEALED = ".sealed"


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


@contextmanager
def _private_umask() -> Iterator[None]:
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


@contextmanager
def _workdir(near: Path) -> Iterator[Path]:
    """A private scratch directory beside NEAR (same file system) for the plain copies, removed after."""
    with tempfile.TemporaryDirectory(prefix=".gongkai-", dir=near) as work:
        os.chmod(work, 0o700)
        yield Path(work)


def backup(target: Path) -> dict[str, Any]:
    """Write a sealed backup into TARGET (a new or empty directory, made 0700) and return its manifest."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    with _private_umask():
        target.mkdir(parents=True, exist_ok=True)
        os.chmod(target, 0o700)
        engine = _engine()
        media_files: dict[str, str] = {}
        with _workdir(target.parent) as work:
            if engine == "sqlite":
                source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
                copy = sqlite3.connect(str(work / SQLITE_FILE))
                with copy:
                    source.backup(copy)
                copy.close()
                source.close()
                sealed.seal(work / SQLITE_FILE, target / (SQLITE_FILE + SEALED))
            else:
                subprocess.run(  # noqa: S603  pg_dump/pg_restore by absolute path, an argument list, no shell
                    [
                        _tool("pg_dump"),
                        "--format=custom",
                        "--no-owner",
                        f"--file={work / PG_FILE}",
                        _pg_url(),
                    ],
                    check=True,
                )
                sealed.seal(work / PG_FILE, target / (PG_FILE + SEALED))
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                with tarfile.open(work / MEDIA_TAR, "w") as tar:
                    for path in sorted(media.rglob("*")):
                        if path.is_file():
                            name = str(path.relative_to(media))
                            media_files[name] = _sha256(path)
                            tar.add(path, arcname=name)
                sealed.seal(work / MEDIA_TAR, target / (MEDIA_TAR + SEALED))
        files = {
            str(path.relative_to(target)): _sha256(path)
            for path in sorted(target.rglob("*"))
            if path.is_file()
        }
        manifest = {
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "gongkai_version": gongkai.__version__,
            "migrations": MigrationRecorder.Migration.objects.count(),
            "sealed": True,
            "key_check": crypto.key_check_value(),
            "files": files,
            "media": media_files,
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
    if manifest.get("key_check") not in (None, crypto.key_check_value()):
        raise BackupError(
            "the backup was made under another GONGKAI_ENCRYPTION_KEY; set that key to restore it"
        )
    if _has_data() and not force:
        raise BackupError("the database already holds data; pass --force to replace it")
    database_file = SQLITE_FILE if engine == "sqlite" else PG_FILE
    media_target = Path(settings.MEDIA_ROOT)
    media_target.parent.mkdir(parents=True, exist_ok=True)
    with _private_umask(), _workdir(media_target.parent) as work:
        if manifest.get("sealed"):
            try:
                sealed.open_sealed(source / (database_file + SEALED), work / database_file)
                if (source / (MEDIA_TAR + SEALED)).exists():
                    sealed.open_sealed(source / (MEDIA_TAR + SEALED), work / MEDIA_TAR)
            except sealed.SealError as exc:
                raise BackupError(str(exc)) from None
            database_copy = work / database_file
        else:  # a backup written before sealing (plain files, media as a directory)
            database_copy = source / database_file
        if engine == "sqlite":
            database = Path(settings.DATABASES["default"]["NAME"])
            connection.close()
            for suffix in ("-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(database_copy, database)
        else:
            connection.close()
            subprocess.run(  # noqa: S603  pg_dump/pg_restore by absolute path, an argument list, no shell
                [
                    _tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    f"--dbname={_pg_url()}",
                    str(database_copy),
                ],
                check=True,
            )
        # The embedded search index is derived from the database and not in a backup: this site's
        # would hold a history the restored database no longer has (items withdrawn since shown as
        # missing, later changes numbered below what it applied and skipped). The first search
        # rebuilds it from the restored entries.
        shutil.rmtree(settings.SEARCH_INDEX_DIR, ignore_errors=True)
        if (work / MEDIA_TAR).exists():
            with tarfile.open(work / MEDIA_TAR) as tar:
                tar.extractall(media_target, filter="data")
        elif (source / "media").exists():
            shutil.copytree(source / "media", media_target, dirs_exist_ok=True)
    if not crypto.key_matches():
        raise BackupError(
            "the restored database was encrypted under another GONGKAI_ENCRYPTION_KEY; set that key"
        )
    pagecache.bump()  # no page stored from the replaced database may be served
    return manifest
