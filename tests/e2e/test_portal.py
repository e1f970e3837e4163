"""The public shell in a real browser: phone width, 长辈模式, QR code, accessibility."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import violations as axe_violations


def test_home_fits_a_375px_phone(phone):
    phone.goto("/")
    assert phone.locator("h1").inner_text() == "岢岚县人民政府"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide on a 375px screen"
    for tile in phone.locator(".tile").all():
        box = tile.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    phone.screenshot(path="test-results/home-375.png", full_page=True)


def test_the_phone_menu_folds_the_navigation_into_one_line(phone, desktop):
    phone.goto("/")
    menu = phone.get_by_role("navigation", name="主导航（菜单）")
    expect(phone.get_by_role("navigation", name="主导航", exact=True)).to_be_hidden()
    expect(menu.get_by_role("link", name="依申请公开")).to_be_hidden()
    header = phone.locator(".header-row").bounding_box()
    assert header["height"] < 80, f"the header takes {header['height']}px: more than one line"
    phone.get_by_text("菜单", exact=True).click()  # details/summary: works with JavaScript off too
    expect(menu.get_by_role("link", name="依申请公开")).to_be_visible()
    assert axe_violations(phone) == []
    phone.screenshot(path="test-results/menu-open-375.png", full_page=True)
    menu.get_by_role("link", name="依申请公开").click()
    expect(phone.locator("h1")).to_contain_text("申请")
    desktop.goto("/")
    expect(desktop.get_by_role("navigation", name="主导航", exact=True)).to_be_visible()
    expect(desktop.get_by_text("菜单", exact=True)).to_be_hidden()


def test_the_desktop_bar_is_one_row_and_its_groups_open_one_at_a_time(desktop):
    desktop.goto("/")
    bar = desktop.get_by_role("navigation", name="主导航", exact=True)
    height = bar.bounding_box()["height"]
    assert height < 60, f"the navigation bar is {height}px high at 1280px: more than one row"
    bar.locator("summary", has_text="重点领域").click()
    assert axe_violations(desktop) == []
    bar.locator("summary", has_text="政民互动").click()
    expect(bar.locator("details[open]")).to_have_count(1)  # opening one closes the other
    desktop.keyboard.press("Escape")
    expect(bar.locator("details[open]")).to_have_count(0)
    bar.locator("summary", has_text="重点领域").click()
    bar.get_by_role("link", name="公示查询").click()
    expect(desktop.locator("h1")).to_contain_text("公示")
    expect(bar.locator("summary.current")).to_have_text("重点领域")


def test_elder_mode_persists_across_pages_without_javascript(browser, live_server, demo):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 375, "height": 740}
    )
    page = context.new_page()
    page.goto("/xxgk/")
    page.get_by_role("button", name="长辈模式").click()
    expect(page.locator("html")).to_have_class("elder")
    assert page.url.endswith("/xxgk/")
    page.goto("/tools/workdays/")
    assert page.locator("html.elder").count() == 1
    page.get_by_role("button", name="退出长辈模式").click()
    expect(page.get_by_role("button", name="长辈模式", exact=True)).to_be_visible()
    assert page.locator("html.elder").count() == 0
    context.close()


def test_elder_mode_enlarges_text(phone):
    phone.goto("/")
    before = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    phone.get_by_role("button", name="长辈模式").click()
    expect(phone.locator("html")).to_have_class("elder")
    after = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert after >= before * 1.2


def test_every_page_has_a_qr_code_of_its_own_url(phone):
    phone.goto("/xxgk/units/")
    figure = phone.locator("figure.page-qr")
    assert figure.locator("svg[role=img]").count() == 1
    assert figure.locator("figcaption").inner_text() == "扫一扫在手机打开当前页面"
    box = figure.locator("svg").bounding_box()
    assert box["width"] >= 100


def test_skip_link_moves_focus_to_main(phone):
    phone.goto("/")
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.textContent")
    assert focused == "跳到主要内容"
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"


def test_workdays_calculator_in_the_browser(phone):
    phone.goto("/tools/workdays/")
    phone.get_by_label("起算日期").fill("2026-09-25")
    phone.get_by_label("工作日数").fill("20")
    phone.get_by_role("button", name="计算").click()
    expect(phone.locator(".result .due")).to_contain_text("2026年10月29日")
    assert phone.get_by_role("cell", name="国庆节").count() == 7
    phone.screenshot(path="test-results/workdays-375.png", full_page=True)


@pytest.mark.parametrize(
    "path", ["/", "/xxgk/", "/xxgk/units/", "/tools/workdays/?start=2026-12-15&days=20", "/staff/login/"]
)
def test_pages_have_no_wcag_a_or_aa_violations(desktop, path):
    desktop.goto(path)
    assert axe_violations(desktop) == []


def test_unit_pages_have_no_wcag_violations(desktop):
    desktop.goto("/xxgk/units/")
    desktop.get_by_role("link", name="岢岚县财政局").click()
    expect(desktop.locator("h1")).to_have_text("岢岚县财政局")
    assert axe_violations(desktop) == []
    desktop.get_by_role("link", name="岢岚县财政局政府信息公开指南").click()
    expect(desktop.get_by_role("heading", name="（一）受理机构")).to_be_visible()
    assert axe_violations(desktop) == []


def test_elder_mode_has_no_wcag_violations(desktop):
    desktop.goto("/")
    desktop.get_by_role("button", name="长辈模式").click()
    expect(desktop.locator("html")).to_have_class("elder")
    assert axe_violations(desktop) == []


def test_the_indicators_dashboard_on_a_phone(phone, live_server):
    from gongkai.core.models import Unit, User
    from gongkai.records import registry
    from tests.indicators.test_indicators import figure
    from tests.records.conftest import publish_record

    unit = Unit.objects.get(short_name="人社局")
    editor, reviewer = User.objects.get(username="rsj_editor"), User.objects.get(username="rsj_reviewer")
    for year, actual in ((2014, "402"), (2015, "448")):
        publish_record(registry.get("indicators"), unit, editor, reviewer, figure(year=year, actual=actual))
    phone.goto("/xxgk/stats/")
    phone.get_by_role("link", name="公共服务指标完成情况").click()
    expect(phone.locator("h1")).to_have_text("2015年公共服务指标完成情况")
    expect(phone.get_by_role("img", name="2015年有目标的指标完成率（%），虚线为目标（100%）")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(phone) == []
    phone.get_by_role("link", name="城镇失业人员再就业培训").click()
    expect(phone.get_by_role("heading", name="历年情况")).to_be_visible()
    assert axe_violations(phone) == []
    phone.screenshot(path="test-results/indicator-375.png", full_page=True)
