"""Data of each housing record type, as staff would enter it."""

from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.housing.types import PROJECTS
from gongkai.records import services

DAY = date(2015, 6, 1)


def expropriation_data(**fields: Any) -> dict[str, Any]:
    return {
        "project": "城关镇西街棚户区改造项目", "kind": "decision", "title": "岢岚县人民政府房屋征收决定",
        "doc_no": "岚政征〔2015〕1号", "notice_date": DAY, "scope": "西街以北、岚漪路以东", "households": 46,
        "body": "为实施城关镇西街棚户区改造，县人民政府决定征收下列范围内国有土地上的房屋。", **fields,
    }  # fmt: skip


def compensation_data(**fields: Any) -> dict[str, Any]:
    return {
        "project": "城关镇西街棚户区改造项目", "household_no": "XJ-001", "owner": "王建国",
        "owner_id_no": "142932197503120018", "location": "岚漪镇西街 12 号", "area": Decimal("86.40"),
        "valuation": Decimal("302400"), "compensation": Decimal("331200"), "method": "money", "decided_on": DAY,
        **fields,
    }  # fmt: skip


def project_data(**fields: Any) -> dict[str, Any]:
    return {
        "name": "广惠园廉租住房", "category": "low_rent", "location": "岚漪镇广惠园小区", "units": 202,
        "floor_area": Decimal("10100"), "completed_on": date(2015, 5, 20), "announced_on": DAY,
        "description": "共 4 栋，一居室 120 套、两居室 82 套。", **fields,
    }  # fmt: skip


def make_project(unit, editor, **fields: Any):
    return services.record_create(PROJECTS, by=editor, unit=unit, data=project_data(**fields))


def notice_data(project=None, **fields: Any) -> dict[str, Any]:
    return {
        "project": project, "kind": "rules", "title": "岢岚县保障性住房分配管理办法", "notice_date": DAY,
        "body": "第一条 为规范保障性住房分配管理，制定本办法。", **fields,
    }  # fmt: skip


def applicant_data(project, **fields: Any) -> dict[str, Any]:
    return {
        "project": project, "application_no": "GHY-2015-001", "name": "李秀英", "id_number": "142932198001010024",
        "household_size": 3, "group": "低保家庭", "township": "岚漪镇", "reviewed_on": DAY, "outcome": "qualified",
        **fields,
    }  # fmt: skip
