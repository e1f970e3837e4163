from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from gongkai.core.management.base import GongkaiCommand, usage_error
from gongkai.core.models import Unit
from gongkai.demo.county import UNIT_STAFF
from gongkai.demo.loader import load_demo, staff_logins


class Command(GongkaiCommand):
    help = "Load the demo county built from the seed report (idempotent); print counts and staff logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing if the database has units")
        parser.add_argument(
            "--force",
            action="store_true",
            help="load the demo outside demo mode (only into an empty database: its logins share a published password)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEMO or settings.DEBUG or settings.TESTING):
            if not options["force"]:
                raise usage_error(
                    "refusing to load the demo county outside demo mode: its staff logins share a published"
                    " password; set GONGKAI_DEMO=1 for a demo site, or pass --force on an empty database"
                )
            if Unit.objects.exists():
                raise usage_error(
                    "refusing --force: the database already holds units; the demo goes only into an empty one"
                )
        if options["if_empty"] and Unit.objects.exists():
            self.stdout.write("database already has data; demo not loaded")
        else:
            result = load_demo()
            for name, total in result.totals.items():
                self.stdout.write(f"{name}: {total} ({result.created.get(name, 0)} new)")
        self.stdout.write("")
        self.stdout.write("Demo staff logins (sign in at /staff/login/):")
        for username, password, role, unit in staff_logins():
            self.stdout.write(f"  {username:<14} {password}  {role}  {unit}")
        prefixes = ", ".join(f"{prefix} ({short})" for short, (prefix, *_names) in UNIT_STAFF.items())
        self.stdout.write("Each unit that answers cases or publishes records has <prefix>_editor, _reviewer")
        self.stdout.write(f"and _head with the same password: {prefixes}.")
        from gongkai.demo.records import DEMO_CASE

        self.stdout.write(
            f"Approval case lookup (/matters/cases/): case {DEMO_CASE[0]}, query code {DEMO_CASE[1]}"
        )
        roles = ", ".join(settings.TWO_FACTOR_ROLES)
        self.stdout.write(f"Roles {roles} bind an authenticator app (TOTP) at first sign-in.")
