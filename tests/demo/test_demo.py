import pytest

from gongkai.core.models import AuditEntry, CalendarYear, Unit, User
from gongkai.core.uscc import uscc_problem
from gongkai.demo.loader import load_demo
from tests.conftest import module_demo

pytestmark = pytest.mark.demo_content  # the demo county's content: the same in both runs
loaded = module_demo()


@pytest.mark.django_db
def test_demo_county_has_its_government_43_units_staff_and_calendar(loaded):
    result = loaded
    fixed = ("units", "staff users", "holiday years", "matters")
    assert {k: result.totals[k] for k in fixed} == {
        "units": 45,
        "staff users": 6 + 15 * 3 - 1,  # the named logins and every working unit's staff
        "holiday years": 2,
        "matters": 5635 + 36,  # the seed's power items of 43 units and its 36 public services
    }
    assert result.totals["approval cases"] > 500 and result.totals["licences"] > 200
    assert result.totals["penalties"] > 50 and result.totals["coercions"] > 5
    assert result.totals["documents"] > 200
    assert result.totals["applications"] > 100
    government = Unit.objects.get(kind=Unit.Kind.GOVERNMENT)
    assert government.name == "岢岚县人民政府"
    assert Unit.objects.filter(parent=government).count() == 44
    assert all(uscc_problem(code) is None for code in Unit.objects.values_list("code", flat=True))
    assert all(not u.missing_guide_items() for u in Unit.objects.all())
    assert set(User.objects.values_list("role", flat=True)) == set(User.Role.values)
    assert set(CalendarYear.objects.values_list("year", flat=True)) == {2025, 2026}
    # Loading again adds nothing.
    entries = AuditEntry.objects.count()
    again = load_demo()
    assert set(again.created.values()) == {0}
    assert Unit.objects.count() == 45
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_demo_catalog_has_the_seed_policies_and_every_state(loaded):
    from gongkai.core import transparency
    from gongkai.publishing import queries, services
    from gongkai.publishing.models import Document

    yang = Document.objects.get(doc_number="岢政发〔2015〕12号")
    assert queries.public_view(yang.index_no).state == "public"
    assert [i.title for i in queries.public_interpretations(yang)] == ["图解：岢岚县扶持羊产业发展十条措施"]
    budget = Document.objects.get(title__contains="2015年财政预算")
    assert any("公务接待费" in a.text for a in budget.attachments.all())
    statuses = {d.shown() for d in Document.objects.all()}
    assert {"published", "withdrawn", "scheduled", "draft"} <= statuses
    assert Document.objects.filter(version__gt=1).exists()
    pii = Document.objects.get(status="draft", title="关于价格举报处理结果的公示")
    assert {f.kind for _field, f in services.privacy_findings(pii)} >= {"id_number", "mobile", "name"}
    assert transparency.verify_local() == []


@pytest.mark.django_db
def test_demo_applications_cover_every_group_and_stage(loaded):
    from gongkai.applications.models import Application, ReviewCase

    categories = set(
        Application.objects.filter(received_on__year=2015).values_list("reply_category", flat=True)
    )
    assert {c[0] for c in categories if c} == {"1", "2", "3", "4", "5", "6"}
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {
        "submitted",
        "processing",
        "awaiting_supplement",
        "awaiting_third_party",
        "awaiting_fee",
        "replied",
    } <= statuses
    assert ReviewCase.objects.count() == 4


@pytest.mark.django_db
def test_demo_cases_are_numbered_in_the_year_they_arrived(loaded):
    from gongkai.applications.models import Application

    for application in Application.objects.exclude(received_on=None):
        assert application.tracking_no.startswith(f"YSQ{application.received_on.year}"), (
            application.tracking_no
        )


@pytest.mark.django_db
def test_demo_cases_are_handled_by_the_staff_of_the_unit_that_holds_the_information(loaded):
    from gongkai.applications.models import Application, Event
    from gongkai.demo.applications import TOPICS

    holders = {short for _text, short in TOPICS}
    applications = Application.objects.select_related("unit", "handler")
    assert {a.unit.short_name for a in applications} == holders
    for application in applications:
        if application.handler is not None:
            assert application.handler.unit_id == application.unit_id, application.tracking_no
    acting = Event.objects.exclude(by=None).select_related("by", "application")
    assert acting.exists()
    assert all(e.by.unit_id == e.application.unit_id for e in acting)


@pytest.mark.django_db
def test_demo_records_are_written_by_their_units_staff_and_the_log_reads_in_time_order(loaded):
    from gongkai.core.models import TransparencyEntry
    from gongkai.records import registry

    for source in ("licences", "penalties", "coercions"):
        model = registry.get(source).model
        rows = model.objects.exclude(created_by=None).select_related("created_by", "approved_by")
        assert rows.exists()
        assert all(r.created_by.unit_id == r.unit_id for r in rows)
        assert all(r.approved_by.unit_id == r.unit_id for r in rows if r.approved_by)
    times = list(TransparencyEntry.objects.order_by("seq").values_list("created_at", flat=True))
    assert len(times) > 300 and times == sorted(times)


@pytest.mark.django_db
def test_demo_finance_cycle_procurement_files_and_fees_agree(loaded):
    from django.utils import timezone

    from gongkai.finance import queries
    from gongkai.finance.models import FeeItem
    from gongkai.procurement.models import NoticeDocument

    today = timezone.localdate()
    pending = {(p.unit.short_name, p.type_label): p for p in queries.pending_reports(today)}
    # most departments published this year's budget and last year's final accounts; the dashboard shows
    # one budget in review with days left and two final accounts overdue, one not yet drafted
    assert set(pending) == {("应急局", "部门预算"), ("卫体局", "部门决算"), ("林业局", "部门决算")}
    assert pending[("应急局", "部门预算")].days_left > 0 and pending[("应急局", "部门预算")].report
    assert pending[("卫体局", "部门决算")].days_left < 0 and pending[("卫体局", "部门决算")].report
    assert pending[("林业局", "部门决算")].days_left < 0 and pending[("林业局", "部门决算")].report is None
    county = {y.year: y for y in queries.county_sangong()}
    assert {today.year - 1, today.year} <= set(county)
    assert county[today.year].budget["total"] != county[2015].budget["total"]
    assert county[today.year].change["budget"] is not None  # against last year's budget
    assert county[today.year - 1].actual["total"] < county[today.year - 1].budget["total"]

    files = list(NoticeDocument.objects.select_related("notice"))
    assert {f.document_type for f in files} == {"biddingDocuments", "contractSigned"}
    assert all(f.notice.status == "published" and f.content_type == "application/pdf" for f in files)

    linked = list(FeeItem.objects.exclude(matter=None).select_related("matter"))
    assert len(linked) == 3
    for item in linked:
        assert item.matter.kind not in ("penalty", "coercion", "inspection")
        assert item.standard in item.matter.fees and not item.matter.fees.startswith("不收费")


@pytest.mark.django_db
def test_demo_companies_lead_one_life_across_licences_penalties_tenders_and_credit(loaded):
    from gongkai.credit import enterprises
    from gongkai.demo.companies import COMPANY_LIST
    from gongkai.enforcement.models import Penalty

    kinds = {}
    for company in COMPANY_LIST:
        profile = enterprises.profile(company.uscc)
        assert profile is not None and profile.name == company.name
        kinds[company.trade, company.name] = {e.record_type.slug for e in profile.entries}
    builder = kinds["construction", "岢岚县华盛建筑有限公司"]
    assert {"licences", "penalties", "credit-records", "procurement-notices"} <= builder
    assert sum(len(k) >= 3 for k in kinds.values()) >= len(COMPANY_LIST) // 2
    trades = {c.uscc: c.trade for c in COMPANY_LIST}
    expired_food = Penalty.objects.filter(violation_type="销售过期食品").exclude(uscc="")
    assert expired_food.exists()
    assert {trades[p.uscc] for p in expired_food} <= {"food", "catering", "retail"}
