from datetime import date
from typing import Any

import pytest

from gongkai.finance import services
from gongkai.records import services as records
from gongkai.finance.types import FISCAL_REPORTS

from .workbooks import PDF, standard


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
