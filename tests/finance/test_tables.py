"""Reading and checking the standard tables (no database)."""

from decimal import Decimal

import pytest

from gongkai.finance import tables

from .workbooks import expense, income_expense, sangong, workbook


def test_a_standard_workbook_reads_into_tables_with_rows_and_columns():
    read = tables.read_workbook(workbook({"收支总表": income_expense(), "支出总表": expense()}))
    assert [t.kind for t in read] == ["income_expense", "expense"]
    balanced, spending = read
    assert balanced.balanced and {r.section for r in balanced.rows} == {"income", "expense"}
    assert spending.columns == ["合计", "基本支出", "项目支出"]
    assert [(r.code, r.name, r.values[0]) for r in spending.rows][:2] == [
        ("", "合计", Decimal("500.00")), ("201", "一般公共服务支出", Decimal("300.00")),
    ]  # fmt: skip


def test_a_total_that_disagrees_with_its_rows_is_named_by_sheet_row_and_column():
    sheet = expense(basic=300, project=200)
    sheet[2][3] = 301  # 合计 row, 基本支出 column
    with pytest.raises(tables.TableError) as caught:
        tables.read_workbook(workbook({"支出总表": sheet}))
    assert (
        caught.value.chinese()
        == "支出总表 第3行 合计（基本支出） 与各行之和不符：填报 301.00，各行之和 300.00。"
    )
    assert caught.value.english() == (
        "支出总表 row 3 合计 (基本支出): total 301.00 does not equal the sum of the rows 300.00"
    )


def test_a_difference_within_a_cent_is_accepted_and_beyond_it_refused():
    sheet = expense()
    sheet[2][2] = 500.01
    tables.read_workbook(workbook({"支出总表": sheet}))
    sheet[2][2] = 500.02
    with pytest.raises(tables.TableError):
        tables.read_workbook(workbook({"支出总表": sheet}))


def test_a_parent_item_must_equal_its_sub_items():
    sheet = expense()
    sheet[3][4] = 99  # 201 项目支出 while 20106 holds 100
    with pytest.raises(tables.TableError) as caught:
        tables.read_workbook(workbook({"支出总表": sheet}))
    assert caught.value.problem == "parent" and caught.value.row == 4 and caught.value.column == "项目支出"


def test_an_unbalanced_income_and_expenditure_table_is_refused():
    sheet = income_expense()
    sheet[4][3] = 201
    sheet[5][3] = 501
    with pytest.raises(tables.TableError) as caught:
        tables.read_workbook(workbook({"收支总表": sheet}))
    assert "支出总计 501.00 与收入总计 500.00 不相等" in caught.value.chinese()


def test_a_word_in_an_amount_cell_is_named():
    sheet = expense()
    sheet[4][3] = "一百"
    with pytest.raises(tables.TableError) as caught:
        tables.read_workbook(workbook({"支出总表": sheet}))
    assert caught.value.chinese() == "支出总表 第5行 财政事务（基本支出） “一百”不是数字。"


def test_the_same_table_twice_is_refused():
    with pytest.raises(tables.TableError) as caught:
        tables.read_workbook(workbook({"支出总表": expense(), "2015年支出总表": expense()}))
    assert caught.value.problem == "duplicate_sheet"


def test_sangong_figures_come_from_the_budget_and_final_columns():
    read = tables.read_workbook(workbook({"三公经费支出表": sangong(actual=(0, 8, 19, 4))}))[0]
    figures = tables.sangong_figures(read)
    assert figures["budget"] == {"outbound": Decimal("0.00"), "vehicle_purchase": Decimal("10.00"),
                                 "vehicle_operation": Decimal("20.50"), "reception": Decimal("5.20")}  # fmt: skip
    assert figures["actual"]["vehicle_operation"] == Decimal("19.00")


def test_something_that_is_not_a_workbook_is_refused():
    with pytest.raises(ValueError):
        tables.read_workbook(b"%PDF-1.4 not a workbook")
