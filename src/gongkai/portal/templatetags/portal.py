"""Template helpers of the public shell."""

from __future__ import annotations

import segno
from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def page_url(request: HttpRequest) -> str:
    """Return the absolute URL of this page, from GONGKAI_PUBLIC_URL when it is set."""
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL + request.get_full_path()
    try:
        return request.build_absolute_uri()
    except DisallowedHost:  # the 400 page of a request for a host this site does not serve
        return request.get_full_path()


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    """Return PATH as a full address, from GONGKAI_PUBLIC_URL when it is set (pages do not vary by Host)."""
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL + path
    return str(context["request"].build_absolute_uri(path))


@register.simple_tag(takes_context=True)
def page_qr(context: template.Context) -> SafeString:
    """Return an inline SVG QR code of the current page's URL."""
    url = page_url(context["request"])
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#1a1a1a", light="#ffffff")
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="当前页面二维码" ', 1))
