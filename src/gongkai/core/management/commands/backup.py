from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.backup import BackupError, backup
from gongkai.core.management.base import GongkaiCommand, usage_error


class Command(GongkaiCommand):
    help = "Write a consistent backup of the database and uploaded files into DIR (new or empty)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup(Path(options["dir"]))
        except BackupError as exc:
            raise usage_error(str(exc)) from None
        self.stdout.write(
            f"backup of the {manifest['engine']} database and {len(manifest['media'])} uploaded files "
            f"written to {options['dir']}, sealed with GONGKAI_ENCRYPTION_KEY"
        )
        self.stdout.write(
            "keys are not in the backup, and it cannot be restored without GONGKAI_ENCRYPTION_KEY: "
            "keep both keys in escrow apart from it"
        )
