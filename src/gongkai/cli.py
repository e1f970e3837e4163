"""The `gongkai` command: Django's management commands, spelled with hyphens."""

import os
import sys

# Commands that read no secret and no stored personal data: they run on a machine with no keys set.
NO_SECRET = {"help", "due_date", "version"}
NO_SECRET_WITH = {"transparency": "--url", "lottery": "verify"}
MISSING_TABLE = ("no such table", "does not exist")


def needs_no_secret(args: list[str]) -> bool:
    """Whether the command in ARGS (without the program name) works without GONGKAI_SECRET_KEY."""
    if not args or args[0] in ("-h", "--help", "--version"):
        return True
    command = args[0]
    return command in NO_SECRET or (command in NO_SECRET_WITH and NO_SECRET_WITH[command] in args[1:])


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    args = list(sys.argv if argv is None else argv)[1:]
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    if needs_no_secret(args):
        os.environ["GONGKAI_EPHEMERAL_KEYS"] = "1"
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["gongkai", *args])
    except ImproperlyConfigured as exc:  # a missing key or a bad setting: the operator's to fix
        print(f"gongkai: {exc}", file=sys.stderr)
        sys.exit(2)
    except DatabaseError as exc:
        if not any(text in str(exc) for text in MISSING_TABLE):
            raise
        print(
            "gongkai: the database has no tables yet; run `gongkai migrate` first "
            f"({str(exc).splitlines()[0]})",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
