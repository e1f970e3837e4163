"""Dashboard panel: a census indicator that fails, or is about to (e.g. the homepage 10 days old)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core import permissions
from gongkai.core.models import User
from gongkai.workbench.panels import Panel, PanelItem, register

from . import queries


def census_panel(user: User) -> list[Panel]:
    if not permissions.can(user, "sitecheck.site.view"):
        return []
    items = [
        PanelItem(row.site.name, reverse("sitecheck_staff:site", args=[row.site.pk]), row.alert)
        for row in queries.site_rows()
        if row.alert
    ]
    if not items:
        return []
    return [Panel(f"网站普查预警（{len(items)}）", reverse("sitecheck_staff:index"), items, warning=True)]


register(census_panel)
