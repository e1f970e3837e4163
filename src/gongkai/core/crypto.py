"""Personal fields stored encrypted with GONGKAI_ENCRYPTION_KEY, and keyed digests for matching them."""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

KEY_MISMATCH = (
    "GONGKAI_ENCRYPTION_KEY is not the key this database's personal fields were encrypted with; "
    "set the key that was in use (see the operator guide on key escrow)"
)


class KeyMismatch(RuntimeError):
    """The configured encryption key is not the one the stored personal fields were written with."""

    def __init__(self, message: str = KEY_MISMATCH) -> None:
        super().__init__(message)


def _fernet() -> Fernet:
    key = hashlib.sha256(("fernet:" + settings.ENCRYPTION_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise KeyMismatch from None


def key_check_value(key: str | None = None) -> str:
    """A keyed digest of a fixed text: equal for equal keys, and revealing nothing of the key."""
    secret = settings.ENCRYPTION_KEY if key is None else key
    return hmac.new(secret.encode(), b"gongkai encryption key check v1", hashlib.sha256).hexdigest()


def stored_key_check() -> str | None:
    """The check value stored in the database, or None where there is none (yet)."""
    from .models import KeyCheck

    return KeyCheck.objects.filter(pk=1).values_list("value", flat=True).first()


def ensure_key_check() -> None:
    """Store the current key's check value where the database holds none (after migrating)."""
    from .models import KeyCheck

    if getattr(settings, "EPHEMERAL_KEYS", False):
        return
    KeyCheck.objects.get_or_create(pk=1, defaults={"value": key_check_value()})


def key_matches() -> bool:
    if getattr(settings, "EPHEMERAL_KEYS", False):  # `gongkai help`, `due-date`: nothing encrypted is read
        return True
    stored = stored_key_check()
    return stored is None or hmac.compare_digest(stored, key_check_value())


def require_key() -> None:
    """Raise KeyMismatch (a one-line message) when the configured key is not the database's."""
    if not key_matches():
        raise KeyMismatch


def digest(value: str) -> str:
    """Return a keyed SHA-256 of VALUE: equal inputs match, but the digest reveals nothing by itself."""
    return hmac.new(
        settings.ENCRYPTION_KEY.encode(), value.strip().upper().encode(), hashlib.sha256
    ).hexdigest()


def query_code_digest(number: str, code: str, *, scope: str = "") -> str:
    """Return the stored digest of the query code that goes with a case NUMBER (the code itself is
    shown once and never stored). SCOPE keeps one kind of case's digests apart from another's."""
    prefix = f"{scope}:" if scope else ""
    return hashlib.sha256(f"{prefix}{number}:{code.strip().upper()}".encode()).hexdigest()


def query_code_matches(stored: str, number: str, code: str, *, scope: str = "") -> bool:
    """Whether CODE is the query code of case NUMBER, compared in constant time."""
    return hmac.compare_digest(stored, query_code_digest(number, code, scope=scope))


def shuffled_serial(tag: str, year: int, serial: int) -> int:
    """SERIAL (0–999,999) mapped one-to-one onto 0–999,999 by a keyed four-round Feistel network, so that
    consecutive cases get unrelated numbers: a tracking number does not tell how many cases the county
    had (issue #23 item 7). The key is the encryption key; TAG (one per kind of case) and the year change
    the mapping."""
    left, right = divmod(serial, 1000)
    for round_no in range(4):
        mac = hmac.new(
            settings.ENCRYPTION_KEY.encode(), f"{tag}:{year}:{round_no}:{right}".encode(), hashlib.sha256
        )
        left, right = right, (left + int(mac.hexdigest()[:8], 16)) % 1000
    return left * 1000 + right
