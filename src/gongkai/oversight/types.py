"""The oversight record types (seed §七): one registration each gives list, page, feed, API, export,
import and staff screens; the air-quality chart page is the only page of this app's own."""

from __future__ import annotations

from typing import Any

from gongkai.core import privacy
from gongkai.portal.registry import register_nav
from gongkai.records import Enterprises, RecordType, register

from .models import (
    Accident,
    AirQualityDay,
    Complaint,
    EnvComplaint,
    EnvViolation,
    FoodDrugComplaint,
    SafetyBriefing,
    Sampling,
    SourceInspection,
)

ENVIRONMENT, SAFETY, FOOD_DRUG = "环境信息", "安全生产", "食品药品"


def complaint_publish_check(case: Complaint) -> str | None:
    """A complaint case goes public with its handling result, once closed."""
    if not case.closed_on:
        return "案件办结后才能公开处理结果，请填写办结日期和处理结果。"
    return None


def accident_publish_check(accident: Accident) -> str | None:
    """An accident is public unless a legal basis for withholding it is recorded."""
    if accident.withheld_basis.strip():
        return f"已登记不予公开的法律依据（{accident.withheld_basis.strip()}），此记录不能公开。"
    return None


def complaint_type(*, kind_field: str, **names: Any) -> RecordType:
    """The registration of a complaint kind: KIND_FIELD is its category (污染类别, 投诉类别)."""
    return RecordType(
        title_field="subject", date_field="received_on",
        list_columns=("case_no", "subject", kind_field, "received_on", "closed_on"),
        filters=(kind_field, "channel"), search_fields=("case_no", "subject", "location", "summary", "result"),
        number_fields=("case_no",), private_fields=Complaint.PRIVATE, import_key=("case_no",),
        publish_check=complaint_publish_check, **names,
    )  # fmt: skip


AIR_QUALITY = register(
    AirQualityDay,
    RecordType(
        slug="air-quality", name="空气质量日报", nav_group=ENVIRONMENT, home_column=False, search_weight=0.1,
        search_words=("空气质量", "空气", "AQI"),
        description="各监测站点每日空气质量指数和六项污染物浓度（HJ 633-2012）",
        title_field="title", date_field="day",
        list_columns=("station", "day", "aqi", "level", "primary_pollutant", "pm25"),
        filters=("level",), search_fields=("station", "primary_pollutant"),
        import_key=("station", "day"),
        field_order=("title", "station", "day", "aqi", "level", "primary_pollutant", "pm25", "pm10", "so2", "no2", "o3", "co"),
    ),
)  # fmt: skip

SOURCE_INSPECTIONS = register(
    SourceInspection,
    RecordType(
        slug="pollution-sources", name="污染源监管结果", nav_group=ENVIRONMENT, search_words=("污染源",),
        description="重点污染源的监督检查和监督性监测结果及处理措施",
        title_field="enterprise", date_field="checked_on",
        list_columns=("enterprise", "source", "checked_on", "result"),
        filters=("source", "result"), search_fields=("enterprise", "uscc", "items", "findings"),
        number_fields=("uscc",), import_key=("enterprise", "source", "checked_on"),
        enterprises=Enterprises(code_field="uscc", name_field="enterprise", title_fields=("items", "checked_on"), rank=60),
    ),
)  # fmt: skip

ENV_COMPLAINTS = register(
    EnvComplaint,
    complaint_type(
        slug="env-complaints", name="环境信访投诉案件", nav_group=ENVIRONMENT, kind_field="pollution",
        search_words=("信访", "投诉", "环境"), description="经调查核实的环境信访投诉案件及处理结果（投诉人信息不公开）",
    ),
)  # fmt: skip


def env_party(case: EnvViolation) -> str:
    """The party of an environmental case: an organisation (with its credit code) in full, a person
    (no code) as the 双公示 rule for natural persons shows them (GONGKAI_PERSON_NAME_DISPLAY)."""
    return str(case.party) if case.uscc else privacy.shown_person_name(str(case.party))


ENV_VIOLATIONS = register(
    EnvViolation,
    RecordType(
        slug="env-violations", name="环境违法案件", nav_group=ENVIRONMENT, search_weight=1.0,
        search_words=("环境违法", "违法案件"),
        description="环境违法案件及查处情况",
        title_field="party", date_field="filed_on",
        list_columns=("case_no", "party", "filed_on", "decision_no"),
        search_fields=("case_no", "party", "uscc", "violation", "handling"), number_fields=("case_no", "decision_no", "uscc"),
        enterprises=Enterprises(code_field="uscc", name_field="party", title_fields=("violation", "case_no"), rank=25),
        masks={"party": env_party},
        import_key=("case_no",),
    ),
)  # fmt: skip

SAFETY_BRIEFINGS = register(
    SafetyBriefing,
    RecordType(
        slug="safety-briefings", name="安全生产简报", nav_group=SAFETY, search_weight=1.0, search_words=("安全生产", "简报"),
        description="县安全生产委员会办公室编发的安全生产工作简报",
        title_field="title", date_field="issued_on",
        list_columns=("issue_no", "title", "issued_on"), search_fields=("issue_no", "title", "body"),
        number_fields=("issue_no",), import_key=("issue_no",),
    ),
)  # fmt: skip

ACCIDENTS = register(
    Accident,
    RecordType(
        slug="accidents", name="生产安全事故", nav_group=SAFETY, search_weight=1.0, search_words=("事故", "安全生产"),
        description="生产安全事故的基本情况、调查报告和处理结果（依法应当保密的除外）",
        title_field="title", date_field="occurred_on",
        list_columns=("title", "occurred_on", "accident_type", "level", "deaths"),
        filters=("accident_type", "level"),
        search_fields=("title", "place", "enterprise", "uscc", "summary", "investigation", "handling"),
        number_fields=("uscc",), private_fields=("withheld_basis",), import_key=("title", "occurred_on"),
        enterprises=Enterprises(code_field="uscc", name_field="enterprise", title_fields=("title",), rank=40),
        publish_check=accident_publish_check,
    ),
)  # fmt: skip

SAMPLINGS = register(
    Sampling,
    RecordType(
        slug="food-drug-sampling", name="食品药品抽检结果", nav_group=FOOD_DRUG, search_words=("抽检", "抽样", "监督抽检"),
        description="食品、药品等监督抽检的样品、生产和被抽样单位、检验项目和结论",
        title_field="product", date_field="sampled_on",
        list_columns=("product", "seller", "sampled_on", "item", "result"),
        filters=("category", "result"),
        search_fields=("sample_no", "product", "producer", "producer_uscc", "seller", "seller_uscc", "item"),
        number_fields=("sample_no", "producer_uscc", "seller_uscc"), import_key=("sample_no",),
        # joins the profile of the unit the sample was taken from (被抽样单位); the producer is named in it
        enterprises=Enterprises(code_field="seller_uscc", name_field="seller", title_fields=("product", "item"), rank=50),
    ),
)  # fmt: skip

FOOD_DRUG_COMPLAINTS = register(
    FoodDrugComplaint,
    complaint_type(
        slug="food-drug-complaints", name="食品药品投诉举报处理结果", nav_group=FOOD_DRUG, kind_field="category",
        search_words=("投诉", "举报", "食品", "药品"), description="食品药品投诉举报的核查和处理结果（投诉人信息不公开）",
    ),
)  # fmt: skip

GROUPS = (
    (ENVIRONMENT, (AIR_QUALITY, SOURCE_INSPECTIONS, ENV_COMPLAINTS, ENV_VIOLATIONS)),
    (SAFETY, (SAFETY_BRIEFINGS, ACCIDENTS)),
    (FOOD_DRUG, (SAMPLINGS, FOOD_DRUG_COMPLAINTS)),
)

register_nav("公共监管", "oversight:index", 60, group="areas")
