"""Documents as a published kind: what differs from the one workflow (三同步, relations, versions)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.core import audit, errors, privacy, transparency, workflow
from gongkai.core.models import User

from .content import body_html, document_content, plain_text, text_fields
from .errors import PublishingError
from .models import Document, DocumentRelation, DocumentVersion, RiskAssessment

S = Document.Status
AMENDABLE_FIELDS = {"title", "doc_number", "keywords", "summary", "body", "validity"}


def full_clean(document: Document) -> None:
    """Validate DOCUMENT, naming the first field at fault; a body beyond what the personal-data guard
    scans on a request is refused (its place is an attachment, scanned by the task queue)."""
    errors.full_clean(document, PublishingError, exclude=["index_no"] if not document.index_no else None)
    length = len(plain_text(document.body))
    if length > privacy.max_chars():
        raise PublishingError(privacy.too_long_message(_("正文"), length), code="too_long", field="body")


def snapshot(document: Document, *, at: datetime, change_note: str = "") -> DocumentVersion:
    """Keep the public text of DOCUMENT's current version (its history page and the log's content)."""
    return DocumentVersion.objects.create(
        document=document,
        version=document.version,
        title=document.title,
        doc_number=document.doc_number,
        body=document.body,
        attachments=[{"name": a.name, "sha256": a.sha256} for a in document.attachments.all()],
        change_note=change_note,
        published_at=at,
        content_sha256=transparency.content_hash(document_content(document)),
    )


class DocumentKind(workflow.Kind[Document]):
    model = Document
    slug = "document"
    label = "政府信息"
    log_type = "document"
    error = PublishingError
    number_fields = ("doc_number",)

    def formed_year(self, item: Document) -> int:
        return (item.written_on or item.formed_on).year

    def public_filter(self) -> Q:
        return Q(mode=Document.Mode.PROACTIVE)

    def content(self, item: Document) -> dict[str, Any]:
        return document_content(item)

    def findings(self, item: Document) -> workflow.Findings:
        decided = set(item.privacy_decisions.values_list("digest", flat=True)) if item.pk else set()
        allow = privacy.Allowed.of(privacy.public_allowlist())
        found = privacy.findings(text_fields(item), allow=allow, decided=decided)
        for attachment in item.attachments.all() if item.pk else ():
            if attachment.scanned_later():  # scanned by the task queue; unscanned() holds the item
                found += [
                    (f"attachment:{attachment.pk}", f)
                    for f in privacy.stored(attachment.privacy_scan or [], allow=allow)
                    if f.digest not in decided
                ]
        return found

    def unscanned(self, item: Document) -> str:
        waiting = [a.name for a in item.attachments.all() if a.awaiting_scan()] if item.pk else []
        if not waiting:
            return ""
        return _(
            "附件“%(names)s”文字较多，个人信息检查正在后台进行；检查完成前不能审核通过或发布，请稍后刷新页面。"
        ) % {"names": "”“".join(waiting)}

    def check_submit(self, item: Document) -> None:
        if not item.body.strip() and not item.attachments.exists() and not item.video_url:
            raise PublishingError(_("正文和附件不能都为空。"), code="empty", field="body")
        if item.interpretation_form == Document.InterpretationForm.GRAPHIC:
            if not item.images():
                raise PublishingError(
                    _("图解须上传图片（PNG 或 JPEG）作为附件。"), code="graphic_without_image", field="file"
                )
            if not plain_text(item.body).strip():
                raise PublishingError(
                    _("图解须在正文中写明图片内容的文字说明，供无法查看图片的读者使用。"),
                    code="graphic_without_text",
                    field="body",
                )

    def check_approve(self, item: Document) -> None:
        if item.sensitive and not RiskAssessment.objects.filter(document=item).exists():
            raise PublishingError(
                _("该文件涉及舆情风险，审核前须记录舆情风险评估。"), code="risk_assessment_required"
            )

    def publish_time(self, item: Document, at: datetime) -> datetime:
        policy = item.interprets
        if policy is not None and policy.status == S.PUBLISHED and policy.publish_at:
            return max(at, policy.publish_at)  # an interpretation never goes out before its policy
        return at

    def check_publish(self, item: Document, at: datetime) -> None:
        policy = item.interprets
        if policy is not None and policy.status != S.PUBLISHED:
            raise PublishingError(
                _("政策解读须与所解读的文件同步发布：请发布文件“%(t)s”，解读将随之发布。")
                % {"t": policy.title},
                code="interpretation_alone",
            )
        if (
            item.requires_interpretation
            and not item.interpretations.filter(status__in=[S.APPROVED, S.PUBLISHED]).exists()
        ):
            raise PublishingError(
                _("该文件需要政策解读（三同步），请先完成解读稿的审核，再一并发布。"),
                code="interpretation_required",
            )

    def on_published(self, item: Document, change: workflow.Change) -> None:
        snapshot(item, at=change.at)
        by = change.by
        assert by is not None  # noqa: S101  type narrowing
        for companion in Document.objects.select_for_update().filter(interprets=item, status=S.APPROVED):
            workflow.publish_locked(companion, by=by, at=change.at, now=change.now)
        _mark_targets(item, by=by, at=change.at, now=change.now)

    def apply(self, item: Document, fields: Mapping[str, Any]) -> None:
        unknown = set(fields) - AMENDABLE_FIELDS
        if unknown:
            raise TypeError(f"fields that cannot be amended: {sorted(unknown)}")
        for name, value in fields.items():
            setattr(item, name, body_html(value) if name == "body" else value)
        full_clean(item)

    def on_amended(self, item: Document, change: workflow.Change) -> None:
        snapshot(item, at=change.at, change_note=str(change.data.get("reason", "")))


def _mark_targets(document: Document, *, by: User, at: datetime, now: datetime) -> None:
    """Mark the documents DOCUMENT amends or repeals (有效性), logging the change of those already public."""
    validity = {
        DocumentRelation.Kind.AMENDS: Document.Validity.AMENDED,
        DocumentRelation.Kind.REPEALS: Document.Validity.REPEALED,
    }
    for relation in document.relations.select_related("target"):
        target = workflow.lock(relation.target)
        target.validity = validity[DocumentRelation.Kind(relation.kind)]
        target.save(update_fields=["validity", "updated_at"])
        data = {"validity": target.validity, "by_document": document.index_no}
        if target.status == S.PUBLISHED:
            workflow.changed(target, "validity_changed", by=by, now=now, at=at, **data)
        else:
            audit.record(target, KIND.audit_code("validity_changed"), by=by, data=data)


KIND = DocumentKind()
