"""The client's address and scheme behind the county's reverse proxies (issue #23 item 11).

Only a request that comes from a configured trusted proxy (`GONGKAI_TRUSTED_PROXIES`, addresses or
networks) has its `X-Forwarded-For` and `X-Forwarded-Proto` believed; anyone else could write them.
The client is the right-most address in `X-Forwarded-For` that is not itself a trusted proxy: each
proxy appends the address it saw, so what lies left of that was written by the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in configured)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    return address is not None and any(address in network for network in trusted_networks())


def resolve(remote_addr: str, forwarded_for: str) -> tuple[str, bool]:
    """(the client's address, whether the request came through a trusted proxy)."""
    peer = _address(remote_addr)
    if not _trusted(peer):
        return remote_addr, False
    for hop in reversed([h for h in forwarded_for.split(",") if h.strip()]):
        address = _address(hop)
        if address is None:
            break  # garbage written by someone: stop believing the header here
        if not _trusted(address):
            return str(address), True
    return remote_addr, True


def client_ip(request: HttpRequest) -> str:
    """The client's address (after `ProxyMiddleware`, REMOTE_ADDR already is it)."""
    return str(request.META.get("REMOTE_ADDR", ""))


class ProxyMiddleware:
    """First of all middleware: REMOTE_ADDR becomes the client's address and the scheme the one the
    client used, when (and only when) a trusted proxy says so; logs, rate limits and the login lock-out
    then see the client, and links keep https."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        client, proxied = resolve(str(meta.get("REMOTE_ADDR", "")), str(meta.get("HTTP_X_FORWARDED_FOR", "")))
        if proxied:
            meta["REMOTE_ADDR"] = client
            proto = str(meta.get("HTTP_X_FORWARDED_PROTO", "")).split(",")[0].strip().lower()
            if proto in ("http", "https"):
                meta["wsgi.url_scheme"] = proto
        return self.get_response(request)
