"""Staff endpoints: bearer tokens, 401 without one, 403 beyond the role."""

from gongkai.core import services


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_without_a_token_staff_endpoints_answer_401(client, db):
    for path in ["/api/v1/staff/me", "/api/v1/staff/audit"]:
        response = client.get(path)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthenticated"
    assert client.get("/api/v1/staff/me", **bearer("gk_not-a-token")).status_code == 401


def test_a_token_identifies_its_user(client, department, make_user):
    user = make_user("editor", department, "ed")
    token = services.token_create(user=user, by=None)
    body = client.get("/api/v1/staff/me", **bearer(token)).json()
    assert body == {"username": "ed", "name": "ed", "role": "editor", "unit": department.code}


def test_the_audit_log_is_for_admins_only(client, county, department, make_user):
    editor_token = services.token_create(user=make_user("editor", department, "ed"), by=None)
    response = client.get("/api/v1/staff/audit", **bearer(editor_token))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    admin_token = services.token_create(user=make_user("admin", None, "root"), by=None)
    body = client.get("/api/v1/staff/audit", {"action": "core.unit"}, **bearer(admin_token)).json()
    assert body["count"] == 2
    assert {e["action"] for e in body["results"]} == {"core.unit.created"}
    assert body["results"][0]["object_repr"] == department.name
