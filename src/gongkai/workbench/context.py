from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from gongkai.core import importing, permissions


def staff(request: HttpRequest) -> dict[str, Any]:
    """Which staff menu entries the signed-in user may see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_audit": permissions.can(user, "core.audit.view"),
        "can_calendar": permissions.can(user, "core.calendar.change"),
        "can_documents": permissions.can(user, "publishing.document.view"),
        "can_applications": permissions.can(user, "applications.case.view"),
        "can_concerns": permissions.can(user, "concerns.concern.view"),
        "can_records": permissions.can(user, "records.record.view"),
        "can_finance": permissions.can(user, "finance.dashboard.view"),
        "can_search_terms": permissions.can(user, "search.dictionary.manage"),
        "can_reports": permissions.can(user, "reports.annual.view"),
        "can_timeliness": permissions.can(user, "reports.timeliness.view"),
        "can_import": any(
            entry.permission and permissions.can(user, entry.permission)
            for entry in map(importing.kind, importing.kinds())
            if entry is not None
        ),
        "can_sitecheck": permissions.can(user, "sitecheck.site.view"),
        "report_year": timezone.localdate().year - 1,
    }
