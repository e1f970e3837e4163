"""Every export writes formula-looking text inertly (issue #23, item 5: openpyxl made "=…" a live
formula, and a CSV cell starting with = + - @ runs in a spreadsheet)."""

import io

import openpyxl
import pytest

from gongkai.core.exports import csv_chunks, safe_cell, xlsx_bytes

ROW = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "-12.5", "42", 7, None, "普通文本"]


def test_a_cell_that_would_run_gets_an_apostrophe_and_a_number_stays():
    assert [safe_cell(v) for v in ROW] == [
        "'=HYPERLINK(\"http://evil\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tx", "-12.5", "42", 7, None, "普通文本",
    ]  # fmt: skip


def test_csv_and_xlsx_hold_no_formula():
    text = "".join(csv_chunks([ROW]))
    assert text.startswith("\ufeff\"'=HYPERLINK") and ",'+1+1,'-2+3,'@SUM(A1)," in text
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes("导出", [ROW]))).active
    cells = next(sheet.iter_rows())
    assert all(c.data_type != "f" for c in cells)
    assert cells[0].value == '\'=HYPERLINK("http://evil")' and cells[7].value == 7


@pytest.mark.django_db
def test_a_published_record_export_neutralises_what_staff_typed(client, department, make_user):
    from gongkai.core.models import User
    from gongkai.records import registry
    from tests.records.conftest import permit_data, publish_record

    editor = make_user(User.Role.EDITOR, department, "x-editor")
    reviewer = make_user(User.Role.REVIEWER, department, "x-reviewer")
    publish_record(
        registry.get("permits"), department, editor, reviewer, permit_data(note="=cmd|' /C calc'!A0")
    )
    csv = b"".join(client.get("/records/permits/export.csv").streaming_content).decode("utf-8-sig")
    assert "'=cmd|" in csv and ",=cmd" not in csv
    book = openpyxl.load_workbook(io.BytesIO(client.get("/records/permits/export.xlsx").content))
    assert not any(c.data_type == "f" for row in book.active.iter_rows() for c in row)
