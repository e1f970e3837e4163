"""Dashboard panels: concerns past their deadline, waiting to be assigned, and those the census would
fail the site for (a valid message unanswered for more than 3 months) — shown before that happens."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.core import permissions
from gongkai.core.models import User
from gongkai.workbench.panels import Panel, PanelItem, register

from . import deadlines, queries
from .models import Concern

LIMIT = 10


def _items(rows: list[Concern]) -> list[PanelItem]:
    return [
        PanelItem(
            f"{c.tracking_no} {c.title[:24]}",
            c.get_staff_url(),
            f"收到 {timezone.localtime(c.received_at):%Y-%m-%d}，期限 {timezone.localtime(c.due_at):%m-%d %H:%M}"
            if c.due_at
            else "",
        )
        for c in rows[:LIMIT]
    ]


def concern_panels(user: User) -> list[Panel]:
    if not permissions.can(user, "concerns.concern.view"):
        return []
    found = queries.buckets(user)
    queue = reverse("concerns_staff:queue")
    panels = []
    if found.census_failing:
        panels.append(
            Panel(f"超过3个月未答复的有效留言（{len(found.census_failing)}）：网站普查将单项否决", queue,
                  _items(found.census_failing), warning=True)
        )  # fmt: skip
    if found.census_risk:
        panels.append(
            Panel(
                f"收到已超过{deadlines.census_warn_days()}天仍未答复的留言（{len(found.census_risk)}）：满3个月即单项否决",
                queue,
                _items(found.census_risk),
                warning=True,
            )
        )
    if found.overdue:
        panels.append(
            Panel(f"已超过答复期限的留言（{len(found.overdue)}）", queue, _items(found.overdue), warning=True)
        )
    if found.unassigned and permissions.can(user, "concerns.concern.triage"):
        panels.append(Panel(f"待分办的留言（{len(found.unassigned)}）", queue, _items(found.unassigned)))
    return panels


register(concern_panels)
