"""One public record of each kind that names an enterprise, all about the same company."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.models import Unit, User
from gongkai.core.uscc import make_uscc
from gongkai.records import registry, services
from tests.procurement.factories import draft, make_process
from tests.procurement.factories import publish as publish_notice
from tests.records.conftest import publish_record

NAME = "岢岚县华盛建筑有限公司"
USCC = make_uscc(registry="9", kind="1", region="140929", body8="MA0KC001")
OTHER = make_uscc(registry="9", kind="1", region="140929", body8="MA0KC002")


def recent(days: int = 5) -> date:
    return timezone.localdate() - timedelta(days=days)


def authority(unit: Unit) -> dict[str, str]:
    return {"authority": unit.name, "authority_uscc": unit.code, "source_unit": unit.name,
            "source_unit_uscc": unit.code}  # fmt: skip


def party(uscc: str = USCC, name: str = NAME) -> dict[str, str]:
    return {"party_name": name, "party_category": "legal", "uscc": uscc, "legal_rep": "李建国"}


def licence_data(unit: Unit, n: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        **party(), **authority(unit), "decision_doc_name": "建筑工程施工许可决定书",
        "decision_no": f"岢审批许〔2026〕{n}号", "certificate_name": "建筑工程施工许可证",
        "certificate_no": f"SG2026{n:04d}", "content": "准予建筑工程施工许可", "decided_on": recent(),
        "valid_from": recent(), **extra,
    }  # fmt: skip


def penalty_data(unit: Unit, n: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        **party(), **authority(unit), "decision_no": f"岢住建罚〔2026〕{n}号",
        "violation_type": "未按规定进行安全生产教育和培训", "facts": "经查，当事人未按规定培训从业人员。",
        "basis": "《中华人民共和国安全生产法》第九十七条", "category": "fine", "content": "罚款人民币伍仟元",
        "fine": Decimal("0.5"), "decided_on": recent(), "severity": "general", **extra,
    }  # fmt: skip


def coercion_data(unit: Unit, n: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        **party(), **authority(unit), "decision_no": f"岢住建强〔2026〕{n}号", "kind": "seal",
        "basis": "《中华人民共和国行政强制法》第二十二条", "content": "查封存在重大事故隐患的施工设备",
        "decided_on": recent(), **extra,
    }  # fmt: skip


def credit_data(unit: Unit, n: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "enterprise_name": NAME, "uscc": USCC, "kind": "qualification", "title": f"建筑工程施工总承包三级资质（{n}）",
        "record_no": f"D314092900{n}", "grade": "三级", "content": "核准建筑工程施工总承包三级资质。",
        "issuer": unit.name, "decided_on": recent(), **extra,
    }  # fmt: skip


def _published(slug: str, data: Callable[..., dict[str, Any]]) -> Callable[..., Any]:
    def make(unit: Unit, editor: User, reviewer: User, n: int = 1, **extra: Any) -> Any:
        record_type = registry.get(slug)
        return publish_record(record_type, unit, editor, reviewer, data(unit, n, **extra))

    return make


def award(unit: Unit, editor: User, reviewer: User, n: int = 1, **extra: Any) -> Any:
    """A public result notice naming the company among its suppliers (after its tender)."""
    process = make_process(unit, code=f"GKCG-2026-{n:03d}", by=editor, category="works")
    publish_notice(draft(process, "tender", editor), editor, reviewer)
    suppliers = f"{NAME}|{USCC}|455000"
    bidders = f"{suppliers}\n岢岚县通达运输有限公司|{OTHER}|470000"
    return publish_notice(
        draft(process, "award", editor, suppliers=suppliers, bidders=bidders, **extra), editor, reviewer
    )


# Each record type that joins enterprise profiles, and how to publish one of its records about USCC.
FACTORIES: dict[str, Callable[..., Any]] = {
    "licences": _published("licences", licence_data),
    "penalties": _published("penalties", penalty_data),
    "coercions": _published("coercions", coercion_data),
    "credit-records": _published("credit-records", credit_data),
    "procurement-notices": award,
}


def withdraw(record: Any, by: User) -> Any:
    return workflow.withdraw(record, by=by, reason="决定已撤销")


def draft_of(slug: str, unit: Unit, editor: User, data: dict[str, Any]) -> Any:
    record_type = registry.get(slug)
    return services.record_create(record_type, by=editor, unit=unit, data=data)


def _oversight(slug: str, data: Callable[[], dict[str, Any]]) -> Callable[..., Any]:
    def make(unit: Unit, editor: User, reviewer: User, n: int = 1, **extra: Any) -> Any:
        return publish_record(registry.get(slug), unit, editor, reviewer, data() | extra)

    return make


def _transfer(slug: str, number: str, **fields: Any) -> Callable[..., Any]:
    def make(unit: Unit, editor: User, reviewer: User, n: int = 1, **extra: Any) -> Any:
        from tests.land.factories import make_places

        data = {
            "kind": "result", "title": f"{number}出让结果", "notice_date": recent(), "township": make_places()["岚漪镇"],
            "location": "岚漪镇东关村以西", "method": "listing", "term_years": 50, "starting_price": Decimal("512"),
            "deal_price": Decimal("530"), "winner": NAME, "winner_uscc": USCC, number: f"KL-{n:03d}", **fields,
        }  # fmt: skip
        return publish_record(registry.get(slug), unit, editor, reviewer, data | extra)

    return make


def _oversight_factories() -> dict[str, Callable[..., Any]]:
    from tests.oversight.conftest import accident, sampling

    return {
        "pollution-sources": _oversight("pollution-sources", lambda: {
            "enterprise": NAME, "uscc": USCC, "source": "air", "checked_on": recent(), "items": "锅炉烟气",
            "result": "compliant"}),
        "env-violations": _oversight("env-violations", lambda: {
            "case_no": "岢环立〔2026〕7号", "party": NAME, "uscc": USCC, "filed_on": recent(), "violation": "超标排放",
            "basis": "《中华人民共和国大气污染防治法》第九十九条", "handling": "罚款"}),
        "accidents": _oversight("accidents", lambda: accident(enterprise=NAME, uscc=USCC, occurred_on=recent())),
        "food-drug-sampling": _oversight("food-drug-sampling", lambda: sampling(seller=NAME, seller_uscc=USCC,
                                                                                  sampled_on=recent())),
        "land-transfers": _transfer("land-transfers", "parcel_no", area_m2=Decimal("33350"), use="industrial"),
        "mining-rights": _transfer("mining-rights", "right_no", right_type="mining", mineral="建筑石料用灰岩",
                                   area_km2=Decimal("0.1865")),
    }  # fmt: skip


FACTORIES |= _oversight_factories()
