"""Measure the personal-data guard on the generated recall set (issue #23): per kind, how many planted
items it found and how many it flagged that nobody planted (decoys: 发文字号, dates, amounts, credit
codes, tracking numbers, the demo county's public phones and contact people).

Run: PYTHONPATH=src:. .venv/bin/python bench/privacy_recall.py [--count 10000] [--seed 23]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))

import django

django.setup()

from bench.privacy_corpus import demo_units, generate, measure, public_contacts, table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args()
    units = demo_units()
    samples = list(generate(args.count, seed=args.seed, units=units))
    start = time.perf_counter()
    rows, mistaken = measure(samples, allow=public_contacts(units))
    took = time.perf_counter() - start
    chars = sum(len(s.text) for s in samples)
    decoys = sum(s.decoys for s in samples)
    print(f"{len(samples):,} texts, {chars:,} characters, {decoys:,} decoy sentences, seed {args.seed}; scanned in {took:.1f} s "
          f"(load average {os.getloadavg()[0]:.1f})\n")  # fmt: skip
    print(table(rows))
    if mistaken:
        print("\nflagged but not planted:", ", ".join(f"{k} ×{n}" for k, n in mistaken.most_common(12)))


if __name__ == "__main__":
    main()
