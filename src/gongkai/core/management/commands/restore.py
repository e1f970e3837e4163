import contextlib
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser
from django.db import DatabaseError, transaction

from gongkai.core import transparency
from gongkai.core.backup import BackupError, restore
from gongkai.core.management.base import GongkaiCommand, usage_error


class Command(GongkaiCommand):
    help = "Restore a backup written by `gongkai backup`, after checking every file against its manifest."
    # The database being replaced may be under another key; the backup's own key is checked instead.
    checks_encryption_key = False
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir")
        parser.add_argument("--force", action="store_true", help="replace a database that already holds data")
        parser.add_argument(
            "--seen-head",
            default="",
            metavar="SEQ:HASH",
            help="the publication log's head the public last saw (GET /api/v1/transparency/head), "
            "when the database being replaced is lost; the log goes on past it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seen = [self._seen_head(options["seen_head"])] if options["seen_head"] else []
        with contextlib.suppress(DatabaseError):  # no database yet
            seen.append(transparency.head())  # the log the public saw, from the database being replaced
        try:
            manifest = restore(Path(options["dir"]), force=options["force"])
        except BackupError as exc:
            raise usage_error(str(exc)) from None
        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            bridge = transparency.restore_bridge(max(seen)) if seen else None
        if bridge is not None:
            self.stdout.write(
                f"the backup's publication log ended at entry {bridge.version}; entry {bridge.seq} records "
                f"the restore and links to entry {bridge.seq - 1}, the last the public saw"
            )
        self.stdout.write(f"restored the backup of {manifest['created_at']} ({len(manifest['files'])} files)")

    @staticmethod
    def _seen_head(text: str) -> tuple[int, str]:
        seq, _, digest = text.partition(":")
        if not seq.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise usage_error(f"--seen-head must be SEQ:HASH (a number and 64 hex digits), got {text!r}")
        return int(seq), digest
