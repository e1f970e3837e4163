"""Files sealed with the site's encryption key: streamed AES-256-GCM in chunks (issue #23 item 13).

A backup holds applicants' names, phones and addresses; sealed, a copied backup discloses nothing
without GONGKAI_ENCRYPTION_KEY. The format: a magic line, an 8-byte random nonce prefix, then chunks
of at most 1 MiB, each as a 4-byte length and its ciphertext. A chunk's nonce is the prefix and its
number, and its associated data says whether it is the last: chunks cannot be reordered, dropped or
cut off without the opening failing.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

MAGIC = b"GONGKAI-SEALED-1\n"
CHUNK = 1 << 20


class SealError(ValueError):
    """A sealed file that cannot be opened: the wrong key, or damaged."""


def _key() -> bytes:
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"gongkai sealed files v1")
    return kdf.derive(settings.ENCRYPTION_KEY.encode())


def _aad(number: int, last: bool) -> bytes:
    return struct.pack(">I?", number, last)


def seal(source: Path, target: Path) -> None:
    """Write SOURCE sealed into TARGET (created readable by the owner only)."""
    aead, prefix = AESGCM(_key()), os.urandom(8)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with source.open("rb") as plain, os.fdopen(descriptor, "wb") as out:
        out.write(MAGIC + prefix)
        number, chunk = 0, plain.read(CHUNK)
        while True:
            following = plain.read(CHUNK) if chunk else b""
            last = not following
            sealed = aead.encrypt(prefix + struct.pack(">I", number), chunk, _aad(number, last))
            out.write(struct.pack(">I", len(sealed)) + sealed)
            if last:
                break
            number, chunk = number + 1, following


def open_sealed(source: Path, target: Path) -> None:
    """Write the contents of the sealed SOURCE into TARGET (owner only); SealError if it cannot."""
    aead = AESGCM(_key())
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with source.open("rb") as sealed_file, os.fdopen(descriptor, "wb") as out:
        if sealed_file.read(len(MAGIC)) != MAGIC:
            raise SealError(f"{source.name} is not a sealed file")
        prefix, number = sealed_file.read(8), 0
        while True:
            size = sealed_file.read(4)
            if len(size) != 4:
                raise SealError(f"{source.name} is cut off")
            sealed = sealed_file.read(struct.unpack(">I", size)[0])
            for last in (False, True):
                try:
                    plain = aead.decrypt(prefix + struct.pack(">I", number), sealed, _aad(number, last))
                    break
                except InvalidTag:
                    continue
            else:
                raise SealError(
                    f"{source.name} cannot be opened: sealed with another GONGKAI_ENCRYPTION_KEY, or damaged"
                )
            out.write(plain)
            if last:
                if sealed_file.read(1):
                    raise SealError(f"{source.name} has data after its last chunk")
                return
            number += 1
