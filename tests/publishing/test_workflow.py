"""The document workflow through its services: every rule of issue 3 that a reviewer would check."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.core import transparency
from gongkai.core.models import AuditEntry, TransparencyEntry
from gongkai.publishing import queries, services
from gongkai.publishing.errors import PublishingError
from gongkai.publishing.models import Category, Document, DocumentRelation

from .factories import approved, draft, published, release

ID = "142629198507071233"
S = Document.Status


def test_index_numbers_follow_the_unit_prefix_year_and_serial(editor, department):
    first = draft(editor, written_on=date(2015, 3, 20))
    second = draft(editor, written_on=date(2015, 4, 1))
    assert first.index_no == f"{department.code}/2015-00001"
    assert second.index_no == f"{department.code}/2015-00002"
    services.document_update(document=first, by=editor, written_on=date(2016, 1, 1))
    first.refresh_from_db()
    assert first.index_no == f"{department.code}/2015-00001"  # never changes


def test_the_submitter_cannot_approve_their_own_version(editor, make_user, department):
    office = make_user("office", department, "office")
    document = draft(office)
    services.document_submit(document=document, by=office)
    with pytest.raises(PublishingError) as caught:
        services.document_approve(document=document, by=office)
    assert caught.value.code == "own_submission"
    assert Document.objects.get(pk=document.pk).status == S.SUBMITTED


def test_an_id_number_blocks_approval_until_redacted(editor, reviewer):
    document = draft(editor, body=f"<p>申请人：王小明，身份证号 {ID}。</p>")
    services.document_submit(document=document, by=editor)
    with pytest.raises(PublishingError) as caught:
        services.document_approve(document=document, by=reviewer)
    assert caught.value.code == "privacy_findings"
    assert {d["kind"] for d in caught.value.details} == {"id_number", "name"}
    services.document_reject(document=document, by=reviewer, note="请处理个人信息")
    services.document_privacy_redact(document=document, by=editor)
    document.refresh_from_db()
    assert "1426**********1233" in document.body and ID not in document.body
    assert "王*明" in document.body
    services.document_submit(document=document, by=editor)
    assert services.document_approve(document=document, by=reviewer).status == S.APPROVED
    assert AuditEntry.objects.filter(action="publishing.document.redacted").exists()


def test_a_finding_marked_lawful_no_longer_blocks(editor, reviewer):
    document = draft(editor, body="<p>举报电话 0350-9999999。</p>")
    [(field, finding)] = services.privacy_findings(document)
    assert field == "body"
    with pytest.raises(PublishingError):
        services.document_privacy_mark_legal(document=document, by=editor, digest=finding.digest, reason="  ")
    services.document_privacy_mark_legal(
        document=document, by=editor, digest=finding.digest, reason="公开的举报电话"
    )
    assert services.privacy_findings(document) == []
    entry = AuditEntry.objects.get(action="publishing.document.privacy_legal")
    assert entry.data["reason"] == "公开的举报电话"


def test_a_sensitive_document_needs_a_risk_assessment(editor, reviewer):
    document = draft(editor, sensitive=True)
    services.document_submit(document=document, by=editor)
    with pytest.raises(PublishingError) as caught:
        services.document_approve(document=document, by=reviewer)
    assert caught.value.code == "risk_assessment_required"
    services.document_assess_risk(
        document=document,
        by=editor,
        level="medium",
        measures="同步发布解读",
        assessed_by="张三",
        assessed_on=date(2026, 10, 9),
    )
    assert services.document_approve(document=document, by=reviewer).status == S.APPROVED


def test_publish_now_appears_everywhere_and_is_logged(editor, reviewer):
    document = published(editor, reviewer)
    assert document.status == S.PUBLISHED
    assert queries.public_view(document.index_no).state == "public"
    entry = TransparencyEntry.objects.get()
    assert (entry.action, entry.index_no, entry.version) == ("publish", document.index_no, 1)
    assert transparency.verify_local() == []


def test_a_scheduled_document_appears_at_its_time_without_any_job(editor, reviewer):
    document = approved(editor, reviewer)
    at = timezone.now() + timedelta(days=2)
    services.document_publish(document=document, by=reviewer, at=at)
    document.refresh_from_db()
    assert document.status == S.PUBLISHED and document.shown() == "scheduled"
    assert queries.public_view(document.index_no).state == "missing"
    assert not queries.catalog().filter(pk=document.pk).exists()
    later = at + timedelta(seconds=1)
    assert queries.public_view(document.index_no, now=later).state == "public"
    assert queries.catalog(now=later).filter(pk=document.pk).exists()
    assert document.shown(now=later) == S.PUBLISHED


def test_a_document_published_for_later_can_be_corrected_before_and_after_its_time(editor, reviewer):
    document = approved(editor, reviewer)
    at = timezone.now() + timedelta(days=2)
    services.document_publish(document=document, by=reviewer, at=at)
    services.document_amend(document=document, by=reviewer, change_note="改正标题", title="更正前的标题")
    document.refresh_from_db()
    assert (document.version, document.title, document.publish_at) == (2, "更正前的标题", at)
    assert queries.public_view(document.index_no).state == "missing"  # still hidden until its time
    amended = TransparencyEntry.objects.filter(index_no=document.index_no, action="amend").get()
    assert amended.effective_at == at  # the corrected text is what goes out then
    later = at + timedelta(hours=1)
    services.document_amend(
        document=document, by=reviewer, change_note="再次更正", title="更正后的标题", now=later
    )
    document.refresh_from_db()
    assert document.version == 3 and queries.public_view(document.index_no, now=later).state == "public"
    assert [v.version for v in document.versions.all()] == [1, 2, 3]
    assert [v.title for v in document.versions.all()][1:] == ["更正前的标题", "更正后的标题"]


def test_a_document_published_for_later_can_be_withdrawn_before_its_time(editor, reviewer):
    document = approved(editor, reviewer)
    at = timezone.now() + timedelta(days=2)
    services.document_publish(document=document, by=reviewer, at=at)
    services.document_withdraw(document=document, by=reviewer, reason="发布时间有误")
    document.refresh_from_db()
    assert document.status == S.WITHDRAWN and document.withdrawn_by == reviewer
    # It was never public, so no channel ever shows it, not even as a withdrawal notice.
    assert queries.public_view(document.index_no, now=at + timedelta(days=1)).state == "missing"


def test_scheduling_in_the_past_is_refused(editor, reviewer):
    document = approved(editor, reviewer)
    with pytest.raises(PublishingError) as caught:
        services.document_publish(document=document, by=reviewer, at=timezone.now() - timedelta(hours=1))
    assert caught.value.code == "past_schedule"


def test_a_policy_needing_interpretation_waits_for_it_and_goes_out_together(editor, reviewer):
    policy = approved(editor, reviewer, requires_interpretation=True, genre=Document.Genre.NORMATIVE)
    with pytest.raises(PublishingError) as caught:
        services.document_publish(document=policy, by=reviewer)
    assert caught.value.code == "interpretation_required"
    interpretation = approved(
        editor, reviewer, title="解读", interprets=policy, interpretation_form="text",
        category=Category.objects.get(code="interpretation"),
    )  # fmt: skip
    services.document_publish(document=policy, by=reviewer)
    policy.refresh_from_db()
    interpretation.refresh_from_db()
    assert policy.status == interpretation.status == S.PUBLISHED
    assert policy.publish_at == interpretation.publish_at
    assert list(queries.public_interpretations(policy)) == [interpretation]


def test_an_interpretation_cannot_go_out_before_its_policy(editor, reviewer):
    policy = draft(editor, requires_interpretation=True)
    interpretation = approved(editor, reviewer, title="解读", interprets=policy, interpretation_form="text")
    with pytest.raises(PublishingError) as caught:
        services.document_publish(document=interpretation, by=reviewer)
    assert caught.value.code == "interpretation_alone"


def test_withdrawal_removes_the_body_keeps_a_notice_and_the_log_verifies(editor, reviewer):
    document = published(editor, reviewer)
    with pytest.raises(PublishingError):
        services.document_withdraw(document=document, by=reviewer, reason="")
    services.document_withdraw(document=document, by=reviewer, reason="内容有误")
    view = queries.public_view(document.index_no)
    assert view.state == "gone"
    assert not queries.catalog().filter(pk=document.pk).exists()
    assert [e.action for e in TransparencyEntry.objects.all()] == ["publish", "withdraw"]
    assert transparency.verify_local() == []


def test_amendment_publishes_a_new_version_with_its_note(editor, reviewer):
    document = published(editor, reviewer)
    with pytest.raises(PublishingError) as caught:
        services.document_amend(document=document, by=reviewer, body="<p>新正文</p>")
    assert caught.value.code == "change_note_required"
    services.document_amend(document=document, by=reviewer, body="<p>新正文</p>", change_note="更正日期")
    services.document_amend(
        document=document, by=reviewer, title="关于做好秋季防火工作的通知（更正）", minor=True
    )
    document.refresh_from_db()
    assert document.version == 3
    assert [v.change_note for v in document.versions.order_by("version")] == ["", "更正日期", "小幅更正"]
    assert [e.action for e in TransparencyEntry.objects.all()] == ["publish", "amend", "amend"]
    assert transparency.verify_local() == []


def test_publishing_a_repeal_marks_the_old_document(editor, reviewer):
    old = published(editor, reviewer, title="旧办法")
    new = approved(editor, reviewer, title="新办法")
    DocumentRelation.objects.create(source=new, target=old, kind="repeals")
    services.document_publish(document=new, by=reviewer)
    old.refresh_from_db()
    assert old.validity == Document.Validity.REPEALED
    assert queries.public_relations(old)["repealed_by"] == [new]
    assert TransparencyEntry.objects.filter(action="validity", index_no=old.index_no).exists()
    assert transparency.verify_local() == []


def test_tampering_with_published_content_is_detected(editor, reviewer):
    document = published(editor, reviewer)
    Document.objects.filter(pk=document.pk).update(body="<p>被篡改</p>")
    problems = transparency.verify_local()
    assert len(problems) == 1 and "differs" in problems[0].detail


def test_publication_later_than_20_working_days_is_flagged(editor, reviewer):
    from gongkai.core.calendar_data import load_calendar

    calendar = load_calendar()
    document = draft(editor, formed_on=date(2026, 9, 25))
    assert queries.publication_due(document, calendar) == date(2026, 10, 29)
    assert not queries.is_late(document, calendar, today=date(2026, 10, 29))
    assert queries.is_late(document, calendar, today=date(2026, 10, 30))


def test_only_drafts_can_be_edited_and_states_are_enforced(editor, reviewer):
    document = published(editor, reviewer)
    with pytest.raises(PublishingError) as caught:
        services.document_update(document=document, by=editor, title="改")
    assert caught.value.code == "not_draft"
    with pytest.raises(PublishingError) as caught:
        services.document_submit(document=document, by=editor)
    assert caught.value.code == "bad_state"


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "firebrick").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_graphic_interpretation_needs_its_picture_and_a_text_version_and_shows_the_picture(
    editor, reviewer, client
):
    policy = approved(editor, reviewer, requires_interpretation=True)
    graphic = draft(editor, title="图解：秋季防火", interprets=policy, interpretation_form="graphic", body="")
    services.document_attach(document=graphic, by=editor, name="说明.pdf", data=b"%PDF-1.4\n%%EOF")
    with pytest.raises(PublishingError) as caught:
        services.document_submit(document=graphic, by=editor)
    assert (caught.value.code, caught.value.field) == ("graphic_without_image", "file")
    picture = services.document_attach(document=graphic, by=editor, name="一图读懂.png", data=_png())
    with pytest.raises(PublishingError) as caught:
        services.document_submit(document=graphic, by=editor)
    assert (caught.value.code, caught.value.field) == ("graphic_without_text", "body")
    services.document_update(document=graphic, by=editor, body="<p>一、防火期：10月至次年5月。</p>")
    services.document_submit(document=graphic, by=editor)
    services.document_approve(document=graphic, by=reviewer)
    services.document_publish(document=policy, by=reviewer)
    graphic.refresh_from_db()
    page = client.get(graphic.get_absolute_url()).content.decode()
    assert f'<img src="{picture.get_absolute_url()}" alt="图解：秋季防火（图1，文字说明见图下）"' in page
    assert (
        page.index("<img") < page.index("一、防火期") and page.count("<img") == 1
    )  # the PDF is not a picture
    image = client.get(picture.get_absolute_url())
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert release(image).startswith(b"\x89PNG")
