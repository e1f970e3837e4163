import json
from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.db import DatabaseError

from gongkai.core.calendar import MAX_DAYS, OutOfRange
from gongkai.core.calendar_data import load_calendar, package_calendar
from gongkai.core.management.base import GongkaiCommand, usage_error


class Command(GongkaiCommand):
    help = "Print the DAYS-th working day strictly after START (YYYY-MM-DD)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("start", help="start date, YYYY-MM-DD (e.g. the receipt date)")
        parser.add_argument("days", help=f"number of working days, 0-{MAX_DAYS}")
        parser.add_argument("--json", action="store_true", help="print the JSON the API returns")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = date.fromisoformat(options["start"])
        except ValueError:
            raise usage_error(f"START {options['start']!r} is not a date in YYYY-MM-DD form") from None
        try:
            days = int(options["days"])
        except ValueError:
            raise usage_error(f"DAYS {options['days']!r} is not a whole number") from None
        if not 0 <= days <= MAX_DAYS:
            raise usage_error(f"DAYS must be between 0 and {MAX_DAYS}, got {days}")
        try:
            calendar = load_calendar()
        except DatabaseError:  # no database here: the package's holiday years still count
            calendar = package_calendar()
        try:
            result = calendar.due_date(start, days)
        except OutOfRange as exc:
            raise usage_error(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(result.due_date.isoformat())
        if result.provisional:
            years = ", ".join(str(y) for y in result.missing_years)
            self.stderr.write(
                f"provisional: no holiday data for {years}; only the statutory holidays and weekends were skipped there (the year's adjusted days are not known)"
                " (import the year with `gongkai calendar import`)"
            )
