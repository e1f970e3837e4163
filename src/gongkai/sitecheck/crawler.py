"""A polite HTTP client for the census: robots.txt, a request budget and a rate per host, timeouts.

It fetches pages on the registered hosts only; a link off them is asked once (HEAD, or GET where
HEAD is refused) to see that it answers, and never followed further.
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

USER_AGENT = "GongkaiSitecheck/1.0 (government website census)"
MAX_BODY = 3 * 1024 * 1024
MAX_REDIRECTS = 5


class OffLoopback(Exception):
    """A request would have left the loopback address while the crawler is confined to it."""


@dataclass
class Page:
    url: str
    status: int | None = None
    elapsed_ms: int | None = None
    error: str = ""
    html: str = ""
    final_url: str = ""
    skipped: str = ""  # why it was not asked: "robots", "budget", "loopback"

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400


def is_loopback(host: str) -> bool:
    host = host.split(":")[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize(url: str, base: str = "") -> str:
    """Return URL made absolute against BASE, without its fragment ("" for non-HTTP links)."""
    absolute = urldefrag(urljoin(base, url.strip()))[0]
    return absolute if urlsplit(absolute).scheme in ("http", "https") else ""


@dataclass
class Crawler:
    """Fetch pages of HOSTS; call `close()` (or use `async with`) when done."""

    hosts: set[str]
    budget: int = 300  # requests per host
    delay: float = 0.5  # seconds between two requests to one host
    concurrency: int = 2  # requests to one host at a time
    timeout: float = 15.0
    loopback_only: bool = False
    on_request: Callable[[str], None] | None = None
    transport: httpx.AsyncBaseTransport | None = None
    used: dict[str, int] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    _open: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    _client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Crawler:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self.timeout),
                headers={"User-Agent": USER_AGENT, "Accept-Language": "zh-CN,zh;q=0.9"},
                follow_redirects=False,
                transport=self.transport,
                event_hooks={"request": [self._guard]},
            )
        return self._client

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def _guard(self, request: httpx.Request) -> None:
        if self.loopback_only and not is_loopback(request.url.host):
            raise OffLoopback(str(request.url))
        if self.on_request:
            self.on_request(str(request.url))

    def internal(self, url: str) -> bool:
        return urlsplit(url).netloc.lower() in self.hosts

    @property
    def requests(self) -> int:
        return sum(self.used.values())

    async def _turn(self, host: str) -> bool:
        """Wait for HOST's next slot; False when its budget is spent."""
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            if self.used.get(host, 0) >= self.budget:
                return False
            wait = self._last.get(host, 0.0) + self.delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._last[host] = time.monotonic()
            self.used[host] = self.used.get(host, 0) + 1
            return True

    async def allowed(self, url: str) -> bool:
        """Whether robots.txt lets the census fetch URL (only asked of the registered hosts)."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host not in self._robots:
            self._robots[host] = None
            page = await self._send("GET", f"{parts.scheme}://{parts.netloc}/robots.txt", keep_body=True)
            if page.status == 200:
                parser = RobotFileParser()
                parser.parse(page.html.splitlines())
                self._robots[host] = parser
        parser = self._robots[host]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    async def fetch(self, url: str) -> Page:
        """GET a page of the registered hosts, following redirects that stay on them."""
        if not await self.allowed(url):
            return Page(url, skipped="robots")
        page = await self._send("GET", url, keep_body=True)
        hops = 0
        while page.status in (301, 302, 303, 307, 308) and hops < MAX_REDIRECTS and page.final_url:
            target = page.final_url
            if not self.internal(target):
                return page  # a redirect off the site is the site's answer; it is not followed
            if not await self.allowed(target):
                return Page(url, skipped="robots")
            started = page.elapsed_ms or 0
            page = await self._send("GET", target, keep_body=True)
            page.url = url
            page.elapsed_ms = (page.elapsed_ms or 0) + started
            hops += 1
        return page

    async def probe(self, url: str) -> Page:
        """Ask whether URL answers: HEAD, then GET when HEAD is refused; redirects followed."""
        if self.internal(url) and not await self.allowed(url):
            return Page(url, skipped="robots")
        page = await self._send("HEAD", url)
        if page.status in (403, 405, 501) or (page.status is None and not page.skipped and page.error):
            page = await self._send("GET", url)
        hops = 0
        while page.status in (301, 302, 303, 307, 308) and hops < MAX_REDIRECTS and page.final_url:
            target = page.final_url
            page = await self._send("GET", target)
            page.url = url
            hops += 1
        return page

    async def _send(self, method: str, url: str, *, keep_body: bool = False) -> Page:
        host = urlsplit(url).netloc.lower()
        if self.loopback_only and not is_loopback(host):
            return Page(url, skipped="loopback")
        async with self._open.setdefault(host, asyncio.Semaphore(self.concurrency)):
            return await self._send_now(method, url, host, keep_body)

    async def _send_now(self, method: str, url: str, host: str, keep_body: bool) -> Page:
        if not await self._turn(host):
            return Page(url, skipped="budget")
        started = time.monotonic()
        try:
            request = self.client.build_request(method, url)
            response = await self.client.send(request, stream=True)
            try:
                body = b""
                wanted = "html" in response.headers.get("content-type", "text/html")
                if (keep_body and wanted) or url.endswith("/robots.txt"):
                    async for chunk in response.aiter_bytes():
                        body += chunk
                        if len(body) > MAX_BODY:
                            break
            finally:
                await response.aclose()
        except OffLoopback:
            return Page(url, skipped="loopback")
        except httpx.TimeoutException:
            return Page(url, error=f"no answer within {self.timeout:g} s")
        except httpx.HTTPError as exc:
            return Page(url, error=type(exc).__name__ + (f": {exc}" if str(exc) else ""))
        elapsed = int((time.monotonic() - started) * 1000)
        location = response.headers.get("location", "")
        return Page(
            url,
            status=response.status_code,
            elapsed_ms=elapsed,
            html=body.decode(response.encoding or "utf-8", errors="replace") if body else "",
            final_url=normalize(location, url) if location else str(response.url),
        )
