"""The enterprise profile: every kind that names an enterprise, public records only, never a person."""

from __future__ import annotations

import pytest

from gongkai.credit import enterprises
from gongkai.enforcement.models import Penalty
from gongkai.records import registry
from gongkai.search.query import search
from tests.enforcement.test_enforcement import person
from tests.records.conftest import publish_record

from .factories import FACTORIES, NAME, OTHER, USCC, coercion_data, draft_of, penalty_data, withdraw

pytestmark = pytest.mark.django_db


def _every_kind(department, editor, reviewer) -> dict[str, object]:
    return {slug: make(department, editor, reviewer) for slug, make in FACTORIES.items()}


def test_every_kind_that_names_enterprises_has_a_factory_here():
    joined = {t.slug for t in enterprises.joined_types()}
    missing = joined - set(FACTORIES)
    assert not missing, f"add a factory to tests/credit/factories.py for {sorted(missing)}"


def test_the_profile_gathers_one_record_of_every_kind(client, department, editor, reviewer):
    made = _every_kind(department, editor, reviewer)
    page = client.get(f"/enterprises/{USCC}/")
    assert page.status_code == 200
    html = page.text
    assert NAME in html and USCC in html
    for record in made.values():
        assert record.index_no in html
        assert record.get_absolute_url() in html
    body = client.get(f"/api/v1/enterprises/{USCC}").json()
    assert set(body) == {"uscc", "name", "records"}
    assert (body["uscc"], body["name"]) == (USCC, NAME)
    assert {r["type"] for r in body["records"]} == set(FACTORIES)
    assert all(set(r) == {"type", "index_no", "title", "url"} for r in body["records"])
    by_type = {r["type"]: r for r in body["records"]}
    assert by_type["penalties"]["title"] == "未按规定进行安全生产教育和培训 岢住建罚〔2026〕1号"
    assert by_type["procurement-notices"]["url"].endswith(made["procurement-notices"].get_absolute_url())
    # The losing bidder of the award is not an enterprise the award names as a winner.
    assert client.get(f"/api/v1/enterprises/{OTHER}").status_code == 404


def test_unpublished_and_withdrawn_records_are_absent(client, department, editor, reviewer):
    kept = FACTORIES["licences"](department, editor, reviewer, n=1)
    gone = FACTORIES["coercions"](department, editor, reviewer, n=2)
    withdraw(gone, reviewer)
    pending = draft_of("penalties", department, editor, penalty_data(department, n=3))
    body = client.get(f"/api/v1/enterprises/{USCC}").json()
    assert [r["index_no"] for r in body["records"]] == [kept.index_no]
    html = client.get(f"/enterprises/{USCC}/").text
    assert kept.index_no in html and gone.index_no not in html and pending.index_no not in html
    withdraw(kept, reviewer)
    assert client.get(f"/api/v1/enterprises/{USCC}").status_code == 404
    assert client.get(f"/enterprises/{USCC}/").status_code == 404
    assert client.get("/enterprises/", {"q": "华盛"}).text.count(USCC) == 0


def test_a_natural_person_never_gets_a_profile_nor_a_name_search_hit(client, department, editor, reviewer):
    penalties = registry.get("penalties")
    record = publish_record(penalties, department, editor, reviewer, person(department))
    page = client.get("/enterprises/", {"q": "王小明"})
    assert page.status_code == 200
    assert "没有找到" in page.text and "/enterprises/" + "1" not in page.text
    assert enterprises.find("王小明") == ([], False)
    # Even with a code somehow stored on a person's record, the profile leaves it out.
    Penalty.objects.filter(pk=record.pk).update(uscc=USCC)
    assert client.get(f"/api/v1/enterprises/{USCC}").status_code == 404
    assert enterprises.find("王小明") == ([], False)


def test_found_by_name_and_by_code(client, department, editor, reviewer):
    FACTORIES["penalties"](department, editor, reviewer)
    FACTORIES["procurement-notices"](department, editor, reviewer)
    listed = client.get("/enterprises/", {"q": "华盛建筑"})
    assert listed.status_code == 200 and f"/enterprises/{USCC}/" in listed.text
    assert listed.text.count(f'href="/enterprises/{USCC}/"') == 1  # one enterprise, however many records
    by_code = client.get("/enterprises/", {"q": USCC.lower()})
    assert by_code.status_code == 302 and by_code["Location"] == f"/enterprises/{USCC}/"
    assert client.get(f"/enterprises/{USCC.lower()}/")["Location"] == f"/enterprises/{USCC}/"


def test_a_malformed_code_is_an_unknown_one_in_the_api_with_its_fault_named(client):
    wrong_check = USCC[:17] + ("0" if USCC[17] != "0" else "1")
    for code in (wrong_check, "12345", "91140929MA0KC0O1XX"):
        answer = client.get(f"/api/v1/enterprises/{code}")
        assert answer.status_code == 404, code  # CONTRACT: 404 for an unknown code
        error = answer.json()["error"]
        assert error["code"] == "not_found" and "统一社会信用代码" in error["fields"]["uscc"]
    page = client.get("/enterprises/", {"q": wrong_check})
    assert page.status_code == 400 and "校验位不正确" in page.text and 'aria-invalid="true"' in page.text
    assert client.get(f"/enterprises/{wrong_check}/").status_code == 404


def test_an_unknown_code_is_404_in_the_error_shape(client, db):
    answer = client.get(f"/api/v1/enterprises/{OTHER}")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_site_search_finds_a_coercion_by_credit_code(department, editor, reviewer):
    coercion = publish_record(
        registry.get("coercions"), department, editor, reviewer, coercion_data(department)
    )
    licence = FACTORIES["licences"](department, editor, reviewer)
    for q in (USCC, USCC.lower()):
        found = {r.ident: r for r in search(q).results}
        assert coercion.index_no in found and found[coercion.index_no].exact
        assert licence.index_no in found
    withdraw(coercion, reviewer)
    assert coercion.index_no not in {r.ident for r in search(USCC).results}


def test_the_navigation_links_the_enterprise_search(client, db):
    assert 'href="/enterprises/"' in client.get("/enterprises/").text


def test_only_a_valid_credit_code_in_a_query_is_looked_up_as_a_number():
    from gongkai.search.query import parse

    assert parse(f"处罚 {USCC.lower()}").numbers == (USCC,)
    assert parse(USCC[:17] + ("0" if USCC[17] != "0" else "1")).numbers == ()
