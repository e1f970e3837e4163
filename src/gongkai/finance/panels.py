"""Dashboard panel: departments whose budget or final accounts are due or overdue."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core import permissions
from gongkai.core.models import User
from gongkai.workbench.panels import Panel, PanelItem, register

from . import queries

SOON_DAYS = 7


def finance_panels(user: User) -> list[Panel]:
    if not permissions.can(user, "finance.dashboard.view"):
        return []
    mine = set(permissions.units_visible_to(user, "finance.dashboard.view").values_list("pk", flat=True))
    due = [
        p
        for p in queries.pending_reports()
        if p.unit.pk in mine and p.days_left is not None and p.days_left <= SOON_DAYS
    ]
    if not due:
        return []
    url = reverse("finance_staff:dashboard")
    items = [
        PanelItem(f"{p.unit.name} {p.year}年{p.type_label}", url,
                  f"已逾期 {-p.days_left} 天" if p.days_left < 0 else f"还剩 {p.days_left} 天")  # type: ignore[operator]
        for p in due[:10]
    ]  # fmt: skip
    return [
        Panel(
            f"预决算应公开未公开（{len(due)}）", url, items, warning=any((p.days_left or 0) < 0 for p in due)
        )
    ]


register(finance_panels)
