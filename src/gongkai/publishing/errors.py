from __future__ import annotations

from typing import Any


class PublishingError(Exception):
    """A publishing rule said no: a message for people (Chinese), a code for machines."""

    def __init__(self, message: Any, *, code: str, field: str | None = None, details: Any = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
        self.field = field
        self.details = details
