from __future__ import annotations

from typing import Any


class RecordError(Exception):
    """A records rule said no: a message for people (Chinese), a code for machines, the field at fault."""

    def __init__(self, message: Any, *, code: str, field: str | None = None, details: Any = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
        self.field = field
        self.details = details
