"""The home page shows what is new, column by column, the moment it is published — and nothing earlier."""

from datetime import timedelta

from django.utils import timezone

from gongkai.core.models import User
from gongkai.publishing import services
from gongkai.publishing.models import Category
from tests.publishing.factories import approved, published
from tests.records.conftest import permit_data, publish_record


def test_a_document_published_a_moment_ago_is_on_the_home_page_at_once(client, department, make_user):
    editor = make_user(User.Role.EDITOR, department, "home-editor")
    reviewer = make_user(User.Role.REVIEWER, department, "home-reviewer")
    assert "最新公开" not in client.get("/").content.decode()  # no column without items
    policy = Category.objects.get(code="normative")
    document = published(editor, reviewer, title="关于规范农村宅基地审批的通知", category=policy)
    later = approved(editor, reviewer, title="明天才公开的通知")
    services.document_publish(document=later, by=reviewer, at=timezone.now() + timedelta(days=1))
    html = client.get("/").content.decode()
    assert (
        html.count(f'<a href="{document.get_absolute_url()}">关于规范农村宅基地审批的通知</a>') == 3
    )  # 最新 政策 通知
    today = timezone.localdate()
    assert f'<time datetime="{today:%Y-%m-%d}">{today:%m-%d}</time>' in html
    assert 'aria-label="更多政策文件"' in html and "?category=policy" in html
    assert "明天才公开的通知" not in html


def test_records_appear_in_the_notices_column(client, department, make_user, permits):
    editor = make_user(User.Role.EDITOR, department, "home-editor-2")
    reviewer = make_user(User.Role.REVIEWER, department, "home-reviewer-2")
    record = publish_record(
        permits, department, editor, reviewer, permit_data(holder="岢岚县晋兴商贸有限公司")
    )
    html = client.get("/").content.decode()
    assert "<h2" in html and "公示公告" in html
    assert f'<a href="{record.get_absolute_url()}">占道许可：岢岚县晋兴商贸有限公司</a>' in html


def test_a_persons_name_stays_masked_on_the_home_page_and_the_log(client, department, make_user):
    from gongkai.records import registry
    from tests.enforcement.test_enforcement import person

    editor = make_user(User.Role.EDITOR, department, "home-editor-3")
    reviewer = make_user(User.Role.REVIEWER, department, "home-reviewer-3")
    data = person(department)
    record = publish_record(registry.get("penalties"), department, editor, reviewer, data)
    full, masked = data["party_name"], registry.get("penalties").title_of(record)
    assert masked != full
    for page in (client.get("/").content.decode(), client.get("/xxgk/log/").content.decode()):
        assert masked in page and full not in page


def test_figures_and_catalogs_stay_out_of_the_notices_column(client, department, make_user):
    """Indicators, fees, budgets, matters and procurement have sections of their own: a day's fee
    catalog must not push the 双公示 out of 公示公告."""
    from gongkai.records import registry
    from tests.indicators.test_indicators import figure

    editor = make_user(User.Role.EDITOR, department, "home-editor-4")
    reviewer = make_user(User.Role.REVIEWER, department, "home-reviewer-4")
    indicator = publish_record(registry.get("indicators"), department, editor, reviewer, figure())
    assert indicator.get_absolute_url() not in client.get("/").content.decode()
    assert {t.slug for t in registry.types() if not t.home_column} >= {
        "indicators", "matters", "fiscal-reports", "fee-items", "fee-collections", "procurement-notices"
    }  # fmt: skip


def test_the_staff_menu_leads_to_procurement_and_to_the_budget_dashboard_by_role(
    client, department, make_user
):
    from tests.conftest import login_verified

    login_verified(client, make_user(User.Role.EDITOR, department, "menu-editor"))
    page = client.get("/staff/").content.decode()
    assert 'href="/staff/procurement/">政府采购</a>' in page and 'href="/staff/finance/"' not in page
    login_verified(client, make_user(User.Role.HEAD, department, "menu-head"))
    assert 'href="/staff/finance/">财政预决算</a>' in client.get("/staff/").content.decode()
