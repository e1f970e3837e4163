"""Browser tests: Playwright for Python driving Debian's Chromium against the live test server."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from gongkai.demo.loader import load_demo

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; Django's ORM calls here are not async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
Path("test-results").mkdir(exist_ok=True)  # screenshots for people to look at


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, except that its request threads open their own connections.

    pytest-django hands the server the test thread's SQLite connection when the in-memory test
    database already exists at start (an earlier non-browser test made it), and stops sharing it at
    the end while Chromium's keep-alive requests still run; those threads then fail closing it. Their
    own connections reach the same shared-cache in-memory database, whatever ran first.
    """
    server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"), start=False)
    server.thread.connections_override.clear()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    load_demo(documents=False, records=False)


def _page(browser, live_server, width: int, height: int):
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", base_url=live_server.url
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, live_server, demo):
    yield from _page(browser, live_server, 375, 740)


@pytest.fixture
def desktop(browser, live_server, demo):
    yield from _page(browser, live_server, 1280, 900)
