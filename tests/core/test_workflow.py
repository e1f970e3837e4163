"""The one publication workflow, run over every registered kind: its rules, its logs and its leak tests.

Each kind names a maker below; a kind registered without one fails the first test, so a new kind is
covered by these tests the moment it is registered.
"""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from gongkai.core import services as core_services
from gongkai.core import workflow
from gongkai.core.models import AuditEntry, TransparencyEntry, User
from gongkai.core.publishable import Publishable
from gongkai.lottery import services as lottery_services
from gongkai.portal import registry as portal
from gongkai.publishing import queries as document_queries
from gongkai.publishing import services as documents
from gongkai.publishing.models import Category
from gongkai.records import queries as record_queries
from gongkai.records import registry, services
from tests.enforcement.test_enforcement import COMPANY_USCC, penalty_data
from tests.finance.conftest import fee_item_data, fiscal_report_maker
from tests.housing import factories as housing
from tests.land.factories import workflow_makers as land_makers
from tests.lottery.conftest import lottery_data
from tests.matters.test_matters import matter_data
from tests.oversight.conftest import AMEND_FIELDS, oversight_makers
from tests.procurement.factories import make_process, notice_data
from tests.records.conftest import permit_data

MARK = "翠鸟湾"  # in every test item's title: a word no other text of the test database holds


def _party(department, **fields) -> dict[str, Any]:
    return {
        "party_name": f"岢岚县{MARK}商贸有限公司", "party_category": "legal", "uscc": COMPANY_USCC, "legal_rep": "李建国",
        "authority": "岢岚县市场监督管理局", "authority_uscc": department.code, "source_unit": "岢岚县市场监督管理局",
        "source_unit_uscc": department.code, **fields,
    }  # fmt: skip


def _record(slug: str, data: Callable[[Any], dict[str, Any]]) -> Callable[..., Publishable]:
    def make(unit, editor) -> Publishable:
        return services.record_create(registry.get(slug), by=editor, unit=unit, data=data(unit))

    return make


def _consultation(unit, editor) -> Publishable:
    from gongkai.participation import services as consultations

    return consultations.consultation_create(
        by=editor, unit=unit, title=f"{MARK}片区管理办法（征求意见稿）", draft="第一条　为加强管理，制定本办法。",
        opens_on=TODAY, closes_on=TODAY + timedelta(days=30),
    )  # fmt: skip


def _document(unit, editor) -> Publishable:
    category = Category.objects.get_or_create(code="other", defaults={"name": "其他"})[0]
    return documents.document_create(
        by=editor, unit=unit, title=f"关于{MARK}片区治理的通知", formed_on=timezone.localdate(), category=category,
        body="<p>各乡镇：请做好治理工作。</p>",
    )  # fmt: skip


TODAY = timezone.localdate()
MAKERS: dict[str, Callable[..., Publishable]] = {
    "document": _document,
    "answers": _record(
        "answers",
        lambda unit: {
            "title": f"{MARK}小区何时供暖",
            "kind": "consult",
            "question": "请问今年几号开始供暖？",
            "answer": "11月1日开始供暖。",
            "asked_on": TODAY,
            "answered_on": TODAY,
        },
    ),
    "consultation": _consultation,
    "permits": _record(
        "permits", lambda unit: permit_data(holder=f"岢岚县{MARK}商贸有限公司", issued_on=TODAY)
    ),
    "penalties": _record(
        "penalties", lambda unit: penalty_data(unit, party_name=f"岢岚县{MARK}商贸有限公司")
    ),
    "licences": _record(
        "licences",
        lambda unit: _party(
            unit,
            decision_doc_name="食品经营许可决定书",
            decision_no="岢食许〔2026〕1号",
            content="食品销售",
            decided_on=TODAY,
            valid_from=TODAY,
        ),
    ),
    "coercions": _record(
        "coercions",
        lambda unit: _party(
            unit,
            decision_no="岢市监强〔2026〕1号",
            kind="seal",
            basis="《食品安全法》第一百一十条",
            content="查封违法生产场所",
            decided_on=TODAY,
        ),
    ),
    "matters": _record("matters", lambda unit: matter_data(unit, name=f"{MARK}摊点备案", formed_on=TODAY)),
    "indicators": _record(
        "indicators",
        lambda unit: {
            "name": f"{MARK}城镇新增就业",
            "topic": "employment",
            "year": TODAY.year,
            "period": "全年",
            "period_end": TODAY,
            "unit_of_measure": "人",
            "actual": Decimal(448),
            "target": Decimal(400),
        },
    ),
    "fiscal-reports": fiscal_report_maker(MARK),
    "fee-items": _record("fee-items", lambda unit: fee_item_data(name=f"{MARK}停车收费")),
    "fee-collections": _record(
        "fee-collections",
        lambda unit: {"year": 2015, "amount": "12.5", "title": f"{MARK}2015年收费金额", "reported_on": TODAY},
    ),
    "procurement-notices": _record(
        "procurement-notices",
        lambda unit: notice_data(
            make_process(unit, title=f"{MARK}片区绿化采购项目"), "intention", notice_date=TODAY
        ),
    ),
    **land_makers(MARK),
    "credit-records": _record(
        "credit-records",
        lambda unit: {
            "enterprise_name": f"岢岚县{MARK}商贸有限公司",
            "uscc": COMPANY_USCC,
            "kind": "evaluation",
            "title": f"{MARK}2025年度纳税信用A级",
            "grade": "A级",
            "content": "评定为纳税信用A级。",
            "issuer": "国家税务总局岢岚县税务局",
            "decided_on": TODAY,
        },
    ),
    **oversight_makers(MARK, TODAY),
}


def _lottery_draw(unit, editor) -> Publishable:
    # The announcement is someone else's, so that the draw's writer may review nothing of it.
    writer, reviewer = (
        core_services.user_create(
            username=f"wf-lottery-{role}", password="Lottery-pass-42", role=role, unit=unit, by=None
        )
        for role in (User.Role.EDITOR, User.Role.REVIEWER)
    )
    lottery = services.record_create(registry.get("lotteries"), by=writer, unit=unit, data=lottery_data())
    walk(lottery, writer, reviewer, "published")
    return lottery_services.lottery_draw(
        lottery=lottery, public_value="38271", witness="公证员 王某", by=editor, title=f"{MARK}廉租房摇号结果"
    )


MAKERS["lotteries"] = _record("lotteries", lambda unit: lottery_data(title=f"{MARK}廉租房分配摇号"))
MAKERS["lottery-draws"] = _lottery_draw
MAKERS["expropriation-notices"] = _record(
    "expropriation-notices",
    lambda unit: housing.expropriation_data(title=f"{MARK}片区房屋征收决定", notice_date=TODAY),
)
MAKERS["expropriation-compensations"] = _record(
    "expropriation-compensations",
    lambda unit: housing.compensation_data(project=f"{MARK}片区房屋征收", decided_on=TODAY),
)
MAKERS["housing-projects"] = _record(
    "housing-projects", lambda unit: housing.project_data(name=f"{MARK}公租房", announced_on=TODAY)
)
MAKERS["housing-notices"] = _record(
    "housing-notices", lambda unit: housing.notice_data(title=f"{MARK}公租房申请条件", notice_date=TODAY)
)


def _applicant(unit, editor) -> Publishable:
    project = housing.make_project(unit, editor, name=f"{MARK}廉租房")
    data = housing.applicant_data(project, reviewed_on=TODAY)
    return services.record_create(registry.get("housing-applicants"), by=editor, unit=unit, data=data)


MAKERS["housing-applicants"] = _applicant
SLUGS = sorted(MAKERS)


def api_url(item: Publishable) -> str:
    kind = workflow.kind_of(item)
    if kind.slug == "document":
        return f"/api/v1/documents/{item.index_no}"
    if kind.slug == "consultation":
        return f"/api/v1/consultations/{item.pk}"
    return f"/api/v1/records/{kind.slug}/{item.index_no}"


def seen(client, item: Publishable) -> dict[str, bool]:
    """Where ITEM shows to the public: its page, the API, search, every feed and sitemap, exports."""
    kind = workflow.kind_of(item)
    found = client.get("/api/v1/search", {"q": item.index_no}).json()["results"]
    places = {
        "page": client.get(item.get_absolute_url()).status_code == 200,
        "api": client.get(api_url(item)).status_code == 200,
        "search": any(r["url"].endswith(item.get_absolute_url()) for r in found),
        "feeds": any(MARK in client.get(f"/feeds/{f.slug}/").text for f in portal.feeds()),
        "sitemaps": any(
            (item.index_no if kind.slug != "consultation" else item.get_absolute_url())
            in client.get(f"/sitemap-{s}.xml").text
            for s in portal.sitemaps()
        ),  # a consultation's page is /consultations/<id>/, the id of the CONTRACT's API
    }
    if kind.slug not in ("document", "consultation"):
        export = client.get(f"/records/{kind.slug}/export.csv")
        places["export"] = MARK in b"".join(export.streaming_content).decode("utf-8-sig")
    if kind.slug == "indicators":  # its own dashboard, CSV and API besides the records channels
        places["dashboard"] = MARK in client.get("/xxgk/indicators/").text
        csv = client.get("/xxgk/indicators/", {"format": "csv"})
        places["dashboard csv"] = MARK in b"".join(csv.streaming_content).decode("utf-8-sig")
        places["indicators api"] = MARK in client.get("/api/v1/indicators").text
    link = getattr(registry.get(kind.slug), "enterprises", None)  # joins the enterprise profiles
    codes = (
        ([c for c, _n in link.listed(item)] if link.listed else [getattr(item, link.code_field)])
        if link
        else []
    )
    if codes and codes[0]:
        places["enterprise"] = item.index_no in client.get(f"/api/v1/enterprises/{codes[0]}").text
    if kind.slug == "procurement-notices":
        places["ocds"] = MARK in client.get("/api/v1/ocds/releases").content.decode()
    return places


def public_state(item: Publishable, now) -> str:
    """What the item's public page would show at NOW: "public", "gone" (a dated notice) or "missing"."""
    slug = workflow.kind_of(item).slug
    if slug == "document":
        return document_queries.public_view(item.index_no, now=now).state
    if slug == "consultation":
        from gongkai.participation import queries as consultation_queries

        return consultation_queries.public_view(item.pk, now=now).state
    return record_queries.public_view(registry.get(slug), item.index_no, now=now).state


def walk(item: Publishable, editor: User, reviewer: User, until: str, *, at=None) -> Publishable:
    """Take ITEM through the workflow up to the state UNTIL."""
    steps = ["submitted", "approved", "published", "withdrawn"]
    for step in steps[: steps.index(until) + 1] if until != "draft" else []:
        if step == "submitted":
            item = workflow.submit(item, by=editor)
        elif step == "approved":
            item = workflow.approve(item, by=reviewer)
        elif step == "published":
            item = workflow.publish(item, by=reviewer, at=at)
        else:
            item = workflow.withdraw(item, by=reviewer, reason="依法撤回")
    return item


@pytest.fixture
def staff(make_user, department):
    return make_user(User.Role.EDITOR, department, "wf-editor"), make_user(
        User.Role.REVIEWER, department, "wf-reviewer"
    )


def test_every_registered_kind_is_covered_here():
    assert sorted(k.slug for k in workflow.kinds()) == SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_a_published_item_of_every_kind_reaches_every_channel_and_both_logs(client, department, staff, slug):
    editor, reviewer = staff
    item = walk(MAKERS[slug](department, editor), editor, reviewer, "published")
    assert all(seen(client, item).values()), seen(client, item)
    kind = workflow.kind_of(item)
    log = TransparencyEntry.objects.get(index_no=item.index_no)
    assert (log.action, log.object_type, log.version) == ("publish", kind.log_type, 1)
    label = type(item)._meta.label_lower
    entries = AuditEntry.objects.filter(object_type=label, object_id=str(item.pk)).order_by("id")
    codes = list(entries.values_list("action", flat=True))
    assert codes == [f"{label}.{verb}" for verb in ("created", "submitted", "approved", "published")]


@pytest.mark.parametrize("state", ["draft", "submitted", "approved", "for_later", "withdrawn_before"])
@pytest.mark.parametrize("slug", SLUGS)
def test_nothing_unpublished_of_any_kind_reaches_any_channel(client, department, staff, slug, state):
    editor, reviewer = staff
    later = timezone.now() + timedelta(days=2)
    until = {"for_later": "published", "withdrawn_before": "withdrawn"}.get(state, state)
    item = walk(MAKERS[slug](department, editor), editor, reviewer, until, at=later)
    places = seen(client, item)
    assert not any(places.values()), places
    assert client.get(item.get_absolute_url()).status_code == 404  # never public: not even a notice
    if state == "for_later":
        assert workflow.kind_of(item).model.objects.get(pk=item.pk).shown() == "scheduled"


@pytest.mark.parametrize("slug", SLUGS)
def test_an_item_published_for_later_is_corrected_and_withdrawn_in_place(client, department, staff, slug):
    editor, reviewer = staff
    later = timezone.now() + timedelta(days=2)
    item = walk(MAKERS[slug](department, editor), editor, reviewer, "published", at=later)
    kind = workflow.kind_of(item)
    field = {
        "document": "title",
        "answers": "title",
        "consultation": "title",
        "matters": "name",
        "indicators": "name",
        "fiscal-reports": "title",
        "fee-items": "name",
        "fee-collections": "title",
    }.get(slug, "permit_no" if slug == "permits" else "decision_no")
    field = {"procurement-notices": "title", "credit-records": "title", "answers": "title"}.get(slug, field)
    field = "title" if slug.startswith(("land-", "mining-")) else field
    field = {"procurement-notices": "title", "lotteries": "title", "lottery-draws": "title",
             "expropriation-notices": "title", "expropriation-compensations": "location",
             "housing-projects": "name", "housing-notices": "title", "housing-applicants": "township"}.get(slug, field)  # fmt: skip
    field = AMEND_FIELDS.get(slug, field)
    value = "更正后的值" if field not in ("permit_no",) else "ZD-2026-009"
    item = workflow.amend(item, by=reviewer, fields={field: value}, reason="笔误")
    assert (item.version, item.publish_at, getattr(item, field)) == (2, later, value)
    amended = TransparencyEntry.objects.get(index_no=item.index_no, action="amend")
    assert amended.effective_at == later and amended.object_type == kind.log_type
    assert not any(seen(client, item).values())
    workflow.withdraw(item, by=reviewer, reason="取消发布")
    assert TransparencyEntry.objects.filter(index_no=item.index_no, action="withdraw").count() == 1
    assert client.get(item.get_absolute_url()).status_code == 404
    # Never public, so not even a withdrawal notice once its time has passed.
    assert public_state(item, now=later + timedelta(days=1)) == "missing"


@pytest.mark.parametrize("slug", SLUGS)
def test_whoever_last_changed_the_text_can_neither_approve_nor_publish_it(department, make_user, staff, slug):
    editor, reviewer = staff
    second = make_user(User.Role.REVIEWER, department, "wf-reviewer-2")
    item = MAKERS[slug](department, reviewer)  # the reviewer wrote it; the editor submits it
    item = workflow.submit(item, by=editor)
    with pytest.raises(workflow.kind_of(item).error) as refused:
        workflow.approve(item, by=reviewer)
    assert refused.value.code == "own_text"
    item = workflow.approve(item, by=second)
    with pytest.raises(workflow.kind_of(item).error) as refused:
        workflow.publish(item, by=reviewer)
    assert refused.value.code == "own_text"
    assert workflow.publish(item, by=second).status == "published"


@pytest.mark.parametrize("slug", SLUGS)
def test_rejection_from_review_or_after_approval_returns_a_draft_with_the_note(department, staff, slug):
    editor, reviewer = staff
    item = walk(MAKERS[slug](department, editor), editor, reviewer, "approved")
    item = workflow.reject(item, by=reviewer, note="请补充依据")
    assert (item.status, item.review_note, item.approved_by) == ("draft", "请补充依据", None)
    published = walk(item, editor, reviewer, "published")
    with pytest.raises(workflow.kind_of(item).error) as refused:
        workflow.reject(published, by=reviewer, note="晚了")
    assert refused.value.code == "bad_state"


def test_a_subscriber_sees_every_change_in_order_after_the_logs(department, staff):
    editor, reviewer = staff
    heard: list[tuple[str, bool, bool]] = []

    def listen(change: workflow.Change) -> None:
        logged = TransparencyEntry.objects.filter(index_no=change.item.index_no).exists()
        audited = AuditEntry.objects.filter(action=change.kind.audit_code(change.action)).exists()
        heard.append((change.action, audited, logged))

    workflow.subscribe(listen, order=99, name="test-listener")
    try:
        walk(_document(department, editor), editor, reviewer, "published")
    finally:
        workflow._subscribers[:] = [s for s in workflow._subscribers if s.name != "test-listener"]
    assert heard == [
        ("created", True, False), ("submitted", True, False), ("approved", True, False), ("published", True, True),
    ]  # fmt: skip


def test_index_numbers_are_unique_across_kinds(department, staff):
    editor, _reviewer = staff
    numbers = [MAKERS[slug](department, editor).index_no for slug in SLUGS]
    assert len(set(numbers)) == len(numbers)
    assert all(n.startswith(department.effective_index_prefix) for n in numbers)


def test_fines_keep_their_decimal_value_through_a_correction(department, staff):
    editor, reviewer = staff
    item = walk(MAKERS["penalties"](department, editor), editor, reviewer, "published")
    item = workflow.amend(item, by=reviewer, fields={"fine": Decimal("0.75")}, reason="金额更正")
    assert item.fine == Decimal("0.75") and item.version == 2
    assert item.publish_until is not None and timezone.localdate(item.publish_until) > TODAY
