"""State changes of the catalog. The review workflow is the one in `core.workflow`; these add what
is a document's own (drafting, attachments, personal-data rulings, risk assessment, imports)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, errors, files, index_numbers, privacy, workflow
from gongkai.core.models import Unit, User

from .content import body_html, own_text_fields
from .errors import PublishingError
from .kind import KIND, full_clean, snapshot
from .models import (
    Attachment,
    Category,
    Document,
    DocumentRelation,
    PrivacyDecision,
    RiskAssessment,
)

S = Document.Status
EDITABLE_FIELDS = {
    "title", "doc_number", "written_on", "formed_on", "category", "topic", "genre", "mode", "validity", "keywords",
    "summary", "body", "requires_interpretation", "interprets", "interpretation_form", "video_url", "sensitive",
    "publish_at",  # on a draft: the requested publication time, used when it is published
}  # fmt: skip


def _set_relations(document: Document, relations: Iterable[tuple[str, Document]]) -> None:
    document.relations.all().delete()
    for kind, target in relations:
        if target.pk == document.pk:
            raise PublishingError(_("文件不能修订或废止自身。"), code="relation_self", field="relations")
        DocumentRelation.objects.create(source=document, target=target, kind=kind)


@transaction.atomic
def document_create(
    *,
    by: User,
    unit: Unit,
    title: str,
    formed_on: date,
    category: Category,
    body: str = "",
    co_units: Iterable[Unit] = (),
    relations: Iterable[tuple[str, Document]] = (),
    **fields: Any,
) -> Document:
    """Create a draft with a fresh 索引号."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    document = Document(
        unit=unit,
        title=title.strip(),
        formed_on=formed_on,
        category=category,
        body=body_html(body),
        created_by=by,
        last_edited_by=by,
        **fields,
    )
    full_clean(document)
    document.index_no = index_numbers.next_number(unit=unit, year=KIND.formed_year(document))
    document.save()
    document.co_units.set(co_units)
    _set_relations(document, relations)
    workflow.changed(document, "created", by=by)
    return document


@transaction.atomic
def document_update(
    *,
    document: Document,
    by: User,
    co_units: Iterable[Unit] | None = None,
    relations: Iterable[tuple[str, Document]] | None = None,
    **fields: Any,
) -> Document:
    """Change a draft's fields; the 索引号 never changes."""
    document = workflow.lock(document)
    if not document.can_edit():
        raise PublishingError(_("只有草稿可以修改；已发布的文件请使用“修订”。"), code="not_draft")
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    if "body" in fields:
        fields["body"] = body_html(fields["body"])
    for name, value in fields.items():
        setattr(document, name, value)
    full_clean(document)
    workflow.edited(document, by=by)
    document.save()
    if co_units is not None:
        document.co_units.set(co_units)
    if relations is not None:
        _set_relations(document, relations)
    workflow.changed(document, "changed", by=by, fields=sorted(fields))
    return document


@transaction.atomic
def document_attach(*, document: Document, by: User, name: str, data: bytes) -> Attachment:
    """Add an attachment to a draft; its text is extracted now and any failure is kept for the editor."""
    document = workflow.lock(document)
    if not document.can_edit():
        raise PublishingError(_("只有草稿可以添加附件。"), code="not_draft")
    name = files.safe_name(name, "attachment")
    try:
        kind = files.check(name, data)
    except files.FileRejected as exc:
        raise PublishingError(exc.message, code=exc.code, field="file") from exc
    extracted = files.extract(kind, data)
    attachment = Attachment.objects.create(
        document=document,
        name=name,
        sha256=files.store(data),
        size=len(data),
        content_type=files.KINDS[kind][0],
        text=extracted.text,
        text_state=extracted.state,
        text_error=extracted.error,
        sort_order=document.attachments.count(),
    )
    workflow.edited(document, by=by)
    document.save(update_fields=["last_edited_by", "updated_at"])
    workflow.changed(document, "attached", by=by, name=name, sha256=attachment.sha256)
    if attachment.scanned_later():
        from .tasks import attachment_privacy_scan_task

        transaction.on_commit(lambda: attachment_privacy_scan_task(attachment.pk))
    return attachment


def attachment_privacy_scan(*, attachment_id: int) -> Attachment | None:
    """Scan a long attachment text for personal data (on the task queue) and keep the findings, which
    its document's approval and publication then wait for. Its text never changes, so the scan runs
    outside the transaction that stores it."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.privacy_scan is not None:
        return attachment
    found = [f.as_dict() for f in privacy.scan(attachment.text, allow=privacy.public_allowlist())]
    with transaction.atomic():
        stored = Attachment.objects.filter(pk=attachment_id, privacy_scan__isnull=True).update(
            privacy_scan=found
        )
        if stored:
            audit.record(
                attachment.document,
                "publishing.document.attachment_scanned",
                by=None,
                data={"name": attachment.name, "findings": len(found)},
            )
    attachment.refresh_from_db()
    return attachment


def privacy_unscanned(document: Document) -> str:
    """Say which attachments of DOCUMENT still wait for their personal-data scan (empty when none)."""
    return KIND.unscanned(document)


def document_detach(*, attachment: Attachment, by: User) -> None:
    workflow.detach(attachment.document, attachment, by=by, name=attachment.name)


def privacy_findings(document: Document) -> list[tuple[str, privacy.Finding]]:
    """Return the unresolved personal-data findings of DOCUMENT as (field, finding)."""
    return KIND.findings(document)


@transaction.atomic
def document_privacy_redact(*, document: Document, by: User) -> Document:
    """Replace every finding in the draft's own text fields by its masked form."""
    document = workflow.lock(document)
    if not document.can_edit():
        raise PublishingError(_("只有草稿可以去标识化处理，请先退回修改。"), code="not_draft")
    in_text = [(field, f) for field, f in privacy_findings(document) if not field.startswith("attachment:")]
    for field in {field for field, _f in in_text}:
        findings = [f for fl, f in in_text if fl == field]
        setattr(document, field, privacy.redact(getattr(document, field), findings))
    workflow.edited(document, by=by)
    document.save()
    workflow.changed(document, "redacted", by=by, count=len(in_text))
    return document


@transaction.atomic
def document_privacy_mark_legal(*, document: Document, by: User, digest: str, reason: str) -> PrivacyDecision:
    """Record that one finding may be published (公开合法), with the legal reason."""
    document = workflow.lock(document)
    if not reason.strip():
        raise PublishingError(_("请说明公开该信息的合法依据。"), code="reason_required", field="reason")
    match = next((f for _field, f in privacy_findings(document) if f.digest == digest), None)
    if match is None:
        raise PublishingError(_("没有找到这条个人信息提示，可能已经处理。"), code="no_such_finding")
    decision = PrivacyDecision.objects.create(
        document=document,
        digest=digest,
        kind=match.kind,
        masked=match.masked,
        reason=reason.strip(),
        decided_by=by,
        decided_at=timezone.now(),
    )
    workflow.changed(document, "privacy_legal", by=by, kind=match.kind, masked=match.masked, reason=reason)
    return decision


@transaction.atomic
def document_assess_risk(
    *, document: Document, by: User, level: str, measures: str, assessed_by: str, assessed_on: date
) -> RiskAssessment:
    """Record the 舆情风险评估 of a sensitive document before its approval."""
    document = workflow.lock(document)
    if document.status not in (S.DRAFT, S.SUBMITTED):
        raise PublishingError(_("审核通过后不能再修改风险评估。"), code="already_approved")
    assessment, _created = RiskAssessment.objects.update_or_create(
        document=document,
        defaults={
            "level": level,
            "measures": measures,
            "assessed_by": assessed_by,
            "assessed_on": assessed_on,
            "recorded_by": by,
        },
    )
    errors.full_clean(assessment, PublishingError)
    workflow.changed(document, "risk_assessed", by=by, level=level)
    return assessment


def document_submit(*, document: Document, by: User) -> Document:
    return workflow.submit(document, by=by)


def document_reject(*, document: Document, by: User, note: str) -> Document:
    return workflow.reject(document, by=by, note=note)


def document_approve(*, document: Document, by: User) -> Document:
    """Approve a submitted document: never by its submitter or its last editor, never with open findings."""
    return workflow.approve(document, by=by)


def document_publish(
    *, document: Document, by: User, at: datetime | None = None, now: datetime | None = None
) -> Document:
    """Publish an approved document now or at AT; a policy goes out together with its interpretations."""
    return workflow.publish(document, by=by, at=at, now=now)


def document_withdraw(*, document: Document, by: User, reason: str, now: datetime | None = None) -> Document:
    """Withdraw a published document (live or for later); its page stays as a dated notice with the reason."""
    return workflow.withdraw(document, by=by, reason=reason, now=now)


def document_amend(
    *,
    document: Document,
    by: User,
    change_note: str = "",
    minor: bool = False,
    now: datetime | None = None,
    **fields: Any,
) -> Document:
    """Publish a corrected version of a published document (live or for later) under the same 索引号;
    a change note is required unless it is a minor correction."""
    if not minor and not change_note.strip():
        raise PublishingError(
            _("修订须填写修订说明；仅更正错别字等可选择“小幅更正”。"),
            code="change_note_required",
            field="change_note",
        )
    reason = change_note.strip() or _("小幅更正")
    return workflow.amend(document, by=by, fields=fields, reason=reason, now=now, minor=minor)


@transaction.atomic
def document_import(
    *,
    by: User | None,
    index_no: str,
    unit: Unit,
    title: str,
    publish_at: datetime,
    category: Category,
    **fields: Any,
) -> Document:
    """Bring in one already-published document from a county's old catalog, logged as published then."""
    document = Document(
        index_no=index_no, unit=unit, title=title.strip(), publish_at=publish_at, category=category,
        status=S.PUBLISHED, **fields,
    )  # fmt: skip
    document.body = body_html(document.body)
    document.formed_on = document.formed_on or document.written_on or timezone.localdate(publish_at)
    document.created_by = by
    full_clean(document)
    if document.mode == Document.Mode.PROACTIVE:
        found = privacy_findings_in(document)
        if found:
            raise PublishingError(
                _("含有个人信息（%(kinds)s），请在源文件中去标识化后再导入。")
                % {"kinds": "、".join(sorted({f.label for f in found}))},
                code="privacy_findings",
                field="body",
            )
    document.save()
    snapshot(document, at=publish_at)
    workflow.changed(document, "imported", by=by, at=publish_at)
    return document


def privacy_findings_in(document: Document) -> list[privacy.Finding]:
    """Return the personal data in an unsaved document's own text (no decisions, no attachments)."""
    return [f for _field, f in privacy.findings(own_text_fields(document))]


@transaction.atomic
def category_save(*, category: Category, by: User) -> Category:
    """Create or change a node of the catalog tree; a node may not sit below itself."""
    node = category.parent
    while node is not None:
        if category.pk is not None and node.pk == category.pk:
            raise PublishingError(_("上级分类不能是自身或其下级。"), code="category_cycle", field="parent")
        node = node.parent
    created = category.pk is None
    category.full_clean()
    category.save()
    audit.record(
        category,
        "publishing.category.created" if created else "publishing.category.changed",
        by=by,
        data={"code": category.code, "name": category.name},
    )
    return category
