import sys
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core import services
from gongkai.core.errors import CoreError
from gongkai.core.management.base import GongkaiCommand, usage_error
from gongkai.core.models import User
from gongkai.core.queries import unit_by_code


class Command(GongkaiCommand):
    help = "Create a staff user; the password is read from standard input."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{create}")
        create = sub.add_parser("create", help="create a staff user (password on stdin)")
        create.add_argument("username")
        create.add_argument("--role", required=True, help="one of: " + ", ".join(User.Role.values))
        create.add_argument("--unit", default="", help="the unit's 18-character credit code")
        create.add_argument("--name", default="", help="the person's name as shown to colleagues")
        create.add_argument("--email", default="", help="where reminders and password resets are sent")

    def handle(self, *args: Any, **options: Any) -> None:
        role = options["role"]
        if role not in User.Role.values:
            raise usage_error(f"unknown role {role!r}; roles: {', '.join(User.Role.values)}")
        unit = None
        if options["unit"]:
            unit = unit_by_code(options["unit"])
            if unit is None:
                raise usage_error(f"no unit with code {options['unit']!r}")
        elif role != User.Role.ADMIN:
            raise usage_error(f"--unit is required for role {role!r}")
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise usage_error("no password on standard input")
        try:
            user = services.user_create(
                username=options["username"],
                password=password,
                role=role,
                unit=unit,
                by=None,
                display_name=options["name"],
                email=options["email"].strip(),
            )
        except CoreError as exc:
            english = {
                "username_taken": f"username {options['username']!r} already exists",
                "weak_password": "the password is too weak (at least 10 characters, not common, not all digits)",
                "bad_email": f"--email {options['email']!r} is not an e-mail address",
            }
            raise usage_error(english.get(exc.code, exc.code)) from None
        self.stdout.write(f"created {user.username} ({user.role})")
