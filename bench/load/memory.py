"""Print the memory of a process and of its children (gunicorn's workers, say), from /proc.

Run: python3 bench/load/memory.py PID [PID …]
RSS counts every page a process maps; PSS shares each shared page among the processes that map it,
so the PSS column adds up to what the processes take together.
"""

from __future__ import annotations

import sys
from pathlib import Path


def kib(pid: int, name: str, source: str) -> int:
    path = Path(f"/proc/{pid}/{source}")
    for line in path.read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def command(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()[:60]


def main(pids: list[int]) -> None:
    print("| pid | role | RSS MiB | PSS MiB | command |")
    print("|---:|---|---:|---:|---|")
    total_rss = total_pss = 0
    for top in pids:
        for role, pid in [("parent", top), *(("child", child) for child in children(top))]:
            rss, pss = kib(pid, "VmRSS", "status"), kib(pid, "Pss", "smaps_rollup")
            total_rss, total_pss = total_rss + rss, total_pss + pss
            print(f"| {pid} | {role} | {rss / 1024:.0f} | {pss / 1024:.0f} | {command(pid)} |")
    print(f"| | total | {total_rss / 1024:.0f} | {total_pss / 1024:.0f} | |")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]])
