"""Daily reminders to case handlers: what is overdue and what falls due within 5 working days."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from gongkai.core import permissions
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import User

from . import queries


def reminder_text(user: User, today: date) -> str | None:
    """Return USER's reminder, or None when nothing is due."""
    groups = queries.buckets(user, load_calendar(), today)
    lines = []
    for key, title in (
        ("overdue", "已超过答复期限"),
        ("due_soon", "5个工作日内到期"),
        ("submitted", "网上提交待登记"),
    ):
        rows = groups[key]
        if rows:
            lines.append(f"{title}（{len(rows)}件）：")
            for row in rows:
                due = f"，答复期限 {row.clock.due_date:%Y-%m-%d}" if row.clock and row.clock.due_date else ""
                url = settings.PUBLIC_URL + reverse(
                    "applications_staff:detail", args=[row.application.tracking_no]
                )
                lines.append(f"  {row.application.tracking_no} {row.application.description[:30]}{due} {url}")
    return "\n".join(lines) if lines else None


def send_reminders(today: date | None = None) -> int:
    """E-mail every handler with an address who has something due; return how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for user in User.objects.filter(is_active=True).exclude(email="").select_related("unit"):
        if not permissions.can(user, "applications.case.handle"):
            continue
        text = reminder_text(user, today)
        if text:
            send_mail(f"依申请公开到期提醒（{today:%Y-%m-%d}）", text, None, [user.email])
            sent += 1
    return sent
