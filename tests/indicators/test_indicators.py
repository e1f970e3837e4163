"""Indicators against their targets: the arithmetic, the dashboard, its CSV and `GET /api/v1/indicators`."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.indicators.models import Indicator
from gongkai.records import registry, services
from gongkai.records.errors import RecordError
from tests.records.conftest import publish_record

pytestmark = pytest.mark.django_db


def figure(
    name="城镇失业人员再就业培训", year=2015, actual="448", target="400", better="higher", measure="人"
):
    return {
        "name": name, "topic": "employment", "year": year, "period": "全年", "period_end": date(year, 12, 31),
        "unit_of_measure": measure, "actual": Decimal(actual), "target": Decimal(target) if target else None,
        "better": better,
    }  # fmt: skip


RATE = {"name": "城镇登记失业率", "actual": "3.3", "target": "4.2", "better": "lower", "measure": "%"}


def publish(department, editor, reviewer, **values):
    return publish_record(registry.get("indicators"), department, editor, reviewer, figure(**values))


@pytest.mark.parametrize(
    ("actual", "target", "better", "completion", "met"),
    [
        ("448", "400", "higher", Decimal("112.0"), True),  # the seed: 448 of 400 is 112%
        ("6012", "6000", "higher", Decimal("100.2"), True),
        ("390", "400", "higher", Decimal("97.5"), False),
        ("3.3", "4.2", "lower", Decimal("127.3"), True),  # a ceiling: 3.3% under 4.2%
        ("4.5", "4.2", "lower", Decimal("93.3"), False),
        ("0", "4.2", "lower", None, True),  # nothing to divide by: no percentage, but under the ceiling
        ("1221", None, "higher", None, None),  # no target: neither
    ],
)
def test_completion_and_met_follow_the_better_direction(actual, target, better, completion, met):
    indicator = Indicator(actual=Decimal(actual), target=Decimal(target) if target else None, better=better)
    assert (indicator.completion, indicator.met) == (completion, met)


def test_the_api_answers_the_contract_shape_and_only_what_is_published(client, department, editor, reviewer):
    publish(department, editor, reviewer)
    publish(department, editor, reviewer, **RATE)
    publish(department, editor, reviewer, name="城镇新增就业", actual="1221", target=None)
    publish(department, editor, reviewer, year=2014, actual="402")
    draft = services.record_create(
        registry.get("indicators"), by=editor, unit=department, data=figure(name="草稿指标")
    )
    answer = client.get("/api/v1/indicators", {"year": 2015, "unit": department.code, "page_size": 2}).json()
    assert answer["count"] == 3 and "page=2" in answer["next"]
    rows = answer["results"] + client.get(answer["next"]).json()["results"]
    assert set(rows[0]) == {"id", "name", "unit_of_measure", "year", "period", "target", "actual", "completion",
                            "better", "met", "unit"}  # fmt: skip
    by_name = {r["name"]: r for r in rows}
    assert by_name["城镇失业人员再就业培训"] | {"id": ""} == {
        "id": "", "name": "城镇失业人员再就业培训", "unit_of_measure": "人", "year": 2015, "period": "全年",
        "target": 400, "actual": 448, "completion": 112.0, "better": "higher", "met": True, "unit": department.code,
    }  # fmt: skip
    assert (by_name["城镇登记失业率"]["actual"], by_name["城镇登记失业率"]["met"]) == (3.3, True)
    assert [by_name["城镇新增就业"][k] for k in ("target", "completion", "met")] == [None, None, None]
    assert draft.name not in client.get("/api/v1/indicators").text
    bad = client.get("/api/v1/indicators", {"unit": "91140929MA0000000X"})
    assert bad.status_code == 422 and bad.json()["error"]["fields"] == {"unit": "未知单位"}
    assert client.get("/api/v1/indicators", {"year": 99999}).status_code == 422


def test_the_dashboard_shows_progress_change_and_a_csv_and_hides_drafts(client, department, editor, reviewer):
    publish(department, editor, reviewer, year=2014, actual="402")
    publish(department, editor, reviewer)
    publish(department, editor, reviewer, **RATE)
    publish(department, editor, reviewer, **{**RATE, "year": 2014, "actual": "3.5"})
    services.record_create(
        registry.get("indicators"), by=editor, unit=department, data=figure(name="草稿指标")
    )
    page = client.get("/xxgk/indicators/").content.decode()
    assert "2015年公共服务指标完成情况" in page and "草稿指标" not in page
    assert "112.0%" in page and "增长11.4%" in page  # 448 against 402 the year before
    assert "不高于 4.2%" in page and "下降0.2个百分点" in page  # a rate moves by points
    assert 'role="img"' in page and "虚线为目标" in page  # the chart, with its title as text
    assert "402人" in client.get("/xxgk/indicators/", {"year": 2014}).content.decode()
    csv = b"".join(client.get("/xxgk/indicators/", {"format": "csv"}).streaming_content).decode("utf-8-sig")
    assert (
        "城镇失业人员再就业培训,就业创业,2015,全年,448,人,400,越高越好（目标为下限）,112.0,达标,402,增长11.4%"
        in csv
    )
    assert "草稿指标" not in csv
    assert client.get("/xxgk/indicators/", {"year": "二〇一五"}).status_code == 400


def test_an_indicator_page_shows_its_years_and_a_second_entry_for_a_year_is_refused(
    client, department, editor, reviewer
):
    publish(department, editor, reviewer, year=2014, actual="402")
    current = publish(department, editor, reviewer)
    page = client.get(current.get_absolute_url()).content.decode()
    assert "历年情况" in page and "城镇失业人员再就业培训历年全年实际值" in page and "完成112%" in page
    with pytest.raises(RecordError) as caught:
        services.record_create(registry.get("indicators"), by=editor, unit=department, data=figure())
    assert "已存在" in caught.value.message


@pytest.mark.demo_content  # the demo county's content: the same in both runs
def test_the_demo_states_the_seed_figures():
    from gongkai.demo.loader import load_demo

    load_demo(documents=False)
    rows = {i.name: i for i in Indicator.objects.filter(year=2015)}
    assert len(rows) == 13 and Indicator.objects.filter(year=2014).count() == 13
    assert all(i.status == "published" and i.unit.short_name == "人社局" for i in rows.values())
    expected = {"城镇新增就业": 1221, "城镇失业人员再就业培训": 448, "创业带动就业": 228, "城镇失业人员再就业": 408,
                "转移农村劳动力": 1358, "基本医疗保险累计参保": 13850, "失业保险累计参保": 2884,
                "失业保险基金征缴收入": 124, "城乡居民社会养老保险参保": 36000}  # fmt: skip
    assert {name: int(rows[name].actual) for name in expected} == expected
    completions = {n: rows[n].completion for n in ("城镇失业人员再就业培训", "机关事业单位养老保险累计参保",
                                                    "企业养老保险累计参保", "生育保险累计参保")}  # fmt: skip
    assert completions == {"城镇失业人员再就业培训": Decimal("112.0"), "机关事业单位养老保险累计参保": Decimal("102.0"),
                           "企业养老保险累计参保": Decimal("100.0"), "生育保险累计参保": Decimal("100.2")}  # fmt: skip
    rate = rows["城镇登记失业率"]
    assert (rate.actual, rate.target, rate.better, rate.met) == (
        Decimal("3.3"),
        Decimal("4.2"),
        "lower",
        True,
    )
