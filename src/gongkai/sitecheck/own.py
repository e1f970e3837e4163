"""Census checks of Gongkai's own portal read from its own data, not from its pages."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.concerns.models import Concern
from gongkai.core.publishable import visible_q
from gongkai.matters import guide
from gongkai.matters.models import Matter

from . import indicators as ind
from .inspect_site import Found, Report, score


def interaction(today: date) -> list[Found]:
    """Applications and valid messages (留言) of the past year left without a reply for more than three
    months (LAW.md §6); a message marked invalid (无效留言) does not count."""
    limit = today - timedelta(days=ind.UNANSWERED_DAYS)
    late = Application.objects.filter(
        received_on__gte=today - timedelta(days=365), received_on__lt=limit
    ).exclude(status__in=[Application.Status.REPLIED, Application.Status.WITHDRAWN])
    found = [
        Found(
            "interaction",
            f"依申请公开 {a.tracking_no} 于{a.received_on:%Y-%m-%d}收到，超过3个月未答复",
            veto=True,
        )
        for a in late.order_by("received_on")[:50]
    ]
    messages = Concern.objects.filter(
        received_at__date__gte=today - timedelta(days=365),
        received_at__date__lt=limit,
        status__in=[Concern.Status.RECEIVED, Concern.Status.ASSIGNED],
    )
    found += [
        Found(
            "interaction",
            f"留言 {c.tracking_no} 于{timezone.localtime(c.received_at):%Y-%m-%d}收到，超过3个月未答复",
            veto=True,
        )
        for c in messages.order_by("received_at")[:50]
    ]
    return found


def consultation_channel(report: Report, today: date) -> list[Found]:
    """The portal's own consultation channel (征求意见, issue #21) read from its data, in place of the
    homepage-link check: working when a consultation was open to comments on it within the past year."""
    from gongkai.participation.queries import public_consultations

    report.findings = [f for f in report.findings if f.indicator != "consultation"]
    if (
        public_consultations()
        .filter(opens_on__lte=today, closes_on__gte=today - timedelta(days=365))
        .exists()
    ):
        return []
    return [Found("consultation", "过去一年没有在本平台公开征求意见", "/consultations/")]


def service_guides() -> list[Found]:
    """The 办事指南 of public matters, by the matters app's completeness check.

    One deduction finding per missing element category (the 2015 census counts a category once,
    however many guides lack it), and the veto when the share of incomplete guides passes the
    configured percentage.
    """
    matters = [m for m in Matter.objects.filter(visible_q()).order_by("pk") if guide.needs_guide(m)]
    by_element: dict[str, list[Matter]] = {}
    incomplete = 0
    for matter in matters:
        missing = guide.missing_elements(matter)
        incomplete += bool(missing)
        for label in missing:
            by_element.setdefault(label, []).append(matter)
    found = [
        Found(
            "service_guide",
            f"{len(items)}个事项的办事指南缺少“{label}”，如“{items[0].name}”",
            items[0].get_absolute_url(),
        )
        for label, items in by_element.items()
    ]
    share = 100 * incomplete / len(matters) if matters else 0
    if incomplete and share > settings.SITECHECK_GUIDE_VETO_PERCENT:
        found.append(
            Found(
                "service",
                f"{len(matters)}个事项中{incomplete}个的办事指南要素不全（{share:.1f}%，"
                f"超过{settings.SITECHECK_GUIDE_VETO_PERCENT}%）",
                veto=True,
            )
        )
    return found


def add_to(report: Report, today: date) -> None:
    """Add the own-data findings to REPORT, with one veto item per failed veto indicator."""
    found = interaction(today) + consultation_channel(report, today) + service_guides()
    for finding in found:
        finding.page = urljoin(report.url, finding.page) if finding.page else ""
    report.findings.extend(found)
    for indicator in ("interaction", "service"):
        failed = [f for f in found if f.indicator == indicator and f.veto]
        if failed:
            label = ind.INDICATORS[indicator].label
            detail = failed[0].detail if len(failed) == 1 else f"{len(failed)}项，如{failed[0].detail}"
            report.veto.append(Found(indicator, f"{label}：{detail}", veto=True))
    score(report)
