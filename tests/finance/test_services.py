from datetime import date
from decimal import Decimal

import pytest

from gongkai.core.models import AuditEntry, TransparencyEntry
from gongkai.finance import services
from gongkai.finance.errors import FinanceError
from gongkai.finance.models import FiscalRow
from gongkai.finance.types import FISCAL_REPORTS
from gongkai.records import services as records
from gongkai.records.errors import RecordError

from .workbooks import PDF, expense, sangong, standard, workbook


def test_a_published_report_keeps_its_tables_and_takes_its_sangong_from_its_table(make_report):
    report = make_report(tables=standard(purchase=12, operation=30, reception=6.5))
    assert report.status == "published" and report.title == "测试县财政局2015年部门预算"
    assert [t.title for t in report.tables.all()] == [
        "收支总表",
        "支出总表",
        "一般公共预算财政拨款“三公”经费支出表",
    ]
    assert report.sangong("budget") == {
        "outbound": Decimal("0.00"), "vehicle_purchase": Decimal("12.00"), "vehicle_operation": Decimal("30.00"),
        "reception": Decimal("6.50"), "total": Decimal("48.50"),
    }  # fmt: skip
    assert report.sangong("actual")["total"] is None
    assert TransparencyEntry.objects.filter(index_no=report.index_no, action="publish").exists()


def test_a_second_report_of_the_same_unit_year_and_type_is_refused_naming_the_year(make_report, staff):
    make_report(2015)
    with pytest.raises(RecordError) as caught:
        services.fiscal_report_create(
            by=staff[0], unit=staff[0].unit, data={"year": 2015, "report_type": "dept_budget", "approved_on": date(2015, 3, 1)}
        )  # fmt: skip
    assert caught.value.field == "year" and "2015年的部门预算已经录入" in caught.value.message
    make_report(2015, "dept_final")  # the final accounts of that year are another report


def test_tables_that_do_not_add_up_are_refused_whole_with_the_cell_named(make_report, staff):
    report = make_report(publish=False)
    bad = expense()
    bad[5][2] = 201  # 208 合计 column, 6th row of the sheet
    with pytest.raises(FinanceError) as caught:
        services.fiscal_tables_import(report=report, by=staff[0], data=workbook({"支出总表": bad}))
    assert caught.value.message.startswith("支出总表 第3行 合计（合计） 与各行之和不符")
    assert caught.value.details["sheet"] == "支出总表" and caught.value.details["row"] == 3
    assert report.tables.count() == 3  # the earlier tables stay: nothing of the bad file was stored


def test_a_report_without_its_file_or_tables_cannot_be_published(staff):
    editor, reviewer = staff
    report = services.fiscal_report_create(
        by=editor, unit=editor.unit, data={"year": 2015, "report_type": "dept_final", "approved_on": date(2016, 8, 1)}
    )  # fmt: skip
    records.record_submit(FISCAL_REPORTS, report, by=editor)
    records.record_approve(FISCAL_REPORTS, report, by=reviewer)
    with pytest.raises(RecordError) as caught:
        records.record_publish(FISCAL_REPORTS, report, by=reviewer)
    assert "报告文件" in caught.value.message


def test_only_a_pdf_or_docx_is_the_report_file(make_report, staff):
    report = make_report(publish=False)
    with pytest.raises(FinanceError) as caught:
        services.fiscal_report_attach(report=report, by=staff[0], name="表.xlsx", data=standard())
    assert caught.value.code == "file_type"


def test_a_published_report_is_not_changed_by_a_new_upload(make_report, staff):
    report = make_report()
    with pytest.raises(FinanceError) as caught:
        services.fiscal_tables_import(report=report, by=staff[0], data=standard())
    assert caught.value.code == "bad_state"
    with pytest.raises(FinanceError):
        services.fiscal_report_attach(report=report, by=staff[0], name="新.pdf", data=PDF)


def test_uploads_are_audited_and_make_the_uploader_the_last_editor(make_report, staff):
    report = make_report(publish=False)
    assert report.last_edited_by == staff[0]
    codes = set(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True))
    assert "finance.fiscalreport.changed" in codes
    assert FiscalRow.objects.filter(table__report=report, total=True).count() >= 3


def test_final_accounts_take_budget_and_actual_from_a_two_column_table(make_report):
    report = make_report(
        2014, "dept_final", tables=workbook({"三公经费支出表": sangong(actual=(0, 0, 18, 4.4))})
    )
    assert report.sangong("budget")["total"] == Decimal("35.70")
    assert report.sangong("actual")["total"] == Decimal("22.40")
