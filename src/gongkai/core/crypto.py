"""Personal fields stored encrypted with GONGKAI_ENCRYPTION_KEY, and keyed digests for matching them."""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet
from django.conf import settings


def _fernet() -> Fernet:
    key = hashlib.sha256(("fernet:" + settings.ENCRYPTION_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


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
