"""Procurement test data: a process and notices along its course, taken through the workflow."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.core import workflow
from gongkai.core.models import Unit, User
from gongkai.core.uscc import make_uscc
from gongkai.procurement import services
from gongkai.procurement.models import Notice, Process
from gongkai.procurement.types import NOTICES
from gongkai.records import services as records

SUPPLIER_A = make_uscc(registry="9", kind="1", region="140929", body8="MA0KP001")
SUPPLIER_B = make_uscc(registry="9", kind="1", region="140929", body8="MA0KP002")
AGENCY = make_uscc(registry="9", kind="1", region="140900", body8="MA0KP900")
DAY = date(2026, 3, 2)


def make_process(unit: Unit, *, code: str = "GKCG-2026-001", by: User | None = None, **data: Any) -> Process:
    fields = {
        "title": "县第一中学教学计算机采购项目", "method": "open", "category": "goods", "budget": Decimal("480000"),
        "items": "台式计算机|40|台|A02010104\n交换机|2|台", "agency_name": "山西晋岚招标代理有限公司",
        "agency_uscc": AGENCY, **data,
    }  # fmt: skip
    return services.process_create(by=by, unit=unit, code=code, data=fields)


def notice_data(process: Process, kind: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "process": process,
        "kind": kind,
        "title": f"{process.title}{kind}公告",
        "notice_date": DAY,
    }
    if kind == "tender":
        base["bid_deadline"] = date(2026, 3, 25)
    if kind in ("correction", "termination"):
        base["body"] = "因采购需求调整，更正（终止）如下。"
    if kind in ("award", "contract"):
        base |= {
            "amount": Decimal("455000"), "suppliers": f"岢岚县鑫源商贸有限公司|{SUPPLIER_A}|455000",
        }  # fmt: skip
    if kind == "award":
        base["bidders"] = (
            f"岢岚县鑫源商贸有限公司|{SUPPLIER_A}|455000\n岢岚县通达运输有限公司|{SUPPLIER_B}|470000"
        )
    if kind == "contract":
        base |= {"contract_no": "GKHT-2026-001", "signed_on": DAY}
    return base | fields


def draft(process: Process, kind: str, editor: User, **fields: Any) -> Notice:
    return records.record_create(
        NOTICES, by=editor, unit=process.unit, data=notice_data(process, kind, **fields)
    )


def publish(notice: Notice, editor: User, reviewer: User, **kwargs: Any) -> Notice:
    workflow.submit(notice, by=editor)
    workflow.approve(notice, by=reviewer)
    return workflow.publish(notice, by=reviewer, **kwargs)


def course(process: Process, editor: User, reviewer: User, kinds: tuple[str, ...]) -> list[Notice]:
    """Publish a notice of each of KINDS, in order."""
    return [publish(draft(process, kind, editor), editor, reviewer) for kind in kinds]
