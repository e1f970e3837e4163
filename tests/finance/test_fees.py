"""The annual report's 行政事业性收费 cell: counted from the published amounts, overridden only with a reason."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.finance.types import FEE_COLLECTIONS
from gongkai.records import services as records
from gongkai.records.errors import RecordError
from gongkai.reports import services as reports
from gongkai.reports.annual import annual_report


def _collected(unit, editor, reviewer, year, amount, *, publish=True):
    item = records.record_create(FEE_COLLECTIONS, by=editor, unit=unit, data={
        "year": year, "amount": Decimal(amount), "reported_on": date(year + 1, 1, 10)})  # fmt: skip
    if publish:
        records.record_submit(FEE_COLLECTIONS, item, by=editor)
        records.record_approve(FEE_COLLECTIONS, item, by=reviewer)
        records.record_publish(FEE_COLLECTIONS, item, by=reviewer)
    return item


def test_the_fees_cell_sums_the_published_amounts_of_the_year(department, other_department, make_user, staff):
    editor, reviewer = staff
    other_editor, other_reviewer = (
        make_user("editor", other_department),
        make_user("reviewer", other_department),
    )
    _collected(department, editor, reviewer, 2015, "12.5")
    _collected(other_department, other_editor, other_reviewer, 2015, "3.25")
    _collected(other_department, other_editor, other_reviewer, 2014, "100")
    assert annual_report(2015)["section2"]["fees"] == 15.75
    assert annual_report(2015, department)["section2"]["fees"] == 12.5
    assert annual_report(2013)["section2"]["fees"] is None  # nothing published: the cell shows "—"


def test_an_unpublished_amount_is_not_counted(department, staff):
    _collected(department, *staff, 2015, "9", publish=False)
    assert annual_report(2015, department)["section2"]["fees"] is None


def test_a_year_collected_twice_by_one_unit_is_refused_naming_the_year(department, staff):
    _collected(department, *staff, 2015, "9")
    with pytest.raises(RecordError) as caught:
        _collected(department, *staff, 2015, "10")
    assert caught.value.field == "year" and "2015年的收费金额已经录入" in caught.value.message


def test_the_office_overrides_the_cell_only_with_a_reason(county, department, staff, make_user):
    _collected(department, *staff, 2015, "12.5")
    office = make_user("office", county)
    with pytest.raises(reports.ReportError) as caught:
        reports.report_save(
            year=2015, unit=None, by=office, overview="", problems="", other="", fees_collected=Decimal("20")
        )
    assert caught.value.field == "fees_override_reason"
    reports.report_save(year=2015, unit=None, by=office, overview="", problems="", other="",
                        fees_collected=Decimal("20"), fees_override_reason="住建局金额尚未公开")  # fmt: skip
    assert annual_report(2015)["section2"]["fees"] == 20.0
    reports.report_save(year=2015, unit=None, by=office, overview="", problems="", other="")
    assert annual_report(2015)["section2"]["fees"] == 12.5  # the override cleared: counted again
