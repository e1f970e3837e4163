"""Benchmark the page cache (issue #24, decision 0030) on the demo site.

Prepare the demo once, then run (from the repository):

    export GONGKAI_DEMO=1 GONGKAI_DATA_DIR=/tmp/demo-bench
    .venv/bin/gongkai migrate --no-input && .venv/bin/gongkai demo
    .venv/bin/python bench/pagecache_bench.py [--requests 300] [--http] [--port 8765] [--seconds 10]

In process (Django's request handler, no network): requests/s, p50 and p99 of the home page, a list
and a document page, with the cache off (every request rendered) and on (every request but the
first served from it). With --http, when `wrk` and `nginx` are installed: `gongkai serve` (2 workers,
as shipped) against nginx serving the very same bytes from files, 32 connections each, as a ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_DEMO", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from gongkai.core import pagecache  # noqa: E402
from gongkai.publishing.models import Document  # noqa: E402
from gongkai.publishing.queries import public_documents  # noqa: E402

LIST = "/xxgk/catalog/"


def pages() -> dict[str, str]:
    document = public_documents().order_by("-publish_at").first()
    if document is None:
        sys.exit("no public document: load the demo first (see the docstring)")
    assert isinstance(document, Document)
    return {"home": "/", "list": LIST, "document": document.get_absolute_url()}


def timed(handler: WSGIHandler, path: str, n: int) -> list[float]:
    """Serve PATH N times through Django's whole middleware stack; return each time in seconds."""
    factory = RequestFactory()
    times = []
    for _ in range(n):
        environ = factory.get(path, HTTP_HOST="127.0.0.1").environ
        started = time.perf_counter()
        response = handler(environ, lambda status, headers: None)
        b"".join(response)
        response.close()  # as a server does: request_finished, connections closed or kept
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
    return times


def figures(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{len(times) / sum(times):9,.0f}/s  p50 {statistics.median(times) * 1000:7.2f} ms  p99 {p99 * 1000:7.2f} ms"


def in_process(paths: dict[str, str], n: int) -> None:
    handler = WSGIHandler()
    print(f"In process, {n} requests each (load average {os.getloadavg()[0]:.2f}):")
    before = pagecache.generation()
    for name, path in paths.items():
        settings.PAGE_CACHE_SECONDS = 0
        timed(handler, path, 3)  # warm the process (templates, QR code, connections)
        cold = timed(handler, path, n)
        settings.PAGE_CACHE_SECONDS = 600
        caches["pages"].clear()
        cached = timed(handler, path, n + 1)[1:]
        print(f"  {name:9} off {figures(cold)}   on {figures(cached)}")
    if pagecache.generation() != before:
        print("  warning: reading public pages started a new generation (a watched row was written)")


def wrk(url: str, seconds: int, connections: int) -> tuple[float, str]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    return rate, p99


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"{url} did not answer within {timeout:.0f} s")


NGINX = """daemon off; worker_processes 2; pid {root}/nginx.pid; error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; default_type text/html; server {{ listen 127.0.0.1:{port}; root {root}/www;
  location / {{ try_files $uri $uri/index.html =404; }} }} }}
"""


def over_http(paths: dict[str, str], port: int, seconds: int, connections: int) -> None:
    if not (shutil.which("wrk") and shutil.which("nginx")):
        print("HTTP comparison skipped: wrk or nginx is not installed (apt-get install -y wrk nginx)")
        return
    root = Path(tempfile.mkdtemp(prefix="gongkai-nginx-"))
    root.chmod(0o755)  # nginx's workers may run as another user
    serve = subprocess.Popen(
        [sys.executable, "-c", "from gongkai.cli import main; main()", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    nginx = None
    try:
        app = f"http://127.0.0.1:{port}"
        wait_for(app + "/")
        for path in paths.values():  # nginx gets the very bytes the application sends
            target = root / "www" / path.lstrip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(urllib.request.urlopen(app + path).read())
        (root / "nginx.conf").write_text(NGINX.format(root=root, port=port + 1))
        nginx = subprocess.Popen(
            ["nginx", "-e", str(root / "error.log"), "-c", str(root / "nginx.conf"), "-p", str(root)]
        )
        wait_for(f"http://127.0.0.1:{port + 1}/")
        print(f"Over HTTP, wrk -t2 -c{connections} -d{seconds}s (load average {os.getloadavg()[0]:.2f}):")
        for name, path in paths.items():
            wrk(app + path, 3, connections)  # every server process stores the page first
            served_rate, served_p99 = wrk(app + path, seconds, connections)
            file_rate, file_p99 = wrk(f"http://127.0.0.1:{port + 1}{path}", seconds, connections)
            print(
                f"  {name:9} gongkai serve {served_rate:9,.0f}/s p99 {served_p99:>8}   nginx file "
                f"{file_rate:9,.0f}/s p99 {file_p99:>8}   ratio {served_rate / file_rate:6.1%}"
                f"   (load {os.getloadavg()[0]:.2f})"
            )
    finally:
        for process in (nginx, serve):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--http", action="store_true", help="also compare gongkai serve with nginx (wrk)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    paths = pages()
    in_process(paths, args.requests)
    if args.http:
        over_http(paths, args.port, args.seconds, args.connections)


if __name__ == "__main__":
    main()
