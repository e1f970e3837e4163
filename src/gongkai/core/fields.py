"""Model fields whose values are personal data stored encrypted (issue #23 item 8)."""

from __future__ import annotations

from typing import Any

from django.db import models

from . import crypto

TOKEN_PREFIX = "gAAAAA"  # noqa: S105  not a secret: every Fernet token starts so (version byte, timestamp)


class EncryptedCharField(models.CharField):  # type: ignore[type-arg,unused-ignore]
    """A short text (an identity number) stored encrypted with GONGKAI_ENCRYPTION_KEY and read back
    in plain: a copy of the database, its dumps and its pages on disk hold no such number. MAX_LENGTH
    bounds the plain value (forms, validation); the column holds the longer token. Not for lookups: a
    value encrypts differently each time, so match on a keyed digest kept beside it where needed."""

    def db_type(self, connection: Any) -> str:
        return "text"

    def rel_db_type(self, connection: Any) -> str:
        return "text"

    def cast_db_type(self, connection: Any) -> str:
        return "text"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if not value or str(value).startswith(TOKEN_PREFIX):
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if not value or not str(value).startswith(TOKEN_PREFIX):
            return value  # empty, or written before the field was encrypted (the migration encrypts it)
        return crypto.decrypt(value)
