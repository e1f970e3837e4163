"""Dashboard panel: approval cases past their promised limit (the seed's 全程监督)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core import permissions
from gongkai.core.models import User
from gongkai.core.permissions import units_visible_to
from gongkai.workbench.panels import Panel, PanelItem, register

from . import services

LIMIT = 10


def overdue_panel(user: User) -> list[Panel]:
    if not permissions.can(user, "matters.case.view"):
        return []
    overdue = services.overdue_open_cases(units_visible_to(user, "matters.case.view")).order_by(
        "promised_due"
    )
    count = overdue.count()
    if not count:
        return []
    items = [
        PanelItem(
            f"{c.case_no} {c.matter.name}",
            reverse("matters_staff:case", args=[c.pk]),
            f"承诺 {c.promised_due:%Y-%m-%d} 办结",
        )
        for c in overdue[:LIMIT]
    ]
    return [
        Panel(
            f"超过承诺时限未办结的审批办件（{count}）",
            reverse("matters_staff:cases") + "?overdue=1",
            items,
            warning=True,
        )
    ]


register(overdue_panel)
