"""Reading the county's air quality on a phone: the chart, its table alternative, a day's record."""

from datetime import date, timedelta

from gongkai.core.models import Unit, User
from gongkai.demo.county import staff_of
from gongkai.oversight.models import Station
from gongkai.oversight.types import AIR_QUALITY
from tests.e2e.axe import violations
from tests.oversight.conftest import publish_record, reading


def test_the_air_quality_page_reads_on_a_phone(browser, live_server, demo):
    unit = Unit.objects.get(short_name="环保局")
    editor, reviewer = (
        User.objects.get(username=staff_of("环保局", role)) for role in ("editor", "reviewer")
    )
    station = Station.objects.create(code="KLAQ01", name="县城监测站", address="岚漪镇宋长城路", unit=unit)
    for n, value in enumerate((45, 68, 112, 90)):
        day = date(2026, 2, 26) + timedelta(days=n)
        publish_record(AIR_QUALITY, unit, editor, reviewer,
                       reading(station, day, aqi=value, primary_pollutant="" if value <= 50 else "PM2.5"))  # fmt: skip
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="zh-CN", base_url=live_server.url, bypass_csp=True
    )
    phone = context.new_page()
    phone.goto("/oversight/")
    phone.get_by_role("link", name="全年空气质量图表和数据").click()
    phone.wait_for_url("**/oversight/air/")
    assert phone.get_by_role("img", name="县城监测站2026年每日空气质量指数（AQI）").is_visible()
    monthly = phone.get_by_role("table", name="县城监测站2026年逐月空气质量（浓度为月均值）")
    assert monthly.get_by_role("row").count() == 1 + 2 + 1  # the header, February and March, the year
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # wide tables scroll in place
    assert violations(phone) == []
    phone.get_by_role("link", name="2月", exact=True).first.click()
    phone.get_by_role("link", name="02-27").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "县城监测站2026年02月27日空气质量"
    assert violations(phone) == []
    phone.screenshot(path="test-results/oversight-air-phone.png", full_page=True)
    context.close()
