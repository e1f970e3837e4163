"""双公示, the matters catalog and approval cases in a real browser, on a phone and at the reviewer's desk."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.core.models import Unit, User
from gongkai.core.uscc import make_uscc
from gongkai.matters import services as matter_services
from gongkai.records import registry, services

from .axe import violations as axe_violations
from .test_catalog import sign_in


def _authority(unit):
    return {
        "authority": unit.name,
        "authority_uscc": unit.code,
        "source_unit": unit.name,
        "source_unit_uscc": unit.code,
    }


@pytest.fixture
def records(demo):
    unit = Unit.objects.get(short_name="发改局")
    office, admin = User.objects.get(username="office"), User.objects.get(username="admin")
    penalties, licences, matters = (registry.get(s) for s in ("penalties", "licences", "matters"))
    decided = timezone.localdate() - timedelta(days=5)
    for n, (name, category, natural) in enumerate(
        [
            ("岢岚县宏达煤业有限公司", "fine", False),
            ("王小明", "warning", True),
            ("岢岚县鑫源商贸有限公司", "fine", False),
        ]
    ):
        party = (
            {"party_name": name, "party_category": "natural", "party_id_type": "id_card", "party_id_no": "110101199003074514"}
            if natural
            else {"party_name": name, "uscc": make_uscc(registry="9", kind="1", region="140929", body8=f"MA0K000{n}")}
        )  # fmt: skip
        record = services.record_create(penalties, by=office, unit=unit, data={
            **party, **_authority(unit), "decision_no": f"岢发改罚〔2026〕{n + 1}号", "violation_type": "价格违法",
            "facts": "未明码标价", "basis": "《中华人民共和国价格法》第四十二条", "category": category,
            "content": "罚款" if category == "fine" else "警告", "fine": 1 if category == "fine" else None,
            "decided_on": decided,
        })  # fmt: skip
        services.record_submit(penalties, record, by=office)
        services.record_approve(penalties, record, by=admin)
        services.record_publish(penalties, record, by=admin)
    for n in range(2):  # imported from the approval system, waiting for the unit's reviewer
        services.record_create(licences, by=None, unit=unit, status="submitted", data={
            "party_name": f"岢岚县晋岚食品有限公司{n}", "uscc": make_uscc(registry="9", kind="1", region="140929", body8=f"MA0L000{n}"),
            **_authority(unit), "decision_doc_name": "价格评估机构资质许可决定书", "decision_no": f"岢发改许〔2026〕{n + 7}号",
            "content": "准予许可", "decided_on": decided, "valid_from": decided,
        })  # fmt: skip
    matter = services.record_create(matters, by=office, unit=unit, data={
        "code": "FGJ-XK-0001", "name": "企业投资项目核准", "kind": "licensing", "formed_on": date(2026, 1, 5),
        "legal_basis": "《企业投资项目核准和备案管理条例》", "conditions": "符合国家产业政策",
        "materials": "项目申请报告\n城乡规划选址意见", "procedure": "受理\n审查\n决定", "statutory_days": 20,
        "promised_days": 10, "fees": "不收费", "place": "县政务服务中心", "hours": "工作日", "phone": unit.office_phone,
    })  # fmt: skip
    services.record_submit(matters, matter, by=office)
    services.record_approve(matters, matter, by=admin)
    services.record_publish(matters, matter, by=admin)
    received = timezone.make_aware(
        timezone.datetime.combine(timezone.localdate() - timedelta(days=40), timezone.datetime.min.time())
    )
    from gongkai.core.calendar_data import load_calendar

    matter_services.case_upsert(matter_services.CaseRow(
        case_no="KL20260001", matter=matter, applicant="岢岚县宏达煤业有限公司", applicant_is_person=False,
        query_code="246810", received_at=received, status="in_progress", finished_at=None, step="受理",
        step_started_at=received, step_finished_at=received, handler="窗口", result="",
    ), load_calendar())  # fmt: skip


def test_public_checks_penalties_on_a_phone(phone, records):
    phone.goto("/")
    phone.get_by_text("菜单", exact=True).click()  # on a phone the navigation is behind the menu
    phone.get_by_role("navigation", name="主导航（菜单）").get_by_role("link", name="公示查询").click()
    phone.get_by_role("link", name="行政处罚").click()
    expect(phone.locator("h1")).to_have_text("行政处罚")
    assert axe_violations(phone) == []
    phone.get_by_label("处罚类别").select_option(label="警告")
    phone.get_by_role("button", name="查询").click()
    expect(phone.get_by_text("共 1 条")).to_be_visible()
    assert "王小明" not in phone.content()
    phone.get_by_role("link", name="王*明").click()
    expect(phone.locator("h1")).to_have_text("王*明")
    assert "110101199003074514" not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(phone) == []
    phone.screenshot(path="test-results/penalty-375.png", full_page=True)


def test_guide_and_case_lookup_on_a_phone(phone, records):
    phone.goto("/records/matters/?q=企业投资项目核准")
    phone.get_by_role("link", name="企业投资项目核准").click()
    expect(phone.get_by_role("heading", name="办事指南")).to_be_visible()
    assert axe_violations(phone) == []
    phone.get_by_role("link", name="已经申请？查询办件进度").click()
    phone.get_by_label("办件编号").fill("KL20260001")
    phone.get_by_label("查询码").fill("000000")
    phone.get_by_role("button", name="查询").click()
    expect(phone.get_by_role("alert")).to_contain_text("办件编号或查询码不正确")
    phone.get_by_label("查询码").fill("246810")
    phone.get_by_role("button", name="查询").click()
    expect(phone.get_by_role("heading", name="KL20260001：办理中")).to_be_visible()
    expect(phone.get_by_role("note")).to_contain_text("超过承诺办结时限")
    assert axe_violations(phone) == []
    phone.screenshot(path="test-results/case-lookup-375.png", full_page=True)


def test_reviewer_publishes_imported_licences(browser, live_server, records):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url).new_page()
    sign_in(page, "fgj_reviewer")
    expect(page.get_by_text("待审核的行政许可（2）")).to_be_visible()
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="公示信息").click()
    page.get_by_role("link", name="行政许可").click()
    assert axe_violations(page) == []
    page.get_by_role("checkbox").first.check()
    page.get_by_role("checkbox").nth(1).check()
    page.get_by_role("button", name="勾选的待审核记录：审核通过并发布").click()
    expect(page.get_by_role("status")).to_contain_text("已审核并发布 2 条")
    page.goto("/records/licences/")
    expect(page.get_by_role("link", name="岢岚县晋岚食品有限公司0")).to_be_visible()
    page.screenshot(path="test-results/licences-published.png", full_page=True)
