import json
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.management.base import GongkaiCommand, OneLineParser, usage_error
from gongkai.lottery import algorithm


class Command(GongkaiCommand):
    help = "Recompute a published lottery draw (draw.json) from its published inputs."
    checks_encryption_key = False  # reads only the file it is given

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{verify}", parser_class=OneLineParser
        )
        verify = sub.add_parser("verify", help="exit 0 only when the draw recomputes exactly")
        verify.add_argument("file", help="the draw.json file published with the result")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise usage_error(f"cannot read {path}: {exc}") from None
        problems = algorithm.verify(document)
        for problem in problems:
            self.stderr.write(f"MISMATCH: {problem}")
        if problems:
            self.stderr.write(f"FAILED: {path} does not verify ({len(problems)} problem(s))")
            raise SystemExit(1)
        result = document["result"]
        self.stdout.write(
            f"OK: {path} verifies ({algorithm.ALGORITHM}; {len(result['order'])} entries, "
            f"{len(result['winners'])} winners)"
        )
