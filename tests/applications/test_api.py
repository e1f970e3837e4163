"""Applications over HTTP in CONTRACT.md's shapes."""

from gongkai.core import services as core_services

BODY = {
    "applicant_type": "business", "name": "某某建筑有限公司", "id_type": "other", "id_number": "91350100M000100Y43",
    "phone": "0351-1234567", "description": "2026年县道改造工程中标通知书", "form": "email", "email": "a@example.com",
}  # fmt: skip


def post(client, path, data, **extra):
    return client.post(path, data, content_type="application/json", **extra)


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {core_services.token_create(user=user, by=None)}"}


def test_submit_and_follow_as_the_applicant(client, department):
    response = post(client, "/api/v1/applications", {**BODY, "unit": department.code})
    assert response.status_code == 201
    created = response.json()
    assert set(created) == {"tracking_no", "query_code"}
    view = client.get(f"/api/v1/applications/{created['tracking_no']}", {"code": created["query_code"]})
    assert view.status_code == 200
    body = view.json()
    assert body["status"] == "submitted" and body["due_date"] is None
    assert "name" not in body and "id_number" not in body  # nothing personal or internal
    assert (
        client.get(f"/api/v1/applications/{created['tracking_no']}", {"code": "WRONG123"}).status_code == 404
    )


def test_bad_input_names_the_field(client, department):
    response = post(client, "/api/v1/applications", {**BODY, "unit": department.code, "form": "fax"})
    assert response.status_code == 422 and "form" in response.json()["error"]["fields"]
    response = post(
        client,
        "/api/v1/applications",
        {**BODY, "unit": department.code, "id_type": "resident_id", "id_number": "142629198507071234"},
    )
    assert response.status_code == 422 and "id_number" in response.json()["error"]["fields"]
    response = post(client, "/api/v1/applications", {**BODY, "unit": "nope"})
    assert response.json()["error"]["fields"] == {"unit": "未知单位"}


def test_submissions_are_rate_limited_per_identity(client, department):
    for _ in range(5):
        assert post(client, "/api/v1/applications", {**BODY, "unit": department.code}).status_code == 201
    response = post(client, "/api/v1/applications", {**BODY, "unit": department.code})
    assert response.status_code == 429


def test_staff_drive_a_case_through_the_api(client, department, handler, head, new_case):
    case = new_case()
    auth = bearer(handler)
    assert client.get(f"/api/v1/staff/applications/{case.tracking_no}").status_code == 401
    body = client.get(f"/api/v1/staff/applications/{case.tracking_no}", **auth).json()
    assert set(body) >= {"tracking_no", "status", "received_on", "due_date", "provisional", "events"}
    assert body["due_date"] == "2026-03-30" and body["id_number"] == "1426**********1233"
    forbidden = post(
        client,
        f"/api/v1/staff/applications/{case.tracking_no}/extend",
        {"date": "2026-03-20", "days": 10, "reason": "x"},
        **auth,
    )
    assert forbidden.status_code == 403
    extended = post(
        client,
        f"/api/v1/staff/applications/{case.tracking_no}/extend",
        {"date": "2026-03-20", "days": 10, "reason": "调档"},
        **bearer(head),
    )
    assert extended.status_code == 200 and extended.json()["due_date"] == "2026-04-14"
    wrong = post(
        client, f"/api/v1/staff/applications/{case.tracking_no}/fee_paid", {"date": "2026-03-21"}, **auth
    )
    assert wrong.status_code == 409
    assert wrong.json()["error"]["fields"] == {"status": "processing"}
    replied = post(
        client,
        f"/api/v1/staff/applications/{case.tracking_no}/reply",
        {"date": "2026-04-01", "category": "3.4", "basis": "涉及第三方商业秘密"},
        **auth,
    )
    assert replied.status_code == 200
    assert replied.json()["reply"]["label"] == "不予公开：保护第三方合法权益"


def test_other_units_cannot_see_the_case(client, make_user, other_department, new_case):
    case = new_case()
    response = client.get(
        f"/api/v1/staff/applications/{case.tracking_no}",
        **bearer(make_user("reviewer", other_department, "x")),
    )
    assert response.status_code == 404


def test_a_delivery_that_cannot_be_made_is_refused_naming_the_field(client, department):
    no_email = post(client, "/api/v1/applications", {**BODY, "unit": department.code, "email": ""})
    assert no_email.status_code == 422 and "email" in no_email.json()["error"]["fields"]
    paper = {**BODY, "unit": department.code, "form": "paper"}
    no_address = post(client, "/api/v1/applications", paper)
    assert no_address.status_code == 422 and "address" in no_address.json()["error"]["fields"]
    assert post(client, "/api/v1/applications", {**paper, "address": "岢岚县东街1号"}).status_code == 201
    assert (
        post(
            client, "/api/v1/applications", {**BODY, "unit": department.code, "form": "onsite", "email": ""}
        ).status_code
        == 201
    )
    too_long = post(
        client, "/api/v1/applications", {**BODY, "unit": department.code, "description": "字" * 4001}
    )
    assert too_long.status_code == 422 and "description" in str(too_long.json())
