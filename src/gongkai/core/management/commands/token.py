from typing import Any

from django.core.management.base import CommandParser

from gongkai.core import services
from gongkai.core.management.base import GongkaiCommand, usage_error
from gongkai.core.models import User


class Command(GongkaiCommand):
    help = "Create an API token for a staff user and print it."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{create}")
        create = sub.add_parser("create", help="print a new API token for USERNAME")
        create.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise usage_error(f"no active user {options['username']!r}")
        self.stdout.write(services.token_create(user=user, by=None))
