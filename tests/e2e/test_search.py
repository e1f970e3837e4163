"""Searching from the home page on a phone: 2-character words, a 发文字号 typed with other brackets."""

import pytest
from playwright.sync_api import expect

from gongkai.core.models import Unit, User
from gongkai.publishing import services
from gongkai.publishing.models import Category, Document

from .axe import violations as axe_violations


@pytest.fixture
def budget(demo):
    from datetime import date

    office, admin = User.objects.get(username="office"), User.objects.get(username="admin")
    document = services.document_create(
        by=office, unit=Unit.objects.get(short_name="财政局"), title="岢岚县2015年“三公”经费预算公开",
        formed_on=date(2015, 3, 2), category=Category.objects.get_or_create(code="other", defaults={"name": "其他"})[0],
        body="<p>县级“三公”经费预算120万元，其中公务接待费30万元。</p>", doc_number="岢财发〔2015〕3号",
    )  # fmt: skip
    services.document_submit(document=document, by=office)
    services.document_approve(document=document, by=admin)
    services.document_publish(document=document, by=admin)
    return document


def test_search_from_the_home_page_on_a_phone(phone, budget: Document):
    phone.goto("/")
    phone.get_by_label("搜索政府信息").fill("经费")
    phone.get_by_role("button", name="搜索", exact=True).click()
    expect(phone.get_by_role("link", name="岢岚县2015年“三公”经费预算公开")).to_be_visible()
    expect(phone.locator("mark").first).to_have_text("经费")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(phone) == []
    phone.get_by_label("关键词").fill("岢财发(2015)3号")
    phone.get_by_role("button", name="搜索", exact=True).click()
    expect(phone.get_by_text("文号、索引号精确匹配")).to_be_visible()
    phone.get_by_label("关键词").fill("不存在的词语组合")
    phone.get_by_role("button", name="搜索", exact=True).click()
    expect(phone.get_by_role("heading", name="没有找到“不存在的词语组合”的相关结果")).to_be_visible()
    assert axe_violations(phone) == []
    phone.screenshot(path="test-results/search-375.png", full_page=True)
