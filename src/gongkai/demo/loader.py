"""Build the demo county; safe to run again (it only adds what is missing)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.concerns.models import Concern
from gongkai.core import services
from gongkai.core.calendar_data import package_years
from gongkai.core.models import CalendarYear, SiteProfile, Unit, User
from gongkai.enforcement.models import Coercion, Licence, Penalty
from gongkai.finance.models import FeeItem, FiscalReport
from gongkai.indicators.models import Indicator
from gongkai.land.models import Acquisition
from gongkai.lottery.models import Lottery
from gongkai.matters.models import ApprovalCase, Matter
from gongkai.participation.models import Consultation
from gongkai.procurement.models import Process
from gongkai.publishing.catalog_tree import ensure_default_catalog
from gongkai.publishing.models import Document
from gongkai.sitecheck.models import Site

from .county import DEMO_PASSWORD, SITE_PROFILE, STAFF, county_units, unit_staff
from .oversight import oversight_totals

CALENDAR_YEARS = {
    2025: "国务院办公厅关于2025年部分节假日安排的通知",
    2026: "国务院办公厅关于2026年部分节假日安排的通知",
}


@dataclass
class DemoResult:
    created: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def load_demo(*, documents: bool = True, records: bool = True) -> DemoResult:
    """Build the demo county; DOCUMENTS=False leaves out the year of catalog documents and applications,
    RECORDS=False the matters catalog, approval cases and 双公示 records (both fast, for tests)."""
    result = DemoResult()
    created_units = 0
    government: Unit | None = None
    for data in county_units():
        unit = Unit.objects.filter(code=data["code"]).first()
        if unit is None:
            parent = None if data["kind"] == Unit.Kind.GOVERNMENT else government
            unit = services.unit_create(by=None, parent=parent, **data)
            created_units += 1
        if data["kind"] == Unit.Kind.GOVERNMENT:
            government = unit
    result.created["units"] = created_units

    ensure_default_catalog()
    if not SiteProfile.objects.exists():
        services.site_profile_save(by=None, **SITE_PROFILE)
    elif not SiteProfile.objects.exclude(conac_url="").exists():  # a demo made before the field existed
        services.site_profile_save(by=None, conac_url=SITE_PROFILE["conac_url"])

    created_users = 0
    for username, role, short, display in [*STAFF, *unit_staff()]:
        if User.objects.filter(username=username).exists():
            continue
        unit = Unit.objects.get(short_name=short)
        services.user_create(
            username=username, password=DEMO_PASSWORD, role=role, unit=unit, by=None, display_name=display
        )
        created_users += 1
    result.created["staff users"] = created_users

    years = package_years()
    created_years = 0
    for year, source in CALENDAR_YEARS.items():
        if CalendarYear.objects.filter(year=year).exists():
            continue
        holidays, workdays = years[year]
        services.calendar_import(
            year=year, lines=services.holiday_lines_from(holidays, workdays), source=source, by=None
        )
        created_years += 1
    result.created["holiday years"] = created_years

    from .documents import load_documents
    from .timeline import Timeline

    timeline = Timeline()  # publications of every kind, carried out in time order at the end
    result.created["documents"] = load_documents(timeline) if documents else 0
    from .applications import load_applications

    result.created["applications"] = load_applications() if documents else 0
    from .records import load_cases, load_enforcement, load_matters

    today = timezone.localdate()
    for name, count in (load_enforcement(today, timeline) if records else {}).items():
        result.created[name] = count
    from .indicators import load_indicators

    result.created["indicators"] = load_indicators(timeline) if records else 0
    from .finance import load_finance

    for name, count in (load_finance(today, timeline) if records else {}).items():
        result.created[name] = count
    from .procurement import load_procurement

    for name, count in (load_procurement(today, timeline) if records else {}).items():
        result.created[name] = count
    from .land import load_land

    for name, count in (load_land(today, timeline) if records else {}).items():
        result.created[name] = count
    from .credit import load_credit

    for name, count in (load_credit(today, timeline) if records else {}).items():
        result.created[name] = count
    from .concerns import load_concerns

    for name, count in (load_concerns(today, timeline) if records else {}).items():
        result.created[name] = count
    from .participation import load_participation

    for name, count in (load_participation(today, timeline) if records else {}).items():
        result.created[name] = count
    from .housing import load_housing

    for name, count in (load_housing(today, timeline) if records else {}).items():
        result.created[name] = count
    result.created["matters"] = load_matters(today, timeline) if records else 0
    from .oversight import load_oversight

    for name, count in (load_oversight(today, timeline) if records else {}).items():
        result.created[name] = count
    timeline.run()  # the past, in order
    result.created["approval cases"] = load_cases(today) if records else 0
    from .finance import load_fees

    for name, count in (load_fees() if records else {}).items():
        result.created[name] = count
    from gongkai.credit.models import CreditRecord

    from .sites import load_sites

    result.created["websites"] = load_sites(SITE_PROFILE)
    from gongkai.search.backends import backend

    transaction.on_commit(lambda: backend().sync())  # the embedded index catches up once, at the end
    result.totals = {
        "units": Unit.objects.count(),
        "staff users": User.objects.count(),
        "holiday years": CalendarYear.objects.count(),
        "documents": Document.objects.count(),
        "applications": Application.objects.count(),
        "matters": Matter.objects.count(),
        "approval cases": ApprovalCase.objects.count(),
        "licences": Licence.objects.count(),
        "penalties": Penalty.objects.count(),
        "coercions": Coercion.objects.count(),
        "indicators": Indicator.objects.count(),
        "concerns": Concern.objects.count(),
        "fiscal reports": FiscalReport.objects.count(),
        "fee items": FeeItem.objects.count(),
        "procurement processes": Process.objects.count(),
        "land acquisitions": Acquisition.objects.count(),
        "consultations": Consultation.objects.count(),
        "lotteries": Lottery.objects.count(),
        "websites": Site.objects.count(),
        "credit records": CreditRecord.objects.count(),
        **oversight_totals(),
    }
    return result


def staff_logins() -> list[tuple[str, str, str, str]]:
    """Return (username, password, role label, unit) for the demo staff users."""
    rows = []
    for username, _role, _short, _display in STAFF:
        user = User.objects.select_related("unit").filter(username=username).first()
        if user is not None:
            rows.append((username, DEMO_PASSWORD, user.get_role_display(), str(user.unit or "")))
    return rows
