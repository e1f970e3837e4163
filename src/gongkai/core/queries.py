"""Read-side questions about units, users and the audit log."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from .models import AuditEntry, SiteProfile, Unit


def unit_list() -> QuerySet[Unit]:
    return Unit.objects.select_related("parent").order_by("sort_order", "name")


def unit_choices() -> list[tuple[str, str]]:
    """Every unit's (code, name) in the order of `unit_list`, for a filter's choices: without building
    each unit and its parent (the search page's form spent more on that than on its query)."""
    return list(Unit.objects.order_by("sort_order", "name").values_list("code", "name"))


def unit_by_code(code: str) -> Unit | None:
    return Unit.objects.select_related("parent").filter(code=code.strip().upper()).first()


def units_by_code_and_name() -> dict[str, Unit]:
    """Every unit under its credit code and under its full name (how import files name units)."""
    units = list(Unit.objects.all())
    return {u.code: u for u in units} | {u.name: u for u in units}


def site_profile() -> SiteProfile | None:
    return SiteProfile.objects.first()


def audit_entries(
    *,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """Return audit entries filtered by action prefix, actor username, object type and date range."""
    entries = AuditEntry.objects.select_related("actor")
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(actor_name=actor)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries.order_by("-created_at", "-id")
