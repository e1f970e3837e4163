"""Accessibility warnings: axe-core run in headless Chromium on the homepage and a few pages read.

Only where Playwright for Python is importable and the Chromium binary exists (Playwright is a test
dependency, not a runtime one); otherwise the run notes once that the check did not run. Violations
are warnings: no points, never a veto. The browser runs on its own thread after the crawl, and every
request off the site's hosts is refused (page.route), so the browser goes nowhere the crawler may not.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from .crawler import is_loopback
from .inspect_site import Found, Note, Report

AXE_VERSION = "4.12.1"
VENDOR = Path(__file__).resolve().parent.parent / "portal" / "static" / "vendor" / f"axe-core-{AXE_VERSION}"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
]
PAGE_TIMEOUT_MS = 15_000
MAX_REDIRECTS = 5
IMPACT_ZH = {"minor": "轻微", "moderate": "中等", "serious": "严重", "critical": "危急"}

RUN_AXE = """async ([locale, impacts]) => {
    if (locale) axe.configure({locale});
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations
        .filter((v) => impacts.includes(v.impact))
        .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.length, target: String(v.nodes[0]?.target ?? "")}));
}"""


@dataclass
class Options:
    chromium: str
    pages: int = 5  # besides the homepage
    impacts: frozenset[str] = frozenset({"serious", "critical"})
    hosts: frozenset[str] = frozenset()
    loopback_only: bool = False


def unavailable(options: Options) -> Note | None:
    """Return why the check cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return Note(
            "accessibility not checked: Playwright for Python is not installed",
            "无障碍检查未运行：未安装Playwright（Python）",
        )
    if not Path(options.chromium).is_file():
        return Note(
            f"accessibility not checked: no Chromium at {options.chromium} (GONGKAI_SITECHECK_CHROMIUM)",
            f"无障碍检查未运行：未找到Chromium浏览器（{options.chromium}）",
        )
    if not (VENDOR / "axe.min.js").is_file():
        return Note(
            f"accessibility not checked: {VENDOR / 'axe.min.js'} is missing (run scripts/vendor.sh)",
            "无障碍检查未运行：缺少axe-core脚本",
        )
    return None


def pages_to_check(report: Report, count: int) -> list[str]:
    """The homepage and up to COUNT other pages read, on the homepage's own host."""
    host = urlsplit(report.url).netloc.lower()
    same = [u for u in report.read if urlsplit(u).netloc.lower() == host]
    home = [u for u in same if u == report.url] or [report.url]
    return home + [u for u in same if u != report.url][:count]


def add_to(report: Report, options: Options) -> None:
    """Check REPORT's homepage and a few of its pages with axe-core; add warnings or a note."""
    if not report.homepage_ok:
        return
    reason = unavailable(options)
    if reason is not None:
        report.notes.append(reason)
        return
    urls = pages_to_check(report, options.pages)
    outcome: list[tuple[list[Found], list[Note]]] = []

    def work() -> None:  # Playwright's sync API refuses a thread that runs an event loop
        try:
            outcome.append(_run(urls, options))
        except Exception as exc:
            why = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200]
            outcome.append(([], [Note(f"accessibility not checked: {why}", f"无障碍检查未运行：{why}")]))

    thread = threading.Thread(target=work, name="sitecheck-axe", daemon=True)
    thread.start()
    thread.join()
    found, notes = outcome[0] if outcome else ([], [])
    report.findings += found
    report.notes += notes


def allowed(url: str, hosts: frozenset[str], loopback_only: bool) -> bool:
    """May the browser ask for URL? Only on the site's hosts (and only loopback when confined)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    if parts.scheme not in ("http", "https") or parts.netloc.lower() not in hosts:
        return False
    return is_loopback(parts.netloc) or not loopback_only


def _confined(route: Any, hosts: frozenset[str], loopback_only: bool) -> None:
    """Let the browser ask only the site's hosts, redirects included. Playwright routes a redirect's
    first request only, so redirects are followed here, hop by hop, each address checked, and the
    browser gets the final answer; a hop off the site aborts the request before it is made."""
    url = route.request.url
    for _hop in range(MAX_REDIRECTS + 1):
        if not allowed(url, hosts, loopback_only):
            route.abort()
            return
        response = route.fetch(url=url, max_redirects=0)
        location = response.headers.get("location")
        if not (300 <= response.status < 400 and location):
            route.fulfill(response=response)
            return
        url = urljoin(url, location)
    route.abort()  # too many redirects


def _run(urls: list[str], options: Options) -> tuple[list[Found], list[Note]]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    axe = (VENDOR / "axe.min.js").read_text(encoding="utf-8")
    locale_file = VENDOR / "zh_CN.json"
    locale = json.loads(locale_file.read_text(encoding="utf-8")) if locale_file.is_file() else None
    hosts = options.hosts | {urlsplit(urls[0]).netloc.lower()}

    found: list[Found] = []
    failed: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=options.chromium, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(locale="zh-CN", bypass_csp=True, service_workers="block")
            context.route("**/*", lambda route: _confined(route, hosts, options.loopback_only))
            page = context.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            for url in urls:
                try:
                    page.goto(url, wait_until="load")
                    page.evaluate(axe)
                    violations = page.evaluate(RUN_AXE, [locale, sorted(options.impacts)])
                except PlaywrightError:
                    failed.append(url)
                    continue
                for v in violations:
                    impact = IMPACT_ZH.get(v["impact"], v["impact"])
                    target = v["target"][:120]
                    detail = f"{v['id']}：{v['help']}（{v['nodes']}处，影响{impact}；如 {target}）"
                    found.append(Found("accessibility", detail, url))
            context.close()
        finally:
            browser.close()
    notes = []
    if failed:
        notes.append(
            Note(
                f"accessibility: {len(failed)} pages could not be opened in Chromium",
                f"无障碍检查：{len(failed)}个页面未能在浏览器中打开",
            )
        )
    return found, notes
