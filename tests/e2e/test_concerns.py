"""Public concerns in a real browser: leaving a message on a phone and following it up, axe clean."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import violations


@pytest.fixture
def phone_axe(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, locale="zh-CN", base_url=live_server.url, bypass_csp=True
    )
    yield context.new_page()
    context.close()


def test_leave_a_message_on_a_phone_and_follow_it_up(phone_axe):
    page = phone_axe
    page.goto("/hudong/liuyan/")
    assert violations(page) == []
    page.get_by_label("建议").check()
    page.get_by_label("标题").fill("建议增设公交站")
    page.get_by_role("button", name="提交留言").click()  # the content is missing: named
    expect(page.get_by_text("请填写留言内容。")).to_be_visible()
    assert violations(page) == []
    page.get_by_label("留言内容").fill("建议在南关街增设一处公交站。")
    page.get_by_label("姓名", exact=True).fill("刘一")
    page.get_by_label("联系电话").fill("13600001234")
    page.get_by_label("同意在去除姓名").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="提交留言").click()
    expect(page.locator("h1")).to_have_text("留言已提交")
    tracking_no = page.locator("strong.big").nth(0).inner_text()
    code = page.locator("strong.big").nth(1).inner_text()
    assert "工作日" in page.locator("table.meta").inner_text()
    assert violations(page) == []
    page.screenshot(path="test-results/concern-390.png", full_page=True)
    page.get_by_role("link", name="查询办理情况").click()
    page.get_by_label("留言编号").fill(tracking_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", name=f"{tracking_no}：已收到，待分办")).to_be_visible()
    assert violations(page) == []
