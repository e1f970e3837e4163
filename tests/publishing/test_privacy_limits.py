"""Issue #23 item 3: the personal-data guard scans at most `PRIVACY_SCAN_MAX_CHARS` on a request; a
longer body is refused naming the field, a longer attachment text is scanned by the task queue, and
its document cannot be approved or published until that scan is in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.models import AuditEntry
from gongkai.publishing.models import Document

from .factories import draft
from .test_api import bearer, post
from .test_public_channels import docx_bytes

FILLER = "本县农村公路养护工作按计划推进，各乡镇按月报送养护台账。" * 60  # 1,680 characters


@pytest.fixture
def small_limit(settings):
    settings.PRIVACY_SCAN_MAX_CHARS = 1_000


def _attach_later(client, document, text, django_capture_on_commit_callbacks):
    """Upload a DOCX as the editor; return the work queued after the commit, not yet run."""
    upload = SimpleUploadedFile("名单.docx", docx_bytes(text))
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(f"/staff/documents/{document.pk}/attach/", {"file": upload})
    assert response.status_code == 302
    return queued


def test_a_long_attachment_waits_for_its_scan_on_the_queue_before_approval(
    client, small_limit, editor, reviewer, django_capture_on_commit_callbacks
):
    document = draft(editor)
    client.force_login(editor)
    queued = _attach_later(
        client, document, FILLER + "经办人王小明，手机13812345678。", django_capture_on_commit_callbacks
    )
    page = client.get(f"/staff/documents/{document.pk}/").content.decode()
    assert "附件“名单.docx”文字较多，个人信息检查正在后台进行" in page
    client.post(f"/staff/documents/{document.pk}/submit/")

    refused = post(client, f"/api/v1/staff/documents/{document.pk}/approve", {}, bearer(reviewer))
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "privacy_scan_pending"
    client.force_login(reviewer)
    response = client.post(f"/staff/documents/{document.pk}/approve/", follow=True)
    assert "个人信息检查正在后台进行" in response.content.decode()
    assert Document.objects.get(pk=document.pk).status == "submitted"

    for run in queued:  # the task queue's turn (huey runs the task at once in tests)
        run()
    page = client.get(f"/staff/documents/{document.pk}/").content.decode()
    assert "个人信息检查正在后台进行" not in page
    assert "个人信息检查：2 处待处理" in page and "138****5678" in page and "王*明" in page
    response = client.post(f"/staff/documents/{document.pk}/approve/", follow=True)
    assert "发现 2 处个人信息" in response.content.decode()
    assert Document.objects.get(pk=document.pk).status == "submitted"


def test_a_clean_long_attachment_is_published_once_scanned(
    client, small_limit, editor, reviewer, django_capture_on_commit_callbacks
):
    document = draft(editor)
    client.force_login(editor)
    queued = _attach_later(client, document, FILLER, django_capture_on_commit_callbacks)
    client.post(f"/staff/documents/{document.pk}/submit/")
    for run in queued:
        run()
    client.force_login(reviewer)
    client.post(f"/staff/documents/{document.pk}/approve/")
    client.post(f"/staff/documents/{document.pk}/publish/")
    assert Document.objects.get(pk=document.pk).status == "published"
    entry = AuditEntry.objects.get(action="publishing.document.attachment_scanned")
    assert entry.data == {"name": "名单.docx", "findings": 0}


def test_a_short_attachment_is_still_scanned_on_the_request(client, small_limit, editor):
    document = draft(editor)
    client.force_login(editor)
    upload = SimpleUploadedFile("名单.docx", docx_bytes("手机 13812345678"))
    client.post(f"/staff/documents/{document.pk}/attach/", {"file": upload})
    page = client.get(f"/staff/documents/{document.pk}/").content.decode()
    assert "个人信息检查：1 处待处理" in page and "后台" not in page


def test_a_body_beyond_the_limit_is_refused_naming_the_body(client, small_limit, department, editor):
    response = post(
        client,
        "/api/v1/staff/documents",
        {"unit": department.code, "title": "长文", "body": f"<p>{FILLER}</p>"},
        bearer(editor),
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "too_long" and error["fields"]["body"].startswith("正文共 1,68")
    assert "1,000 字" in error["message"]
    assert not Document.objects.filter(title="长文").exists()


def test_the_scan_endpoint_refuses_a_text_beyond_the_limit(client, small_limit, editor):
    response = post(client, "/api/v1/staff/privacy/scan", {"text": FILLER}, bearer(editor))
    assert response.status_code == 422
    assert (
        response.json()["error"]["code"] == "too_long"
        and "文本共 1,680 字" in response.json()["error"]["fields"]["text"]
    )
    assert (
        post(client, "/api/v1/staff/privacy/scan", {"text": FILLER[:900]}, bearer(editor)).status_code == 200
    )
