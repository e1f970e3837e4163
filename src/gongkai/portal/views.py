"""Public pages of the shell: home, 政府信息公开, units and their 公开指南, the working-day calculator."""

from __future__ import annotations

from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gongkai.core.calendar import RANGE_MESSAGE, OutOfRange
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import Unit
from gongkai.core.queries import unit_by_code, unit_list
from gongkai.reports.published import latest_finished_year

from . import registry
from .context import ELDER_COOKIE
from .forms import WorkdaysForm

HOME_ITEMS = 6  # lines per column on the home page


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    units = unit_list()
    columns = [(column, column.latest(HOME_ITEMS)) for column in registry.home_columns()]
    return render(
        request,
        "portal/home.html",
        {
            "county": units.filter(kind=Unit.Kind.GOVERNMENT, parent=None).first(),
            "unit_count": units.count(),
            "columns": [(column, items) for column, items in columns if items],
            "last_year": latest_finished_year(),
        },
    )


@require_GET
def disclosure(request: HttpRequest) -> HttpResponse:
    county = unit_list().filter(kind=Unit.Kind.GOVERNMENT, parent=None).first()
    return render(
        request,
        "portal/disclosure.html",
        {"county": county, "feeds": registry.feeds(), "last_year": latest_finished_year()},
    )


@require_GET
def units(request: HttpRequest) -> HttpResponse:
    grouped = [
        (Unit.Kind(kind).label, list(items))
        for kind, items in groupby(
            sorted(unit_list(), key=lambda u: (_kind_order(u.kind), u.sort_order)), key=lambda u: u.kind
        )
    ]
    return render(request, "portal/units.html", {"groups": grouped})


def _kind_order(kind: str) -> int:
    return list(Unit.Kind.values).index(kind)


def _unit_or_404(code: str) -> Unit:
    unit = unit_by_code(code)
    if unit is None:
        raise Http404("no such unit")
    return unit


@require_GET
def unit(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "portal/unit.html", {"unit": _unit_or_404(code)})


@require_GET
def guide(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "portal/guide.html", {"unit": _unit_or_404(code)})


@require_GET
def workdays(request: HttpRequest) -> HttpResponse:
    form = WorkdaysForm(request.GET or None)
    result = None
    if form.is_valid():
        try:
            result = load_calendar().due_date(form.cleaned_data["start"], form.cleaned_data["days"])
        except OutOfRange:
            form.add_error("start", RANGE_MESSAGE)
    return render(request, "portal/workdays.html", {"form": form, "result": result})


@csrf_exempt
@require_POST
def display_mode(request: HttpRequest) -> HttpResponse:
    """Switch 长辈模式 on or off and go back; works without JavaScript.

    Exempt from CSRF so that no public page carries a per-visitor token (issue #24): the switch sets
    only a display preference, so a forged post can do no more than enlarge a visitor's text.
    """
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.POST.get("elder") == "1":
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(ELDER_COOKIE)
    return response


@require_GET
def feeds_index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/feeds.html", {"feeds": registry.feeds()})


@require_GET
def site_map(request: HttpRequest) -> HttpResponse:
    """The 网站地图 for people: every section, every unit's disclosure page, every feed."""
    return render(
        request,
        "portal/site_map.html",
        {"nav": registry.nav_items(), "units": unit_list(), "feeds": registry.feeds()},
    )


def feed(request: HttpRequest, slug: str) -> HttpResponse:
    entry = registry.feed(slug)
    if entry is None:
        raise Http404("no such feed")
    return entry.feed(request)


@require_GET
def robots(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /staff/", "Disallow: /admin/", "Disallow: /api/v1/staff/"]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
