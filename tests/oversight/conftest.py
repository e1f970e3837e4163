"""Oversight test data: one record of each kind, valid as written, taken through the workflow."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from gongkai.core.uscc import make_uscc
from gongkai.oversight.models import Station
from tests.records.conftest import editor, publish_record, reviewer  # noqa: F401  (shared fixtures)

COMPANY = ("岢岚县宏达煤业有限公司", make_uscc(registry="9", kind="1", region="140929", body8="MA0K0002"))
DAY = date(2026, 3, 2)


@pytest.fixture
def station(department) -> Station:
    return Station.objects.create(code="KLAQ01", name="县城监测站", address="岚漪镇", unit=department)


def reading(station: Station, day: date, **overrides: Any) -> dict[str, Any]:
    data = {"station": station, "day": day, "aqi": 62, "primary_pollutant": "PM10", "pm25": 38, "pm10": 74,
            "so2": 20, "no2": 25, "o3": 90, "co": Decimal("0.8")}  # fmt: skip
    return data | overrides


def accident(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "岢岚县宏达煤业有限公司“3·02”一般顶板事故", "occurred_on": DAY, "place": "宏达煤业井下工作面",
        "accident_type": "mining", "level": "1", "deaths": 1, "injuries": 1, "direct_loss": Decimal("215"),
        "enterprise": COMPANY[0], "uscc": COMPANY[1], "summary": "采煤工作面局部冒顶，造成1人死亡、1人重伤。",
        "investigation": "事故调查组认定工作面支护不及时。", "handling": "责令停产整顿，罚款人民币五十万元。",
    }  # fmt: skip
    return data | overrides


def complaint(**overrides: Any) -> dict[str, Any]:
    data = {
        "case_no": "HBXF20260001", "received_on": DAY, "channel": "hotline", "complainant": "李秀英",
        "complainant_phone": "13912345678", "subject": COMPANY[0], "location": "岢岚县三井镇", "pollution": "air",
        "summary": "煤场未苫盖，煤尘飘散到附近村庄。", "findings": "现场核实煤场部分区域未苫盖。",
        "result": "情况属实，已责令整改并复查合格。", "closed_on": date(2026, 3, 20),
    }  # fmt: skip
    return data | overrides


def sampling(**overrides: Any) -> dict[str, Any]:
    data = {
        "sample_no": "NCP20260302001", "product": "小米", "category": "food", "batch": "2026-02-01",
        "producer": "岢岚县晋岚食品有限公司", "seller": "岢岚县鑫源商贸有限公司", "sampled_on": DAY,
        "item": "铅（以Pb计）", "result": "fail", "measured": "0.32", "limit": "≤0.2", "measure_unit": "mg/kg",
        "agency": "忻州市食品药品检验所", "handling": "已责令下架封存同批次产品。",
    }  # fmt: skip
    return data | overrides


# a text field of each kind that a correction may change
AMEND_FIELDS = {
    "air-quality": "primary_pollutant", "pollution-sources": "items", "env-complaints": "result",
    "env-violations": "handling", "safety-briefings": "title", "accidents": "handling",
    "food-drug-sampling": "handling", "food-drug-complaints": "result",
}  # fmt: skip


def oversight_makers(mark: str, today: date) -> dict[str, Any]:
    """A maker per oversight kind for the workflow's tests over every kind: MARK in each title."""
    from gongkai.records import registry, services

    def make(slug: str, data: Any) -> Any:
        def maker(unit: Any, by: Any) -> Any:
            return services.record_create(registry.get(slug), by=by, unit=unit, data=data(unit))

        return maker

    def day(unit: Any) -> dict[str, Any]:
        station = Station.objects.get_or_create(
            code="WF01", defaults={"name": f"{mark}监测站", "address": "岚漪镇", "unit": unit}
        )[0]
        return reading(station, today)

    return {
        "air-quality": make("air-quality", day),
        "pollution-sources": make("pollution-sources", lambda unit: {
            "enterprise": f"岢岚县{mark}煤业有限公司", "uscc": COMPANY[1], "source": "air", "checked_on": today,
            "items": "锅炉烟气", "result": "compliant"}),
        "env-complaints": make("env-complaints", lambda unit: complaint(subject=f"岢岚县{mark}煤业有限公司", received_on=today, closed_on=today)),
        "env-violations": make("env-violations", lambda unit: {
            "case_no": "岢环立〔2026〕1号", "party": f"岢岚县{mark}煤业有限公司", "uscc": COMPANY[1], "filed_on": today,
            "violation": "超标排放", "basis": "《中华人民共和国大气污染防治法》第九十九条", "handling": "罚款"}),
        "safety-briefings": make("safety-briefings", lambda unit: {
            "issue_no": "岢安委办简报〔2026〕第1期", "title": f"{mark}安全生产检查", "issued_on": today, "body": "部署检查。"}),
        "accidents": make("accidents", lambda unit: accident(title=f"{mark}一般顶板事故", occurred_on=today)),
        "food-drug-sampling": make("food-drug-sampling", lambda unit: sampling(product=f"{mark}小米", sampled_on=today)),
        "food-drug-complaints": make("food-drug-complaints", lambda unit: {
            **{k: v for k, v in complaint(received_on=today, closed_on=today).items() if k != "pollution"},
            "case_no": "SJTS20260001", "subject": f"岢岚县{mark}餐饮有限公司", "category": "catering"}),
    }  # fmt: skip
