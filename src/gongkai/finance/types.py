"""The finance record types: fiscal reports (预决算), the fee catalog and fees collected."""

from __future__ import annotations

from typing import Any

from gongkai.portal.registry import register_nav
from gongkai.records import RecordType, register

from .models import FeeCollection, FeeItem, FiscalReport


def _report_context(report: FiscalReport) -> dict[str, Any]:
    from . import queries

    return queries.report_context(report)


def _publish_check(report: FiscalReport) -> str | None:
    if not report.file_sha256:
        return "请先上传公开的报告文件（PDF 或 DOCX）。"
    if not report.tables.exists():
        return "请先导入报告的标准表格（XLSX）。"
    return None


FISCAL_REPORTS = register(
    FiscalReport,
    RecordType(
        slug="fiscal-reports", home_column=False, search_weight=1.0, search_words=("预算", "决算", "预决算"), name="预决算公开", nav_group="财政资金",
        description="各部门预算、决算和县级政府预算、决算：报告原文和标准表格（万元）",
        title_field="title", date_field="approved_on",
        list_columns=("title", "year", "report_type", "approved_on"), filters=("report_type",),
        search_fields=("title",), import_key=("unit", "year", "report_type"),
        field_order=("title", "year", "report_type", "approved_on", "file_name"),
        private_fields=("file_sha256",),
        publish_check=_publish_check,
        detail_template="finance/report_detail.html", detail_context=_report_context,
        staff_extra_template="finance/staff/report_extra.html",
    ),
)  # fmt: skip

FEE_ITEMS = register(
    FeeItem,
    RecordType(
        slug="fee-items", home_column=False, search_words=("行政", "事业", "事业性", "收费", "行政事业性收费"), name="行政事业性收费目录", nav_group="财政资金",
        description="行政事业性收费项目：依据、标准、执收单位及对应的办事事项",
        title_field="name", date_field="formed_on",
        list_columns=("name", "code", "collector", "standard"),
        search_fields=("name", "code", "basis", "standard", "collector"), number_fields=("code",),
        import_key=("code",), field_order=("name", "code", "basis", "standard", "collector", "matter"),
        official_fields=("collector",),
    ),
)  # fmt: skip

FEE_COLLECTIONS = register(
    FeeCollection,
    RecordType(
        slug="fee-collections", home_column=False, search_words=("行政", "事业", "事业性", "收费", "行政事业性收费"), name="行政事业性收费金额", nav_group="财政资金",
        description="各单位每年的行政事业性收费金额（万元），年度报告第二部分由此统计",
        title_field="title", date_field="reported_on",
        list_columns=("title", "year", "amount"), import_key=("unit", "year"),
        field_order=("title", "year", "amount", "reported_on"),
    ),
)  # fmt: skip

register_nav("财政预决算", "finance:index", 50, group="areas")
