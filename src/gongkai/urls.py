from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from gongkai.api.v1 import api
from gongkai.core import health, permissions


def _admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    return RedirectView.as_view(url="/staff/login/?next=/admin/")(request)


def _admin_has_permission(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if not permissions.can(user, "core.user.manage"):
        raise PermissionDenied("admin site")
    return bool(user.is_verified() or not getattr(user, "requires_two_factor", False))  # type: ignore[union-attr]


admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.has_permission = _admin_has_permission  # type: ignore[method-assign]
admin.site.site_header = "公开平台管理"
admin.site.site_title = "公开平台管理"

handler404 = "gongkai.api.v1.page_not_found"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("staff/documents/", include("gongkai.publishing.urls_staff")),
    path("staff/applications/", include("gongkai.applications.urls_staff")),
    path("staff/reports/", include("gongkai.reports.urls_staff")),
    path("staff/records/", include("gongkai.records.urls_staff")),
    path("staff/matters/", include("gongkai.matters.urls_staff")),
    path("staff/procurement/", include("gongkai.procurement.urls_staff")),
    path("staff/land/", include("gongkai.land.urls_staff")),
    path("staff/search/", include("gongkai.search.urls_staff")),
    path("staff/finance/", include("gongkai.finance.urls_staff")),
    path("staff/sitecheck/", include("gongkai.sitecheck.urls_staff")),
    path("staff/concerns/", include("gongkai.concerns.urls_staff")),
    path("staff/consultations/", include("gongkai.participation.urls_staff")),
    path("staff/lotteries/", include("gongkai.lottery.urls_staff")),
    path("staff/", include("gongkai.workbench.urls")),
    path("", include("gongkai.publishing.urls")),
    path("", include("gongkai.applications.urls")),
    path("", include("gongkai.reports.urls")),
    path("", include("gongkai.records.urls")),
    path("", include("gongkai.matters.urls")),
    path("", include("gongkai.indicators.urls")),
    path("", include("gongkai.procurement.urls")),
    path("", include("gongkai.land.urls")),
    path("", include("gongkai.credit.urls")),
    path("", include("gongkai.search.urls")),
    path("", include("gongkai.finance.urls")),
    path("", include("gongkai.concerns.urls")),
    path("", include("gongkai.participation.urls")),
    path("", include("gongkai.lottery.urls")),
    path("", include("gongkai.oversight.urls")),
    path("", include("gongkai.portal.urls")),
]
