"""The 征地信息查询 on a phone: pick a township, then one of its villages, and see its projects; the same
GET form works without JavaScript. axe-core finds nothing serious."""

import pytest

from gongkai.core.models import Unit, User
from gongkai.demo.county import staff_of
from tests.e2e.axe import violations
from tests.land.factories import draft, make_places, published

WIDTH = 390


@pytest.fixture
def land(demo):
    unit = Unit.objects.get(short_name="自然资源局")
    staff = tuple(User.objects.get(username=staff_of("自然资源局", role)) for role in ("editor", "reviewer"))
    places = make_places()
    published(unit, staff, places, "ZD-A", ["东关村", "西关村"], title="东环路改扩建工程建设用地")
    published(unit, staff, places, "ZD-B", ["南关村"], title="第二污水处理厂建设用地")
    draft(unit, staff[0], places, "ZD-C", ["东关村"], title="尚未发布的东关村项目")
    return places


def _phone(browser, live_server, **options):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 800},
        locale="zh-CN",
        base_url=live_server.url,
        bypass_csp=True,
        **options,
    )
    return context, context.new_page()


def test_a_villager_finds_the_projects_touching_their_village_on_a_phone(browser, live_server, land):
    context, page = _phone(browser, live_server)
    page.goto("/zdxx/")
    assert violations(page) == []
    page.get_by_label("乡镇").select_option(label="宋家沟乡")
    hidden = page.locator("#q-village optgroup[label='岚漪镇']")
    assert hidden.evaluate("g => g.disabled") is True  # only 宋家沟乡's villages are offered now
    page.get_by_label("乡镇").select_option(label="岚漪镇")
    page.get_by_label("村（社区）").select_option(label="东关村")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/zdxx/?township=*")
    assert "涉及岚漪镇东关村的征地项目共 1 个" in page.get_by_role("status").inner_text()
    titles = page.locator("article.land-card h2").all_inner_texts()
    assert titles == ["东环路改扩建工程建设用地"]
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert violations(page) == []
    page.screenshot(path="test-results/land-query-phone.png", full_page=True)
    page.get_by_role("link", name="东环路改扩建工程建设用地").click()
    page.wait_for_url("**/records/land-acquisitions/**")
    assert "东关村、西关村" in page.locator("main").inner_text()
    assert violations(page) == []
    context.close()


def test_the_query_works_without_javascript(browser, live_server, land):
    context, page = _phone(browser, live_server, java_script_enabled=False)
    page.goto("/zdxx/")
    page.get_by_label("村（社区）").select_option(label="南关村")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/zdxx/?*")
    assert page.locator("article.land-card h2").all_inner_texts() == ["第二污水处理厂建设用地"]
    context.close()
