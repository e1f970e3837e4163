import json

from gongkai.concerns.models import Concern

URL = "/api/v1/concerns"
GOOD = {
    "kind": "consult",
    "title": "供暖时间",
    "body": "今年几号供暖？",
    "name": "王小明",
    "phone": "13912345678",
}


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_a_concern_is_taken_with_the_contract_shape(client, db, department):
    response = post(client, {**GOOD, "unit": department.code, "email": "a@example.com"})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"tracking_no", "query_code"}
    concern = Concern.objects.get(tracking_no=body["tracking_no"])
    assert concern.unit == department and concern.status == "assigned" and concern.channel == "portal"
    seen = client.get(f"{URL}/{body['tracking_no']}", {"code": body["query_code"]}).json()
    # `unit` is the code (CONTRACT)
    assert (seen["unit"], seen["unit_name"]) == (department.code, department.name)


def test_an_empty_field_is_named_in_a_422(client, db):
    for name in ("title", "body", "name", "phone"):
        response = post(client, {**GOOD, name: " "})
        assert response.status_code == 422
        assert set(response.json()["error"]["fields"]) == {name}
    response = post(client, {**GOOD, "kind": "opinion"})  # 舆情 is logged by the office, not submitted
    assert response.status_code == 422 and "kind" in response.json()["error"]["fields"]


def test_the_asker_follows_up_with_number_and_code_and_a_wrong_code_is_throttled(client, db):
    created = post(client, GOOD).json()
    url = f"{URL}/{created['tracking_no']}"
    found = client.get(url, {"code": created["query_code"]})
    assert found.status_code == 200
    body = found.json()
    assert body["status"] == "received" and body["answer"] is None and "工作日" in body["deadline_basis"]
    assert "phone" not in body and "13912345678" not in json.dumps(body, ensure_ascii=False)
    statuses = [client.get(url, {"code": "WRONGCODE"}).status_code for _i in range(6)]
    assert statuses[0] == 404 and statuses[-1] == 429
    assert client.get(url, {"code": created["query_code"]}).status_code == 429  # the number is locked for now
