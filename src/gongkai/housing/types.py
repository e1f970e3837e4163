"""Housing records registered with the records framework (pages, search, feeds, API, export, import,
staff screens and the workflow come with the registration); people's names are masked."""

from __future__ import annotations

from typing import Any

from gongkai import records
from gongkai.core import privacy
from gongkai.records.registry import as_text

from .models import (
    CompensationResult,
    ExpropriationNotice,
    HousingApplicant,
    HousingNotice,
    HousingNoticeKind,
    HousingProject,
)


def _project_context(project: HousingProject) -> dict[str, Any]:
    from . import queries

    return {
        "notices": queries.public_notices_of(project),
        "applicants": queries.public_applicant_count(project),
    }


def _public_lottery_title(notice: HousingNotice) -> str:
    """The lottery's title once it is public: an unpublished lottery is not named."""
    from . import queries

    lottery = queries.public_lottery_of(notice)
    return lottery.title if lottery else ""


def notice_publish_check(notice: HousingNotice) -> str | None:
    from . import queries

    lottery = queries.public_lottery_of(notice) if notice.lottery_id else None
    if notice.lottery_id and lottery is None:
        return "所选公开摇号尚未公开，须先发布摇号公告。"
    if lottery is not None and notice.kind == HousingNoticeKind.ALLOCATION:
        from gongkai.lottery.queries import public_draw

        if public_draw(lottery) is None:  # an allocation by lottery shows its verifiable draw first
            return "摇号结果（含可核验的摇号文件）尚未公开，须先发布摇号结果，再发布分配结果。"
    return None


def _notice_context(notice: HousingNotice) -> dict[str, Any]:
    from . import queries

    return {"lottery": queries.public_lottery_of(notice)}


EXPROPRIATION = records.register(
    ExpropriationNotice,
    records.RecordType(
        slug="expropriation-notices",
        name="国有土地上房屋征收",
        description="房屋征收决定、征收补偿方案、评估机构选定等征收信息。",
        title_field="title",
        date_field="notice_date",
        list_columns=("title", "kind", "project", "notice_date"),
        filters=("kind",),
        search_fields=("title", "project", "doc_no", "scope", "agency", "body"),
        search_words=("房屋征收", "征收"),
        search_weight=1.0,
        number_fields=("doc_no",),
        import_key=("project", "title"),
        nav_group="住房保障",
    ),
)

COMPENSATIONS = records.register(
    CompensationResult,
    records.RecordType(
        slug="expropriation-compensations",
        name="房屋征收分户补偿结果",
        description="国有土地上房屋征收的分户补偿情况，被征收人姓名经去标识化处理。",
        title_field="project",
        date_field="decided_on",
        list_columns=("household_no", "owner", "compensation", "method"),
        filters=("method",),
        search_fields=("project", "household_no", "location"),
        search_words=("分户补偿", "补偿"),
        private_fields=("owner_id_no",),
        masks={
            "owner": lambda r: privacy.shown_person_name(r.owner),
            "valuation": lambda r: as_text(r.valuation),
            "compensation": lambda r: as_text(r.compensation),
        },
        import_key=("project", "household_no"),
        nav_group="住房保障",
        home_column=False,
    ),
)

PROJECTS = records.register(
    HousingProject,
    records.RecordType(
        slug="housing-projects",
        name="保障性住房项目",
        description="廉租住房、公共租赁住房等保障性住房项目的房源和建设情况。",
        title_field="name",
        date_field="announced_on",
        list_columns=("name", "category", "location", "units"),
        filters=("category",),
        search_fields=("name", "location", "description"),
        search_words=("保障性住房", "保障房", "廉租房", "公租房"),
        search_weight=1.0,
        import_key=("name",),
        nav_group="住房保障",
        detail_template="housing/project_detail.html",
        detail_context=_project_context,
    ),
)

NOTICES = records.register(
    HousingNotice,
    records.RecordType(
        slug="housing-notices",
        name="保障性住房公告",
        description="申请条件和分配办法、审核结果公示、异议处理结果和分配结果。",
        title_field="title",
        date_field="notice_date",
        list_columns=("title", "kind", "project", "notice_date"),
        filters=("kind",),
        search_fields=("title", "body"),
        search_words=("保障性住房", "保障房", "分配"),
        search_weight=1.0,
        import_key=("title",),
        masks={"lottery": _public_lottery_title},
        publish_check=notice_publish_check,
        nav_group="住房保障",
        detail_template="housing/notice_detail.html",
        detail_context=_notice_context,
    ),
)

APPLICANTS = records.register(
    HousingApplicant,
    records.RecordType(
        slug="housing-applicants",
        name="保障性住房申请人公示",
        description="经审核的保障性住房申请人名单，接受社会监督；姓名经去标识化处理，证件号码不公开。",
        title_field="project",
        date_field="reviewed_on",
        list_columns=("application_no", "name", "group", "outcome"),
        filters=("outcome",),
        search_fields=("application_no", "township"),
        search_words=("申请人", "公示"),
        number_fields=("application_no",),
        private_fields=("id_number",),
        masks={"name": lambda r: privacy.shown_person_name(r.name)},
        import_key=("project", "application_no"),
        nav_group="住房保障",
        home_column=False,
    ),
)
