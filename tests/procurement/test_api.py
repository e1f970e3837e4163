import json
from datetime import date

import pytest

from gongkai.core import workflow

from .factories import SUPPLIER_A, course, draft, make_process, publish
from .ocds_schema import errors

RELEASES = "/api/v1/ocds/releases"


@pytest.fixture
def full_course(department, staff, settings):
    settings.GONGKAI_OCDS_PREFIX = "ocds-test01"
    editor, reviewer = staff
    process = make_process(department)
    notices = course(process, editor, reviewer, ("intention", "tender", "correction", "award", "contract"))
    return process, notices


def test_the_release_package_validates_and_holds_one_release_per_public_notice(client, full_course):
    _process, notices = full_course
    package = client.get(RELEASES).json()
    assert errors(package, "release-package-schema.json") == []
    tags = [r["tag"] for r in package["releases"]]
    assert tags == [["planning"], ["tender"], ["tenderAmendment"], ["award"], ["contract"]]
    assert {r["ocid"] for r in package["releases"]} == {"ocds-test01-GKCG-2026-001"}
    assert package["releases"][0]["id"] == f"ocds-test01-GKCG-2026-001-{notices[0].pk}-1"


def test_parties_carry_their_credit_code_under_cn_usci(client, full_course):
    award = client.get(RELEASES).json()["releases"][3]
    supplier = next(p for p in award["parties"] if p["identifier"]["id"] == SUPPLIER_A)
    assert supplier["identifier"]["scheme"] == "CN-USCI"
    assert supplier["roles"] == ["tenderer", "supplier"]
    assert award["awards"][0]["value"] == {"amount": 455000, "currency": "CNY"}
    assert award["tender"]["numberOfTenderers"] == 2


def test_the_record_package_validates_and_compiles_the_process(client, full_course):
    process, _notices = full_course
    response = client.get(f"/api/v1/ocds/records/{process.ocid}")
    assert response.status_code == 200
    package = response.json()
    assert errors(package, "record-package-schema.json") == []
    compiled = package["records"][0]["compiledRelease"]
    assert compiled["tender"]["status"] == "complete"
    assert compiled["tender"]["procurementMethod"] == "open"
    assert compiled["tender"]["procurementMethodDetails"] == "公开招标"
    assert compiled["contracts"][0]["awardID"] == compiled["awards"][0]["id"]
    assert len(package["records"][0]["releases"]) == 5


def test_a_withdrawn_notice_leaves_the_releases_and_the_record(client, full_course, staff):
    process, notices = full_course
    workflow.withdraw(notices[4], by=staff[1], reason="合同信息有误")
    package = client.get(RELEASES).json()
    assert [r["tag"] for r in package["releases"]][-1] == ["award"]
    record = client.get(f"/api/v1/ocds/records/{process.ocid}").json()["records"][0]
    assert "contracts" not in record["compiledRelease"]


def test_unpublished_notices_reach_no_ocds_channel(client, department, staff):
    editor, _reviewer = staff
    process = make_process(department, code="GKCG-DRAFT")
    draft(process, "intention", editor)
    empty = client.get(RELEASES)  # OCDS 1.1 has no empty package: a 404 in the API's error shape
    assert empty.status_code == 404 and empty.json()["error"]["code"] == "no_releases"
    assert client.get(f"/api/v1/ocds/records/{process.ocid}").status_code == 404
    assert client.get("/api/v1/ocds/releases.jsonl").getvalue() == b""


def test_an_unknown_ocid_is_404_in_the_error_shape(client, db):
    response = client.get("/api/v1/ocds/records/ocds-xxxxxx-NOPE")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_releases_page_with_links_next_and_every_page_validates(client, full_course):
    url, seen = f"{RELEASES}?page_size=2", []
    while url:
        package = client.get(url).json()
        assert errors(package, "release-package-schema.json") == []
        seen += [r["id"] for r in package["releases"]]
        url = package.get("links", {}).get("next")
    assert len(seen) == 5 == len(set(seen))
    assert client.get(f"{RELEASES}?page=9").status_code == 404


def test_release_filters_are_checked_naming_the_field(client, full_course):
    response = client.get(RELEASES, {"min_amount": "很多"})
    assert response.status_code == 422
    assert "min_amount" in response.json()["error"]["fields"]
    none = client.get(RELEASES, {"method": "inquiry"})
    assert none.status_code == 404 and none.json()["error"]["code"] == "no_releases"
    assert len(client.get(RELEASES, {"method": "open"}).json()["releases"]) == 5


def test_the_bulk_download_is_every_public_release_one_per_line(client, full_course):
    response = client.get("/api/v1/ocds/releases.jsonl")
    assert response["Content-Disposition"].startswith("attachment")
    lines = b"".join(response.streaming_content).decode().splitlines()
    releases = [json.loads(line) for line in lines]
    assert len(releases) == 5
    for release in releases:
        assert errors(release, "release-schema.json") == []


def test_the_schema_check_itself_refuses_a_release_that_breaks_the_standard(client, full_course):
    release = client.get(RELEASES).json()["releases"][3]
    release["awards"][0]["value"]["amount"] = "455000"  # a string where OCDS wants a number
    del release["initiationType"]
    found = errors(release, "release-schema.json")
    assert any("initiationType" in e for e in found) and any("awards/0/value/amount" in e for e in found)


def test_a_correction_wins_in_the_compiled_record_and_shows_on_the_process_page(client, department, staff):
    editor, reviewer = staff
    process = make_process(department)
    first, later = date(2026, 3, 25), date(2026, 4, 8)
    course(process, editor, reviewer, ("tender",))
    correction = draft(
        process, "correction", editor, notice_date=date(2026, 3, 10), bid_deadline=later,
        body="因采购需求调整，响应截止日期延至2026年4月8日，其他内容不变。",
    )  # fmt: skip
    publish(correction, editor, reviewer)
    record = client.get(f"/api/v1/ocds/records/{process.ocid}").json()
    assert errors(record, "record-package-schema.json") == []
    compiled = record["records"][0]["compiledRelease"]
    assert compiled["tender"]["tenderPeriod"]["endDate"].startswith("2026-04-08T23:59:59")
    assert compiled["tender"]["tenderPeriod"]["startDate"]  # kept from the tender: merged, not replaced
    assert compiled["tender"]["amendments"][0]["rationale"].startswith("因采购需求调整")
    assert compiled["tender"]["procurementMethod"] == "open"
    assert {d["documentType"] for d in compiled["tender"]["documents"]} == {"tenderNotice", "clarifications"}
    page = client.get(process.get_absolute_url()).content.decode()
    assert "响应截止日期</th><td>2026-04-08" in page and f"已更正，原为 {first:%Y-%m-%d}" in page
    assert "更正记录" in page and "响应截止日期延至2026年4月8日" in page
