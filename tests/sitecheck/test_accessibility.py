"""Accessibility warnings: axe-core in Debian's Chromium on the fixture sites (loopback only)."""

import json

import pytest

from gongkai.sitecheck import accessibility, indicators, services
from gongkai.sitecheck.inspect_site import Profile, Report
from gongkai.sitecheck.models import Expression

from .fixture_site import AXE_RULE, FORBIDDEN
from .test_command import gongkai

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _axe_on(settings, db):
    settings.SITECHECK_DELAY_MS = 0
    settings.SITECHECK_ACCESSIBILITY = True
    settings.SITECHECK_CHROMIUM = "/usr/bin/chromium"
    Expression.objects.create(text=FORBIDDEN)


def test_the_planted_image_without_alt_is_exactly_the_warning_with_its_page(planted_site, capsys):
    code = gongkai("sitecheck", planted_site, "--json")
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert list(data) == ["url", "passed", "veto", "findings", "score"]
    assert all(list(f) == ["indicator", "detail", "page"] for f in data["findings"])
    warnings = [f for f in data["findings"] if f["indicator"] == "accessibility"]
    assert [(f["detail"].split("：")[0], f["page"]) for f in warnings] == [(AXE_RULE, f"{planted_site}news/")]
    assert "图像必须有替代文本" in warnings[0]["detail"] and "1处" in warnings[0]["detail"]
    assert [v["indicator"] for v in data["veto"]] == ["serious_error"]  # never a veto


def test_warnings_take_no_points_and_leave_the_verdict(planted_site, settings):
    with_axe = services.check(Profile(planted_site, expressions=services.expressions()))
    settings.SITECHECK_ACCESSIBILITY = False
    without = services.check(Profile(planted_site, expressions=services.expressions()))
    assert [f.indicator for f in with_axe.findings if f.indicator == "accessibility"] == ["accessibility"]
    assert not any(f.indicator == "accessibility" for f in without.findings)
    assert (with_axe.passed, with_axe.score) == (without.passed, without.score)
    assert all(f.points == 0 and not f.veto for f in with_axe.findings if f.indicator == "accessibility")


def test_the_clean_site_has_no_accessibility_finding(clean_site, capsys):
    assert gongkai("sitecheck", clean_site, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"url": clean_site, "passed": True, "veto": [], "findings": [], "score": 100}


def test_a_missing_chromium_is_a_note_and_the_same_verdict(planted_site, settings, capsys):
    settings.SITECHECK_CHROMIUM = "/nonexistent/chromium"
    report = services.check(Profile(planted_site, expressions=services.expressions()))
    assert not any(f.indicator == "accessibility" for f in report.findings)
    notes = [n for n in report.notes if "accessibility" in n.en]
    assert len(notes) == 1 and notes[0].zh.startswith("无障碍检查未运行：")
    assert "/nonexistent/chromium" in notes[0].en
    assert gongkai("sitecheck", planted_site) == 1
    assert "Not checked: accessibility not checked: no Chromium" in capsys.readouterr().out


def test_the_browser_may_ask_only_the_sites_hosts():
    hosts = frozenset({"127.0.0.1:8000", "www.example.gov.cn"})
    assert accessibility.allowed("http://127.0.0.1:8000/static/a.css", hosts, True)
    assert not accessibility.allowed("http://127.0.0.1:9000/ok.html", hosts, True)  # another site
    assert not accessibility.allowed("https://cdn.example.com/x.js", hosts, False)
    assert not accessibility.allowed("https://www.example.gov.cn/", hosts, True)  # confined to loopback
    assert accessibility.allowed("https://www.example.gov.cn/", hosts, False)
    assert accessibility.allowed("data:image/png;base64,AAAA", hosts, True)
    assert not accessibility.allowed("ws://127.0.0.1:8000/", hosts, True)


def test_only_pages_of_the_homepages_host_are_opened():
    report = Report(
        "http://a.test/",
        read=["http://a.test/", "http://b.test/x", *[f"http://a.test/{n}" for n in range(9)]],
    )
    assert accessibility.pages_to_check(report, 2) == ["http://a.test/", "http://a.test/0", "http://a.test/1"]


def test_impacts_are_validated():
    assert indicators.axe_impacts("serious, critical") == {"serious", "critical"}
    with pytest.raises(ValueError):
        indicators.axe_impacts("severe")
    with pytest.raises(ValueError):
        indicators.parse_points("accessibility=1/5")  # a warning takes no points


def test_without_playwright_the_run_says_so_once(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "playwright.sync_api", None)
    report = Report("http://127.0.0.1:9/", homepage_ok=True, read=["http://127.0.0.1:9/"])
    accessibility.add_to(report, accessibility.Options(chromium="/usr/bin/chromium"))
    assert [n.zh for n in report.notes] == ["无障碍检查未运行：未安装Playwright（Python）"]
    assert report.findings == []


def test_a_redirect_off_the_site_is_not_followed_by_the_browser():
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked: list[str] = []

    class Elsewhere(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<html><body>internal</body></html>")

        def log_message(self, *args):
            pass

    other = ThreadingHTTPServer(("127.0.0.1", 0), Elsewhere)
    target = f"http://127.0.0.1:{other.server_address[1]}/secret"

    class Site(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(
                    '<html lang="zh-CN"><head><title>首页</title></head><body><main>首页</main></body></html>'.encode()
                )
            else:
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()

        def log_message(self, *args):
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    for server in (other, site):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{site.server_address[1]}/"
        options = accessibility.Options(chromium="/usr/bin/chromium", loopback_only=True)
        _found, notes = accessibility._run([base, base + "moved"], options)
        assert asked == []  # the other site was never asked
        assert [n.en for n in notes] == ["accessibility: 1 pages could not be opened in Chromium"]
    finally:
        for server in (other, site):
            server.shutdown()
            server.server_close()
