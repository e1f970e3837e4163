"""Parameter edge values answer a 4xx in the API's error shape (or a portal page), never a 500
(issue #23, item 2: each of these answered 500 without signing in)."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # beyond SQLite's integers
API = [
    ("/api/v1/documents", {"year": "-94778"}, "year"),
    ("/api/v1/documents", {"year": "99999"}, "year"),
    ("/api/v1/reports/annual/0", {}, "year"),
    ("/api/v1/reports/annual/1", {}, "year"),
    ("/api/v1/reports/annual/99999", {}, "year"),
    ("/api/v1/documents", {"page": HUGE}, "page"),
    ("/api/v1/documents", {"page": "9223372036854775807"}, "page"),
    ("/api/v1/units", {"page": HUGE}, "page"),
    ("/api/v1/records/licences", {"page": HUGE}, "page"),
    ("/api/v1/indicators", {"page": HUGE}, "page"),
    ("/api/v1/indicators", {"year": "99999"}, "year"),
    ("/api/v1/calendar/due-date", {"start": "9999-12-31", "days": "20"}, "start"),
    ("/api/v1/calendar/due-date", {"start": "0001-01-01", "days": "20"}, "start"),
    ("/api/v1/calendar/due-date", {"start": "2100-12-01", "days": "200"}, "start"),  # counts past 2100
]


@pytest.mark.parametrize(("path", "params", "field"), API)
def test_the_api_refuses_edge_values_naming_the_parameter(client, county, path, params, field):
    answer = client.get(path, params)
    assert answer.status_code == 422, (path, params, answer.status_code)
    error = answer.json()["error"]
    assert error["code"] and error["message"] and field in str(error["fields"]), error


@pytest.mark.parametrize(
    "path",
    ["/xxgk/catalog/?page=" + HUGE, "/records/licences/?page=" + HUGE, "/xxgk/report/0/", "/xxgk/report/99999/",
     "/xxgk/stats/?year=0", "/xxgk/stats/?year=99999", "/xxgk/indicators/?year=99999", "/search/?q=a&page=" + HUGE,
     "/api/v1/search?q=a&page=" + HUGE, "/records/licences/?year=99999", "/xxgk/catalog/?year=-5"],
)  # fmt: skip
def test_pages_answer_edge_values_without_an_error(client, county, path):
    assert client.get(path).status_code < 500


def test_the_workdays_tool_names_the_start_beyond_the_calendar(client, county):
    page = client.get("/tools/workdays/", {"start": "9999-12-31", "days": "20"})
    assert page.status_code == 200 and "起算日期须在1950年1月1日至2100年12月31日之间" in page.content.decode()


def test_the_cli_refuses_a_start_beyond_the_calendar(county):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="START must be between 1950-01-01 and 2100-12-31"):
        call_command("due_date", "9999-12-31", "1")


@pytest.mark.parametrize(
    "path", ["/api/v1/consultations/null,null", "/api/v1/reports/annual/null", "/api/v1/nowhere"]
)
def test_a_path_no_api_route_takes_is_a_404_in_the_error_shape(client, path):
    answer = client.get(path)
    assert answer.status_code == 404 and answer["Content-Type"] == "application/json"
    assert answer.json()["error"]["code"] == "not_found"
    assert (
        client.get("/no-such-page/").status_code == 404 and "页面不存在" in client.get("/no-such-page/").text
    )


def test_a_body_that_is_not_json_is_a_documented_400_in_the_error_shape(client, county):
    answer = client.post("/api/v1/concerns", b"\xff\x03\xfe'", content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "malformed" and "JSON" in answer.json()["error"]["message"]
    documented = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/concerns"]["post"]["responses"]
    assert "400" in documented
