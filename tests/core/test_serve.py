"""`gongkai serve` as deployed: the production server's answers name no software (issue #23 item 10)."""

import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.sqlite_file  # its own SQLite files: the same in both runs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_served_pages_send_no_server_software(tmp_path):
    """...and the access log keeps the pages but not a monitor's `/healthz` polls."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.update(GONGKAI_DEMO="1", GONGKAI_DATA_DIR=str(tmp_path))
    log = tmp_path / "access.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gongkai.cli", "serve", "--port", str(port), "--workers", "1"],
            env=env, stdout=out, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 150
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    headers = answer.headers
                break
            except urllib.error.HTTPError as error:  # an answer all the same
                headers = error.headers
                error.close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-2000:] if server.stderr else ""
                assert time.monotonic() < deadline, "gongkai serve did not answer"
                time.sleep(0.5)
        assert headers["Server"] == "gongkai"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as answer:
            assert answer.status == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/xxgk/catalog/", timeout=30) as answer:
            assert answer.status == 200
        # A kept-alive connection idle for a few seconds is still open: a front's pool (or a client's)
        # that reuses it must not meet a close in flight (gunicorn's default keeps 2 s).
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for pause in (0, 4):
            time.sleep(pause)
            connection.request("GET", "/robots.txt")
            answer = connection.getresponse()
            answer.read()
            assert answer.status == 200 and answer.getheader("Connection") != "close"
        connection.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if server.stderr:
            server.stderr.close()
    logged = log.read_text()
    assert "GET /xxgk/catalog/" in logged
    assert "/healthz" not in logged


def test_app_servers_started_with_no_migrate_never_migrate(tmp_path):
    """Migrations run once per upgrade (`gongkai migrate`), not by every app server at start (issue #24)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.update(GONGKAI_DEMO="1", GONGKAI_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "serve", "--no-migrate", "--port", str(_free_port())],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "run `gongkai migrate` once" in result.stderr
    with sqlite3.connect(tmp_path / "gongkai.sqlite3") as database:
        tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "publishing_document" not in tables


def test_the_production_profile_passes_check_deploy(tmp_path):
    """HSTS, the https redirect behind the trusted proxy, frames denied: `check --deploy` of the
    production profile names none of W004, W008, W019 (issue #23 item 10)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.update(
        GONGKAI_DATA_DIR=str(tmp_path), GONGKAI_SECRET_KEY="s" * 20 + "-production-secret-key-0123456789abcdef",
        GONGKAI_ENCRYPTION_KEY="e" * 50, GONGKAI_ALLOWED_HOSTS="gk.example.gov.cn",
        GONGKAI_TRUSTED_PROXIES="10.0.0.5",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = re.findall(r"security\.W\d+", result.stdout + result.stderr)
    assert not {"security.W004", "security.W008", "security.W019"} & set(found), result.stdout + result.stderr
    assert result.returncode == 0, result.stderr
