"""Dashboard panels: applications overdue, due within 5 working days, waiting to be registered."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core import permissions
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import User
from gongkai.workbench.panels import Panel, PanelItem, register

from . import queries

LIMIT = 10


def application_panels(user: User) -> list[Panel]:
    if not permissions.can(user, "applications.case.view"):
        return []
    calendar = load_calendar()
    groups = queries.buckets(user, calendar)
    queue = reverse("applications_staff:queue")

    def items(rows: list[queries.Row]) -> list[PanelItem]:
        return [
            PanelItem(
                f"{r.application.tracking_no} {r.application.description[:24]}",
                reverse("applications_staff:detail", args=[r.application.tracking_no]),
                f"答复期限 {r.clock.due_date:%Y-%m-%d}" if r.clock and r.clock.due_date else "",
            )
            for r in rows[:LIMIT]
        ]

    panels = []
    if groups["overdue"]:
        panels.append(
            Panel(
                f"已超过答复期限的申请（{len(groups['overdue'])}）",
                queue,
                items(groups["overdue"]),
                warning=True,
            )
        )
    if groups["due_soon"]:
        panels.append(
            Panel(f"5个工作日内到期的申请（{len(groups['due_soon'])}）", queue, items(groups["due_soon"]))
        )
    if groups["submitted"]:
        panels.append(
            Panel(f"网上提交待登记的申请（{len(groups['submitted'])}）", queue, items(groups["submitted"]))
        )
    return panels


register(application_panels)
