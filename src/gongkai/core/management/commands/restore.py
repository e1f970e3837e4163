from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser

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

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore(Path(options["dir"]), force=options["force"])
        except BackupError as exc:
            raise usage_error(str(exc)) from None
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"restored the backup of {manifest['created_at']} ({len(manifest['files'])} files)")
