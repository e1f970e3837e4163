"""Drive a running `gongkai serve` with many concurrent clients and report each page's figures.

Run: .venv/bin/python bench/load/run.py --url http://127.0.0.1:8000 --clients 200 --duration 60
(see bench/load/README.md for the whole procedure on the demo).

Each client asks, one request after another, for the next page of a mix of home, catalog,
document, search and record pages (the URLs are found on the site itself before the run), over a
pool of up to CLIENTS keep-alive connections that the clients share. The run is bounded: no request starts after DURATION seconds and each one gives up
after TIMEOUT seconds. Printed per page: requests, errors (by kind), p50, p99 and throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx

SEARCHES = ["三公经费", "预算", "政府信息公开", "行政处罚", "岢岚", "年度报告"]
PAGES = ["home", "catalog", "document", "search", "record list", "record"]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)


def links(html: str, prefix: str) -> list[str]:
    """Return the distinct same-site links in HTML that start with PREFIX, in page order."""
    found = re.findall(r'href="(' + re.escape(prefix) + r'[^"#?]+)"', html)
    return list(dict.fromkeys(found))


async def discover(client: httpx.AsyncClient, per_kind: int) -> dict[str, list[str]]:
    """Find the pages to drive on the site itself: documents from the catalog, records from their lists."""
    catalog = (await client.get("/xxgk/catalog/")).raise_for_status().text
    documents = links(catalog, "/xxgk/doc/")[:per_kind]
    index = (await client.get("/records/")).raise_for_status().text
    lists = [url for url in links(index, "/records/") if url.count("/") == 3][:per_kind]
    records: list[str] = []
    for url in lists:
        page = (await client.get(url)).raise_for_status().text
        records += [u for u in links(page, url) if u.count("/") > 3 and "export." not in u][:3]
    if not (documents and lists and records):
        raise SystemExit(
            f"the site has too few pages to drive: {len(documents)} documents, {len(records)} records"
        )
    return {
        "home": ["/"],
        "catalog": ["/xxgk/catalog/"],
        "document": documents,
        "search": [f"/search/?q={quote(word)}" for word in SEARCHES],
        "record list": lists,
        "record": records[:per_kind],
    }


def classify(exc: Exception) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return "reset"
    if isinstance(exc, httpx.ConnectError):
        return "connect"
    return type(exc).__name__


async def one_client(
    number: int, client: httpx.AsyncClient, urls: dict[str, list[str]], until: float, timeout: float,
    tallies: dict[str, Tally],
) -> None:  # fmt: skip
    rng = random.Random(number)
    turn, kinds = number, list(urls)  # clients start at different kinds, so all are asked for at once
    while time.monotonic() < until:
        kind = kinds[turn % len(kinds)]
        turn += 1
        started = time.monotonic()
        try:
            async with asyncio.timeout(timeout):  # the whole request, waiting for a connection included
                response = await client.get(rng.choice(urls[kind]))
        except TimeoutError:
            tallies[kind].errors["timeout"] += 1
            continue
        except httpx.HTTPError as exc:
            tallies[kind].errors[classify(exc)] += 1
            continue
        if response.status_code != 200:
            tallies[kind].errors[f"HTTP {response.status_code}"] += 1
        else:
            tallies[kind].latencies.append(time.monotonic() - started)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by PID and its children (gunicorn's workers), in seconds."""
    import os
    from pathlib import Path

    def own(process: int) -> float:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    tasks = Path(f"/proc/{pid}/task").iterdir()
    children = [int(c) for task in tasks for c in (task / "children").read_text().split()]
    return own(pid) + sum(own(child) for child in children)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(tallies: dict[str, Tally], seconds: float) -> list[dict[str, object]]:
    rows = []
    for kind in [*(kind for kind in PAGES if kind in tallies), "all"]:
        if kind == "all":
            latencies = [x for t in tallies.values() for x in t.latencies]
            errors = sum((t.errors for t in tallies.values()), Counter())
        else:
            latencies, errors = tallies[kind].latencies, tallies[kind].errors
        rows.append(
            {
                "page": kind,
                "ok": len(latencies),
                "errors": dict(errors),
                "p50_ms": round(percentile(latencies, 0.50) * 1000),
                "p99_ms": round(percentile(latencies, 0.99) * 1000),
                "per_s": round(len(latencies) / seconds, 1),
            }
        )
    return rows


async def main(args: argparse.Namespace) -> int:
    async with httpx.AsyncClient(base_url=args.url, timeout=30) as probe:
        urls = await discover(probe, args.per_kind)
    print(
        f"driving {sum(map(len, urls.values()))} URLs with {args.clients} clients for {args.duration} s",
        file=sys.stderr,
    )
    if args.pages:
        urls = {kind: found for kind, found in urls.items() if kind in args.pages.split(",")}
    tallies: dict[str, Tally] = defaultdict(Tally)
    cpu_before = cpu_seconds(args.server_pid) if args.server_pid else 0.0
    started = time.monotonic()
    until = started + args.duration
    # One client object (one TLS context, one pool) whose pool holds a connection per simulated
    # client: 200 client objects each built a TLS context, which blocked the loop for a minute.
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(base_url=args.url, limits=limits, timeout=None) as client:  # noqa: S113 each request sets its own
        await asyncio.gather(
            *(one_client(n, client, urls, until, args.timeout, tallies) for n in range(args.clients))
        )
    seconds = time.monotonic() - started
    rows = report(tallies, seconds)
    if args.server_pid:
        answered = rows[-1]["ok"] + sum(rows[-1]["errors"].values())  # type: ignore[call-overload]
        spent = cpu_seconds(args.server_pid) - cpu_before
        print(
            f"server CPU: {spent:.1f} s for {answered} requests, {1000 * spent / max(1, answered):.1f} ms each"
        )
    if args.json:
        print(
            json.dumps(
                {"clients": args.clients, "seconds": round(seconds, 1), "pages": rows}, ensure_ascii=False
            )
        )
    else:
        print(f"| page | ok | errors | p50 ms | p99 ms | per s |  ({args.clients} clients, {seconds:.1f} s)")
        print("|---|---:|---|---:|---:|---:|")
        for row in rows:
            errors = ", ".join(f"{k} {v}" for k, v in row["errors"].items()) or "0"  # type: ignore[union-attr]
            print(
                f"| {row['page']} | {row['ok']} | {errors} | {row['p50_ms']} | {row['p99_ms']} | {row['per_s']} |"
            )
    return 1 if rows[-1]["errors"] else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60, help="seconds")
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds a request may take before it counts as an error"
    )
    parser.add_argument(
        "--per-kind", type=int, default=20, help="how many documents, lists and records to spread over"
    )
    parser.add_argument("--pages", default="", help=f"only these kinds, comma-separated: {','.join(PAGES)}")
    parser.add_argument("--server-pid", type=int, help="the server's pid: report its CPU time per request")
    parser.add_argument("--json", action="store_true")
    sys.exit(asyncio.run(main(parser.parse_args())))
