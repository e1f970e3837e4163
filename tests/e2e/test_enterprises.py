"""Finding an enterprise by its 统一社会信用代码 on a phone, and reading its profile."""

import pytest

from gongkai.core.models import Unit, User
from gongkai.demo.county import staff_of
from tests.credit.factories import FACTORIES, NAME, USCC
from tests.e2e.axe import violations

WIDTH = 390


@pytest.fixture
def phone_axe(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844}, locale="zh-CN", base_url=live_server.url, bypass_csp=True
    )
    yield context.new_page()
    context.close()


def test_an_enterprise_is_found_by_its_credit_code_on_a_phone(phone_axe):
    page = phone_axe
    unit = Unit.objects.get(short_name="住建局")
    editor, reviewer = (
        User.objects.get(username=staff_of("住建局", role)) for role in ("editor", "reviewer")
    )
    made = {
        slug: FACTORIES[slug](unit, editor, reviewer) for slug in ("licences", "penalties", "credit-records")
    }
    page.goto("/")
    page.locator("summary", has_text="菜单").click()
    page.get_by_role("navigation", name="主导航（菜单）").get_by_role("link", name="企业信用").click()
    page.wait_for_url("**/enterprises/")
    assert violations(page) == []
    page.get_by_label("企业名称或统一社会信用代码").fill(USCC[:17] + ("0" if USCC[17] != "0" else "1"))
    page.get_by_role("button", name="查询").click()
    assert "校验位不正确" in page.get_by_role("alert").inner_text()
    page.get_by_label("企业名称或统一社会信用代码").fill(USCC.lower())
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/enterprises/{USCC}/")
    assert page.get_by_role("heading", level=1).inner_text() == NAME
    for record in made.values():
        assert page.get_by_role("link", name=record.index_no).count() == 0  # linked by title
        assert record.index_no in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    page.screenshot(path="test-results/enterprise-phone.png", full_page=True)
    assert violations(page) == []
    page.get_by_role("link", name="未按规定进行安全生产教育和培训 岢住建罚〔2026〕1号").click()
    page.wait_for_url(f"**{made['penalties'].get_absolute_url()}")
