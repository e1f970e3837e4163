"""The indicator record type: pages, API, exports, import and search come from the records framework;
the dashboard (views.py) and `GET /api/v1/indicators` (api.py) add the figures against their targets."""

from __future__ import annotations

from typing import Any

from gongkai.records import RecordType, register

from .models import Indicator


def detail_context(indicator: Indicator) -> dict[str, Any]:
    from .views import progress_of, series_of

    return {"progress": progress_of(indicator), "series": series_of(indicator)}


INDICATORS = register(
    Indicator,
    RecordType(
        slug="indicators", home_column=False, search_words=("指标",), name="公共服务指标", nav_group="数据统计",
        description="就业、社会保险等公共服务指标的目标与完成情况",
        title_field="name", date_field="period_end",
        field_order=("name", "topic", "year", "period", "actual", "unit_of_measure", "target", "better", "period_end", "note"),
        list_columns=("name", "year", "period", "actual", "unit_of_measure", "target"),
        filters=("topic", "better"),
        search_fields=("name", "note"),
        import_key=("name", "year", "period"),
        detail_template="indicators/detail.html", detail_context=detail_context,
    ),
)  # fmt: skip
