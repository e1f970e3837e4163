"""Benchmark the shipped front server (docs/deployment/nginx.conf, issue #24) in front of `gongkai serve`
on the demo county, against nginx serving the same bytes from files, with wrk; then measure how long a
publication takes to show, and a withdrawal to go, through the front.

Run: .venv/bin/python bench/front_bench.py [--data DIR] [--workers 4] [--connections 64] [--seconds 10]
Needs /usr/sbin/nginx and wrk (`apt-get install -y nginx-light wrk`). Without --data a throw-away demo
county is built first (a few minutes); give the same --data again to reuse it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX = "/usr/sbin/nginx"
FILE_SERVER = """worker_processes auto;
pid {dir}/file-nginx.pid;
error_log {dir}/file-nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    server_tokens off;
    sendfile on;
    client_body_temp_path {dir}/file-body;
    proxy_temp_path {dir}/file-proxy;
    fastcgi_temp_path {dir}/file-fastcgi;
    uwsgi_temp_path {dir}/file-uwsgi;
    scgi_temp_path {dir}/file-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/pages;
        default_type "text/html; charset=utf-8";
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def gongkai(env: dict[str, str], *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongkai.cli", *args], env=env, check=True, **kwargs)


def wait_for(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"no answer from {url}") from None
            time.sleep(0.5)


@contextmanager
def process(args: list[str], env: dict[str, str] | None = None, log: Path | None = None):
    out = log.open("wb") if log else subprocess.DEVNULL
    child = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield child
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=60)
        if log:
            out.close()


def nginx_args(config: Path, prefix: Path) -> list[str]:
    extra = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    return [NGINX, "-c", str(config), "-p", str(prefix), "-g", extra]


def get(url: str, headers: dict[str, str] | None = None, data: dict | None = None) -> tuple[int, bytes]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wrk(url: str, connections: int, seconds: int) -> dict[str, str]:
    before = load()
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rate": f"{float(rate):,.0f}/s", "p50": latency.get("50", "?"), "p99": latency.get("99", "?"),
            "errors": errors.group(1) if errors else "0", "load": before}  # fmt: skip


def seconds_until(url: str, seen) -> float:
    started = time.monotonic()
    while not seen(get(url)[1]):
        if time.monotonic() - started > 30:
            return float("inf")
        time.sleep(0.02)
    return time.monotonic() - started


def freshness(env: dict[str, str], front: str, rounds: int) -> tuple[list[float], list[float]]:
    """Publish and withdraw ROUNDS documents through the staff API; seconds until the front shows each."""
    tokens = {
        role: gongkai(env, "token", "create", f"fgj_{role}", capture_output=True, text=True).stdout.strip()
        for role in ("editor", "reviewer")
    }
    units = json.loads(get(f"{front}/api/v1/units?page_size=100")[1])["results"]
    unit = next(u["code"] for u in units if "发展和改革" in u["name"] or "发改" in u["name"])
    shown, gone = [], []
    for n in range(rounds):
        title = f"前端时效测量通知第{n + 1}号{int(time.time())}"

        def act(role: str, path: str, data: dict | None = None) -> dict:
            status, body = get(f"{front}/api/v1/staff/documents{path}",
                               {"Authorization": f"Bearer {tokens[role]}"}, data or {})  # fmt: skip
            assert status in (200, 201), body
            return json.loads(body)

        doc = act("editor", "", {"unit": unit, "title": title, "body": "<p>测量发布到可见的时间。</p>"})
        act("editor", f"/{doc['id']}/submit")
        act("reviewer", f"/{doc['id']}/approve")
        get(f"{front}/xxgk/catalog/")  # the list is in the cache
        act("reviewer", f"/{doc['id']}/publish")
        shown.append(seconds_until(f"{front}/xxgk/catalog/", lambda page, t=title: t.encode() in page))
        act("reviewer", f"/{doc['id']}/withdraw", {"reason": "测量撤回"})
        gone.append(seconds_until(f"{front}/xxgk/catalog/", lambda page, t=title: t.encode() not in page))
    return shown, gone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    if not (Path(NGINX).exists() and shutil.which("wrk")):
        raise SystemExit("needs /usr/sbin/nginx and wrk: apt-get install -y nginx-light wrk")
    data = (options.data or Path(tempfile.mkdtemp(prefix="gongkai-front-bench-"))).resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(GONGKAI_DEMO="1", GONGKAI_DATA_DIR=str(data), GONGKAI_TRUSTED_PROXIES="127.0.0.1",
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]))  # fmt: skip
    if "GONGKAI_DATABASE_URL" in os.environ:
        env["GONGKAI_DATABASE_URL"] = os.environ["GONGKAI_DATABASE_URL"]
    gongkai(env, "migrate", "--no-input", "-v0")
    gongkai(env, "demo", "--if-empty", stdout=subprocess.DEVNULL)

    app_port, front_port, file_port = free_port(), free_port(), free_port()
    app, front = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{front_port}"
    config = (
        (ROOT / "docs/deployment/nginx.conf").read_text()
        .replace("__LISTEN__", f"127.0.0.1:{front_port}")
        .replace("__UPSTREAM__", f"127.0.0.1:{app_port}")
        .replace("__DATA_DIR__", str(data))
    )  # fmt: skip
    (data / "front-bench.conf").write_text(config)
    (data / "file-bench.conf").write_text(FILE_SERVER.format(dir=data, port=file_port))
    with ExitStack() as stack:
        serve = ["serve", "--port", str(app_port), "--workers", str(options.workers)]
        stack.enter_context(process([sys.executable, "-m", "gongkai.cli", *serve], env, data / "serve.log"))
        wait_for(f"{app}/healthz")
        stack.enter_context(process(nginx_args(data / "front-bench.conf", data)))
        wait_for(f"{front}/healthz")
        catalog = get(f"{front}/xxgk/catalog/")[1].decode()
        document = re.search(r'href="(/xxgk/doc/[^"]+)"', catalog).group(1)
        pages = {"home": "/", "list": "/xxgk/catalog/", "document": document}
        (data / "pages").mkdir(exist_ok=True)
        for name, path in pages.items():
            (data / "pages" / f"{name}.html").write_bytes(get(f"{front}{path}")[1])
        stack.enter_context(process(nginx_args(data / "file-bench.conf", data)))
        wait_for(f"http://127.0.0.1:{file_port}/home.html")

        print(
            f"# wrk -t2 -c{options.connections} -d{options.seconds}s; gongkai serve --workers {options.workers}"
        )
        print("| page | nginx, file | shipped front | front/file | app alone | front p50 / p99 | file p99 |")
        print("|---|---|---|---|---|---|---|")
        for name, path in pages.items():
            file = wrk(f"http://127.0.0.1:{file_port}/{name}.html", options.connections, options.seconds)
            through = wrk(f"{front}{path}", options.connections, options.seconds)
            alone = wrk(f"{app}{path}", options.connections, options.seconds)
            ratio = float(through["rate"][:-2].replace(",", "")) / float(file["rate"][:-2].replace(",", ""))
            print(f"| {name} | {file['rate']} | {through['rate']} | {ratio:.0%} | {alone['rate']} | "
                  f"{through['p50']} / {through['p99']} | {file['p99']} | "
                  f"load {file['load']} → {through['load']} → {alone['load']}; non-2xx {through['errors']}")  # fmt: skip
        shown, gone = freshness(env, front, options.rounds)
        print(
            f"publish→visible through the front: median {statistics.median(shown):.2f} s, max {max(shown):.2f} s"
        )
        print(
            f"withdraw→gone through the front:  median {statistics.median(gone):.2f} s, max {max(gone):.2f} s"
        )
        print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
