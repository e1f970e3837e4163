"""Template helpers of the public shell."""

from __future__ import annotations

import functools

import segno
from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    """Return PATH as a full address, from GONGKAI_PUBLIC_URL when it is set (pages do not vary by Host)."""
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL + path
    return str(context["request"].build_absolute_uri(path))


def canonical_url(request: HttpRequest) -> str:
    """This page's address without its query string (what a QR code of the page holds)."""
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL + request.path
    try:
        return request.build_absolute_uri(request.path)
    except DisallowedHost:
        return request.path


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """The inline SVG QR code of URL, made once per URL; "" for an address too long for a QR code."""
    try:
        code = segno.make(url, error="m")
    except segno.DataOverflowError:
        return ""
    svg = code.svg_inline(scale=3, border=2, dark="#1a1a1a", light="#ffffff")
    return svg.replace("<svg ", '<svg role="img" aria-label="当前页面二维码" ', 1)


@register.simple_tag(takes_context=True)
def page_qr(context: template.Context) -> SafeString:
    """Return an inline SVG QR code of the current page's canonical URL (never failing the page)."""
    return mark_safe(qr_svg(canonical_url(context["request"])))  # noqa: S308  segno's SVG of our own URL
