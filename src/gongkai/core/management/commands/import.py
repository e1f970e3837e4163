import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core import importing
from gongkai.core.management.base import GongkaiCommand, usage_error


class Command(GongkaiCommand):
    help = "Bulk import a CSV, XLSX or JSON Lines file; idempotent on each kind's natural key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="what the file holds, e.g. documents")
        parser.add_argument("file")
        parser.add_argument(
            "--partial", action="store_true", help="load the good rows even if some rows fail"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        loader = importing.importer(kind)
        if loader is None:
            raise usage_error(f"unknown kind {kind!r}; kinds: {', '.join(importing.kinds())}")
        path = Path(options["file"])
        if not path.is_file():
            raise usage_error(f"{path}: no such file")
        try:
            rows = list(importing.read_rows(path))
        except (ValueError, UnicodeDecodeError) as exc:
            raise usage_error(f"{path}: {exc}") from None
        missing = importing.missing_columns(loader, rows)
        if missing:
            raise usage_error(f"{path}: missing column(s): {', '.join(missing)}")
        report = importing.run(
            loader, rows, partial=options["partial"], progress=self._progress, checking=self._checking,
            again=lambda: importing.importer(kind),
        )  # fmt: skip
        sys.stderr.write("\n")
        for number, field, message in report.errors:
            self.stderr.write(f"row {number}: {field + ': ' if field else ''}{message}")
        if report.errors and not report.committed:
            if report.checked:  # refused while writing: the batches before it are in
                self.stderr.write(
                    f"stopped: {report.written} of {report.total} rows imported before row {report.errors[0][0]}; "
                    "fix it and run again (imported rows are skipped)"
                )
            else:
                self.stderr.write(
                    f"nothing imported: {len(report.errors)} of {report.total} rows have errors (use --partial to load the rest)"
                )
            raise SystemExit(2)
        self.stdout.write(
            f"{kind}: {report.created} created, {report.unchanged} unchanged, {len(report.errors)} failed, {report.total} rows"
        )
        if report.errors:
            raise SystemExit(1)

    def _checking(self, done: int, total: int) -> None:
        self._bar("checking ", done, total)
        if done == total:
            sys.stderr.write("\n")

    def _progress(self, done: int, total: int) -> None:
        self._bar("", done, total)

    def _bar(self, label: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r{label}[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
