"""Benchmark the personal-data guard on texts with many matches: scan and redact should grow in
step with the text (issue #23: 16,000 phone numbers took 4.5 s and 32,000 16.5 s to scan).

Run: .venv/bin/python bench/privacy_bench.py
"""

from __future__ import annotations

import random
import time

from gongkai.core import privacy


def text_with(n: int, rng: random.Random) -> str:
    """N lines each holding a name next to a mobile number (two findings a line)."""
    return "".join(
        f"申请人{rng.choice('王李张刘陈')}{rng.choice('明华强敏')}，手机1{rng.randrange(3, 9)}{rng.randrange(10**9):09d}，"
        for _ in range(n)
    )


def main() -> None:
    rng = random.Random(1)
    print(f"{'lines':>7} {'chars':>9} {'findings':>8} {'scan s':>7} {'redact s':>8}")
    for n in (4_000, 16_000, 32_000, 100_000):
        text = text_with(n, rng)
        start = time.perf_counter()
        found = privacy.scan(text)
        scanned = time.perf_counter() - start
        start = time.perf_counter()
        privacy.redact(text, found)
        redacted = time.perf_counter() - start
        print(f"{n:>7} {len(text):>9} {len(found):>8} {scanned:>7.2f} {redacted:>8.2f}")


if __name__ == "__main__":
    main()
