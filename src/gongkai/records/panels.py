"""Dashboard panels: records waiting for my review, records past their publication deadline."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core import permissions
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import User
from gongkai.workbench.panels import Panel, PanelItem, register

from . import queries, registry
from .models import RecordStatus

LIMIT = 10


def record_panels(user: User) -> list[Panel]:
    if not permissions.can(user, "records.record.view"):
        return []
    result = []
    calendar = None
    for record_type in registry.types():
        url = reverse("records_staff:list", args=[record_type.slug])
        if permissions.can(user, "records.record.review"):
            waiting = queries.staff_records(record_type, user).filter(status=RecordStatus.SUBMITTED)
            count = waiting.count()
            if count:
                items = [PanelItem(str(r), r.get_staff_url()) for r in waiting.order_by("id")[:LIMIT]]
                result.append(
                    Panel(f"待审核的{record_type.name}（{count}）", f"{url}?status=submitted", items)
                )
        if record_type.deadline_days is not None:
            calendar = calendar or load_calendar()
            late, soon = queries.open_deadlines(record_type, user, calendar)
            if soon:
                items = [
                    PanelItem(str(r), r.get_staff_url(), f"应于 {due:%Y-%m-%d} 前公开")
                    for r, due in soon[:LIMIT]
                ]
                result.append(Panel(f"本周内应公开的{record_type.name}（{len(soon)}）", url, items))
            if late:
                items = [
                    PanelItem(str(r), r.get_staff_url(), f"应于 {due:%Y-%m-%d} 前公开")
                    for r, due in late[:LIMIT]
                ]
                result.append(
                    Panel(
                        f"{record_type.name}超过{record_type.deadline_days}个工作日未公开（{len(late)}）",
                        url,
                        items,
                        warning=True,
                    )
                )
    return result


register(record_panels)
