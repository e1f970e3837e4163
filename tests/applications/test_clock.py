"""The reply clock (LAW.md §3) on its own: exact cases and properties."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.applications.clock import ClockEvent, Kind, compute
from gongkai.core.calendar import build_calendar
from gongkai.core.calendar_data import package_years

CAL = build_calendar((y, h, w) for y, (h, w) in sorted(package_years().items()))


def due(received, *events):
    return compute(received, list(events), CAL).due_date


def test_plain_case_is_20_working_days_after_receipt():
    assert due(date(2026, 9, 25)) == date(2026, 10, 29)


def test_a_supplement_restarts_the_full_period_from_its_arrival():
    result = due(
        date(2026, 3, 2),
        ClockEvent(Kind.SUPPLEMENT_REQUESTED, date(2026, 3, 4)),
        ClockEvent(Kind.SUPPLEMENT_RECEIVED, date(2026, 3, 20)),
    )
    assert result == CAL.due_date(date(2026, 3, 20), 20).due_date == date(2026, 4, 20)


def test_a_third_party_pause_leaves_out_its_working_days():
    # received Mon 3/2; 5 working days used by Mon 3/9; pause to Fri 3/27; 15 left after 3/27
    result = due(
        date(2026, 3, 2),
        ClockEvent(Kind.PAUSE_START, date(2026, 3, 9)),
        ClockEvent(Kind.PAUSE_END, date(2026, 3, 27)),
    )
    assert result == CAL.due_date(date(2026, 3, 27), 15).due_date


def test_the_clock_is_stopped_during_a_pause():
    clock = compute(date(2026, 3, 2), [ClockEvent(Kind.PAUSE_START, date(2026, 3, 9))], CAL)
    assert clock.due_date is None and clock.remaining == 15 and clock.stopped == "pause"


def test_an_extension_adds_working_days_after_the_current_due_date():
    base = due(date(2026, 9, 25))
    extended = due(date(2026, 9, 25), ClockEvent(Kind.EXTEND, date(2026, 10, 20), days=20))
    assert extended == CAL.due_date(base, 20).due_date


def test_only_one_extension_counts():
    once = due(date(2026, 3, 2), ClockEvent(Kind.EXTEND, date(2026, 3, 20), days=10))
    twice = due(
        date(2026, 3, 2),
        ClockEvent(Kind.EXTEND, date(2026, 3, 20), days=10),
        ClockEvent(Kind.EXTEND, date(2026, 3, 25), days=10),
    )
    assert once == twice


def test_crossing_national_day_and_its_adjusted_saturday():
    # received Wed 9/30/2026: 10/1-7 off; 10/8, 10/9 and Sat 10/10 are days 1-3; 11/3 is day 20
    assert due(date(2026, 9, 30)) == date(2026, 11, 3)


def test_a_count_into_a_year_without_data_is_provisional():
    assert compute(date(2026, 12, 10), [], CAL).provisional


received = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 30))


@settings(max_examples=300, deadline=None)
@given(start=received, offset=st.integers(0, 25), length=st.integers(0, 40))
def test_adding_a_pause_never_moves_the_due_date_earlier(start, offset, length):
    plain = due(start)
    pause_start = start + timedelta(days=offset)
    pause_end = pause_start + timedelta(days=length)
    if pause_start >= plain:
        return  # a pause after the due date is too late to matter
    paused = due(start, ClockEvent(Kind.PAUSE_START, pause_start), ClockEvent(Kind.PAUSE_END, pause_end))
    assert paused >= plain


@settings(max_examples=200, deadline=None)
@given(start=received, days=st.integers(1, 20))
def test_an_extension_never_moves_the_due_date_earlier(start, days):
    assert due(start, ClockEvent(Kind.EXTEND, start + timedelta(days=5), days=days)) > due(start)


@settings(max_examples=200, deadline=None)
@given(start=received, ask=st.integers(1, 9), wait=st.integers(0, 30))
def test_a_supplement_never_moves_the_due_date_earlier(start, ask, wait):
    asked = start + timedelta(days=ask)
    arrived = asked + timedelta(days=wait)
    assert due(
        start, ClockEvent(Kind.SUPPLEMENT_REQUESTED, asked), ClockEvent(Kind.SUPPLEMENT_RECEIVED, arrived)
    ) >= due(start)
