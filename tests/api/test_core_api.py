"""/api/v1 over HTTP: the calendar, units, paging and the error shape."""

from datetime import date

import pytest

from gongkai.core.calendar_data import load_calendar


@pytest.mark.django_db
def test_due_date_matches_the_cli_and_the_calendar(client):
    response = client.get("/api/v1/calendar/due-date", {"start": "2026-09-25", "days": 20})
    assert response.status_code == 200
    body = response.json()
    assert body == load_calendar().due_date(date(2026, 9, 25), 20).as_dict()


@pytest.mark.django_db
def test_provisional_dates_are_flagged(client):
    body = client.get("/api/v1/calendar/due-date", {"start": "2026-12-15", "days": 20}).json()
    assert body["provisional"] is True
    assert body["due_date"] == "2027-01-13"  # 元旦 is a statutory holiday before 2027 is imported
    assert {"date": "2027-01-01", "name": "元旦"} in body["skipped"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-02-30", "days": 20}, "start"),
        ({"start": "2026-02-03", "days": -1}, "days"),
        ({"days": 3}, "start"),
    ],
)
def test_bad_parameters_answer_422_with_the_field_named(client, params, field):
    response = client.get("/api/v1/calendar/due-date", params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]
    assert field in error["message"]


def test_units_are_paged_with_codes_and_parents(client, county, department, other_department):
    first = client.get("/api/v1/units", {"page_size": 2}).json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["results"][0] == {
        "code": county.code,
        "name": county.name,
        "kind": "government",
        "parent": None,
    }
    assert first["next"].endswith("page=2&page_size=2") or "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["next"] is None
    assert second["results"][0]["parent"] == county.code


def test_page_size_is_capped_at_100(client, county):
    response = client.get("/api/v1/units", {"page_size": 101})
    assert response.status_code == 422
    assert "page_size" in response.json()["error"]["fields"]


def test_unknown_unit_is_404_in_the_error_shape(client, county):
    assert client.get(f"/api/v1/units/{county.code}").json()["name"] == county.name
    response = client.get("/api/v1/units/91350100M000100Y43")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_openapi_is_published(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/calendar/due-date" in spec["paths"]
    assert "/api/v1/units" in spec["paths"]
