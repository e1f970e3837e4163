"""The catalog API over HTTP, in the shapes CONTRACT.md gives."""

import pytest

from gongkai.core import services as core_services
from gongkai.publishing.models import Document

from .factories import published

ID = "142629198507071233"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {core_services.token_create(user=user, by=None)}"}


@pytest.fixture
def editor_auth(editor):
    return bearer(editor)


@pytest.fixture
def reviewer_auth(reviewer):
    return bearer(reviewer)


def post(client, path, data, auth):
    return client.post(path, data, content_type="application/json", **auth)


def test_create_submit_approve_publish(client, department, editor_auth, reviewer_auth):
    created = post(
        client,
        "/api/v1/staff/documents",
        {
            "unit": department.code,
            "title": "接口发布的通知",
            "body": "<p>正文</p>",
            "doc_number": "岢财发〔2026〕3号",
        },
        editor_auth,
    )
    assert created.status_code == 201
    body = created.json()
    assert set(body) == {"id", "index_no", "status"} and body["status"] == "draft"
    doc_id = body["id"]
    assert (
        post(client, f"/api/v1/staff/documents/{doc_id}/submit", {}, editor_auth).json()["status"]
        == "submitted"
    )
    own = post(client, f"/api/v1/staff/documents/{doc_id}/approve", {}, editor_auth)
    assert own.status_code == 403  # editors do not review
    assert (
        post(client, f"/api/v1/staff/documents/{doc_id}/approve", {}, reviewer_auth).json()["status"]
        == "approved"
    )
    assert (
        post(client, f"/api/v1/staff/documents/{doc_id}/publish", {}, reviewer_auth).json()["status"]
        == "published"
    )
    public = client.get(f"/api/v1/documents/{body['index_no']}").json()
    for key in [
        "index_no",
        "title",
        "doc_number",
        "unit",
        "written_on",
        "published_at",
        "validity",
        "category",
        "url",
        "body",
        "attachments",
        "interpretations",
    ]:
        assert key in public
    assert public["doc_number"] == "岢财发〔2026〕3号"
    assert public["url"].startswith("http://testserver/xxgk/doc/")
    listed = client.get("/api/v1/documents", {"unit": department.code}).json()
    assert listed["count"] == 1 and listed["results"][0]["index_no"] == body["index_no"]


def test_an_action_the_state_does_not_allow_is_409_naming_the_state(
    client, department, editor, reviewer, reviewer_auth
):
    document = published(editor, reviewer)
    response = post(client, f"/api/v1/staff/documents/{document.pk}/approve", {}, reviewer_auth)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "bad_state"
    assert response.json()["error"]["fields"] == {"status": "published"}


def test_personal_data_blocks_approval_with_422(client, department, editor_auth, reviewer_auth):
    doc_id = post(
        client,
        "/api/v1/staff/documents",
        {"unit": department.code, "title": "公示", "body": f"<p>身份证 {ID}</p>"},
        editor_auth,
    ).json()["id"]
    post(client, f"/api/v1/staff/documents/{doc_id}/submit", {}, editor_auth)
    response = post(client, f"/api/v1/staff/documents/{doc_id}/approve", {}, reviewer_auth)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "privacy_findings"
    assert Document.objects.get(pk=doc_id).status == "submitted"


def test_staff_of_another_unit_cannot_see_or_act(
    client, department, other_department, make_user, editor, reviewer
):
    document = published(editor, reviewer)
    stranger = bearer(make_user("reviewer", other_department, "stranger"))
    response = post(client, f"/api/v1/staff/documents/{document.pk}/withdraw", {"reason": "x"}, stranger)
    assert response.status_code == 404
    created = post(
        client,
        "/api/v1/staff/documents",
        {"unit": department.code, "title": "越权"},
        bearer(make_user("editor", other_department, "e2")),
    )
    assert created.status_code == 403


def test_withdraw_needs_a_reason(client, editor, reviewer, reviewer_auth):
    document = published(editor, reviewer)
    response = post(client, f"/api/v1/staff/documents/{document.pk}/withdraw", {}, reviewer_auth)
    assert response.status_code == 422
    assert "reason" in response.json()["error"]["fields"]
    assert (
        post(
            client, f"/api/v1/staff/documents/{document.pk}/withdraw", {"reason": "错误"}, reviewer_auth
        ).json()["status"]
        == "withdrawn"
    )


def test_privacy_scan_endpoint(client, editor_auth):
    response = post(
        client, "/api/v1/staff/privacy/scan", {"text": f"电话13812345678 身份证{ID}"}, editor_auth
    )
    findings = response.json()["findings"]
    assert [f["kind"] for f in findings] == ["mobile", "id_number"]
    assert findings[0] == {"kind": "mobile", "start": 2, "end": 13, "excerpt": "13812345678"}
    assert (
        client.post("/api/v1/staff/privacy/scan", {"text": "x"}, content_type="application/json").status_code
        == 401
    )


def test_transparency_endpoints_expose_a_verifiable_chain(client, editor, reviewer):
    from gongkai.core import transparency

    published(editor, reviewer)
    published(editor, reviewer, title="第二件")
    entries = client.get("/api/v1/transparency/entries").json()["entries"]
    assert [e["seq"] for e in entries] == [1, 2]
    problems, _latest = transparency.verify_chain(entries)
    assert problems == []
    assert client.get("/api/v1/transparency/head").json() == {
        "seq": 2,
        "entry_hash": entries[-1]["entry_hash"],
    }
    assert client.get("/api/v1/transparency/entries", {"after": 1}).json()["entries"][0]["seq"] == 2
    entries[0]["index_no"] = "forged"
    assert transparency.verify_chain(entries)[0]


def test_a_requested_publication_time_is_kept_until_publishing(
    client, department, editor_auth, reviewer_auth
):
    from datetime import timedelta

    from django.utils import timezone

    at = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    created = post(
        client,
        "/api/v1/staff/documents",
        {"unit": department.code, "title": "定时通知", "body": "<p>x</p>", "publish_at": at.isoformat()},
        editor_auth,
    ).json()
    post(client, f"/api/v1/staff/documents/{created['id']}/submit", {}, editor_auth)
    post(client, f"/api/v1/staff/documents/{created['id']}/approve", {}, reviewer_auth)
    assert (
        post(client, f"/api/v1/staff/documents/{created['id']}/publish", {}, reviewer_auth).json()["status"]
        == "scheduled"
    )
    assert Document.objects.get(pk=created["id"]).publish_at == at


def test_a_document_published_for_later_is_amended_and_withdrawn_over_the_api(
    client, editor, reviewer, reviewer_auth
):
    from datetime import timedelta

    from django.utils import timezone

    from .factories import approved

    document = approved(editor, reviewer, title="定时发布的通知")
    at = timezone.now() + timedelta(days=3)
    publish = post(
        client,
        f"/api/v1/staff/documents/{document.pk}/publish",
        {"publish_at": at.isoformat()},
        reviewer_auth,
    )
    assert publish.json()["status"] == "scheduled"
    missing = post(client, f"/api/v1/staff/documents/{document.pk}/amend", {"title": "改"}, reviewer_auth)
    assert missing.status_code == 422 and "reason" in missing.json()["error"]["fields"]
    amended = post(
        client,
        f"/api/v1/staff/documents/{document.pk}/amend",
        {"title": "定时发布的通知（更正）", "body": "<p>更正后的正文</p>", "reason": "标题有误"},
        reviewer_auth,
    )
    assert amended.status_code == 200 and amended.json()["status"] == "published"
    document.refresh_from_db()
    assert (document.title, document.version, document.publish_at) == ("定时发布的通知（更正）", 2, at)
    assert client.get(f"/api/v1/documents/{document.index_no}").status_code == 404  # still before its time
    withdrawn = post(
        client, f"/api/v1/staff/documents/{document.pk}/withdraw", {"reason": "取消发布"}, reviewer_auth
    )
    assert withdrawn.json()["status"] == "withdrawn"
    again = post(client, f"/api/v1/staff/documents/{document.pk}/amend", {"reason": "再改"}, reviewer_auth)
    assert again.status_code == 409 and again.json()["error"]["fields"] == {"status": "withdrawn"}


def test_a_plain_text_body_is_stored_as_paragraphs(
    client, department, editor, reviewer, editor_auth, reviewer_auth
):
    created = post(
        client,
        "/api/v1/staff/documents",
        {"unit": department.code, "title": "纯文本正文", "body": "第一段\n\n第二段 <注意>"},
        editor_auth,
    ).json()
    document = Document.objects.get(pk=created["id"])
    assert document.body == "<p>第一段</p><p>第二段 &lt;注意&gt;</p>"
    document = published(editor, reviewer, title="待更正的通知")
    amended = post(
        client,
        f"/api/v1/staff/documents/{document.pk}/amend",
        {"body": "更正一\n更正二", "reason": "正文分段"},
        reviewer_auth,
    )
    assert amended.status_code == 200
    document.refresh_from_db()
    assert document.body == "<p>更正一</p><p>更正二</p>"
