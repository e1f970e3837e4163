"""Applications in a real browser: the public form on a phone, and a handler's reply."""

from playwright.sync_api import expect

from tests.e2e.axe import violations as axe_violations
from tests.e2e.test_catalog import sign_in


def test_apply_on_a_phone_and_track(phone):
    phone.goto("/ysq/apply/")
    assert axe_violations(phone) == []
    phone.get_by_label("向哪个机关申请").select_option(label="岢岚县发展和改革局")
    phone.get_by_label("自然人").check()
    phone.get_by_label("姓名或名称").fill("李四")
    phone.get_by_label("证件号码").fill("142629198507071233")
    phone.get_by_label("联系电话").fill("13912345678")
    phone.get_by_label("所需信息的描述").fill("2025年县城道路改造工程的招标文件")
    phone.get_by_label("电子邮件").check()
    phone.get_by_role("button", name="提交申请").click()  # e-mail delivery without an address: refused
    expect(phone.get_by_text("选择以电子邮件获取信息的，请填写电子邮箱。")).to_be_visible()
    assert axe_violations(phone) == []
    phone.get_by_label("电子邮件").check()
    phone.get_by_label("电子邮箱").fill("lisi@example.cn")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.screenshot(path="test-results/apply-375.png", full_page=True)
    phone.get_by_role("button", name="提交申请").click()
    expect(phone.locator("h1")).to_have_text("申请已提交")
    tracking_no = phone.locator("strong.big").nth(0).inner_text()
    code = phone.locator("strong.big").nth(1).inner_text()
    assert axe_violations(phone) == []
    phone.get_by_role("link", name="查询办理进度").click()
    phone.get_by_label("申请编号").fill(tracking_no)
    phone.get_by_label("查询码").fill(code)
    phone.get_by_role("button", name="查询").click()
    expect(phone.get_by_role("heading", name=f"{tracking_no}：已提交，待登记")).to_be_visible()
    assert axe_violations(phone) == []


def test_a_handler_registers_and_replies(browser, live_server, demo):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.applications import services
    from gongkai.core.models import Unit

    application, _code = services.application_submit(
        unit=Unit.objects.get(short_name="发改局"), applicant_type="natural", name="王五", id_type="resident_id",
        id_number="142629198507071233", phone="1", description="某项目的可行性研究报告批复", form="email", email="ww@example.cn",
        channel="in_person", received_on=timezone.localdate() - timedelta(days=3),
    )  # fmt: skip
    page = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url).new_page()
    sign_in(page, "fgj_reviewer")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="依申请公开").click()
    page.set_viewport_size({"width": 375, "height": 740})  # the queue on a phone: a card per case
    queue = page.locator("table.phone-cards").first
    assert (
        queue.bounding_box()["width"] <= 375 and page.evaluate("document.documentElement.scrollWidth") <= 375
    )
    expect(queue.locator("td[data-label=答复期限]")).to_have_count(1)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=application.tracking_no).click()
    expect(page.locator("h1")).to_contain_text(application.tracking_no)
    assert axe_violations(page) == []
    page.get_by_label("答复类型").select_option("2")
    asked: list[str] = []

    def answer(accept):
        def on_dialog(dialog):
            asked.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return on_dialog

    page.once("dialog", answer(False))  # the handler thinks again: nothing is sent
    page.get_by_role("button", name="作出答复").click()
    assert asked == ["确认作出答复？答复后本件即办结，申请人将看到答复内容，不能撤销。"]
    expect(page.locator("h1")).not_to_contain_text("已答复")
    page.once("dialog", answer(True))
    page.get_by_role("button", name="作出答复").click()
    expect(page.get_by_role("status")).to_contain_text("部分公开须写明不予公开的部分及理由")
    page.get_by_label("答复类型").select_option("2")
    page.get_by_label("不予公开的部分及理由（部分公开时必填）").fill("涉及第三方商业秘密的部分")
    page.once("dialog", answer(True))
    page.get_by_role("button", name="作出答复").click()
    expect(page.locator("h1")).to_contain_text("已答复")
    page.screenshot(path="test-results/application-replied.png", full_page=True)
