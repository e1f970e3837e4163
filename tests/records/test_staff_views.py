"""The generated staff screens, through Django's test client."""

import pytest

from gongkai.core.models import User
from gongkai.records import services
from gongkai.records.models import RecordStatus
from tests.conftest import login_verified

from .conftest import permit_data, publish_record

pytestmark = pytest.mark.django_db


def test_editor_creates_and_submits_through_the_form(client, permits, department, editor):
    login_verified(client, editor)
    page = client.get("/staff/records/permits/new/")
    assert page.status_code == 200 and "持证人" in page.text and "联系电话" in page.text
    bad = client.post("/staff/records/permits/new/", {"holder": "", "permit_no": "P-9", "kind": "stall"})
    assert bad.status_code == 200 and "请修改以下标出的项目" in bad.text
    assert not permits.model.objects.exists()
    response = client.post(
        "/staff/records/permits/new/",
        {
            "holder": "甲公司",
            "permit_no": "P-9",
            "kind": "stall",
            "issued_on": "2026-03-02",
            "days_shown": "0",
        },
    )
    record = permits.model.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_staff_url()
    assert record.unit == department and record.created_by == editor
    client.post(f"{record.get_staff_url()}submit/")
    record.refresh_from_db()
    assert record.status == RecordStatus.SUBMITTED
    detail = client.get(record.get_staff_url())
    assert "待审核" in detail.text and "审核通过" not in detail.text  # editors do not review


def test_reviewer_approves_publishes_corrects_and_removes(client, permits, department, editor, reviewer):
    record = services.record_create(permits, by=editor, unit=department, data=permit_data())
    services.record_submit(permits, record, by=editor)
    login_verified(client, reviewer)
    client.post(f"{record.get_staff_url()}approve/")
    client.post(f"{record.get_staff_url()}publish/", {"publish_at": ""})
    record.refresh_from_db()
    assert record.status == RecordStatus.PUBLISHED
    amend = client.post(
        f"{record.get_staff_url()}edit/",
        {
            **{k: str(v) for k, v in permit_data(note="更正后的说明").items()},
            "days_shown": "0",
            "note": "更正后的说明",
        },
    )
    assert amend.status_code == 200 and "更正原因" in amend.text  # the reason is required
    client.post(
        f"{record.get_staff_url()}edit/",
        {**{k: str(v) for k, v in permit_data().items()}, "days_shown": "0", "amend_reason": "地点有误"},
    )
    record.refresh_from_db()
    assert record.version == 2
    missing = client.post(
        f"{record.get_staff_url()}remove/", {"removal": "withdrawn", "reason": ""}, follow=True
    )
    assert "撤下原因" in missing.text
    client.post(f"{record.get_staff_url()}remove/", {"removal": "withdrawn", "reason": "许可注销"})
    record.refresh_from_db()
    assert record.status == RecordStatus.WITHDRAWN and record.withdrawal_reason == "许可注销"


def test_bulk_publish_of_imported_records(client, permits, department, reviewer):
    first = services.record_create(permits, by=None, unit=department, data=permit_data(), status="submitted")
    second = services.record_create(
        permits,
        by=None,
        unit=department,
        data=permit_data(permit_no="P-2", note="电话 13912345678"),
        status="submitted",
    )
    login_verified(client, reviewer)
    listing = client.get("/staff/records/permits/?status=submitted")
    assert f'value="{first.pk}"' in listing.text
    response = client.post("/staff/records/permits/bulk/", {"ids": [first.pk, second.pk]}, follow=True)
    assert "已审核并发布 1 条" in response.text and "个人信息" in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RecordStatus.PUBLISHED and second.status == RecordStatus.SUBMITTED


def test_other_units_records_are_invisible(
    client, permits, department, other_department, make_user, editor, reviewer
):
    record = publish_record(permits, department, editor, reviewer, permit_data())
    outsider = make_user(User.Role.REVIEWER, other_department, "outsider")
    login_verified(client, outsider)
    assert client.get(record.get_staff_url()).status_code == 404
    assert record.index_no not in client.get("/staff/records/permits/").text
    assert (
        client.post(f"{record.get_staff_url()}remove/", {"removal": "withdrawn", "reason": "x"}).status_code
        == 404
    )


def test_staff_index_and_dashboard_panel(client, permits, department, reviewer):
    services.record_create(permits, by=None, unit=department, data=permit_data(), status="submitted")
    login_verified(client, reviewer)
    index = client.get("/staff/records/")
    assert index.status_code == 200 and "占道许可" in index.text
    dashboard = client.get("/staff/")
    assert "待审核的占道许可（1）" in dashboard.text
    assert "超过5个工作日未公开" in dashboard.text  # issued 2026-03-02, long past its deadline


def test_records_due_this_week_are_on_the_dashboard(client, permits, department, reviewer):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.core.calendar_data import load_calendar
    from gongkai.records import queries

    calendar, today = load_calendar(), timezone.localdate()
    issued = today
    record = services.record_create(
        permits, by=None, unit=department, data=permit_data(issued_on=issued), status="submitted"
    )
    due = queries.publication_due(permits, record, calendar)
    assert today <= due <= today + timedelta(days=12)
    login_verified(client, reviewer)
    dashboard = client.get("/staff/").text
    if due <= today + timedelta(days=7):
        assert "本周内应公开的占道许可（1）" in dashboard and f"应于 {due:%Y-%m-%d} 前公开" in dashboard
    else:  # a long holiday ahead: not due this week
        assert "本周内应公开的占道许可" not in dashboard


def test_timeliness_counts_records_published_late(
    client, permits, department, editor, reviewer, make_user, county
):
    from datetime import date

    from django.utils import timezone

    publish_record(
        permits, department, editor, reviewer, permit_data(issued_on=date(timezone.localdate().year, 1, 5))
    )
    office = make_user(User.Role.OFFICE, county, "office-t")
    login_verified(client, office)
    response = client.get("/staff/reports/timeliness/?format=csv")
    rows = [line.split(",") for line in response.content.decode("utf-8-sig").splitlines()]
    header, row = rows[0], next(r for r in rows if r[0] == department.name)
    assert header[-3:] == ["双公示等记录", "记录超期公开", "按时率%"]
    assert row[-3:] == ["1", "1", "0.0"]
