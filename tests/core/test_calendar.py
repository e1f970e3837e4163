"""The working-day calendar: LAW.md §1, checked by properties and by the real 调休 weekends."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.calendar import WorkCalendar, build_calendar
from gongkai.core.calendar_data import load_calendar, package_years


@pytest.fixture(scope="module")
def package_calendar() -> WorkCalendar:
    return build_calendar((y, h, w) for y, (h, w) in sorted(package_years().items()))


PACKAGE = build_calendar((y, h, w) for y, (h, w) in sorted(package_years().items()))
starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2028, 12, 31))
counts = st.integers(min_value=1, max_value=60)


@settings(max_examples=300, deadline=None)
@given(start=starts, days=counts)
def test_due_date_is_a_working_day(start, days):
    assert PACKAGE.is_working_day(PACKAGE.due_date(start, days).due_date)


@settings(max_examples=300, deadline=None)
@given(start=starts, days=counts)
def test_exactly_n_working_days_lie_between_start_and_due(start, days):
    due = PACKAGE.due_date(start, days).due_date
    assert PACKAGE.working_days_between(start, due) == days
    assert PACKAGE.working_days_between(start, due - timedelta(days=1)) == days - 1


@settings(max_examples=300, deadline=None)
@given(start=starts, later_by=st.integers(min_value=0, max_value=40), days=counts)
def test_a_later_start_never_gives_an_earlier_due_date(start, later_by, days):
    later = start + timedelta(days=later_by)
    assert PACKAGE.due_date(later, days).due_date >= PACKAGE.due_date(start, days).due_date


@settings(max_examples=200, deadline=None)
@given(start=starts, days=counts)
def test_skipped_days_are_exactly_the_non_working_days_passed_over(start, days):
    result = PACKAGE.due_date(start, days)
    span = [start + timedelta(days=i) for i in range(1, (result.due_date - start).days + 1)]
    assert [s.date for s in result.skipped] == [d for d in span if not PACKAGE.is_working_day(d)]


def test_zero_days_is_the_start_itself():
    assert PACKAGE.due_date(date(2026, 3, 2), 0).due_date == date(2026, 3, 2)


def test_national_day_2026_and_its_adjusted_saturday(package_calendar):
    # 2026-09-25 (Fri): 9/26-27 off, 10/1-7 off, Sat 10/10 is a working day.
    result = package_calendar.due_date(date(2026, 9, 25), 20)
    assert result.due_date == date(2026, 10, 29)
    assert not result.provisional
    assert package_calendar.is_working_day(date(2026, 10, 10))
    assert date(2026, 10, 10) not in [s.date for s in result.skipped]
    names = {s.date: s.name for s in result.skipped}
    assert names[date(2026, 10, 1)] == "国庆节"
    assert names[date(2026, 10, 11)] == "周日"


def test_spring_festival_2025_adjusted_working_weekends(package_calendar):
    # 2025: 1/28-2/4 off; Sun 1/26 and Sat 2/8 are working days.
    assert package_calendar.is_working_day(date(2025, 1, 26))
    assert package_calendar.is_working_day(date(2025, 2, 8))
    assert not package_calendar.is_working_day(date(2025, 1, 28))
    # Received Fri 1/24: counted days are 1/26, 1/27, 2/5, 2/6, 2/7 -> the 5th is 2/7.
    assert package_calendar.due_date(date(2025, 1, 24), 5).due_date == date(2025, 2, 7)


def test_receipt_on_a_saturday_counts_from_the_next_working_day(package_calendar):
    # Sat 2026-03-07: the first counted day is Mon 3/9.
    assert package_calendar.due_date(date(2026, 3, 7), 1).due_date == date(2026, 3, 9)
    assert package_calendar.due_date(date(2026, 3, 7), 20).due_date == date(2026, 4, 3)


def test_a_count_crossing_into_a_year_without_data_is_provisional(package_calendar):
    result = package_calendar.due_date(date(2026, 12, 15), 20)
    assert result.provisional
    assert result.missing_years == (2027,)
    # 12 working days in 12/16-31; with no 2027 arrangement the statutory 元旦 (1/1, Fri) is still a
    # holiday, so the 20th is 1/13 (it was 1/12 when only weekends were skipped in such a year).
    assert result.due_date == date(2027, 1, 13)
    assert ("元旦", date(2027, 1, 1)) in [(s.name, s.date) for s in result.skipped]


def test_a_year_without_an_arrangement_keeps_the_thirteen_statutory_holidays():
    from gongkai.core.statutory import statutory_holidays

    days = statutory_holidays(2027)
    assert sorted(days.items()) == [
        (date(2027, 1, 1), "元旦"),
        *((date(2027, 2, d), "春节") for d in (5, 6, 7, 8)),  # 除夕 2/5, 正月初一 2/6 (lunar calendar)
        (date(2027, 4, 5), "清明节"),  # the day of the solar term
        (date(2027, 5, 1), "劳动节"), (date(2027, 5, 2), "劳动节"),
        (date(2027, 6, 9), "端午节"),  # 五月初五
        (date(2027, 9, 15), "中秋节"),  # 八月十五
        *((date(2027, 10, d), "国庆节") for d in (1, 2, 3)),
    ]  # fmt: skip
    assert statutory_holidays(2028)[date(2028, 10, 3)] == "中秋节、国庆节"  # they fall together then
    assert statutory_holidays(2024) == {}  # before the 2024 revision came into force: not guessed
    calendar = build_calendar([])
    assert calendar.due_date(date(2026, 12, 31), 1).due_date == date(2027, 1, 4)
    after_new_year = calendar.due_date(date(2027, 2, 4), 1)  # Thu; 2/5-2/8 春节 with the weekend between
    assert after_new_year.due_date == date(2027, 2, 9) and after_new_year.provisional


def test_an_imported_arrangement_replaces_the_statutory_guess(package_calendar):
    from gongkai.core.calendar_data import parse_holiday_file

    year, lines = parse_holiday_file(
        "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-07,workday,春节调休上班\n"
    )
    holidays = {line.date: line.name for line in lines if line.kind == "holiday"}
    workdays = {line.date: line.name for line in lines if line.kind == "workday"}
    calendar = build_calendar([(year, holidays, workdays)])
    assert calendar.is_working_day(date(2027, 2, 8)) and calendar.is_working_day(date(2027, 2, 7))


def test_a_count_inside_a_known_year_is_not_provisional(package_calendar):
    assert not package_calendar.due_date(date(2026, 11, 2), 20).provisional


def test_rejects_negative_days():
    with pytest.raises(ValueError, match="days"):
        PACKAGE.due_date(date(2026, 1, 5), -1)


@pytest.mark.django_db
def test_an_imported_year_overrides_and_extends_the_package():
    from gongkai.core import services
    from gongkai.core.calendar_data import parse_holiday_file

    year, lines = parse_holiday_file("date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,holiday,测试假日\n")
    services.calendar_import(year=year, lines=lines, source="test", by=None)
    calendar = load_calendar()
    assert calendar.has_data(2027)
    assert not calendar.is_working_day(date(2027, 1, 4))
    assert not calendar.due_date(date(2026, 12, 15), 20).provisional
