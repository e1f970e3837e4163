"""State changes of the catalog. Each is one transaction: change, audit entry, publication-log entry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, files, privacy, transparency
from gongkai.core.models import TransparencyEntry, Unit, User
from gongkai.search.services import touch as search_touch

from .content import document_content, own_text_fields, sanitize, text_fields
from .errors import PublishingError
from .models import (
    Attachment,
    Category,
    Document,
    DocumentRelation,
    DocumentVersion,
    IndexSequence,
    PrivacyDecision,
    RiskAssessment,
)

S = Document.Status
EDITABLE_FIELDS = {
    "title", "doc_number", "written_on", "formed_on", "category", "topic", "genre", "mode", "validity", "keywords",
    "summary", "body", "requires_interpretation", "interprets", "interpretation_form", "video_url", "sensitive",
    "publish_at",  # on a draft: the requested publication time, used when it is published
}  # fmt: skip
AMENDABLE_FIELDS = {"title", "doc_number", "keywords", "summary", "body", "validity"}


def _index_format() -> str:
    return str(getattr(settings, "INDEX_NUMBER_FORMAT", "{prefix}/{year}-{serial:05d}"))


INDEX_HOLDERS: list[type[Any]] = [Document]  # every model whose rows carry a 索引号 (records add theirs)


def _taken(candidates: list[str]) -> set[str]:
    taken: set[str] = set()
    for model in INDEX_HOLDERS:
        taken.update(model.objects.filter(index_no__in=candidates).values_list("index_no", flat=True))
    return taken


def next_index_numbers(*, unit: Unit, year: int, count: int) -> list[str]:
    """Return the next COUNT 索引号 of UNIT for YEAR, unique across documents and records, never reused."""
    prefix = unit.effective_index_prefix
    IndexSequence.objects.get_or_create(prefix=prefix, year=year)
    sequence = IndexSequence.objects.select_for_update().get(prefix=prefix, year=year)
    numbers: list[str] = []
    while len(numbers) < count:
        wanted = count - len(numbers)
        serials = range(sequence.last + 1, sequence.last + 1 + wanted)
        candidates = [_index_format().format(prefix=prefix, year=year, serial=n) for n in serials]
        taken = _taken(candidates)  # numbers brought in by an import are skipped
        numbers.extend(c for c in candidates if c not in taken)
        sequence.last += wanted
    sequence.save(update_fields=["last"])
    return numbers


def next_index_no(*, unit: Unit, year: int) -> str:
    """Return the next 索引号 of UNIT for YEAR, unique across documents and records and never reused."""
    return next_index_numbers(unit=unit, year=year, count=1)[0]


def _lock(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


def _full_clean(document: Document) -> None:
    try:
        document.full_clean(exclude=["index_no"] if not document.index_no else None)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise PublishingError(messages[0], code="invalid", field=field, details=exc.message_dict) from exc


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
        body=sanitize(body),
        created_by=by,
        **fields,
    )
    year = (document.written_on or document.formed_on).year
    _full_clean(document)
    document.index_no = next_index_no(unit=unit, year=year)
    document.save()
    document.co_units.set(co_units)
    _set_relations(document, relations)
    audit.record(document, "publishing.document.created", by=by, data={"index_no": document.index_no})
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
    document = _lock(document)
    if not document.can_edit():
        raise PublishingError(_("只有草稿可以修改；已发布的文件请使用“修订”。"), code="not_draft")
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    if "body" in fields:
        fields["body"] = sanitize(fields["body"])
    for name, value in fields.items():
        setattr(document, name, value)
    _full_clean(document)
    document.save()
    if co_units is not None:
        document.co_units.set(co_units)
    if relations is not None:
        _set_relations(document, relations)
    audit.record(document, "publishing.document.changed", by=by, data={"fields": sorted(fields)})
    return document


@transaction.atomic
def document_attach(*, document: Document, by: User, name: str, data: bytes) -> Attachment:
    """Add an attachment to a draft; its text is extracted now and any failure is kept for the editor."""
    document = _lock(document)
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
    audit.record(
        document, "publishing.document.attached", by=by, data={"name": name, "sha256": attachment.sha256}
    )
    return attachment


@transaction.atomic
def document_detach(*, attachment: Attachment, by: User) -> None:
    document = _lock(attachment.document)
    if not document.can_edit():
        raise PublishingError(_("只有草稿可以删除附件。"), code="not_draft")
    audit.record(document, "publishing.document.detached", by=by, data={"name": attachment.name})
    attachment.delete()


def public_allowlist() -> set[str]:
    """Return the units' published office numbers and addresses, which are not personal data."""
    values: set[str] = set()
    for row in Unit.objects.values_list("phone", "office_phone", "office_fax", "office_email"):
        values.update(v for v in row if v)
    return values


def privacy_findings(document: Document) -> list[tuple[str, privacy.Finding]]:
    """Return the unresolved personal-data findings of DOCUMENT as (field, finding)."""
    decided = set(document.privacy_decisions.values_list("digest", flat=True))
    allow = public_allowlist()
    found = []
    for field, text in text_fields(document).items():
        found.extend((field, f) for f in privacy.scan(text, allow=allow) if f.digest not in decided)
    return found


def _require_no_findings(document: Document) -> None:
    findings = privacy_findings(document)
    if findings:
        kinds = "、".join(sorted({f.label for _, f in findings}))
        raise PublishingError(
            _("发现 %(n)d 处个人信息（%(kinds)s），须先去标识化处理或说明公开的合法依据。")
            % {"n": len(findings), "kinds": kinds},
            code="privacy_findings",
            details=[{"field": field, **f.as_dict()} for field, f in findings],
        )


@transaction.atomic
def document_privacy_redact(*, document: Document, by: User) -> Document:
    """Replace every finding in the draft's own text fields by its masked form."""
    document = _lock(document)
    if not document.can_edit():
        raise PublishingError(_("只有草稿可以去标识化处理，请先退回修改。"), code="not_draft")
    in_text = [(field, f) for field, f in privacy_findings(document) if not field.startswith("attachment:")]
    for field in {field for field, _f in in_text}:
        findings = [f for fl, f in in_text if fl == field]
        setattr(document, field, privacy.redact(getattr(document, field), findings))
    document.save()
    audit.record(document, "publishing.document.redacted", by=by, data={"count": len(in_text)})
    return document


@transaction.atomic
def document_privacy_mark_legal(*, document: Document, by: User, digest: str, reason: str) -> PrivacyDecision:
    """Record that one finding may be published (公开合法), with the legal reason."""
    document = _lock(document)
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
    audit.record(
        document,
        "publishing.document.privacy_legal",
        by=by,
        data={"kind": match.kind, "masked": match.masked, "reason": reason},
    )
    return decision


@transaction.atomic
def document_assess_risk(
    *, document: Document, by: User, level: str, measures: str, assessed_by: str, assessed_on: date
) -> RiskAssessment:
    """Record the 舆情风险评估 of a sensitive document before its approval."""
    document = _lock(document)
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
    try:
        assessment.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise PublishingError(messages[0], code="invalid", field=field) from exc
    audit.record(document, "publishing.document.risk_assessed", by=by, data={"level": level})
    return assessment


@transaction.atomic
def document_submit(*, document: Document, by: User) -> Document:
    document = _lock(document)
    if not document.can_submit():
        raise PublishingError(
            _("只有草稿可以提交审核，当前状态：%(s)s。") % {"s": document.get_status_display()},
            code="bad_state",
        )
    if not document.body.strip() and not document.attachments.exists() and not document.video_url:
        raise PublishingError(_("正文和附件不能都为空。"), code="empty", field="body")
    document.status = S.SUBMITTED
    document.submitted_by = by
    document.review_note = ""
    document.save(update_fields=["status", "submitted_by", "review_note", "updated_at"])
    audit.record(document, "publishing.document.submitted", by=by)
    return document


@transaction.atomic
def document_reject(*, document: Document, by: User, note: str) -> Document:
    document = _lock(document)
    if not document.can_review():
        raise PublishingError(
            _("只有待审核的稿件可以退回，当前状态：%(s)s。") % {"s": document.get_status_display()},
            code="bad_state",
        )
    if not note.strip():
        raise PublishingError(_("退回时请写明修改意见。"), code="note_required", field="note")
    document.status = S.DRAFT
    document.review_note = note.strip()[:300]
    document.save(update_fields=["status", "review_note", "updated_at"])
    audit.record(document, "publishing.document.rejected", by=by, data={"note": note})
    return document


@transaction.atomic
def document_approve(*, document: Document, by: User) -> Document:
    """Approve a submitted document: never by its submitter, never with open findings or a missing assessment."""
    document = _lock(document)
    if not document.can_review():
        raise PublishingError(
            _("只有待审核的稿件可以审核通过，当前状态：%(s)s。") % {"s": document.get_status_display()},
            code="bad_state",
        )
    if document.submitted_by_id == by.pk:
        raise PublishingError(_("不能审核自己提交的稿件，请由其他审核人员审核。"), code="own_submission")
    if document.sensitive and not RiskAssessment.objects.filter(document=document).exists():
        raise PublishingError(
            _("该文件涉及舆情风险，审核前须记录舆情风险评估。"), code="risk_assessment_required"
        )
    _require_no_findings(document)
    document.status = S.APPROVED
    document.approved_by = by
    document.save(update_fields=["status", "approved_by", "updated_at"])
    audit.record(document, "publishing.document.approved", by=by)
    return document


def _log(action: str, document: Document, effective_at: datetime, now: datetime) -> None:
    content = (
        None
        if action in (TransparencyEntry.Action.WITHDRAW, TransparencyEntry.Action.EXPIRE)
        else document_content(document)
    )
    transparency.append(
        action=action, object_type="document", index_no=document.index_no, version=document.version,
        content=content, effective_at=effective_at, now=now,
    )  # fmt: skip


def _go_public(document: Document, *, at: datetime, now: datetime, by: User, change_note: str = "") -> None:
    content = document_content(document)
    DocumentVersion.objects.create(
        document=document,
        version=document.version,
        title=document.title,
        doc_number=document.doc_number,
        body=document.body,
        attachments=[{"name": a.name, "sha256": a.sha256} for a in document.attachments.all()],
        change_note=change_note,
        published_at=at,
        content_sha256=transparency.content_hash(content),
    )
    action = TransparencyEntry.Action.PUBLISH if document.version == 1 else TransparencyEntry.Action.AMEND
    _log(action, document, at, now)
    search_touch("document", document.index_no)


def _mark_targets(document: Document, *, at: datetime, now: datetime, by: User) -> None:
    validity = {
        DocumentRelation.Kind.AMENDS: Document.Validity.AMENDED,
        DocumentRelation.Kind.REPEALS: Document.Validity.REPEALED,
    }
    for relation in document.relations.select_related("target"):
        target = _lock(relation.target)
        target.validity = validity[DocumentRelation.Kind(relation.kind)]
        target.save(update_fields=["validity", "updated_at"])
        audit.record(
            target,
            "publishing.document.validity_changed",
            by=by,
            data={"validity": target.validity, "by_document": document.index_no},
        )
        if target.status in (S.PUBLISHED, S.SCHEDULED):
            _log(TransparencyEntry.Action.VALIDITY, target, at, now)


@transaction.atomic
def document_publish(
    *, document: Document, by: User, at: datetime | None = None, now: datetime | None = None
) -> Document:
    """Publish an approved document now or at AT; a policy goes out together with its interpretations."""
    now = now or timezone.now()
    at = at or now
    document = _lock(document)
    if not document.can_publish():
        raise PublishingError(
            _("只有审核通过的文件可以发布，当前状态：%(s)s。") % {"s": document.get_status_display()},
            code="bad_state",
        )
    if at < now - timezone.timedelta(minutes=1):
        raise PublishingError(_("定时发布时间不能早于现在。"), code="past_schedule", field="publish_at")
    _require_no_findings(document)
    companions: list[Document] = []
    if document.is_interpretation:
        policy = document.interprets
        assert policy is not None
        if policy.status not in (S.PUBLISHED, S.SCHEDULED):
            raise PublishingError(
                _("政策解读须与所解读的文件同步发布：请发布文件“%(t)s”，解读将随之发布。")
                % {"t": policy.title},
                code="interpretation_alone",
            )
        at = max(at, policy.publish_at or at)
    if document.requires_interpretation:
        companions = list(Document.objects.select_for_update().filter(interprets=document, status=S.APPROVED))
        has_public = Document.objects.filter(
            interprets=document, status__in=[S.PUBLISHED, S.SCHEDULED]
        ).exists()
        if not companions and not has_public:
            raise PublishingError(
                _("该文件需要政策解读（三同步），请先完成解读稿的审核，再一并发布。"),
                code="interpretation_required",
            )
    for item in [document, *companions]:
        _require_no_findings(item)
        item.status = S.PUBLISHED if at <= now else S.SCHEDULED
        item.publish_at = at
        item.save(update_fields=["status", "publish_at", "updated_at"])
        _go_public(item, at=at, now=now, by=by)
        audit.record(
            item,
            "publishing.document.published",
            by=by,
            data={"publish_at": at.isoformat(), "with": document.index_no},
        )
    _mark_targets(document, at=at, now=now, by=by)
    return document


@transaction.atomic
def document_withdraw(*, document: Document, by: User, reason: str, now: datetime | None = None) -> Document:
    """Withdraw a public document; its page stays as a dated notice with the public reason."""
    now = now or timezone.now()
    document = _lock(document)
    if not document.can_withdraw():
        raise PublishingError(
            _("只有已发布或定时发布的文件可以撤回，当前状态：%(s)s。") % {"s": document.get_status_display()},
            code="bad_state",
        )
    if not reason.strip():
        raise PublishingError(_("撤回须写明向公众说明的原因。"), code="reason_required", field="reason")
    document.status = S.WITHDRAWN
    document.withdrawn_at = now
    document.withdrawal_reason = reason.strip()[:300]
    document.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    _log(TransparencyEntry.Action.WITHDRAW, document, now, now)
    audit.record(document, "publishing.document.withdrawn", by=by, data={"reason": reason})
    search_touch("document", document.index_no)
    return document


@transaction.atomic
def document_expire(*, document: Document, by: User | None, now: datetime | None = None) -> Document:
    now = now or timezone.now()
    document = _lock(document)
    if document.status != S.PUBLISHED:
        raise PublishingError(_("只有已发布的文件可以下线。"), code="bad_state")
    document.status = S.EXPIRED
    document.expired_at = now
    document.save(update_fields=["status", "expired_at", "updated_at"])
    _log(TransparencyEntry.Action.EXPIRE, document, now, now)
    audit.record(document, "publishing.document.expired", by=by)
    search_touch("document", document.index_no)
    return document


@transaction.atomic
def document_amend(
    *,
    document: Document,
    by: User,
    change_note: str = "",
    minor: bool = False,
    now: datetime | None = None,
    **fields: Any,
) -> Document:
    """Publish a new version of a published document; a change note is required unless it is a minor correction."""
    now = now or timezone.now()
    document = _lock(document)
    if not document.can_amend():
        raise PublishingError(_("只有已发布的文件可以修订。"), code="bad_state")
    unknown = set(fields) - AMENDABLE_FIELDS
    if unknown:
        raise TypeError(f"fields that cannot be amended: {sorted(unknown)}")
    if not minor and not change_note.strip():
        raise PublishingError(
            _("修订须填写修订说明；仅更正错别字等可选择“小幅更正”。"),
            code="change_note_required",
            field="change_note",
        )
    if "body" in fields:
        fields["body"] = sanitize(fields["body"])
    for name, value in fields.items():
        setattr(document, name, value)
    _full_clean(document)
    _require_no_findings(document)
    document.version += 1
    document.save()
    _go_public(document, at=now, now=now, by=by, change_note=change_note.strip() or _("小幅更正"))
    audit.record(
        document,
        "publishing.document.amended",
        by=by,
        data={"version": document.version, "fields": sorted(fields), "minor": minor},
    )
    return document


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
        status=S.PUBLISHED if publish_at <= timezone.now() else S.SCHEDULED, **fields,
    )  # fmt: skip
    document.body = sanitize(document.body)
    document.formed_on = document.formed_on or document.written_on or timezone.localdate(publish_at)
    document.created_by = by
    _full_clean(document)
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
    _go_public(document, at=publish_at, now=timezone.now(), by=by)  # type: ignore[arg-type]
    audit.record(document, "publishing.document.imported", by=by, data={"index_no": index_no})
    return document


def privacy_findings_in(document: Document) -> list[privacy.Finding]:
    """Return the personal data in an unsaved document's own text (no decisions, no attachments)."""
    allow = public_allowlist()
    return [f for text in own_text_fields(document).values() for f in privacy.scan(text, allow=allow)]


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
