"""Nothing unpublished reaches the public: by URL, catalog, feed, sitemap, API or attachment link."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.publishing import services
from gongkai.publishing.models import Document

from .factories import approved, draft, published, release


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def channels(client, document: Document) -> dict[str, bool]:
    """Return, per public channel, whether DOCUMENT's title or body shows there."""
    title = document.title
    page = client.get(document.get_absolute_url())
    api = client.get(f"/api/v1/documents/{document.index_no}")
    attachment = document.attachments.first()
    file_ok = False
    if attachment is not None:
        response = client.get(attachment.get_absolute_url())
        file_ok = response.status_code == 200
        if file_ok:
            release(response)
    return {
        "page": page.status_code == 200,
        "page_body": "秘密正文" in page.content.decode(),
        "catalog": title in client.get("/xxgk/catalog/").content.decode(),
        "feed": title in client.get("/feeds/documents/").content.decode(),
        "sitemap": document.index_no in client.get("/sitemap-documents.xml").content.decode(),
        "api_list": title in client.get("/api/v1/documents").content.decode(),
        "api_detail": api.status_code == 200,
        "api_body": "秘密正文" in api.content.decode(),
        "attachment": file_ok,
    }


@pytest.fixture
def secret(editor):
    def make(**fields):
        return draft(editor, title="唯一标题甲乙丙", body="<p>秘密正文</p>", **fields)

    return make


def attach(document, editor):
    services.document_attach(document=document, by=editor, name="附件.docx", data=docx_bytes("附件正文"))


def test_a_published_document_is_on_every_channel(client, editor, reviewer):
    document = draft(editor, title="唯一标题甲乙丙", body="<p>秘密正文</p>")
    attach(document, editor)
    services.document_submit(document=document, by=editor)
    services.document_approve(document=document, by=reviewer)
    services.document_publish(document=document, by=reviewer)
    assert all(channels(client, document).values()), channels(client, document)


@pytest.mark.parametrize("state", ["draft", "submitted", "approved", "scheduled", "on_request", "not_public"])
def test_unpublished_documents_are_on_no_channel(client, editor, reviewer, secret, state):
    mode = {"on_request": "on_request", "not_public": "not_public"}.get(state, "proactive")
    document = secret(mode=mode)
    attach(document, editor)
    if state != "draft":
        services.document_submit(document=document, by=editor)
    if state in ("approved", "scheduled", "on_request", "not_public"):
        services.document_approve(document=document, by=reviewer)
    if state in ("scheduled", "on_request", "not_public"):
        at = timezone.now() + timedelta(days=1) if state == "scheduled" else None
        services.document_publish(document=document, by=reviewer, at=at)
    seen = channels(client, document)
    assert not any(seen.values()), seen
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/documents/{document.index_no}").status_code == 404


def test_a_withdrawn_document_leaves_a_notice_without_body(client, editor, reviewer):
    document = draft(editor, title="唯一标题甲乙丙", body="<p>秘密正文</p>")
    attach(document, editor)
    services.document_submit(document=document, by=editor)
    services.document_approve(document=document, by=reviewer)
    services.document_publish(document=document, by=reviewer)
    services.document_withdraw(document=document, by=reviewer, reason="依法撤回")
    seen = channels(client, document)
    assert not any(seen.values()), seen
    page = client.get(document.get_absolute_url())
    assert page.status_code == 410
    assert "依法撤回" in page.content.decode() and "秘密正文" not in page.content.decode()
    api = client.get(f"/api/v1/documents/{document.index_no}")
    assert api.status_code == 410
    assert set(api.json()) == {"index_no", "title", "withdrawn_at", "reason"}
    assert api.json()["reason"] == "依法撤回"


def test_a_document_withdrawn_before_its_scheduled_time_was_never_public(client, editor, reviewer):
    document = approved(editor, reviewer, title="唯一标题甲乙丙")
    services.document_publish(document=document, by=reviewer, at=timezone.now() + timedelta(days=3))
    services.document_withdraw(document=document, by=reviewer, reason="取消")
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/documents/{document.index_no}").status_code == 404


def test_withdrawal_shows_at_once_despite_an_earlier_visit(client, editor, reviewer):
    document = published(editor, reviewer, title="唯一标题甲乙丙")
    assert client.get(document.get_absolute_url()).status_code == 200
    services.document_withdraw(document=document, by=reviewer, reason="撤回")
    assert client.get(document.get_absolute_url()).status_code == 410
    assert "唯一标题甲乙丙" not in client.get("/feeds/documents/").content.decode()


def test_the_log_page_names_public_items_and_never_one_before_its_time(client, editor, reviewer):
    live = published(editor, reviewer, title="已经公开的通知")
    gone = published(editor, reviewer, title="后来撤回的通知")
    services.document_withdraw(document=gone, by=reviewer, reason="依法撤回")
    later = approved(editor, reviewer, title="尚未到时间的通知")
    services.document_publish(document=later, by=reviewer, at=timezone.now() + timedelta(days=2))
    html = client.get("/xxgk/log/").content.decode()
    assert f'<a href="{live.get_absolute_url()}">已经公开的通知</a>' in html
    assert "后来撤回的通知（" in html and "已撤回" in html
    assert "尚未到时间的通知" not in html and "尚未公开" in html and later.index_no in html
    assert 'role="region" aria-label="公开日志记录（可左右滑动）"' in html
