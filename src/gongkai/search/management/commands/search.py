import sys
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.management.base import GongkaiCommand
from gongkai.search.services import reindex


class Command(GongkaiCommand):
    help = "Search index maintenance: `gongkai search reindex` rebuilds it from the database."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{reindex}")
        sub.add_parser("reindex", help="rebuild the index from every published document and record")

    def handle(self, *args: Any, **options: Any) -> None:
        count = reindex(progress=self._progress)
        sys.stderr.write("\n")
        self.stdout.write(f"search index rebuilt: {count} items")

    def _progress(self, done: int, total: int) -> None:
        if done % 500 and done != total:
            return
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
