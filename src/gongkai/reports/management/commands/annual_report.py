import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.management.base import GongkaiCommand, usage_error
from gongkai.core.pdf import PdfUnavailable
from gongkai.core.queries import unit_by_code
from gongkai.reports import render
from gongkai.reports.annual import annual_report
from gongkai.reports.views import owner_name


class Command(GongkaiCommand):
    help = "Write the annual report of YEAR (2021 national format) as json, html, docx or pdf."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--unit", default="", help="a unit's credit code; default: the whole county")
        parser.add_argument("--format", required=True, choices=["json", "html", "docx", "pdf"])
        parser.add_argument("-o", "--output", default="", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = None
        if options["unit"]:
            unit = unit_by_code(options["unit"])
            if unit is None:
                raise usage_error(f"no unit with code {options['unit']!r}")
        if not 2000 <= options["year"] <= 2100:
            raise usage_error(f"YEAR must be between 2000 and 2100, got {options['year']}")
        report = annual_report(options["year"], unit)
        owner = owner_name(unit)
        fmt = options["format"]
        try:
            if fmt == "json":
                data = json.dumps(report, ensure_ascii=False, indent=2).encode()
            elif fmt == "html":
                data = render.html(report, owner=owner).encode()
            elif fmt == "docx":
                data = render.docx(report, owner=owner)
            else:
                data = render.pdf(report, owner=owner)
        except PdfUnavailable as exc:
            raise usage_error(f"PDF needs Pango installed (apt-get install libpango-1.0-0): {exc}") from None
        if options["output"]:
            Path(options["output"]).write_bytes(data)
            self.stdout.write(f"wrote {options['output']}")
        else:
            sys.stdout.buffer.write(data)
        for check in report["checks"]:
            self.stderr.write(f"check failed: {check['cell']}: {check['message']}")
