"""Writes of public concerns: intake, triage (assign, reclassify, mark invalid), answer, publication
of the answer as 问答, escalation of overdue items."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, crypto, errors, files, privacy, tracking
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import Unit, User
from gongkai.records import registry as records_registry
from gongkai.records import services as records_services

from . import deadlines
from .errors import ConcernError
from .models import Answer, Concern, ConcernFile, ConcernSequence, Kind

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_SCOPE = "concern"
MAX_FILES = 3
REQUIRED = {
    "title": _("请填写标题。"),
    "body": _("请填写留言内容。"),
    "name": _("请填写姓名。"),
    "phone": _("请填写联系电话。"),
}


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def verify_code(concern: Concern, code: str) -> bool:
    return crypto.query_code_matches(concern.code_digest, concern.tracking_no, code, scope=CODE_SCOPE)


def _next_tracking_no(year: int) -> str:
    return tracking.next_number(
        ConcernSequence, year=year, prefix="LY", tag="ly",
        taken=lambda number: Concern.objects.filter(tracking_no=number).exists(),
        exhausted=ConcernError(_("本年度留言编号已用完。"), code="numbers_exhausted"),
    )  # fmt: skip


def _set_due(concern: Concern) -> None:
    found = deadlines.due(concern.kind, concern.received_at, load_calendar())
    concern.due_at, concern.deadline_basis, concern.due_provisional = found.at, found.basis, found.provisional


@transaction.atomic
def concern_submit(
    *,
    kind: str,
    title: str,
    body: str,
    name: str,
    phone: str,
    email: str = "",
    unit: Unit | None = None,
    consent: bool = False,
    uploads: list[Upload] | None = None,
    channel: str = Concern.Channel.PORTAL,
    source_id: str = "",
    received_at: datetime | None = None,
    by: User | None = None,
) -> tuple[Concern, str]:
    """Take a concern; return it and its query code (shown once, kept only as a digest)."""
    values = {"title": title.strip(), "body": body.strip(), "name": name.strip(), "phone": phone.strip()}
    for field, message in REQUIRED.items():
        if not values[field]:
            raise ConcernError(message, code="required", field=field)
    if kind not in Kind.values:
        raise ConcernError(_("请选择留言类型。"), code="invalid", field="kind")
    uploads = uploads or []
    if len(uploads) > MAX_FILES:
        raise ConcernError(_("附件最多 %(n)d 个。") % {"n": MAX_FILES}, code="too_many_files", field="files")
    checked = []
    for upload in uploads:
        try:
            file_kind = files.check(upload.name, upload.data)
        except files.FileRejected as exc:
            raise ConcernError(exc.message, code=exc.code, field="files") from None
        checked.append((upload, files.KINDS[file_kind][0]))
    received_at = received_at or timezone.now()
    code = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _i in range(8))
    concern = Concern(
        tracking_no=_next_tracking_no(timezone.localtime(received_at).year),
        kind=kind, channel=channel, source_id=source_id.strip(), unit=unit, email=email.strip(),
        consent=consent, received_at=received_at, status=Concern.Status.ASSIGNED if unit else Concern.Status.RECEIVED,
        assigned_at=received_at if unit else None, **values,
    )  # fmt: skip
    concern.code_digest = crypto.query_code_digest(concern.tracking_no, code, scope=CODE_SCOPE)
    _set_due(concern)
    errors.full_clean(concern, ConcernError, exclude=["qa"])
    concern.save()
    for upload, content_type in checked:
        ConcernFile.objects.create(
            concern=concern, name=files.safe_name(upload.name), sha256=files.store(upload.data),
            size=len(upload.data), content_type=content_type,
        )  # fmt: skip
    audit.record(
        concern,
        "concerns.concern.received",
        by=by,
        data={"tracking_no": concern.tracking_no, "channel": channel},
    )
    return concern, code


def _locked(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().get(pk=concern.pk)


@transaction.atomic
def concern_assign(
    *, concern: Concern, unit: Unit, by: User, kind: str | None = None, now: datetime | None = None
) -> Concern:
    """Hand CONCERN to UNIT (again, to move it), optionally as another KIND; the deadline follows the kind
    and still runs from receipt."""
    concern = _locked(concern)
    if not concern.is_open():
        raise ConcernError(
            _("这条留言已办结（%(s)s），不能再分办。") % {"s": concern.get_status_display()}, code="bad_state"
        )
    if kind is not None and kind not in Kind.values:
        raise ConcernError(_("请选择留言类型。"), code="invalid", field="kind")
    previous = concern.unit.code if concern.unit else None
    concern.unit, concern.status = unit, Concern.Status.ASSIGNED
    concern.assigned_at = now or timezone.now()
    if kind and kind != concern.kind:
        concern.kind = kind
        _set_due(concern)
    concern.save()
    audit.record(
        concern,
        "concerns.concern.assigned",
        by=by,
        data={"unit": unit.code, "from": previous, "kind": concern.kind},
    )
    return concern


@transaction.atomic
def concern_answer(*, concern: Concern, answer: str, by: User | None, now: datetime | None = None) -> Concern:
    """Record the answer given to the asker; the item is then closed."""
    concern = _locked(concern)
    if concern.status != Concern.Status.ASSIGNED:
        raise ConcernError(_("只有已分办、办理中的留言可以答复。"), code="bad_state")
    if not answer.strip():
        raise ConcernError(_("请填写答复内容。"), code="required", field="answer")
    concern.answer, concern.answered_by = answer.strip(), by
    concern.answered_at = now or timezone.now()
    concern.status = Concern.Status.ANSWERED
    concern.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    audit.record(
        concern, "concerns.concern.answered", by=by, data={"late": concern.answered_at > concern.due_at}
    )
    return concern


@transaction.atomic
def concern_invalidate(*, concern: Concern, reason: str, by: User) -> Concern:
    """Close a message that is not a valid one (advertising, abuse, a duplicate), with the reason."""
    concern = _locked(concern)
    if not concern.is_open():
        raise ConcernError(_("这条留言已办结，不能再标为无效。"), code="bad_state")
    if not reason.strip():
        raise ConcernError(_("请填写无效原因。"), code="required", field="reason")
    concern.status, concern.invalid_reason = Concern.Status.INVALID, reason.strip()
    concern.save(update_fields=["status", "invalid_reason"])
    audit.record(concern, "concerns.concern.invalidated", by=by, data={"reason": reason})
    return concern


def public_text(concern: Concern, text: str) -> str:
    """TEXT with the asker's name and every personal-data finding masked (the personal-data guard)."""
    allow = privacy.public_allowlist()
    text = privacy.redact(text, privacy.scan(text, allow=allow, people=True))
    own = {concern.name: concern.name[:1] + "某", concern.phone: "***"}
    if concern.email:
        own[concern.email] = privacy.mask(privacy.Kind.EMAIL, concern.email)
    for value, shown in own.items():
        if len(value) >= 2:
            text = text.replace(value, shown)
    return text


@transaction.atomic
def concern_publish_qa(*, concern: Concern, by: User) -> Answer:
    """Draft the 问答 record of an answered concern whose asker agreed, personal data removed; it then
    goes through the one workflow (submit, approve, publish) on the records screens."""
    concern = _locked(concern)
    if concern.status != Concern.Status.ANSWERED:
        raise ConcernError(_("只有已答复的留言可以公开。"), code="bad_state")
    if not concern.consent:
        raise ConcernError(_("留言人未同意公开，不能公开这条留言。"), code="no_consent")
    if concern.qa_id is not None:
        raise ConcernError(_("这条留言已生成公开问答。"), code="already")
    assert concern.unit is not None and concern.answered_at is not None  # noqa: S101  type narrowing
    record = records_services.record_create(
        records_registry.type_of(Answer),
        by=by,
        unit=concern.unit,
        data={
            "title": public_text(concern, concern.title),
            "kind": concern.kind,
            "question": public_text(concern, concern.body),
            "answer": public_text(concern, concern.answer),
            "asked_on": timezone.localdate(concern.received_at),
            "answered_on": timezone.localdate(concern.answered_at),
        },
    )
    concern.qa = record
    concern.save(update_fields=["qa"])
    audit.record(concern, "concerns.concern.qa_drafted", by=by, data={"index_no": record.index_no})
    return record


@transaction.atomic
def concerns_escalate(*, now: datetime | None = None) -> list[Concern]:
    """Mark every open concern past its deadline and not yet escalated (督办); return them."""
    now = now or timezone.now()
    late = list(
        Concern.objects.select_for_update(of=("self",))
        .filter(
            status__in=[Concern.Status.RECEIVED, Concern.Status.ASSIGNED], due_at__lt=now, escalated_at=None
        )
        .select_related("unit")
    )
    for concern in late:
        concern.escalated_at = now
        concern.save(update_fields=["escalated_at"])
        audit.record(
            concern, "concerns.concern.escalated", by=None, data={"due_at": concern.due_at.isoformat()}
        )
    return late
