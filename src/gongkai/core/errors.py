"""Domain errors: a message for people (Chinese), a code for machines, the field at fault."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """The base of every app's rule error (each app raises its own subclass, so callers can tell them apart)."""

    def __init__(self, message: Any, *, code: str, field: str | None = None, details: Any = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
        self.field = field
        self.details = details


class CoreError(DomainError):
    """A rule of the core (units, users, the calendar) said no."""


def full_clean(instance: Any, error: type[DomainError], **options: Any) -> None:
    """Validate INSTANCE, raising ERROR with the first field at fault and its message (the rest in details)."""
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(**options)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise error(messages[0], code="invalid", field=field, details=exc.message_dict) from exc
