"""Escalation (督办) of concerns past their deadline: each is marked once and the office and the
unit's handlers are e-mailed."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from gongkai.core import permissions
from gongkai.core.models import User

from . import services
from .models import Concern


def _line(concern: Concern) -> str:
    unit = concern.unit.name if concern.unit else "未分办"
    due = timezone.localtime(concern.due_at).strftime("%Y-%m-%d %H:%M") if concern.due_at else ""
    return f"  {concern.tracking_no} {concern.title[:30]}（{unit}，期限 {due}，{concern.deadline_basis}）{settings.PUBLIC_URL}{concern.get_staff_url()}"


def escalate_and_notify(now: datetime | None = None) -> int:
    """Escalate what fell overdue since the last run and e-mail who must act; return how many escalated."""
    late = services.concerns_escalate(now=now)
    if not late:
        return 0
    for user in User.objects.filter(is_active=True).exclude(email="").select_related("unit"):
        mine = [
            c for c in late
            if permissions.can(user, "concerns.concern.triage")
            or (c.unit is not None and permissions.can(user, "concerns.concern.answer", c))
        ]  # fmt: skip
        if mine:
            text = f"以下留言已超过答复期限，请尽快办理（{len(mine)}条）：\n" + "\n".join(map(_line, mine))
            send_mail("留言超期督办", text, None, [user.email])
    return len(late)
