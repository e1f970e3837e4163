"""The oversight kinds on the one workflow: what the public may read, what never reaches it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from gongkai.oversight.models import AccidentLevel, accident_level
from gongkai.oversight.types import ACCIDENTS, ENV_COMPLAINTS, GROUPS, SAMPLINGS
from gongkai.records import services
from gongkai.records.errors import RecordError

from .conftest import COMPANY, accident, complaint, publish_record, sampling

pytestmark = pytest.mark.django_db


def test_an_accident_with_a_withholding_basis_is_refused_publication_and_never_public(
    client, department, editor, reviewer
):
    basis = "《中华人民共和国保守国家秘密法》第十三条"
    record = services.record_create(
        ACCIDENTS, by=editor, unit=department, data=accident(withheld_basis=basis)
    )
    services.record_submit(ACCIDENTS, record, by=editor)
    services.record_approve(ACCIDENTS, record, by=reviewer)
    with pytest.raises(RecordError) as refused:
        services.record_publish(ACCIDENTS, record, by=reviewer)
    assert basis in refused.value.message
    assert client.get(record.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/records/accidents/{record.index_no}").status_code == 404
    assert client.get("/api/v1/records/accidents").json()["count"] == 0
    assert "顶板事故" not in client.get("/records/accidents/").text
    assert "顶板事故" not in client.get("/feeds/accidents/").text
    assert client.get("/api/v1/search", {"q": "顶板事故"}).json()["count"] == 0


def test_a_published_accident_shows_its_report_and_never_its_withholding_field(
    client, department, editor, reviewer
):
    record = publish_record(ACCIDENTS, department, editor, reviewer, accident())
    page = client.get(record.get_absolute_url()).text
    assert "事故调查组认定工作面支护不及时" in page and "一般事故" in page
    assert "不予公开的法律依据" not in page
    body = client.get(f"/api/v1/records/accidents/{record.index_no}").json()
    assert "withheld_basis" not in body["fields"] and body["fields"]["level"] == "一般事故"


@pytest.mark.parametrize(
    ("deaths", "injuries", "loss", "level"),
    [(2, 9, "999.99", "1"), (3, 0, "0", "2"), (0, 10, "0", "2"), (0, 0, "1000", "2"), (10, 0, "0", "3"),
     (0, 50, "0", "3"), (0, 0, "5000", "3"), (30, 0, "0", "4"), (0, 100, "0", "4"), (0, 0, "10000", "4")],
)  # fmt: skip
def test_accident_levels_follow_article_three_of_the_regulation(deaths, injuries, loss, level):
    assert accident_level(deaths, injuries, Decimal(loss)) == AccidentLevel(level)


def test_an_accident_level_that_contradicts_its_casualties_names_the_field(department, editor):
    with pytest.raises(RecordError) as refused:
        services.record_create(ACCIDENTS, by=editor, unit=department, data=accident(deaths=3, level="1"))
    assert refused.value.field == "level" and "较大事故" in refused.value.message


def test_complainants_are_stored_encrypted_and_never_public(client, department, editor, reviewer):
    record = publish_record(ENV_COMPLAINTS, department, editor, reviewer, complaint())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT complainant, complainant_phone FROM oversight_envcomplaint WHERE id = %s", [record.pk]
        )
        stored = cursor.fetchone()
    assert "李秀英" not in stored[0] and "13912345678" not in stored[1]
    page = client.get(record.get_absolute_url()).text
    assert "情况属实" in page and "李秀英" not in page and "13912345678" not in page
    api = client.get("/api/v1/records/env-complaints").text
    assert "情况属实" in api and "李秀英" not in api and "13912345678" not in api
    export = b"".join(client.get("/records/env-complaints/export.csv").streaming_content).decode("utf-8-sig")
    assert "HBXF20260001" in export and "李秀英" not in export and "13912345678" not in export


def test_a_complaint_goes_public_only_once_closed_with_its_result(department, editor, reviewer):
    record = services.record_create(
        ENV_COMPLAINTS, by=editor, unit=department, data=complaint(closed_on=None, result="", findings="")
    )
    services.record_submit(ENV_COMPLAINTS, record, by=editor)
    services.record_approve(ENV_COMPLAINTS, record, by=reviewer)
    with pytest.raises(RecordError) as refused:
        services.record_publish(ENV_COMPLAINTS, record, by=reviewer)
    assert "办结" in refused.value.message
    with pytest.raises(RecordError) as missing:
        services.record_create(ENV_COMPLAINTS, by=editor, unit=department,
                               data=complaint(case_no="HBXF20260002", result=""))  # fmt: skip
    assert missing.value.field == "result"


def test_a_failed_sample_needs_its_measured_value_and_limit(department, editor):
    with pytest.raises(RecordError) as refused:
        services.record_create(SAMPLINGS, by=editor, unit=department, data=sampling(measured=""))
    assert refused.value.field == "measured" and "标准值" in refused.value.message


def test_the_api_of_every_oversight_type_has_the_shape_its_registration_gives(
    client, department, editor, reviewer
):
    publish_record(ACCIDENTS, department, editor, reviewer, accident())
    publish_record(SAMPLINGS, department, editor, reviewer, sampling())
    types = {t["type"]: t for t in client.get("/api/v1/records").json()}
    for _group, record_types in GROUPS:
        for record_type in record_types:
            listed = types[record_type.slug]
            assert listed["fields"] == {
                f.name: record_type.label(f.name) for f in record_type.public_fields()
            }
            assert not set(listed["fields"]) & set(record_type.private_fields)
    body = client.get("/api/v1/records/food-drug-sampling").json()
    assert set(body) >= {"count", "next", "results"} and body["count"] == 1
    result = body["results"][0]
    assert list(result["fields"]) == [f.name for f in SAMPLINGS.public_fields()]
    assert result["fields"]["result"] == "不合格" and result["fields"]["measure_unit"] == "mg/kg"


def test_a_withdrawn_sample_leaves_the_list_the_api_and_the_overview(client, department, editor, reviewer):
    record = publish_record(SAMPLINGS, department, editor, reviewer, sampling())
    assert record.get_absolute_url() in client.get("/records/food-drug-sampling/").text
    assert "食品药品抽检结果" in client.get("/oversight/").text
    services.record_remove(
        SAMPLINGS, record, by=reviewer, reason="抽样程序不规范，结果作废", removal="withdrawn"
    )
    assert record.get_absolute_url() not in client.get("/records/food-drug-sampling/").text
    assert client.get("/api/v1/records/food-drug-sampling").json()["count"] == 0
    assert "（0 条）" in client.get("/oversight/").text.split("食品药品抽检结果")[1][:200]
    assert client.get(record.get_absolute_url()).status_code == 410


def test_draft_records_are_counted_nowhere_public(client, department, editor):
    record = services.record_create(
        SAMPLINGS, by=editor, unit=department, data=sampling(sampled_on=date(2026, 4, 1))
    )
    assert client.get("/api/v1/records/food-drug-sampling").json()["count"] == 0
    assert record.get_absolute_url() not in client.get("/records/food-drug-sampling/").text
    assert client.get(record.get_absolute_url()).status_code == 404


def test_an_environmental_case_against_a_person_masks_the_name_an_organisation_is_in_full(
    client, department, editor, reviewer
):
    from gongkai.oversight.types import ENV_VIOLATIONS

    case = {"filed_on": date(2026, 3, 2), "violation": "焚烧秸秆", "basis": "《中华人民共和国大气污染防治法》第一百一十九条",
            "handling": "罚款"}  # fmt: skip
    person = publish_record(ENV_VIOLATIONS, department, editor, reviewer, case | {"case_no": "岢环立〔2026〕8号",
                                                                                  "party": "张建国"})  # fmt: skip
    firm = publish_record(ENV_VIOLATIONS, department, editor, reviewer, case | {"case_no": "岢环立〔2026〕9号",
                          "party": COMPANY[0], "uscc": COMPANY[1]})  # fmt: skip
    for url in (person.get_absolute_url(), "/api/v1/records/env-violations", "/records/env-violations/"):
        response = client.get(url)
        assert response.status_code == 200 and "张建国" not in response.content.decode(), url
    assert "张*国" in client.get(person.get_absolute_url()).content.decode()
    assert COMPANY[0] in client.get(firm.get_absolute_url()).content.decode()
