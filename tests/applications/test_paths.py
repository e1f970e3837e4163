"""Every path a case can take, with due dates checked against LAW.md §3 on the real calendar."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.applications import queries, services
from gongkai.applications.errors import ApplicationError
from gongkai.core.calendar_data import load_calendar, parse_holiday_file
from gongkai.core.services import calendar_import


def due_of(application):
    application.refresh_from_db()
    return queries.case_clock(application, load_calendar()).due_date


def test_plain_reply(new_case, handler):
    case = new_case()
    assert due_of(case) == date(2026, 3, 30)
    services.application_reply(
        application=case, by=handler, date=date(2026, 3, 20), category="1", text="见附件"
    )
    case.refresh_from_db()
    assert case.status == "replied" and case.reply_category == "1"


def test_supplement_restarts_the_clock_then_reply(new_case, handler):
    case = new_case()
    services.application_request_supplement(
        application=case, by=handler, date=date(2026, 3, 6), reason="请写明工程名称"
    )
    case.refresh_from_db()
    assert queries.case_clock(case, load_calendar()).due_date is None
    assert queries.applicant_deadline(case, load_calendar()).due == date(2026, 3, 27)  # 15 working days
    services.application_receive_supplement(application=case, by=handler, date=date(2026, 3, 16))
    assert due_of(case) == load_calendar().due_date(date(2026, 3, 16), 20).due_date
    services.application_reply(
        application=case, by=handler, date=date(2026, 4, 1), category="4.1", basis="经查，本机关不掌握该信息"
    )


def test_supplement_only_once_and_within_7_working_days(new_case, handler):
    late = new_case()
    with pytest.raises(ApplicationError) as caught:
        services.application_request_supplement(
            application=late, by=handler, date=date(2026, 3, 12), reason="x"
        )
    assert caught.value.code == "supplement_late"  # 7th working day after 3/2 is 3/11
    case = new_case()
    services.application_request_supplement(application=case, by=handler, date=date(2026, 3, 11), reason="x")
    services.application_receive_supplement(application=case, by=handler, date=date(2026, 3, 12))
    with pytest.raises(ApplicationError) as caught:
        services.application_request_supplement(
            application=case, by=handler, date=date(2026, 3, 12), reason="y"
        )
    assert caught.value.code == "supplement_once"


def test_no_supplement_closes_as_6_1_only_after_the_deadline(new_case, handler):
    case = new_case()
    services.application_request_supplement(application=case, by=handler, date=date(2026, 3, 6), reason="x")
    with pytest.raises(ApplicationError) as caught:
        services.application_reply(application=case, by=handler, date=date(2026, 3, 27), category="6.1")
    assert caught.value.code == "not_yet_due"
    services.application_reply(application=case, by=handler, date=date(2026, 3, 30), category="6.1")
    case.refresh_from_db()
    assert case.reply_category == "6.1"


def test_third_party_time_does_not_count(new_case, handler):
    case = new_case()
    services.application_start_third_party(
        application=case, by=handler, date=date(2026, 3, 9), reason="征求某公司意见"
    )
    services.application_end_third_party(application=case, by=handler, date=date(2026, 3, 27))
    assert due_of(case) == load_calendar().due_date(date(2026, 3, 27), 15).due_date
    services.application_reply(
        application=case, by=handler, date=date(2026, 4, 10), category="2", withheld="涉及商业秘密的报价部分"
    )


def test_extension_once_and_at_most_20_days(new_case, handler, head):
    case = new_case()
    with pytest.raises(ApplicationError) as caught:
        services.application_extend(application=case, by=head, date=date(2026, 3, 20), days=21, reason="x")
    assert caught.value.code == "bad_days"
    services.application_extend(
        application=case, by=head, date=date(2026, 3, 20), days=20, reason="需调取档案"
    )
    assert due_of(case) == load_calendar().due_date(date(2026, 3, 30), 20).due_date
    with pytest.raises(ApplicationError) as caught:
        services.application_extend(application=case, by=head, date=date(2026, 3, 21), days=5, reason="y")
    assert caught.value.code == "already_extended"


def test_fee_paid_pauses_then_resumes(new_case, handler):
    case = new_case()
    services.application_fee_notice(
        application=case, by=handler, date=date(2026, 3, 9), amount=Decimal("700")
    )
    services.application_fee_paid(application=case, by=handler, date=date(2026, 3, 20))
    assert due_of(case) == load_calendar().due_date(date(2026, 3, 20), 15).due_date


def test_fee_not_paid_closes_as_6_2_after_20_working_days(new_case, handler):
    case = new_case()
    services.application_fee_notice(
        application=case, by=handler, date=date(2026, 3, 9), amount=Decimal("100")
    )
    case.refresh_from_db()
    deadline = queries.applicant_deadline(case, load_calendar()).due
    assert deadline == date(2026, 4, 7)  # 4/4-4/6 清明
    with pytest.raises(ApplicationError):
        services.application_reply(application=case, by=handler, date=deadline, category="6.2")
    services.application_reply(application=case, by=handler, date=date(2026, 4, 8), category="6.2")


def test_fee_wait_counts_when_configured_not_to_pause(new_case, handler, settings):
    settings.FEE_PAUSES_CLOCK = False
    case = new_case()
    services.application_fee_notice(
        application=case, by=handler, date=date(2026, 3, 9), amount=Decimal("100")
    )
    services.application_fee_paid(application=case, by=handler, date=date(2026, 3, 20))
    assert due_of(case) == date(2026, 3, 30)


def test_withdrawal_and_transfer(new_case, handler, make_user, other_department, department):
    office = make_user("office", department, "office")
    case = new_case()
    services.application_transfer(
        application=case, by=office, to=other_department, date=date(2026, 3, 3), reason="该信息由民政局掌握"
    )
    case.refresh_from_db()
    assert case.unit == other_department
    assert case.events.filter(kind="transferred").get().reason.startswith("由测试县财政局转至测试县民政局")
    services.application_withdraw(application=case, by=None, date=date(2026, 3, 5), reason="申请人书面撤回")
    case.refresh_from_db()
    assert case.status == "withdrawn"
    with pytest.raises(ApplicationError) as caught:
        services.application_reply(application=case, by=handler, date=date(2026, 3, 6), category="1")
    assert caught.value.code == "bad_state"


def test_online_applications_start_the_clock_when_registered(new_case, handler):
    case = new_case(received_on=None, channel="online")
    assert case.status == "submitted" and queries.case_clock(case, load_calendar()) is None
    services.application_register(application=case, by=handler, date=timezone.localdate())
    case.refresh_from_db()
    assert case.status == "processing" and case.received_on is not None


def test_rules_on_replies(new_case, handler):
    case = new_case()
    with pytest.raises(ApplicationError) as caught:
        services.application_reply(application=case, by=handler, date=date(2026, 3, 20), category="2")
    assert caught.value.code == "withheld_required"
    with pytest.raises(ApplicationError) as caught:
        services.application_reply(application=case, by=handler, date=date(2026, 3, 20), category="3.1")
    assert caught.value.code == "basis_required"
    with pytest.raises(ApplicationError) as caught:
        services.application_reply(application=case, by=handler, date=date(2026, 3, 20), category="9")
    assert caught.value.code == "bad_category"


def test_a_holiday_table_imported_later_moves_open_due_dates(new_case):
    case = new_case(received_on=date(2026, 11, 2))
    before = queries.case_clock(case, load_calendar())
    case2 = new_case(received_on=date(2026, 11, 2))
    type(case2).objects.filter(pk=case2.pk).update(received_on=date(2026, 12, 15))  # received "in the future"
    case2.refresh_from_db()
    provisional = queries.case_clock(case2, load_calendar())
    assert provisional.provisional and provisional.due_date == date(
        2027, 1, 13
    )  # 元旦 counts as a holiday already
    year, lines = parse_holiday_file(
        "2027-01-01,holiday,元旦\n2027-01-11,holiday,测试假日\n2027-01-12,holiday,测试假日\n"
    )
    calendar_import(year=year, lines=lines, source="test", by=None)
    after = queries.case_clock(case2, load_calendar())
    assert not after.provisional and after.due_date == date(2027, 1, 15)
    assert queries.case_clock(case, load_calendar()) == before


def test_identity_numbers_are_encrypted_and_masked(new_case):
    from tests.applications.conftest import ID

    case = new_case()
    assert ID not in case.id_number_encrypted
    assert case.id_number_masked == "1426**********1233"
    assert services.reveal_id_number(case) == ID
    with pytest.raises(ApplicationError) as caught:
        new_case(id_number="142629198507071234")
    assert caught.value.field == "id_number"


def test_a_reply_can_point_to_published_documents(new_case, handler, make_user, department):
    from tests.publishing.factories import published

    editor = make_user("editor", department, "ed")
    document = published(editor, make_user("reviewer", department, "rv"))
    case = new_case()
    with pytest.raises(ApplicationError) as caught:
        services.application_reply(
            application=case, by=handler, date=date(2026, 3, 20), category="1", documents=["NO/1"]
        )
    assert caught.value.field == "documents"
    services.application_reply(
        application=case, by=handler, date=date(2026, 3, 20), category="1", documents=[document.index_no]
    )
    case.refresh_from_db()
    assert case.reply_documents == [document.index_no]


def test_a_case_is_numbered_in_the_year_it_arrived(new_case):
    from django.utils import timezone

    late_letter = new_case(received_on=date(2025, 12, 29))  # registered by staff after New Year
    assert late_letter.tracking_no.startswith("YSQ2025") and len(late_letter.tracking_no) == 13
    assert new_case(received_on=timezone.localdate()).tracking_no.startswith(
        f"YSQ{timezone.localdate().year}"
    )


def test_tracking_numbers_do_not_reveal_how_many_cases_came_before(new_case):
    """Consecutive cases get unrelated numbers (a keyed shuffle of the year's serial), all distinct."""
    from gongkai.applications.intake import _shuffled

    numbers = [new_case().tracking_no for _ in range(5)]
    assert len(set(numbers)) == 5 and all(n.startswith("YSQ2026") for n in numbers)
    serials = [int(n[7:]) for n in numbers]
    assert serials != sorted(serials) or max(serials) > 1000  # not 1, 2, 3, 4, 5
    assert len({_shuffled(2026, n) for n in range(20_000)}) == 20_000  # one-to-one
    assert _shuffled(2026, 1) != _shuffled(2027, 1)
