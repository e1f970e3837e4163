"""The air-quality page: chart and table alternative from published readings only."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from gongkai.oversight import aqi
from gongkai.oversight.models import AqiLevel, Station, aqi_level
from gongkai.oversight.types import AIR_QUALITY
from gongkai.records import services
from gongkai.records.errors import RecordError

from .conftest import publish_record, reading

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("pollutant", "value", "index"),
    [("pm25", 35, 50), ("pm25", 75, 100), ("pm25", 115, 150), ("pm25", 55, 75), ("pm10", 150, 100),
     ("so2", 50, 50), ("o3", 160, 100), ("co", Decimal("4"), 100), ("no2", 2000, 500)],
)  # fmt: skip
def test_individual_indices_follow_hj_633(pollutant, value, index):
    assert aqi.iaqi(pollutant, value) == index


def test_the_day_index_is_the_largest_and_names_its_primary_pollutants():
    assert aqi.aqi({"pm25": 75, "pm10": 150, "so2": 10, "no2": 10, "o3": 50, "co": 1}) == (100, "PM10、PM2.5")
    assert aqi.aqi({"pm25": 20, "pm10": 40, "so2": 10, "no2": 10, "o3": 50, "co": 1}) == (40, "")
    assert [aqi_level(n) for n in (50, 51, 100, 101, 200, 201, 300, 301)] == [
        AqiLevel.EXCELLENT, AqiLevel.GOOD, AqiLevel.GOOD, AqiLevel.LIGHT, AqiLevel.MODERATE, AqiLevel.HEAVY,
        AqiLevel.HEAVY, AqiLevel.SEVERE,
    ]  # fmt: skip


def test_a_reading_gets_its_level_and_title_and_needs_a_primary_pollutant_above_50(
    station, department, editor
):
    record = services.record_create(
        AIR_QUALITY, by=editor, unit=department, data=reading(station, date(2026, 3, 2))
    )
    assert record.level == AqiLevel.GOOD and record.title == "县城监测站2026年03月02日空气质量"
    with pytest.raises(RecordError) as refused:
        services.record_create(
            AIR_QUALITY,
            by=editor,
            unit=department,
            data=reading(station, date(2026, 3, 3), primary_pollutant=""),
        )
    assert refused.value.field == "primary_pollutant"
    with pytest.raises(RecordError):  # one reading per station and day
        services.record_create(
            AIR_QUALITY, by=editor, unit=department, data=reading(station, date(2026, 3, 2))
        )


def test_the_air_page_charts_and_tabulates_published_days_only(client, station, department, editor, reviewer):
    first = date(2026, 3, 1)
    for n, value in enumerate((40, 62, 120)):
        publish_record(AIR_QUALITY, department, editor, reviewer, reading(station, first + timedelta(days=n), aqi=value,
                       primary_pollutant="" if value <= 50 else "PM2.5"))  # fmt: skip
    draft = services.record_create(
        AIR_QUALITY, by=editor, unit=department, data=reading(station, first + timedelta(days=3), aqi=488)
    )
    page = client.get("/oversight/air/", {"station": "KLAQ01", "year": 2026, "month": 3})
    assert page.status_code == 200
    html = page.text
    assert html.count('class="chart"') == 2  # the daily line and the monthly bars, each with a title
    assert "县城监测站2026年每日空气质量指数（AQI）" in html
    assert "已发布 3 天的数据，优良天数 <strong>2</strong> 天，平均 AQI 74.0" in html
    months = page.context["months"]
    assert [(m.month, m.days, m.good_days, m.aqi) for m in months] == [(3, 3, 2, 74.0)]
    assert [d.aqi for d in page.context["month_days"]] == [40, 62, 120]
    assert "488" not in html and draft.get_absolute_url() not in html
    services.record_remove(
        AIR_QUALITY, type(draft).objects.get(day=first), by=reviewer, reason="仪器故障，数据无效"
    )
    again = client.get("/oversight/air/", {"station": "KLAQ01", "year": 2026, "month": 3})
    assert [d.aqi for d in again.context["month_days"]] == [62, 120]


def test_the_air_page_says_so_when_nothing_is_published_and_refuses_unknown_stations(client, station):
    assert "暂无公开的监测数据" in client.get("/oversight/air/").text
    assert client.get("/oversight/air/", {"station": "NOPE"}).status_code == 404
    Station.objects.all().delete()
    assert client.get("/oversight/air/").status_code == 404
