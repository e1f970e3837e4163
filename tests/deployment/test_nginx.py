"""The shipped front server (docs/deployment/nginx.conf, issue #24) booted on loopback in front of a
live server of the app: pages and static files come through, the client's address reaches the app's
rate limits, signed-in answers are never cached, publication and withdrawal show within 2 s, and an
oversized upload is refused by nginx."""

import gzip
import json
import re
import time

import pytest
from django.conf import settings as django_settings
from django.test import Client

from gongkai.publishing import services
from gongkai.publishing.models import Document
from tests.publishing.factories import approved

from .front import DEPLOYMENT, fetch, front_server, needs_nginx, raw_request

pytestmark = [needs_nginx, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def front(live_server, settings, tmp_path):
    """nginx with the shipped configuration in front of the live server; its port."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    with front_server(DEPLOYMENT / "nginx.conf", live_server.url, tmp_path, settings) as port:
        yield port


@pytest.fixture
def staff(make_user, department):
    return make_user("editor", department, "editor"), make_user("reviewer", department, "reviewer")


def test_pages_and_static_files_come_through_with_the_apps_security_headers_once(front, tmp_path):
    status, headers, body = fetch(front, "/")
    assert status == 200 and b"</html>" in body
    assert "X-Accel-Expires" not in headers  # the app's instruction to the cache, not for browsers
    for name in ("X-Frame-Options", "X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy"):
        assert len(headers.get_all(name) or []) == 1, name
    status, headers, packed = fetch(front, "/", headers={"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and b"</html>" in gzip.decompress(packed)

    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', body).group(1).decode()
    status, headers, css = fetch(front, stylesheet)
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert css == (tmp_path / stylesheet.lstrip("/")).read_bytes()
    assert headers["X-Content-Type-Options"] == "nosniff" and "max-age=3600" in headers["Cache-Control"]
    (tmp_path / "static" / "only-on-disk.txt").write_text("collected")
    assert fetch(front, "/static/only-on-disk.txt")[2] == b"collected"


def test_health_comes_through_never_cached_nor_logged(front, tmp_path):
    for _ in range(2):
        status, headers, body = fetch(front, "/healthz")
        assert status == 200 and json.loads(body)["database"] == "ok"
        assert "no-store" in headers["Cache-Control"]
    fetch(front, "/xxgk/catalog/")
    time.sleep(5.5)  # the access log is flushed every 5 s
    logged = (tmp_path / "nginx-access.log").read_text()
    assert "/xxgk/catalog/" in logged and "/healthz" not in logged


def test_the_clients_address_reaches_the_apps_rate_limits(front):
    """Ten failed look-ups of a case from one client, whatever X-Forwarded-For it writes, then 429;
    another client behind the same front is not blocked."""
    spoofed = {"X-Forwarded-For": "198.51.100.7"}
    for n in range(10):
        path = f"/api/v1/applications/YSQ2026{n:06d}?code=wrong"
        assert fetch(front, path, source="127.0.0.2", headers=spoofed)[0] == 404
    assert fetch(front, "/api/v1/applications/YSQ2026999999?code=wrong", source="127.0.0.2")[0] == 429
    assert fetch(front, "/api/v1/applications/YSQ2026999998?code=wrong", source="127.0.0.3")[0] == 404


def test_a_signed_in_session_is_never_served_or_stored_in_the_cache(front, staff):
    browser = Client()
    browser.force_login(staff[0])
    session = {"Cookie": f"sessionid={browser.cookies['sessionid'].value}"}

    headers = fetch(front, "/xxgk/catalog/?signed-in-first", headers=session)[1]
    assert headers["X-Cache"] == "BYPASS" and "no-store" in headers["Cache-Control"]
    assert fetch(front, "/xxgk/catalog/?signed-in-first")[1]["X-Cache"] == "MISS"  # nothing was stored

    assert fetch(front, "/xxgk/catalog/")[1]["X-Cache"] == "MISS"
    assert fetch(front, "/xxgk/catalog/")[1]["X-Cache"] == "HIT"
    headers = fetch(front, "/xxgk/catalog/", headers=session)[1]
    assert headers["X-Cache"] == "BYPASS" and "no-store" in headers["Cache-Control"]
    assert fetch(front, "/api/v1/units", headers={"Authorization": "Bearer x"})[1]["X-Cache"] == "BYPASS"


def _seconds_until(front, path: str, seen) -> float:
    started = time.monotonic()
    while not seen(fetch(front, path)):
        assert time.monotonic() - started < 5, f"{path} did not change through the front"
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_publication_shows_and_a_withdrawal_is_gone_within_two_seconds(front, staff):
    editor, reviewer = staff
    title = "关于前端缓存发布时效的测试通知"
    document = approved(editor, reviewer, title=title)
    fetch(front, "/xxgk/catalog/")
    assert fetch(front, "/xxgk/catalog/")[1]["X-Cache"] == "HIT"  # the list is cached

    services.document_publish(document=document, by=reviewer)
    assert _seconds_until(front, "/xxgk/catalog/", lambda answer: title.encode() in answer[2]) <= 2.0
    page = Document.objects.get(pk=document.pk).get_absolute_url()
    assert fetch(front, page)[0] == 200 and fetch(front, page)[1]["X-Cache"] == "HIT"

    services.document_withdraw(document=Document.objects.get(pk=document.pk), by=reviewer, reason="测试撤回")
    assert _seconds_until(front, "/xxgk/catalog/", lambda answer: title.encode() not in answer[2]) <= 2.0
    assert _seconds_until(front, page, lambda answer: "测试撤回".encode() in answer[2]) <= 2.0


def test_an_oversized_upload_is_refused_by_nginx(front, staff):
    limit = (django_settings.ATTACHMENT_MAX_MB + 1) * 1024 * 1024
    status, body = raw_request(front, "POST", "/staff/documents/", content_length=limit + 1)
    assert status == 413 and "超过大小限制" in body


def test_the_tls_profile_redirects_to_https_and_sends_hsts_once(live_server, settings, tmp_path):
    """nginx adds HSTS to what it answers itself, never to the app's answers (which carry the app's own,
    GONGKAI_HSTS_SECONDS, off in the tests); the app learns the scheme was https."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    with front_server(DEPLOYMENT / "nginx-tls.conf", live_server.url, tmp_path, settings, tls=True) as ports:
        https, http = ports
        status, headers, _ = fetch(http, "/xxgk/catalog/?page=2")
        assert status == 301 and headers["Location"] == "https://127.0.0.1/xxgk/catalog/?page=2"
        status, headers, feed = fetch(https, "/feeds/documents/", tls=True)
        assert status == 200 and headers.get_all("Strict-Transport-Security") is None
        assert b'href="https://127.0.0.1/' in feed
        status, headers, _ = fetch(https, "/static/gongkai/site.css", tls=True)
        assert status == 200
        assert headers.get_all("Strict-Transport-Security") == ["max-age=31536000"]


def test_the_tls_profile_differs_from_the_plain_one_only_in_its_server_blocks():
    plain, tls = ((DEPLOYMENT / name).read_text() for name in ("nginx.conf", "nginx-tls.conf"))

    def shared(text: str) -> tuple[str, str]:
        preamble = text[text.index("worker_processes") : text.index("    server {")]
        locations = text[text.index("# ---- application locations") : text.index("# ---- end")]
        return preamble, locations

    assert shared(plain) == shared(tls)
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", plain).group(1))
    assert megabytes == django_settings.ATTACHMENT_MAX_MB + 1
