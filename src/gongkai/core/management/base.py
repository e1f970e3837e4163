"""The base of every `gongkai` command: bad arguments give one line on stderr and exit code 2."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser


class OneLineParser(CommandParser):
    def error(self, message: str) -> NoReturn:
        if self.called_from_command_line:
            sys.stderr.write(f"{self.prog}: error: {message}\n")
            sys.exit(2)
        raise CommandError(f"Error: {message}")


class GongkaiCommand(BaseCommand):
    # Refuse to run, in one line, when GONGKAI_ENCRYPTION_KEY is not the database's (issue #23 item 12).
    checks_encryption_key = True

    def execute(self, *args: Any, **options: Any) -> Any:
        if self.checks_encryption_key:
            from django.db.utils import DatabaseError

            from gongkai.core import crypto

            try:
                matches = crypto.key_matches()
            except DatabaseError:  # no database yet, or a command that needs none
                matches = True
            if not matches:
                raise CommandError(crypto.KEY_MISMATCH, returncode=1)
        return super().execute(*args, **options)

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name.replace("_", "-"), subcommand.replace("_", "-"), **kwargs)
        parser.__class__ = OneLineParser
        return parser


def usage_error(message: str) -> CommandError:
    """Return the error for bad input: printed as one line, exit code 2."""
    return CommandError(message, returncode=2)
