"""Behind the county's reverse proxy (issue #23 items 7 and 11): the client's address and scheme come
from trusted proxies only; rate limits and look-up throttles are shared by every process (the
database) and keyed on the real client; the login lock-out takes a username and an address together."""

import pytest

from gongkai.core.clientip import resolve
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.5"


@pytest.fixture
def proxied(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8::/32"]


def test_forwarded_headers_are_believed_from_trusted_proxies_only(proxied):
    assert resolve("198.51.100.7", "1.2.3.4") == ("198.51.100.7", False)  # not a proxy: ignored
    assert resolve(PROXY, "1.2.3.4") == ("1.2.3.4", True)
    # A client that writes its own header is on the left; the proxy appended what it saw, on the right.
    assert resolve(PROXY, "6.6.6.6, 203.0.113.9") == ("203.0.113.9", True)
    assert resolve(PROXY, "203.0.113.9, 10.0.0.6") == ("203.0.113.9", True)  # two proxies in a row
    assert resolve(PROXY, "bogus, 203.0.113.9") == ("203.0.113.9", True)
    assert resolve(PROXY, "203.0.113.9:5555") == ("203.0.113.9", True)
    assert resolve("2001:db8::1", "[2001:db9::2]:443") == ("2001:db9::2", True)
    assert resolve(PROXY, "") == (PROXY, True)


def test_the_scheme_is_https_only_when_a_trusted_proxy_says_so(client, proxied):
    secure = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_PROTO": "https"}
    assert client.get("/api/v1/units", **secure).json()["count"] == 0  # answers
    found = client.get("/api/v1/search", {"q": "公开", "page_size": 1}, **secure).json()
    assert found["count"] == 0
    answer = client.get("/api/v1/calendar/due-date", {"start": "2026-03-02", "days": 20}, **secure)
    assert answer.status_code == 200
    # An absolute URL the API builds: https from the proxy, http from anyone else who claims https.
    from django.test import RequestFactory

    from gongkai.core.clientip import ProxyMiddleware

    seen = {}

    def view(request):
        seen["url"], seen["ip"] = request.build_absolute_uri("/x"), request.META["REMOTE_ADDR"]
        return None

    factory = RequestFactory()
    ProxyMiddleware(view)(
        factory.get(
            "/",
            HTTP_HOST="testserver",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_PROTO="https",
            HTTP_X_FORWARDED_FOR="1.2.3.4",
        )
    )
    assert seen == {"url": "https://testserver/x", "ip": "1.2.3.4"}
    ProxyMiddleware(view)(
        factory.get(
            "/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="1.2.3.4"
        )
    )
    assert seen == {"url": "http://testserver/x", "ip": "198.51.100.7"}


def _login(client, username, password, address):
    return client.post(
        "/staff/login/",
        {"username": username, "password": password, "otp_token": ""},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_failed_logins_from_one_client_lock_no_one_else_out(client, department, make_user, settings, proxied):
    make_user("editor", department, "ed")
    for n in range(settings.AXES_FAILURE_LIMIT * 2):  # an attacker tries many names, and ed's too
        _login(client, f"guess{n}", "wrong-password", "203.0.113.9")
        _login(client, "ed", "wrong-password", "203.0.113.9")
    assert _login(client, "ed", PASSWORD, "203.0.113.9").status_code == 403  # ed, from there: locked
    client.cookies.clear()
    assert _login(client, "ed", PASSWORD, "198.51.100.20").status_code == 302  # ed, from the office


def test_a_database_locked_beyond_the_wait_is_a_503_to_retry_not_a_500(client):
    """SQLite's single writer busy past the timeout (issue #23 item 6): the user is told, in Chinese,
    that nothing was saved and to retry; the API answers its error shape."""
    from unittest import mock

    from django.db import OperationalError

    locked = OperationalError("database is locked")
    with mock.patch("gongkai.search.views.search", side_effect=locked):
        page = client.get("/search/", {"q": "公开"})
    assert page.status_code == 503 and "稍后重试" in page.text and page["Retry-After"] == "30"
    with mock.patch("gongkai.search.api.search", side_effect=locked):
        answer = client.get("/api/v1/search", {"q": "公开"})
    assert answer.status_code == 503 and answer.json()["error"]["code"] == "unavailable"
    other = OperationalError("no such table: x")
    with mock.patch("gongkai.search.api.search", side_effect=other), pytest.raises(OperationalError):
        client.get("/api/v1/search", {"q": "公开"})
