from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """An application rule said no: a message for people (Chinese), a code for machines."""

    def __init__(self, message: Any, *, code: str, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
        self.field = field
