"""The finance pages on a 375px phone: the tables scroll inside labelled regions, no WCAG violations."""

import pytest
from django.utils import timezone

from gongkai.demo.finance import load_finance
from gongkai.demo.timeline import Timeline

from .axe import violations as axe_violations


@pytest.fixture
def budgets(demo):
    timeline = Timeline()
    load_finance(timezone.localdate(), timeline)
    timeline.run()


@pytest.mark.parametrize("path", ["/finance/", "/finance/sangong/", "/finance/fees/"])
def test_finance_pages_fit_a_phone_and_pass_axe(phone, budgets, path):
    phone.goto(path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path} is {width}px wide on a 375px screen"
    assert axe_violations(phone) == []


def test_a_reports_tables_sit_in_labelled_regions_and_the_chart_has_its_table(phone, budgets):
    phone.goto("/finance/")
    phone.get_by_text("查看2015年的").click()  # an earlier year's reports are folded away
    phone.get_by_role("link", name="岢岚县2015年政府预算").click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    region = phone.get_by_role("region", name="收支总表（可左右滑动）")
    assert region.get_attribute("tabindex") == "0"  # a wide table scrolls inside it, by keyboard too
    assert phone.get_by_role("table", name="1. 收支总表（单位：万元）").is_visible()
    assert axe_violations(phone) == []
    phone.get_by_role("link", name="全县历年“三公”经费").click()
    assert (
        phone.locator("svg[role=img]").first.get_attribute("aria-label") == "全县“三公”经费预算与决算（万元）"
    )
    assert phone.get_by_role("table", name="全县历年“三公”经费（单位：万元）").is_visible()
    phone.screenshot(path="test-results/finance-sangong-375.png", full_page=True)
