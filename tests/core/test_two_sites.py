"""Two counties on one installation (issue #24, decision 0037): each site its own processes,
database, data directory and keys, sharing the code, the machine and one Redis — and nothing that
one publishes reaches the other on any public channel, caches included."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from gongkai.core.uscc import make_uscc

from .test_cli import run

REDIS = "redis://127.0.0.1:6379/14"
TITLE = "甲县独有的防汛通知"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.sqlite_file,
    pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379 (sites share one Redis)"),
    pytest.mark.skipif(
        bool(os.environ.get("GONGKAI_DATABASE_URL")), reason="each site keeps its own SQLite file"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, token: str = "", body: dict | None = None) -> tuple[int, str]:
    url = urllib.parse.quote(url, safe=":/?=&%")
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode()


class Site:
    def __init__(self, tmp_path, key: str, name: str, region: str):
        self.key, self.name, self.port = key, name, _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            "GONGKAI_DEMO": "1", "GONGKAI_DATA_DIR": str(tmp_path / key), "GONGKAI_SITE_KEY": key,
            "GONGKAI_REDIS_URL": REDIS, "GONGKAI_DATABASE_URL": "", "GONGKAI_TESTING": "",
        }  # fmt: skip
        self.unit = make_uscc(registry="1", kind="1", region=region, body8="01234567")
        self.server: subprocess.Popen | None = None

    def command(self, *args: str, stdin: str = "") -> str:
        result = run(*args, stdin=stdin, env=self.env, timeout=120)
        assert result.returncode == 0, f"{args}: {result.stderr}{result.stdout}"
        return result.stdout

    def set_up(self, tmp_path) -> None:
        self.command("migrate", "--no-input", "-v0")
        self.command("site", "set", "--site-name", self.name)
        units = tmp_path / f"{self.key}-units.csv"
        units.write_text(f"统一社会信用代码,名称,类别\n{self.unit},{self.name},人民政府\n", encoding="utf-8")
        self.command("import", "units", str(units))
        for role in ("editor", "reviewer"):
            self.command("user", "create", f"{self.key}-{role}", "--role", role, "--unit", self.unit,
                         stdin="Two-sites-pass-2026\n")  # fmt: skip

    def token(self, role: str) -> str:
        return self.command("token", "create", f"{self.key}-{role}").strip()

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gongkai.cli", "serve", "--port", str(self.port), "--workers", "1"],
            env={**env, **self.env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).close()
                return
            except OSError:
                assert self.server.poll() is None, f"site {self.key} stopped"
                assert time.monotonic() < deadline, f"site {self.key} did not answer"
                time.sleep(0.5)

    def stop(self) -> None:
        if self.server:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=30)


CHANNELS = [
    "/", "/xxgk/", "/xxgk/catalog/", "/xxgk/log/", "/search/?q=防汛", "/api/v1/documents",
    "/api/v1/search?q=防汛", "/sitemap.xml", "/feeds/", "/xxgk/units/",
]  # fmt: skip


def test_what_one_county_publishes_never_reaches_the_other(tmp_path):
    a = Site(tmp_path, "county-a", "甲县人民政府", "140929")
    b = Site(tmp_path, "county-b", "乙县人民政府", "140930")
    try:
        for site in (a, b):
            site.set_up(tmp_path)
            site.start()
        for path in CHANNELS:  # both sites' answers are in the shared Redis before A publishes
            assert _get(b.base + path)[0] == 200, path
            assert _get(a.base + path)[0] == 200, path
        editor, reviewer = a.token("editor"), a.token("reviewer")
        status, text = _get(
            a.base + "/api/v1/staff/documents",
            editor,
            {"unit": a.unit, "title": TITLE, "body": "<p>正文</p>"},
        )
        assert status == 201, text
        created = json.loads(text)
        for action, token in (("submit", editor), ("approve", reviewer), ("publish", reviewer)):
            status, text = _get(f"{a.base}/api/v1/staff/documents/{created['id']}/{action}", token, {})
            assert status == 200, f"{action}: {text}"
        status, text = _get(f"{a.base}/api/v1/documents/{created['index_no']}")
        assert status == 200, text
        page = json.loads(text)["url"].replace("http://testserver", "").split(a.base, 1)[-1]
        assert TITLE in _get(a.base + "/")[1] and "甲县人民政府" in _get(a.base + "/")[1]
        for path in [*CHANNELS, page, f"/api/v1/documents/{created['index_no']}"]:
            status, text = _get(b.base + path)
            assert TITLE not in text and "甲县人民政府" not in text, f"site B shows A's item at {path}"
        assert _get(b.base + page)[0] == 404
        assert "乙县人民政府" in _get(b.base + "/")[1] and "乙县人民政府" not in _get(a.base + "/")[1]
    finally:
        a.stop()
        b.stop()
