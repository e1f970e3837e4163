"""The records framework through a record type that exists only in the tests (tests/records/sample)."""

import csv
import io
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.core.models import TransparencyEntry
from gongkai.core.transparency import verify_local
from gongkai.records import queries, services
from gongkai.records.errors import RecordError
from gongkai.records.models import RecordStatus

from .conftest import permit_data, publish_record

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def test_registering_a_type_gives_list_detail_feed_api_exports(client, permits, department, editor, reviewer):
    record = publish_record(permits, department, editor, reviewer, permit_data())
    listing = client.get("/records/permits/")
    assert listing.status_code == 200
    assert "岢岚县鑫源商贸有限公司" in listing.text and record.get_absolute_url() in listing.text
    page = client.get(record.get_absolute_url())
    assert page.status_code == 200 and "ZD-2026-001" in page.text and record.index_no in page.text
    assert "13912345678" not in page.text  # private field
    assert "page-qr" in page.text  # every page carries its QR code
    feed = client.get("/feeds/permits/")
    assert feed.status_code == 200 and "ZD-2026-001" in feed.text
    assert "sitemap-records-permits.xml" in client.get("/sitemap.xml").text
    assert record.get_absolute_url() in client.get("/sitemap-records-permits.xml").text
    api = client.get("/api/v1/records/permits").json()
    assert api["count"] == 1 and api["results"][0]["id"] == record.index_no
    assert api["results"][0]["fields"]["holder"] == "岢岚县鑫源商贸有限公司"
    assert "holder_phone" not in api["results"][0]["fields"]
    one = client.get(f"/api/v1/records/permits/{record.index_no}").json()
    assert one["fields"]["permit_no"] == "ZD-2026-001"
    types = client.get("/api/v1/records").json()
    assert "permits" in [t["type"] for t in types]


def test_exports_are_excel_ready_and_follow_the_filters(client, permits, department, editor, reviewer):
    publish_record(permits, department, editor, reviewer, permit_data())
    publish_record(permits, department, editor, reviewer, permit_data(permit_no="ZD-2026-002", kind="works"))
    response = client.get("/records/permits/export.csv?kind=works")
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["索引号", "公开单位", "持证人"]
    assert len(rows) == 2 and "ZD-2026-002" in rows[1] and "施工" in rows[1]
    assert "联系电话" not in rows[0] and "13912345678" not in body.decode("utf-8-sig")
    xlsx = client.get("/records/permits/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3 and sheet.cell(1, 1).value == "索引号"
    assert client.get("/records/permits/export.pdf").status_code == 404


def test_filters_sorting_and_bad_filter_messages(client, permits, department, editor, reviewer):
    publish_record(
        permits, department, editor, reviewer, permit_data(issued_on=date(2025, 5, 1), permit_no="A-1")
    )
    publish_record(
        permits, department, editor, reviewer, permit_data(issued_on=date(2026, 5, 1), permit_no="B-2")
    )
    page = client.get("/records/permits/?year=2025")
    assert "A-1" in page.text and "B-2" not in page.text
    old_first = client.get("/records/permits/?sort=old").text
    assert old_first.index("A-1") < old_first.index("B-2")
    bad = client.get("/records/permits/?kind=boats")
    assert bad.status_code == 400 and "类别的取值不正确" in bad.text
    api_bad = client.get("/api/v1/records/permits?year=abc")
    assert api_bad.status_code == 422 and api_bad.json()["error"]["fields"] == {"year": "年份须为四位数字。"}
    assert client.get("/api/v1/records/boats").status_code == 404
    assert client.get("/records/boats/").status_code == 404


def test_masking_applies_everywhere_the_public_looks(client, permits, department, editor, reviewer):
    record = publish_record(
        permits, department, editor, reviewer, permit_data(holder="王小明", is_person=True)
    )
    for url in ("/records/permits/", record.get_absolute_url(), "/feeds/permits/", "/api/v1/records/permits"):
        text = client.get(url).text
        assert "王小明" not in text, url
        assert "王某" in text, url
    csv_body = b"".join(client.get("/records/permits/export.csv").streaming_content).decode("utf-8-sig")
    assert "王小明" not in csv_body and "王某" in csv_body


def test_unpublished_records_reach_no_public_channel(client, permits, department, editor, reviewer):
    draft = services.record_create(permits, by=editor, unit=department, data=permit_data(permit_no="DRAFT-1"))
    later = timezone.now() + timedelta(days=2)
    scheduled = publish_record(
        permits, department, editor, reviewer, permit_data(permit_no="LATER-1"), at=later
    )
    for record in (draft, scheduled):
        assert client.get(record.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/records/permits/{record.index_no}").status_code == 404
    for url in (
        "/records/permits/",
        "/feeds/permits/",
        "/api/v1/records/permits",
        "/sitemap-records-permits.xml",
    ):
        text = client.get(url).text
        assert "DRAFT-1" not in text and "LATER-1" not in text and draft.index_no not in text
    assert "DRAFT-1" not in b"".join(client.get("/records/permits/export.csv").streaming_content).decode()
    assert (
        queries.public_view(permits, scheduled.index_no, now=later + timedelta(minutes=1)).state == "public"
    )


def test_display_period_ends_by_time_alone(client, permits, department, editor, reviewer):
    issued = timezone.localdate() - timedelta(days=9)
    record = publish_record(
        permits, department, editor, reviewer, permit_data(issued_on=issued, days_shown=10)
    )
    end = datetime.combine(
        issued + timedelta(days=10), datetime.min.time(), tzinfo=timezone.get_current_timezone()
    )
    assert record.publish_until == end
    assert queries.public_view(permits, record.index_no, now=end - timedelta(seconds=1)).state == "public"
    assert queries.public_view(permits, record.index_no, now=end).state == "gone"
    assert not queries.public_records(permits, now=end).exists()


def test_publishing_a_record_past_its_display_period_is_refused(permits, department, editor, reviewer):
    with pytest.raises(RecordError) as err:
        publish_record(
            permits, department, editor, reviewer, permit_data(issued_on=date(2020, 1, 1), days_shown=5)
        )
    assert err.value.code == "display_period_over"


def test_workflow_rules(permits, department, editor, reviewer):
    record = services.record_create(permits, by=editor, unit=department, data=permit_data())
    assert record.index_no.endswith("/2026-00001")
    with pytest.raises(RecordError, match="只有审核通过"):
        services.record_publish(permits, record, by=reviewer)
    services.record_submit(permits, record, by=editor)
    with pytest.raises(RecordError, match="不能审核自己提交"):
        services.record_approve(permits, record, by=editor)
    with pytest.raises(RecordError, match="修改意见"):
        services.record_reject(permits, record, by=reviewer, note=" ")
    services.record_reject(permits, record, by=reviewer, note="许可编号有误")
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT and record.review_note == "许可编号有误"


def test_privacy_guard_blocks_approval_until_redacted(permits, department, editor, reviewer):
    record = services.record_create(
        permits, by=editor, unit=department, data=permit_data(note="联系人身份证 110101199003074514")
    )
    services.record_submit(permits, record, by=editor)
    with pytest.raises(RecordError) as err:
        services.record_approve(permits, record, by=reviewer)
    assert err.value.code == "privacy_findings" and err.value.field == "note" and "说明" in err.value.message
    services.record_reject(permits, record, by=reviewer, note="请去标识化")
    services.record_redact(permits, record, by=editor)
    record.refresh_from_db()
    assert "110101199003074514" not in record.note and "1101**********4514" in record.note
    services.record_submit(permits, record, by=editor)
    services.record_approve(permits, record, by=reviewer)


def test_amend_and_remove_are_logged_and_verifiable(client, permits, department, editor, reviewer):
    record = publish_record(permits, department, editor, reviewer, permit_data())
    services.record_amend(permits, record, by=reviewer, data={"note": "地点更正为西街"}, note="地点有误")
    record.refresh_from_db()
    assert record.version == 2
    assert "西街" in client.get(record.get_absolute_url()).text
    assert verify_local() == []
    with pytest.raises(RecordError, match="撤下原因"):
        services.record_remove(permits, record, by=reviewer, reason="")
    services.record_remove(permits, record, by=reviewer, reason="许可已注销")
    gone = client.get(record.get_absolute_url())
    assert gone.status_code == 410 and "岢岚县鑫源商贸有限公司" not in gone.text
    assert client.get(f"/api/v1/records/permits/{record.index_no}").status_code == 410
    actions = list(
        TransparencyEntry.objects.filter(index_no=record.index_no)
        .values_list("action", flat=True)
        .order_by("seq")
    )
    assert actions == ["publish", "amend", "withdraw"]
    assert verify_local() == []


def test_import_with_per_row_errors_and_idempotence(tmp_path, permits, department, capsys):
    path = tmp_path / "permits.csv"
    path.write_text(
        "unit,持证人,许可编号,类别,发证日期\n"
        f"{department.code},甲公司,P-1,摆摊,2026-03-01\n"
        f"{department.code},乙公司,P-2,飞行,2026-03-02\n"
        f"{department.code},丙公司,P-3,施工,2026-13-01\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", "permits", str(path))
    assert exit_info.value.code != 0
    err = capsys.readouterr().err
    assert "row 3" in err and "kind" in err and "row 4" in err and "issued_on" in err
    assert not permits.model.objects.exists()  # all or nothing
    path.write_text(
        "unit,holder,permit_no,kind,issued_on\n"
        f"{department.code},甲公司,P-1,stall,2026-03-01\n"
        f"{department.name},乙公司,P-2,works,2026-03-02\n",
        encoding="utf-8",
    )
    call_command("import", "permits", str(path))
    call_command("import", "permits", str(path))
    assert permits.model.objects.count() == 2
    assert set(permits.model.objects.values_list("status", flat=True)) == {RecordStatus.SUBMITTED}
    out = capsys.readouterr().out
    assert "unchanged" in out or "2" in out


def test_jsonl_import(tmp_path, permits, department):
    path = tmp_path / "permits.jsonl"
    path.write_text(
        json.dumps({"unit": department.code, "holder": "丁公司", "permit_no": "J-1", "issued_on": "2026-04-01"},
                   ensure_ascii=False) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    call_command("import", "permits", str(path))
    assert permits.model.objects.get(permit_no="J-1").kind == "stall"


def test_deadline_and_lateness(permits, department, editor, reviewer):
    from gongkai.core.calendar import WorkCalendar

    calendar = WorkCalendar(years=frozenset({2026}))
    record = services.record_create(
        permits, by=editor, unit=department, data=permit_data(issued_on=date(2026, 3, 2))
    )
    assert queries.publication_due(permits, record, calendar) == date(
        2026, 3, 9
    )  # 5 working days after Monday
    assert queries.is_late(permits, record, calendar, today=date(2026, 3, 10))
    assert not queries.is_late(permits, record, calendar, today=date(2026, 3, 9))
    assert queries.late_unpublished(permits, editor, calendar) == [record]


def test_next_index_number_skips_numbers_taken_by_records(permits, department, editor):
    from gongkai.core.index_numbers import next_number as next_index_no
    from gongkai.core.models import IndexSequence

    record = services.record_create(permits, by=editor, unit=department, data=permit_data())
    IndexSequence.objects.all().delete()  # e.g. a sequence lost in a partial restore
    assert next_index_no(unit=department, year=2026) not in {record.index_no}
    assert next_index_no(unit=department, year=2026).endswith("-00003")


def test_large_lists_cap_their_count_but_page_on(client, permits, department, monkeypatch):
    from gongkai.records import queries as record_queries

    monkeypatch.setattr(record_queries, "COUNT_CAP", 3)
    now = timezone.now()
    for n in range(5):
        permits.model.objects.create(
            index_no=f"X/2026-{n:05d}", unit=department, status="published", publish_at=now, holder=f"持证人{n}",
            permit_no=f"C-{n}", issued_on=date(2026, 3, n + 1),
        )  # fmt: skip
    page = client.get("/records/permits/").text
    assert "共 3+ 条" in page and "请用筛选条件缩小范围" in page
    first = client.get("/api/v1/records/permits?page_size=2").json()
    assert first["count"] == 3 and first["count_exact"] is False and first["next"]
    last = client.get("/api/v1/records/permits?page_size=2&page=3").json()
    assert [r["fields"]["permit_no"] for r in last["results"]] == ["C-0"] and last["next"] is None


def test_a_wide_list_scrolls_inside_a_labelled_region_on_a_phone(
    client, permits, department, editor, reviewer
):
    publish_record(permits, department, editor, reviewer, permit_data())
    html = client.get("/records/permits/").content.decode()
    assert (
        '<div class="table-scroll" role="region" aria-label="占道许可列表（可左右滑动）" tabindex="0">'
        in html
    )
