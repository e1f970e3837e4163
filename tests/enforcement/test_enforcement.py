"""双公示 through its public channels: masking, display periods by severity, 信用修复, exchange export."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.core.uscc import make_uscc
from gongkai.enforcement.types import add_months, display_months
from gongkai.records import queries, registry, services
from gongkai.records.errors import RecordError
from gongkai.reports.annual import section2
from tests.conftest import login_verified
from tests.records.conftest import publish_record

pytestmark = pytest.mark.django_db
COMPANY_USCC = make_uscc(registry="9", kind="1", region="140929", body8="MA0K1234")


def penalty_data(department, **overrides):
    data = {
        "party_name": "岢岚县宏达煤业有限公司",
        "party_category": "legal",
        "uscc": COMPANY_USCC,
        "legal_rep": "李建国",
        "decision_no": "岢市监罚〔2026〕12号",
        "violation_type": "未按规定公示年度报告",
        "facts": "该公司未按规定期限公示2025年度报告。",
        "basis": "《企业信息公示暂行条例》第十八条",
        "category": "fine",
        "content": "罚款人民币伍仟元",
        "fine": Decimal("0.5"),
        "decided_on": timezone.localdate() - timedelta(days=3),
        "severity": "general",
        "authority": "岢岚县市场监督管理局",
        "authority_uscc": department.code,
        "source_unit": "岢岚县市场监督管理局",
        "source_unit_uscc": department.code,
    }
    data.update(overrides)
    return data


def person(department, **overrides):
    fields = {
        "party_name": "王小明", "party_category": "natural", "uscc": "", "legal_rep": "",
        "party_id_type": "id_card", "party_id_no": "110101199003074514",
    }  # fmt: skip
    return penalty_data(department, **{**fields, **overrides})


@pytest.fixture
def penalties():
    return registry.get("penalties")


def test_general_penalty_is_shown_for_its_period_then_vanishes_from_every_channel(
    client, penalties, department, editor, reviewer
):
    decided = timezone.localdate() - timedelta(days=20)
    record = publish_record(
        penalties, department, editor, reviewer, penalty_data(department, decided_on=decided)
    )
    months = display_months()["general"][1]
    last_day = add_months(decided, months)
    assert timezone.localdate(record.publish_until) == last_day
    urls = [
        "/records/penalties/",
        "/feeds/penalties/",
        "/api/v1/records/penalties",
        "/sitemap-records-penalties.xml",
    ]
    for url in urls:
        assert record.index_no in client.get(url).text or "宏达煤业" in client.get(url).text, url
    # The morning of the end day: no job has run, the record is simply no longer public.
    end = datetime.combine(last_day, datetime.min.time(), tzinfo=timezone.get_current_timezone()) + timedelta(
        hours=8
    )
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=end):
        for url in urls:
            text = client.get(url).text
            assert "宏达煤业" not in text and record.index_no not in text, url
        assert client.get(record.get_absolute_url()).status_code == 410
        assert client.get(f"/api/v1/records/penalties/{record.index_no}").status_code == 410
        assert "宏达煤业" not in client.get(record.get_absolute_url()).text
        csv_text = b"".join(client.get("/records/penalties/export.csv").streaming_content).decode("utf-8-sig")
        assert "宏达煤业" not in csv_text
    record.refresh_from_db()
    assert record.status == "published"  # nothing was written: time alone took it off


def test_natural_person_name_masked_and_id_number_never_public(
    client, penalties, department, editor, reviewer
):
    record = publish_record(penalties, department, editor, reviewer, person(department))
    pages = [
        client.get("/records/penalties/").text,
        client.get(record.get_absolute_url()).text,
        client.get("/feeds/penalties/").text,
        client.get("/api/v1/records/penalties").text,
        client.get(f"/api/v1/records/penalties/{record.index_no}").text,
        b"".join(client.get("/records/penalties/export.csv").streaming_content).decode("utf-8-sig"),
    ]
    for text in pages:
        assert (
            "王小明" not in text
            and "110101199003074514" not in text
            and "1101" not in text.split("索引号")[0][:0]
        )
        assert "王*明" in text


def test_name_rule_is_configurable(client, settings, penalties, department, editor, reviewer):
    record = publish_record(penalties, department, editor, reviewer, person(department))
    settings.PERSON_NAME_DISPLAY = "hide"
    text = client.get(record.get_absolute_url()).text
    assert "王*明" not in text and "自然人" in text


def test_minor_penalties_are_not_published_by_default(settings, penalties, department, editor, reviewer):
    with pytest.raises(RecordError) as err:
        publish_record(penalties, department, editor, reviewer, penalty_data(department, severity="minor"))
    assert err.value.code == "not_publishable" and "轻微" in err.value.message
    settings.PUBLISH_MINOR_PENALTIES = True
    record = publish_record(
        penalties, department, editor, reviewer, penalty_data(department, severity="minor", decision_no="X-2")
    )
    assert record.status == "published"


def test_serious_penalties_run_three_years_by_default(penalties, department, editor, reviewer):
    decided = date.today() - timedelta(days=2)
    record = publish_record(
        penalties,
        department,
        editor,
        reviewer,
        penalty_data(department, severity="serious", decided_on=decided),
    )
    assert timezone.localdate(record.publish_until) == add_months(decided, 36)


def test_credit_repair_only_after_the_shortest_period(penalties, department, editor, reviewer):
    record = publish_record(penalties, department, editor, reviewer, penalty_data(department))
    with pytest.raises(RecordError) as err:
        services.record_remove(penalties, record, by=reviewer, reason="已整改", removal="credit_repair")
    assert "最短公示期未满" in err.value.message
    old = publish_record(
        penalties, department, editor, reviewer,
        penalty_data(department, decision_no="旧-1", decided_on=timezone.localdate() - timedelta(days=120)),
    )  # fmt: skip
    services.record_remove(
        penalties, old, by=reviewer, reason="已履行处罚并整改，信用修复申请获准", removal="credit_repair"
    )
    old.refresh_from_db()
    assert old.removal == "credit_repair" and queries.public_view(penalties, old.index_no).state == "gone"


def test_party_validation_messages_name_the_field(penalties, department, editor):
    with pytest.raises(RecordError) as err:
        services.record_create(penalties, by=editor, unit=department, data=penalty_data(department, uscc=""))
    assert err.value.field == "uscc"
    with pytest.raises(RecordError) as err:
        services.record_create(
            penalties, by=editor, unit=department, data=penalty_data(department, uscc="91140929MA0K12345X")
        )
    assert err.value.field == "uscc"
    with pytest.raises(RecordError) as err:
        services.record_create(penalties, by=editor, unit=department, data=person(department, party_id_no=""))
    assert err.value.field == "party_id_no"
    with pytest.raises(RecordError) as err:
        services.record_create(
            penalties, by=editor, unit=department, data=penalty_data(department, fine=None)
        )
    assert err.value.field == "fine"


def test_exchange_export_uses_the_field_codes_and_is_staff_only(
    client, penalties, department, editor, reviewer
):
    publish_record(penalties, department, editor, reviewer, person(department))
    url = "/staff/records/penalties/exchange.csv"
    assert client.get(url).status_code == 302  # sign-in first
    login_verified(client, reviewer)
    response = client.get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header = rows[0]
    assert header[:3] == ["CF_XDR_MC", "CF_XDR_LB", "CF_XDR_SHXYM"] and "CF_XZCFJDSWH" in header
    row = dict(zip(header, rows[1], strict=True))
    assert row["CF_XDR_ZJHM"] == "110101199003074514"  # the credit platform receives the full record
    assert (
        row["CF_NR_FK"] == "0.500000" and row["CF_JDRQ"] == penalty_data(department)["decided_on"].isoformat()
    )
    login_verified(client, editor)
    assert client.get(url).status_code == 403


def test_section_two_counts_decisions_of_the_year(penalties, department, editor, reviewer):
    licences = registry.get("licences")
    year = timezone.localdate().year
    publish_record(penalties, department, editor, reviewer, penalty_data(department))
    services.record_create(
        penalties, by=editor, unit=department, data=penalty_data(department, decision_no="草稿")
    )
    services.record_create(
        licences, by=editor, unit=department, status="submitted",
        data={
            "party_name": "岢岚县宏达煤业有限公司", "uscc": COMPANY_USCC, "decision_doc_name": "食品经营许可决定书",
            "decision_no": "岢食许〔2026〕1号", "content": "食品销售", "decided_on": date(year, 1, 5),
            "valid_from": date(year, 1, 5), "authority": "岢岚县行政审批服务管理局", "authority_uscc": department.code,
            "source_unit": "岢岚县行政审批服务管理局", "source_unit_uscc": department.code,
        },
    )  # fmt: skip
    table = section2(year)
    assert table["penalty"] == 1 and table["licensing"] == 1 and table["coercion"] == 0
    assert section2(year - 3)["penalty"] == 0


def test_section_two_record_cells_open_the_records_behind_them(
    client, penalties, department, editor, reviewer, make_user, county
):
    publish_record(penalties, department, editor, reviewer, penalty_data(department))
    office = make_user("office", county, "office-r")
    login_verified(client, office)
    year = timezone.localdate().year
    page = client.get(f"/staff/reports/annual/{year}/").text
    assert f'href="/staff/records/penalties/?year={year}">1</a>' in page


def test_identity_numbers_are_encrypted_at_rest_and_read_back_for_staff(
    client, penalties, department, editor, reviewer
):
    """A natural person's identity number is stored as a token (issue #23 item 8): the column holds
    no number, the model and the staff's exchange export read it back, the public never sees it."""
    from django.db import connection

    record = publish_record(penalties, department, editor, reviewer, person(department))
    with connection.cursor() as cursor:
        cursor.execute("SELECT party_id_no FROM enforcement_penalty WHERE id = %s", [record.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("gAAAAA") and "110101199003074514" not in stored
    assert type(record).objects.get(pk=record.pk).party_id_no == "110101199003074514"
    assert "110101199003074514" not in client.get(record.get_absolute_url()).text
    login_verified(client, reviewer)
    export = client.get("/staff/records/penalties/exchange.csv")
    assert "110101199003074514" in b"".join(export.streaming_content).decode("utf-8-sig")
