from datetime import date
from typing import Any

import pytest

from gongkai.finance import services
from gongkai.finance.types import FISCAL_REPORTS
from gongkai.records import services as records

from .workbooks import PDF, standard


def fiscal_report_maker(mark: str):
    """A draft report with its file and tables whose title holds MARK (the shared workflow tests' maker)."""

    def make(unit, editor):
        data = {
            "year": 2015,
            "report_type": "dept_budget",
            "approved_on": date(2015, 2, 10),
            "title": f"{mark}2015年部门预算",
        }
        return services.fiscal_report_create(
            by=editor, unit=unit, data=data, file=("预算.pdf", PDF), tables=standard()
        )

    return make


def fee_item_data(**fields: Any) -> dict[str, Any]:
    return {
        "name": "城市道路占用费", "code": "FEE-0001", "basis": "《城市道路管理条例》第三十七条",
        "standard": "每平方米每日0.5元", "collector": "岢岚县城市管理局", "formed_on": date(2016, 1, 1), **fields,
    }  # fmt: skip


@pytest.fixture
def staff(department, make_user):
    return make_user("editor", department), make_user("reviewer", department)


@pytest.fixture
def make_report(staff):
    """Draft (with file and tables), review and publish a report of the staff's unit; return it."""
    editor, reviewer = staff

    def make(year: int = 2015, report_type: str = "dept_budget", *, publish: bool = True, unit=None,
             tables: bytes | None = None, **fields: Any):  # fmt: skip
        data = {"year": year, "report_type": report_type, "approved_on": date(year, 2, 10), **fields}
        report = services.fiscal_report_create(by=editor, unit=unit or editor.unit, data=data)
        services.fiscal_report_attach(report=report, by=editor, name="预算公开.pdf", data=PDF)
        services.fiscal_tables_import(report=report, by=editor, data=tables or standard())
        if publish:
            records.record_submit(FISCAL_REPORTS, report, by=editor)
            records.record_approve(FISCAL_REPORTS, report, by=reviewer)
            records.record_publish(FISCAL_REPORTS, report, by=reviewer)
        report.refresh_from_db()
        return report

    return make
