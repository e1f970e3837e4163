"""Census checks of Gongkai's own portal read from its own data, not from its pages."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urljoin

from gongkai.applications.models import Application
from gongkai.core.publishable import visible_q
from gongkai.matters import guide
from gongkai.matters.models import Matter

from . import indicators as ind
from .inspect_site import Found, Report, score


def interaction(today: date) -> list[Found]:
    """Applications of the past year left without a reply for more than three months (LAW.md §6)."""
    limit = today - timedelta(days=ind.UNANSWERED_DAYS)
    late = Application.objects.filter(
        received_on__gte=today - timedelta(days=365), received_on__lt=limit
    ).exclude(status__in=[Application.Status.REPLIED, Application.Status.WITHDRAWN])
    return [
        Found(
            "interaction",
            f"依申请公开 {a.tracking_no} 于{a.received_on:%Y-%m-%d}收到，超过3个月未答复",
            veto=True,
        )
        for a in late.order_by("received_on")[:50]
    ]


def service_guides() -> list[Found]:
    """Public matters whose 办事指南 lacks an element (the matters app's completeness check)."""
    found = []
    for matter in Matter.objects.filter(visible_q()).order_by("pk"):
        missing = guide.missing_elements(matter)
        if missing:
            found.append(
                Found(
                    "service",
                    f"事项“{matter.name}”的办事指南缺少{'、'.join(missing)}",
                    matter.get_absolute_url(),
                    veto=True,
                )
            )
    return found


def add_to(report: Report, today: date) -> None:
    """Add the own-data findings to REPORT, with one veto item per failed indicator."""
    for indicator, found in (("interaction", interaction(today)), ("service", service_guides())):
        if not found:
            continue
        for finding in found:
            finding.page = urljoin(report.url, finding.page) if finding.page else ""
        report.findings.extend(found)
        label = ind.INDICATORS[indicator].label
        report.veto.append(Found(indicator, f"{label}：{len(found)}项，如{found[0].detail}", veto=True))
    score(report)
