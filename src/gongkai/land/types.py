"""征地 projects, their announcements, and transfers of land-use and mining rights as record types of the
records framework (list, page, feed, sitemap, search, API, export, import and staff screens)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai import records
from gongkai.core.publishable import Shown
from gongkai.records.registry import RecordType

from . import queries
from .models import Acquisition, LandNotice, LandTransfer, MiningRight, Place

NAV = "土地征收与出让"


@dataclass
class AcquisitionType(RecordType):
    """The villages of a project are many-to-many: the log, the API and search hold them with its fields."""

    def public_content(self, record: Any) -> dict[str, Any]:
        content = super().public_content(record)
        content["fields"]["villages"] = "、".join(v.name for v in queries.villages_of(record))
        return content

    def search_text(self, record: Any) -> str:
        return "\n".join([super().search_text(record), " ".join(v.name for v in queries.villages_of(record))])


def acquisition_check(acquisition: Acquisition) -> str | None:
    """A project goes public only with the villages it touches."""
    villages = queries.villages_of(acquisition)
    if not villages:
        return "请先选择征地涉及的村，再发布征地项目。"
    strays = [v.name for v in villages if v.parent_id != acquisition.township_id]
    if strays:
        return f"涉及的村“{'、'.join(strays)}”不属于{acquisition.township.name}，请重新选择。"
    return None


def notice_check(notice: LandNotice) -> str | None:
    if notice.acquisition.shown() != Shown.PUBLISHED:  # live now: not a draft, not scheduled, not withdrawn
        return f"须先发布征地项目“{notice.acquisition.title}”，才能发布它的{notice.get_kind_display()}。"
    return None


def _acquisition_context(acquisition: Acquisition) -> dict[str, Any]:
    return {
        "acquisition": acquisition,
        "villages": queries.villages_of(acquisition),
        "notices": queries.public_notices_of(acquisition),
        "areas": queries.areas(acquisition),
        "township_villages": Place.objects.filter(parent_id=acquisition.township_id).order_by("code"),
    }


def _notice_context(notice: LandNotice) -> dict[str, Any]:
    project = notice.acquisition  # named and linked only while it is public itself
    return {"acquisition": project if project.shown() == Shown.PUBLISHED else None}


ACQUISITIONS = records.register(
    Acquisition,
    AcquisitionType(
        slug="land-acquisitions",
        name="征地项目",
        description="征地批复、范围、面积、用途、区片综合地价等补偿标准、安置方式和被征地农民社会保障安排。",
        title_field="title",
        date_field="started_on",
        list_columns=("title", "code", "township", "stage", "started_on"),
        filters=("stage",),
        search_fields=("title", "code", "approval_no", "authority", "township", "groups", "purpose"),
        number_fields=("code", "approval_no"),
        field_order=(
            "code",
            "title",
            "stage",
            "approval_no",
            "authority",
            "approved_on",
            "started_on",
            "township",
            "groups",
            "purpose",
            "area_farmland",
            "area_other_farm",
            "area_forest",
            "area_construction",
            "area_unused",
            "zone_price",
            "compensation",
            "resettlement",
            "social_security",
        ),
        import_key=("code",),
        publish_check=acquisition_check,
        nav_group=NAV,
        search_weight=1.0,
        search_words=("征地", "征收"),
        home_column=False,
        detail_template="land/acquisition_detail.html",
        detail_context=_acquisition_context,
        staff_extra_template="land/staff/villages.html",
    ),
)

NOTICES = records.register(
    LandNotice,
    records.RecordType(
        slug="land-notices",
        name="征地公告",
        description="征地启动公告、听证记录、补偿安置方案公告、批后实施公告和补偿安置结果。",
        title_field="title",
        date_field="notice_date",
        list_columns=("title", "kind", "notice_date"),
        filters=("kind",),
        search_fields=("title", "acquisition", "body"),
        field_order=("acquisition", "kind", "title", "notice_date", "body"),
        import_key=("acquisition", "kind", "title"),
        publish_check=notice_check,
        nav_group=NAV,
        search_weight=1.0,
        search_words=("征地",),
        detail_template="land/notice_detail.html",
        detail_context=_notice_context,
    ),
)


def _transfer_type(
    model: type[Any], *, slug: str, name: str, description: str, number: str, words: tuple[str, ...]
) -> RecordType:
    """The two kinds of 出让 share their shape: announcement and result, the winner named with its code."""
    return records.register(
        model,
        records.RecordType(
            slug=slug,
            name=name,
            description=description,
            title_field="title",
            date_field="notice_date",
            list_columns=("title", number, "kind", "notice_date"),
            filters=("kind", "method"),
            search_fields=("title", number, "location", "township", "winner", "winner_uscc", "body"),
            number_fields=(number, "winner_uscc"),
            field_order=("kind", "title", number, "notice_date", "township", "location"),
            import_key=(number, "kind"),
            nav_group=NAV,
            search_words=words,
            enterprises=records.Enterprises(
                code_field="winner_uscc", name_field="winner", title_fields=("title",), rank=70
            ),
        ),
    )


LAND_TRANSFERS = _transfer_type(
    LandTransfer,
    slug="land-transfers",
    name="国有建设用地使用权出让",
    description="国有建设用地使用权出让公告和出让结果：宗地编号、位置、面积、用途、年限、起始价、成交价和竞得人。",
    number="parcel_no",
    words=("土地出让", "国有建设用地"),
)
MINING_RIGHTS = _transfer_type(
    MiningRight,
    slug="mining-rights",
    name="矿业权出让",
    description="采矿权、探矿权出让公告和出让结果：矿种、位置、面积、年限、起始价、成交价和竞得人。",
    number="right_no",
    words=("矿业权", "采矿权", "探矿权"),
)
