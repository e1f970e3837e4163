"""The core domain error: a message for people (Chinese) and a code for machines."""

from __future__ import annotations

from typing import Any


class CoreError(Exception):
    def __init__(self, message: Any, *, code: str, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
        self.field = field
