from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from gongkai.concerns import queries, reminders, services
from gongkai.concerns.errors import ConcernError
from gongkai.concerns.models import Answer, Concern
from gongkai.core import workflow
from gongkai.core.models import User

from .factories import at, submit


def test_a_consultation_is_due_5_working_days_after_receipt_on_the_statutory_calendar(db):
    # Received on 中秋 (Friday 2026-09-25): 9-28, 9-29, 9-30, then 国庆 1–7 October off, 10-08, 10-09.
    concern, _code = submit(received_at=at("2026-09-25T10:00"))
    assert concern.due_at == at("2026-10-09T23:59:59")
    assert "工作日" in concern.deadline_basis
    concern, _code = submit(received_at=at("2026-09-29T10:00"))
    assert concern.due_at.date() == at("2026-10-12T00:00").date()  # 9-30, 10-08, 10-09, 10-10 (调休), 10-12


def test_opinion_and_incident_deadlines_are_counted_in_real_hours_through_holidays(db, office, department):
    concern, _code = submit(received_at=at("2026-10-01T09:00"))
    concern = services.concern_assign(concern=concern, unit=department, kind="opinion", by=office)
    assert concern.due_at == at("2026-10-03T09:00")  # 48 hours, the National Day holiday counted
    assert "小时" in concern.deadline_basis and "自然时间" in concern.deadline_basis
    concern = services.concern_assign(concern=concern, unit=department, kind="incident", by=office)
    assert concern.due_at == at("2026-10-01T14:00")


def test_deadlines_are_configurable(db, settings):
    settings.CONCERNS_DEADLINES = {"suggest": ("workdays", 10)}
    concern, _code = submit(kind="suggest", received_at=at("2026-11-02T09:00"))
    assert concern.due_at.date() == at("2026-11-16T00:00").date()


def test_an_empty_required_field_is_refused_by_name(db):
    with pytest.raises(ConcernError) as caught:
        submit(phone="  ")
    assert caught.value.field == "phone" and "联系电话" in caught.value.message


def test_contacts_are_encrypted_at_rest(db):
    concern, _code = submit()
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, email FROM concerns_concern WHERE id = %s", [concern.pk])
        phone, email = cursor.fetchone()
    assert "13912345678" not in phone and "example.com" not in email
    assert Concern.objects.get(pk=concern.pk).phone == "13912345678"


def _answered(office, department, handlers, **kwargs):
    concern, _code = submit(**kwargs)
    concern = services.concern_assign(concern=concern, unit=department, by=office)
    return services.concern_answer(
        concern=concern,
        answer="今年供暖自11月1日开始，请王小明留意。咨询电话请拨13912345678以外的热线。",
        by=handlers[0],
    )


def test_submit_triage_answer_publish_keeps_personal_data_off_every_public_page(
    client, db, office, department, handlers
):
    editor, reviewer = handlers
    concern = _answered(office, department, handlers)
    record = services.concern_publish_qa(concern=concern, by=editor)
    assert record.status == "draft"
    for text in (record.title, record.question, record.answer):
        assert "13912345678" not in text and "王小明" not in text and "wxm@example.com" not in text
    assert "王某" in record.answer
    list_url = reverse("records:list", args=["answers"])
    assert client.get(record.get_absolute_url()).status_code == 404  # a draft is not public
    assert "城区供暖" not in client.get(list_url).content.decode()
    workflow.submit(record, by=editor)
    workflow.approve(record, by=reviewer)
    workflow.publish(record, by=reviewer)
    page = client.get(record.get_absolute_url()).content.decode()
    assert "城区供暖" in page and "11月1日" in page
    assert "13912345678" not in page and "王小明" not in page
    found = client.get("/api/v1/search", {"q": "供暖"}).json()
    assert any(r["title"] == record.title for r in found["results"])
    assert "13912345678" not in str(found)
    workflow.withdraw(Answer.objects.get(pk=record.pk), by=reviewer, reason="留言人撤回同意")
    assert client.get(record.get_absolute_url()).status_code in (404, 410)
    assert not any(
        r["title"] == record.title for r in client.get("/api/v1/search", {"q": "供暖"}).json()["results"]
    )


def test_without_consent_an_answer_is_not_published(db, office, department, handlers):
    concern = _answered(office, department, handlers, consent=False)
    with pytest.raises(ConcernError) as caught:
        services.concern_publish_qa(concern=concern, by=handlers[0])
    assert caught.value.code == "no_consent"


def test_only_an_assigned_concern_can_be_answered(db, handlers):
    concern, _code = submit()
    with pytest.raises(ConcernError):
        services.concern_answer(concern=concern, answer="好", by=handlers[0])


def test_overdue_concerns_are_escalated_once_and_the_office_is_mailed(db, office, department):
    office.email = "office@example.com"
    office.save()
    late, _code = submit(received_at=at("2026-12-01T09:00"))
    services.concern_assign(concern=late, unit=department, kind="opinion", by=office)  # due 12-03 09:00
    on_time, _code = submit(received_at=at("2026-12-07T09:00"))
    assert reminders.escalate_and_notify(now=at("2026-12-07T10:00")) == 1
    assert Concern.objects.get(pk=late.pk).escalated_at is not None
    assert Concern.objects.get(pk=on_time.pk).escalated_at is None
    assert late.tracking_no in mail.outbox[0].body and "48小时" in mail.outbox[0].body
    assert reminders.escalate_and_notify(now=at("2026-12-07T11:00")) == 0


def test_census_risk_is_shown_before_three_months_pass(db, office, department):
    now = at("2026-12-07T12:00")
    risky, _c = submit(received_at=now - timedelta(days=70))
    failing, _c = submit(received_at=now - timedelta(days=95))
    answered, _c = submit(received_at=now - timedelta(days=100))
    services.concern_assign(concern=answered, unit=department, by=office)
    services.concern_answer(concern=answered, answer="已答复。", by=office, now=now - timedelta(days=99))
    invalid, _c = submit(received_at=now - timedelta(days=120))
    services.concern_invalidate(concern=invalid, reason="广告", by=office)
    found = queries.buckets(office, now)
    assert [c.pk for c in found.census_risk] == [risky.pk]
    assert [c.pk for c in found.census_failing] == [failing.pk]


def test_similar_earlier_answers_are_suggested_within_what_the_handler_may_see(
    db, office, department, handlers, make_user, other_department
):
    _answered(office, department, handlers)
    other, _c = submit(title="农村低保怎么申请", body="想了解农村最低生活保障的申请条件。")
    new, _c = submit(title="今年城区供暖开始时间", body="请问城区集中供暖今年几号开始？")
    suggested = queries.similar_answers(new, office)
    assert suggested and "供暖" in suggested[0].title
    assert all("低保" not in s.title for s in suggested)
    assert other.pk != new.pk
    assert "供暖" in queries.similar_answers(new, handlers[0])[0].title  # the answering unit's own
    stranger = make_user(User.Role.EDITOR, other_department, "ly-stranger")
    assert queries.similar_answers(new, stranger) == []  # another unit's unpublished answer stays there


def test_hotline_import_is_idempotent_on_the_work_order_number(db, tmp_path, department, capsys):
    path = tmp_path / "12345.csv"
    path.write_text(
        "工单编号,来电时间,诉求类型,标题,诉求内容,来电人,联系电话,承办单位,答复内容,答复时间\n"
        f"GD20261201001,2026-12-01 09:30,求助,路灯不亮,南关街路灯坏了,李四,13800001111,{department.code},已修复,2026-12-02 10:00\n"
        "GD20261201002,2026-12-01 10:00,投诉,噪音扰民,夜间施工,赵六,13800002222,,,\n",
        encoding="utf-8",
    )
    call_command("import", "concerns", str(path))
    call_command("import", "concerns", str(path))
    out = capsys.readouterr().out
    assert "2 created" in out and "2 unchanged" in out
    rows = {c.source_id: c for c in Concern.objects.all()}
    assert rows["GD20261201001"].status == "answered" and rows["GD20261201001"].channel == "hotline"
    assert rows["GD20261201002"].status == "received" and rows["GD20261201002"].kind == "complain"


def test_the_census_own_check_counts_valid_messages_unanswered_for_three_months(db, office):
    from gongkai.sitecheck import own

    today = at("2026-12-07T12:00")
    submit(received_at=today - timedelta(days=100))
    invalid, _c = submit(received_at=today - timedelta(days=120))
    services.concern_invalidate(concern=invalid, reason="广告", by=office)
    submit(received_at=today - timedelta(days=30))
    found = [f for f in own.interaction(today.date()) if f.detail.startswith("留言")]
    assert len(found) == 1 and found[0].veto and "超过3个月未答复" in found[0].detail
