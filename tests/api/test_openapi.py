"""The OpenAPI document says what the API answers (issue #23 item 17): one name per schema, every
status the shared handlers answer, and the content type of what is not JSON."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    return answer.json()


def test_each_schema_name_is_one_schema(schema):
    created = schema["paths"]["/api/v1/staff/documents"]["post"]["responses"]["201"]
    ref = created["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {"id", "index_no", "status"}
    submitted = schema["paths"]["/api/v1/applications"]["post"]["responses"]["201"]
    ref = submitted["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {"tracking_no", "query_code"}
    bodies = {
        path: str(op["requestBody"]["content"]["application/json"]["schema"])
        for path, ops in schema["paths"].items()
        for op in ops.values()
        if "requestBody" in op
    }
    assert (
        bodies["/api/v1/staff/documents/{document_id}/{action}"]
        != bodies["/api/v1/staff/applications/{tracking_no}/{action}"]
    )


def test_every_status_the_handlers_answer_is_documented(schema):
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            codes = set(op["responses"])
            where = f"{method.upper()} {path}"
            if op.get("parameters") or op.get("requestBody"):
                assert "422" in codes, where
            if op.get("requestBody"):
                assert "413" in codes, where
            if "/staff/" in path:
                assert {"401", "403"} <= codes, where
            for code, response in op["responses"].items():
                assert re.fullmatch(r"[1-5]\d\d", code) and response.get("content"), (where, code)
    bulk = schema["paths"]["/api/v1/ocds/releases.jsonl"]["get"]["responses"]["200"]["content"]
    assert list(bulk) == ["application/x-ndjson"]


def test_a_body_over_the_limit_gets_the_json_error_not_an_html_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    answer = client.post("/api/v1/applications", "x" * 4096, content_type="application/json")
    assert answer.status_code == 413 and answer["Content-Type"].startswith("application/json")
    assert answer.json()["error"]["code"] == "too_large"
