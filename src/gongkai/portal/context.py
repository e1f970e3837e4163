"""What every page's layout needs: the site profile, the navigation and the display mode."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from gongkai.core.queries import site_profile

from .registry import NavGroup, nav_tree

ELDER_COOKIE = "gk_elder"


def site(request: HttpRequest) -> dict[str, Any]:
    profile = site_profile()
    nav = nav_tree()
    return {
        "site": profile,
        "site_name": profile.site_name if profile else str(settings.SITE_NAME_DEFAULT),
        "nav": nav,
        "nav_group": next(
            (e.key for e in nav if isinstance(e, NavGroup) and request.path in {i.url for i in e.items}), ""
        ),
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
    }
