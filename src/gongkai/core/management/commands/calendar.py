from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core import services
from gongkai.core.calendar_data import CalendarFileError, load_calendar, parse_holiday_file
from gongkai.core.management.base import GongkaiCommand, usage_error


class Command(GongkaiCommand):
    help = "Import or show a year's holidays and adjusted working days."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import,show}")
        imp = sub.add_parser("import", help="load one year's holiday file (CSV: date,kind,name)")
        imp.add_argument("file")
        imp.add_argument("--source", default="", help="the notice it comes from, e.g. 国办发明电〔2026〕7号")
        show = sub.add_parser("show", help="list the non-working and adjusted working days of a year")
        show.add_argument("year", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(Path(options["file"]), options["source"])
        else:
            self._show(options["year"])

    def _import(self, path: Path, source: str) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise usage_error(f"{path}: no such file") from None
        except UnicodeDecodeError:
            raise usage_error(f"{path}: not UTF-8 text") from None
        try:
            year, lines = parse_holiday_file(text)
        except CalendarFileError as exc:
            raise usage_error(f"{path}: {exc}") from None
        services.calendar_import(year=year, lines=lines, source=source or path.name, by=None)
        holidays = sum(1 for line in lines if line.kind == "holiday")
        self.stdout.write(
            f"imported {year}: {holidays} holidays, {len(lines) - holidays} adjusted working days"
        )

    def _show(self, year: int) -> None:
        calendar = load_calendar()
        if not calendar.has_data(year):
            self.stdout.write(
                f"{year}: no holiday data (statutory holidays and weekends only; due dates are provisional)"
            )
            return
        days = sorted(
            [(d, "holiday", n) for d, n in calendar.holidays.items() if d.year == year]
            + [(d, "workday", n) for d, n in calendar.workdays.items() if d.year == year]
        )
        for day, kind, name in days:
            self.stdout.write(f"{day.isoformat()},{kind},{name}")
