"""Dashboard reminders: comments waiting for moderation; closed consultations without an adoption report;
hearings whose materials are due within the week."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.core import permissions
from gongkai.core.models import User
from gongkai.workbench.panels import Panel, PanelItem, register

from . import services
from .models import Comment, CommentStatus, Hearing

LIMIT = 10


def participation_panels(user: User) -> list[Panel]:
    if not permissions.can(user, "participation.consultation.edit"):
        return []
    units = permissions.units_visible_to(user, "participation.consultation.edit")
    url, result = reverse("participation_staff:list"), []
    pending = Comment.objects.filter(status=CommentStatus.PENDING, consultation__unit__in=units)
    if pending.exists():
        by_item: dict[int, tuple[str, str, int]] = {}
        for c in pending.select_related("consultation"):
            title, link, n = by_item.get(
                c.consultation_id, (str(c.consultation), c.consultation.get_staff_url(), 0)
            )
            by_item[c.consultation_id] = (title, link, n + 1)
        items = [PanelItem(t, link, f"{n} 条待审核") for t, link, n in list(by_item.values())[:LIMIT]]
        result.append(Panel(f"待审核的公众意见（{pending.count()}）", url, items))
    late = services.closed_without_report().filter(unit__in=units).order_by("closes_on")
    if late.exists():
        items = [
            PanelItem(str(c), c.get_staff_url(), f"{c.closes_on:%Y-%m-%d} 已截止，未发布意见采纳情况")
            for c in late[:LIMIT]
        ]
        result.append(Panel(f"征求意见结束未反馈采纳情况（{late.count()}）", url, items, warning=True))
    today = timezone.localdate()
    soon = Hearing.objects.filter(
        consultation__unit__in=units, materials_sent_on__isnull=True,
        held_at__date__lte=today + timedelta(days=14), held_at__date__gte=today,
    ).select_related("consultation")  # fmt: skip
    if soon.exists():
        items = [
            PanelItem(
                h.title, h.consultation.get_staff_url(), f"材料应于 {h.materials_due_on:%Y-%m-%d} 前送达"
            )
            for h in soon[:LIMIT]
        ]
        result.append(Panel(f"听证材料待送达（{soon.count()}）", url, items, warning=True))
    return result


register(participation_panels)
