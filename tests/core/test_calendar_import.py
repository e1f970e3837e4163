"""`gongkai calendar import`: the file format, its errors, and all-or-nothing loading."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.calendar_data import CalendarFileError, load_calendar, parse_holiday_file
from gongkai.core.models import AuditEntry, CalendarDay, CalendarYear

GOOD = """# 国务院办公厅关于2027年部分节假日安排的通知（示例）
date,kind,name
2027-01-01,holiday,元旦
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-14,workday,春节调休上班
"""


def test_parses_a_year_of_holidays_and_adjusted_working_days():
    year, lines = parse_holiday_file(GOOD)
    assert year == 2027
    assert [(line.date, line.kind) for line in lines][-1] == (date(2027, 2, 14), "workday")
    assert lines[0].line == 3


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n", "twice", 2),
        ("2027-01-01,holiday\n", "fields", 1),
        ("2027-13-01,holiday,元旦\n", "date", 1),
        ("2027-01-01,rest,元旦\n", "kind", 1),
        ("2027-01-01,holiday,\n", "name_empty", 1),
        ("2027-01-04,workday,调休\n", "weekday_workday", 1),
        ("2027-01-01,holiday,元旦\n2028-01-01,holiday,元旦\n", "years", 2),
        ("# only a comment\n", "empty", None),
    ],
)
def test_bad_files_name_the_line_and_problem(text, code, line):
    with pytest.raises(CalendarFileError) as caught:
        parse_holiday_file(text)
    assert caught.value.code == code
    assert caught.value.line == line
    if line:
        assert str(caught.value).startswith(f"line {line}:")
        assert caught.value.chinese().startswith(f"第{line}行")


@pytest.mark.django_db
def test_command_imports_and_reimport_replaces_the_year(tmp_path, capsys):
    path = tmp_path / "2027.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("calendar", "import", str(path), "--source", "国办发明电〔2026〕1号")
    assert "imported 2027: 3 holidays, 1 adjusted working days" in capsys.readouterr().out
    assert not load_calendar().is_working_day(date(2027, 2, 6))
    path.write_text("2027-01-01,holiday,元旦\n", encoding="utf-8")
    call_command("calendar", "import", str(path))
    assert CalendarDay.objects.filter(date__year=2027).count() == 1
    assert load_calendar().is_working_day(date(2027, 2, 8))
    assert AuditEntry.objects.filter(action="core.calendar.imported").count() == 2


@pytest.mark.django_db
def test_a_bad_file_imports_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "2027-01-01,holiday,元旦\n2027-01-02,holiday,元旦\n2027-01-01,holiday,元旦\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="line 3: 2027-01-01 is listed twice") as caught:
        call_command("calendar", "import", str(path))
    assert caught.value.returncode == 2
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.exists()


@pytest.mark.django_db
def test_the_calendar_is_built_once_per_process_and_again_after_an_import(
    tmp_path, django_assert_num_queries
):
    first = load_calendar()
    with django_assert_num_queries(1):  # only the version of the stored years is asked
        assert load_calendar() is first
    path = tmp_path / "2027.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("calendar", "import", str(path))
    rebuilt = load_calendar()
    assert rebuilt is not first and not rebuilt.is_working_day(date(2027, 2, 6))
