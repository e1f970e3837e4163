"""Land test data: two townships with villages (东沟村 in both), and 征地 projects through the workflow."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.core import workflow
from gongkai.core.models import Unit, User
from gongkai.land import services
from gongkai.land.models import Acquisition, LandNotice, Place
from gongkai.land.types import NOTICES
from gongkai.records import services as records

TOWNSHIPS = {
    "岚漪镇": ("140929100", ["东关村", "西关村", "南关村"]),
    "宋家沟乡": ("140929208", ["宋家沟村", "东沟村"]),
    "水峪贯乡": ("140929203", ["东沟村"]),
}


def make_places() -> dict[str, Place]:
    """Places by name (a village as 乡镇/村)."""
    found: dict[str, Place] = {}
    for township, (code, villages) in TOWNSHIPS.items():
        parent, _ = services.place_save(by=None, code=code, name=township, kind=Place.Kind.TOWNSHIP)
        found[township] = parent
        for n, name in enumerate(villages, start=201):
            found[f"{township}/{name}"], _ = services.place_save(
                by=None, code=f"{code}{n}", name=name, kind=Place.Kind.VILLAGE, parent=parent
            )
    return found


def draft(unit: Unit, editor: User, places: dict[str, Place], code: str, villages: list[str],
          township: str = "岚漪镇", **fields: Any) -> Acquisition:  # fmt: skip
    data: dict[str, Any] = {
        "code": code, "title": f"{code}号城镇建设用地", "started_on": date(2026, 3, 2),
        "approval_no": "晋政地字〔2026〕38号", "authority": "山西省人民政府", "approved_on": date(2026, 5, 6),
        "township": places[township], "groups": "一组、二组", "purpose": "城镇住宅建设",
        "area_farmland": Decimal("12.50"), "area_forest": Decimal("3.25"), "zone_price": Decimal("32300"),
        "compensation": "青苗补偿费：耕地1500元/亩。", "resettlement": "货币安置",
        "social_security": "纳入城乡居民基本养老保险。", "stage": "approved", **fields,
    }  # fmt: skip
    chosen = [places[f"{township}/{v}"] for v in villages]
    return services.acquisition_create(by=editor, unit=unit, data=data, villages=chosen)


def publish(item: Any, editor: User, reviewer: User) -> Any:
    workflow.submit(item, by=editor)
    workflow.approve(item, by=reviewer)
    return workflow.publish(item, by=reviewer)


def published(unit: Unit, staff: tuple[User, User], places: dict[str, Place], code: str, villages: list[str],
              **fields: Any) -> Acquisition:  # fmt: skip
    editor, reviewer = staff
    return publish(draft(unit, editor, places, code, villages, **fields), editor, reviewer)


def notice(acquisition: Acquisition, editor: User, kind: str, day: date, title: str = "") -> LandNotice:
    return records.record_create(
        NOTICES, by=editor, unit=acquisition.unit,
        data={"acquisition": acquisition, "kind": kind, "title": title or f"{acquisition.title}{kind}",
              "notice_date": day, "body": "公告内容。"},
    )  # fmt: skip


_serial = iter(range(1, 10**6))


def workflow_makers(mark: str) -> dict[str, Any]:
    """Makers of a draft of each land kind with MARK in its title, for the workflow's tests over every kind.

    A notice's project is published first (by a reviewer of its own) and does not carry MARK, so that
    it shows nowhere the notice should not."""
    from gongkai.core import services as core
    from gongkai.land.types import LAND_TRANSFERS, MINING_RIGHTS

    def acquisition(unit: Unit, editor: User, title: str) -> Acquisition:
        places = make_places()
        return draft(unit, editor, places, f"ZD-WF-{next(_serial)}", ["东关村"], title=title)

    def land_notice(unit: Unit, editor: User) -> LandNotice:
        reviewer = User.objects.filter(username="wf-land-reviewer").first() or core.user_create(
            username="wf-land-reviewer", password="Correct-horse-42", role="reviewer", unit=unit, by=None
        )
        project = publish(acquisition(unit, editor, "城南片区建设用地"), editor, reviewer)
        return notice(project, editor, "start", date.today(), title=f"关于{mark}片区拟征收土地的公告")

    def transfer(record_type: Any, number: str, **fields: Any) -> Any:
        def make(unit: Unit, editor: User) -> Any:
            places = make_places()
            data = {
                "kind": "announcement", "title": f"{mark}片区出让公告", "notice_date": date.today(),
                "township": places["岚漪镇"], "location": "岚漪镇东关村以西", "method": "listing", "term_years": 50,
                "starting_price": Decimal("512"), number: f"WF-{next(_serial)}", **fields,
            }  # fmt: skip
            return records.record_create(record_type, by=editor, unit=unit, data=data)

        return make

    return {
        "land-acquisitions": lambda unit, editor: acquisition(unit, editor, f"{mark}片区建设用地"),
        "land-notices": land_notice,
        "land-transfers": transfer(LAND_TRANSFERS, "parcel_no", area_m2=Decimal("33350"), use="industrial"),
        "mining-rights": transfer(
            MINING_RIGHTS,
            "right_no",
            right_type="mining",
            mineral="建筑石料用灰岩",
            area_km2=Decimal("0.1865"),
        ),
    }
