#!/usr/bin/env python3
"""Gongkai's public lottery: draw and verify (algorithm gongkai-lottery-1).

This one file is both the algorithm Gongkai draws with and the verifier a citizen downloads from the
lottery page. It needs nothing beyond Python's standard library (3.8 or later) and never imports
Gongkai, so what it computes does not depend on the server, its database or its Python version.

Verify a published draw:

    python3 gongkai-lottery-verify.py draw.json

It exits 0 and prints "OK" only when every published value is recomputed exactly; otherwise it names
what does not match and exits 1 (2 when the file cannot be read).

The algorithm, gongkai-lottery-1 (docs/lottery.md explains it in words):

1. canonical JSON of a value: keys sorted, no insignificant white space, non-ASCII characters written
   as themselves, UTF-8; numbers are integers only.
2. inputs_sha256 = sha256(canonical JSON of "inputs"), hex: the published list (entries with their
   lottery numbers, groups in drawing order, places) as it was announced before the draw.
3. commitment = sha256(UTF-8 bytes of the secret), hex, published before the draw.
4. seed = sha256(F(algorithm) + F(secret) + F(public value) + F(inputs_sha256)), where F(text) is the
   text's UTF-8 bytes preceded by their length as 4 bytes, big-endian.
5. generator: block k = sha256(seed + k as 8 bytes big-endian), k = 0, 1, 2, …; the blocks, one after
   the other, are read as 8-byte big-endian unsigned integers x.
6. an integer below n (n >= 2): limit = 2**64 - (2**64 mod n); read x until x < limit; answer x mod n.
7. each group, in the published group order, is shuffled with Fisher–Yates: for its entries in
   published order, for i from len-1 down to 1, j = integer below i+1, swap positions i and j. One
   generator runs through all groups. With no groups, all entries form one group.
8. order = the groups' shuffled lottery numbers, one group after the other; winners = the first
   "places" numbers of the order.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sys
from collections.abc import Iterator, Sequence
from typing import Any

ALGORITHM = "gongkai-lottery-1"
FORMAT = "gongkai-lottery-draw/1"
WORD = 8  # bytes per generated integer
SPAN = 1 << (8 * WORD)


class LotteryError(ValueError):
    """The inputs or the file are not a lottery this algorithm can draw."""


def canonical_json(value: Any) -> bytes:
    """Return VALUE as canonical JSON bytes (step 1)."""
    _check_json(value, "inputs")
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _check_json(value: Any, where: str) -> None:
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return
    if isinstance(value, float):
        raise LotteryError(f"{where}: numbers must be integers, found {value!r}")
    if isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(item, f"{where}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise LotteryError(f"{where}: keys must be text, found {key!r}")
            _check_json(item, f"{where}.{key}")
        return
    raise LotteryError(f"{where}: {type(value).__name__} is not JSON")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_secret() -> str:
    """Return a fresh secret: 32 random bytes as 64 hex digits."""
    return secrets.token_hex(32)


def commitment(secret: str) -> str:
    """Return the commitment published before the draw (step 3)."""
    return sha256_hex(secret.encode("utf-8"))


def inputs_sha256(inputs: dict[str, Any]) -> str:
    """Return the hash of the published list (step 2)."""
    return sha256_hex(canonical_json(inputs))


def _field(text: str) -> bytes:
    data = text.encode("utf-8")
    return len(data).to_bytes(4, "big") + data


def derive_seed(*, secret: str, public_value: str, inputs_hash: str, algorithm: str = ALGORITHM) -> bytes:
    """Return the 32-byte seed (step 4)."""
    if algorithm != ALGORITHM:
        raise LotteryError(f"unknown algorithm {algorithm!r}; this verifier knows {ALGORITHM!r}")
    return hashlib.sha256(
        _field(algorithm) + _field(secret) + _field(public_value) + _field(inputs_hash)
    ).digest()


class HashGenerator:
    """SHA-256 in counter mode (step 5) with unbiased integers by rejection (step 6)."""

    def __init__(self, seed: bytes) -> None:
        self._seed = seed
        self._words = self._stream()

    def _stream(self) -> Iterator[int]:
        counter = 0
        while True:
            block = hashlib.sha256(self._seed + counter.to_bytes(8, "big")).digest()
            for start in range(0, len(block), WORD):
                yield int.from_bytes(block[start : start + WORD], "big")
            counter += 1

    def next_word(self) -> int:
        return next(self._words)

    def below(self, n: int) -> int:
        """Return an integer in [0, n), every value equally likely."""
        if n < 2:
            raise LotteryError(f"an integer below {n} is not a draw")
        limit = SPAN - SPAN % n
        while True:
            x = self.next_word()
            if x < limit:
                return x % n


def fisher_yates(items: Sequence[Any], generator: HashGenerator) -> list[Any]:
    """Return ITEMS shuffled (step 7)."""
    shuffled = list(items)
    for i in range(len(shuffled) - 1, 0, -1):
        j = generator.below(i + 1)
        shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
    return shuffled


def check_inputs(inputs: Any) -> None:
    """Raise LotteryError naming the first thing that makes INPUTS not drawable."""
    if not isinstance(inputs, dict):
        raise LotteryError("inputs must be an object")
    canonical_json(inputs)
    places = inputs.get("places")
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise LotteryError("inputs.places must be a whole number, 0 or more")
    groups = inputs.get("groups", [])
    if not isinstance(groups, list) or not all(isinstance(g, str) and g for g in groups):
        raise LotteryError("inputs.groups must be a list of group names")
    if len(set(groups)) != len(groups):
        raise LotteryError("inputs.groups names a group twice")
    entries = inputs.get("entries")
    if not isinstance(entries, list):
        raise LotteryError("inputs.entries must be a list")
    seen = set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("number"), str) or not entry["number"]:
            raise LotteryError(f"inputs.entries[{index}] needs a lottery number (text)")
        if entry["number"] in seen:
            raise LotteryError(f"inputs.entries[{index}]: lottery number {entry['number']} appears twice")
        seen.add(entry["number"])
        group = entry.get("group", "")
        if groups and group not in groups:
            raise LotteryError(f"inputs.entries[{index}]: group {group!r} is not one of inputs.groups")
        if not groups and group:
            raise LotteryError(f"inputs.entries[{index}]: group {group!r} given but inputs.groups is empty")


def compute_result(inputs: dict[str, Any], seed: bytes) -> dict[str, list[str]]:
    """Return {"order", "winners"} for INPUTS drawn from SEED (steps 7-8)."""
    check_inputs(inputs)
    groups = inputs.get("groups") or [""]
    generator = HashGenerator(seed)
    order: list[str] = []
    for group in groups:
        members = [e["number"] for e in inputs["entries"] if e.get("group", "") == group]
        order.extend(fisher_yates(members, generator))
    return {"order": order, "winners": order[: inputs["places"]]}


def draw(
    *,
    inputs: dict[str, Any],
    secret: str,
    public_value: str,
    entered_by: str,
    entered_at: str,
    commitment_published_at: str = "",
    about: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Draw INPUTS and return the complete draw.json document that verify() accepts.

    ABOUT (title, id, page address…) is carried along for readers and not part of any hash.
    """
    check_inputs(inputs)
    list_hash = inputs_sha256(inputs)
    seed = derive_seed(secret=secret, public_value=public_value, inputs_hash=list_hash)
    return {
        "format": FORMAT,
        "algorithm": ALGORITHM,
        "about": about or {},
        "inputs": inputs,
        "inputs_sha256": list_hash,
        "commitment": commitment(secret),
        "commitment_published_at": commitment_published_at,
        "secret": secret,
        "public_value": {"value": public_value, "entered_by": entered_by, "entered_at": entered_at},
        "seed": seed.hex(),
        "result": compute_result(inputs, seed),
    }


def verify(document: Any) -> list[str]:
    """Return what does not match in a draw.json DOCUMENT; an empty list when it verifies."""
    if not isinstance(document, dict):
        return ["the file is not a JSON object"]
    if document.get("format") != FORMAT:
        return [f"format is {document.get('format')!r}, expected {FORMAT!r}"]
    if document.get("algorithm") != ALGORITHM:
        return [f"algorithm is {document.get('algorithm')!r}; this verifier knows {ALGORITHM!r}"]
    public = document.get("public_value")
    secret = document.get("secret")
    if not isinstance(secret, str):
        return ["secret is missing (the result is not published yet?)"]
    if not isinstance(public, dict) or not isinstance(public.get("value"), str):
        return ["public_value.value is missing"]
    inputs = document.get("inputs")
    try:
        check_inputs(inputs)
    except LotteryError as exc:
        return [str(exc)]
    problems = []
    list_hash = inputs_sha256(inputs)
    if document.get("inputs_sha256") != list_hash:
        problems.append(
            f"inputs_sha256 does not match the inputs: published {document.get('inputs_sha256')}, "
            f"computed {list_hash}"
        )
    if document.get("commitment") != commitment(secret):
        problems.append(
            f"the secret does not match the commitment published before the draw: published "
            f"{document.get('commitment')}, sha256(secret) is {commitment(secret)}"
        )
    seed = derive_seed(secret=secret, public_value=public["value"], inputs_hash=list_hash)
    if document.get("seed") != seed.hex():
        problems.append(f"seed does not match: published {document.get('seed')}, computed {seed.hex()}")
    expected = compute_result(inputs, seed)
    result = document.get("result")
    if not isinstance(result, dict):
        problems.append("result is missing")
        return problems
    for key in ("order", "winners"):
        if result.get(key) != expected[key]:
            problems.append(f"result.{key} does not match the recomputed draw")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Verify the draw.json named on the command line; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print("usage: gongkai-lottery-verify.py DRAW_JSON", file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    try:
        with open(args[0], encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"cannot read {args[0]}: {exc}", file=sys.stderr)
        return 2
    problems = verify(document)
    for problem in problems:
        print(f"MISMATCH: {problem}", file=sys.stderr)
    if problems:
        print(f"FAILED: {args[0]} does not verify ({len(problems)} problem(s))", file=sys.stderr)
        return 1
    result = document["result"]
    print(
        f"OK: {args[0]} verifies ({ALGORITHM}; {len(result['order'])} entries, "
        f"{len(result['winners'])} winners)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
