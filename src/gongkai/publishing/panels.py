"""The catalog's dashboard panels: waiting for my review, past the 20-working-day limit."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core import permissions
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import User
from gongkai.workbench.panels import Panel, PanelItem, register

from . import queries

LIMIT = 10


def _item(document: object, note: str = "") -> PanelItem:
    return PanelItem(str(document), reverse("publishing_staff:detail", args=[document.pk]), note)  # type: ignore[attr-defined]


def catalog_panels(user: User) -> list[Panel]:
    if not permissions.can(user, "publishing.document.view"):
        return []
    queue_url = reverse("publishing_staff:queue")
    result = []
    lists = queries.queues(user)
    if permissions.can(user, "publishing.document.review"):
        review = list(lists["review"][:LIMIT])
        if review:
            result.append(
                Panel(f"待我审核的稿件（{lists['review'].count()}）", queue_url, [_item(d) for d in review])
            )
    calendar = load_calendar()
    late = queries.late_unpublished(user, calendar)
    if late:
        items = [
            _item(d, f"应于 {queries.publication_due(d, calendar):%Y-%m-%d} 前公开") for d in late[:LIMIT]
        ]
        result.append(Panel(f"已超过20个工作日公开时限（{len(late)}）", queue_url, items, warning=True))
    return result


register(catalog_panels)
