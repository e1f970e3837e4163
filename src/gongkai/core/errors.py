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
