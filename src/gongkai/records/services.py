"""State changes of records. Each is one transaction: the change, its audit entry, its log entry."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from gongkai.core import audit, privacy, transparency
from gongkai.core.models import TransparencyEntry, Unit, User
from gongkai.publishing.services import next_index_no, next_index_numbers, public_allowlist
from gongkai.search import registry as search_registry
from gongkai.search import services as search

from .errors import RecordError
from .models import PublishedRecord, RecordStatus, Removal
from .registry import RecordType

S = RecordStatus
TEXT_FIELDS = (models.CharField, models.TextField)
# Set by the services themselves, never from input: not re-validated (each foreign key costs a query).
NOT_VALIDATED = ["index_no", "unit", "created_by", "submitted_by", "approved_by"]


def _lock(record: PublishedRecord) -> Any:
    return type(record).objects.select_for_update().select_related("unit").get(pk=record.pk)


def _full_clean(record: PublishedRecord) -> None:
    try:
        # The check constraints hold by construction here and in the database; validating them in
        # Python would cost a query each.
        record.full_clean(exclude=NOT_VALIDATED, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise RecordError(messages[0], code="invalid", field=field, details=exc.message_dict) from exc


def _state_error(record: PublishedRecord, what: str) -> RecordError:
    return RecordError(
        f"{what}，当前状态：{record.get_status_display()}。",  # type: ignore[attr-defined]
        code="bad_state",
    )


def _audit(record_type: RecordType, record: PublishedRecord, verb: str, by: User | None, **data: Any) -> None:
    audit.record(
        record, f"records.{record_type.slug}.{verb}", by=by, data={"index_no": record.index_no, **data}
    )


def _set_fields(record_type: RecordType, record: PublishedRecord, data: dict[str, Any]) -> None:
    editable = {f.name for f in record_type.own_fields()}
    for name, value in data.items():
        if name not in editable:
            raise RecordError(f"不能修改字段 {name}。", code="not_editable", field=name)
        setattr(record, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def record_create(
    record_type: RecordType, *, by: User | None, unit: Unit, data: dict[str, Any], status: str = S.DRAFT
) -> Any:
    """Create a draft (or, from an import, a record waiting for review) with a new 索引号."""
    record = record_type.model(unit=unit, status=status, created_by=by)
    if status == S.SUBMITTED:
        record.submitted_by = by
    _set_fields(record_type, record, data)
    _full_clean(record)
    formed = getattr(record, record_type.date_field)
    year = formed.year if formed else timezone.localdate().year
    record.index_no = next_index_no(unit=unit, year=year)
    record.save()
    _audit(record_type, record, "created", by, status=status)
    return record


@transaction.atomic
def record_update(record_type: RecordType, record: PublishedRecord, *, by: User, data: dict[str, Any]) -> Any:
    record = _lock(record)
    if record.status != S.DRAFT:
        raise _state_error(record, "只有草稿可以修改，已发布的请用“更正”")
    _set_fields(record_type, record, data)
    _full_clean(record)
    record.save()
    _audit(record_type, record, "changed", by, fields=sorted(data))
    return record


def privacy_findings(
    record_type: RecordType, record: PublishedRecord, allow: set[str] | None = None
) -> list[tuple[str, privacy.Finding]]:
    """Return personal data in what the public would see of RECORD, as (field, finding)."""
    allow = public_allowlist() if allow is None else allow
    found = []
    for model_field in record_type.public_fields():
        if model_field.name in record_type.official_fields:
            continue
        if isinstance(model_field, TEXT_FIELDS) and not model_field.choices:
            text = record_type.public_text(record, model_field.name)
            found.extend((model_field.name, f) for f in privacy.scan(text, allow=allow))
    return found


def _require_no_findings(
    record_type: RecordType, record: PublishedRecord, allow: set[str] | None = None
) -> None:
    findings = privacy_findings(record_type, record, allow)
    if findings:
        fields = "、".join(dict.fromkeys(record_type.label(name) for name, _f in findings))
        kinds = "、".join(sorted({f.label for _n, f in findings}))
        raise RecordError(
            f"{fields}中有个人信息（{kinds}），须先去标识化处理。",
            code="privacy_findings",
            field=findings[0][0],
            details=[{"field": name, **f.as_dict()} for name, f in findings],
        )


@transaction.atomic
def record_redact(record_type: RecordType, record: PublishedRecord, *, by: User) -> Any:
    """Replace each personal-data finding in the draft's own fields by its masked form."""
    record = _lock(record)
    if record.status != S.DRAFT:
        raise _state_error(record, "只有草稿可以去标识化处理")
    allow = public_allowlist()
    count = 0
    for model_field in record_type.public_fields():
        if isinstance(model_field, TEXT_FIELDS) and model_field.name not in record_type.masks:
            text = getattr(record, model_field.name) or ""
            findings = privacy.scan(text, allow=allow)
            if findings:
                setattr(record, model_field.name, privacy.redact(text, findings))
                count += len(findings)
    record.save()
    _audit(record_type, record, "redacted", by, count=count)
    return record


@transaction.atomic
def record_submit(record_type: RecordType, record: PublishedRecord, *, by: User) -> Any:
    record = _lock(record)
    if record.status != S.DRAFT:
        raise _state_error(record, "只有草稿可以提交审核")
    record.status, record.submitted_by, record.review_note = S.SUBMITTED, by, ""
    record.save(update_fields=["status", "submitted_by", "review_note", "updated_at"])
    _audit(record_type, record, "submitted", by)
    return record


@transaction.atomic
def record_reject(record_type: RecordType, record: PublishedRecord, *, by: User, note: str) -> Any:
    record = _lock(record)
    if record.status not in (S.SUBMITTED, S.APPROVED):
        raise _state_error(record, "只有待审核或已审核未发布的记录可以退回")
    if not note.strip():
        raise RecordError("退回时请写明修改意见。", code="note_required", field="note")
    record.status, record.review_note = S.DRAFT, note.strip()[:300]
    record.save(update_fields=["status", "review_note", "updated_at"])
    _audit(record_type, record, "rejected", by, note=note)
    return record


def _approve(record_type: RecordType, record: PublishedRecord, by: User) -> None:
    if record.status != S.SUBMITTED:
        raise _state_error(record, "只有待审核的记录可以审核通过")
    if record.submitted_by_id == by.pk:
        raise RecordError("不能审核自己提交的记录，请由其他审核人员审核。", code="own_submission")
    _require_no_findings(record_type, record)
    record.status, record.approved_by = S.APPROVED, by
    record.save(update_fields=["status", "approved_by", "updated_at"])
    _audit(record_type, record, "approved", by)


@transaction.atomic
def record_approve(record_type: RecordType, record: PublishedRecord, *, by: User) -> Any:
    """Approve a submitted record: never by its submitter, never with personal data showing."""
    record = _lock(record)
    _approve(record_type, record, by)
    return record


def display_end(record_type: RecordType, record: PublishedRecord) -> datetime | None:
    """Return the moment the record leaves the public channels: the start of its type's end day."""
    if record_type.display_until is None:
        return None
    last = record_type.display_until(record)
    if last is None:
        return None
    return timezone.make_aware(datetime.combine(last, time.min))


def _log(record_type: RecordType, record: PublishedRecord, action: str, at: datetime, now: datetime) -> None:
    content = None if action == TransparencyEntry.Action.WITHDRAW else record_type.public_content(record)
    transparency.append(
        action=action, object_type=record_type.log_type, index_no=record.index_no, version=record.version,
        content=content, effective_at=at, now=now,
    )  # fmt: skip


def _publish(record_type: RecordType, record: PublishedRecord, by: User, at: datetime, now: datetime) -> None:
    if record.status != S.APPROVED:
        raise _state_error(record, "只有审核通过的记录可以发布")
    _require_no_findings(record_type, record)
    refusal = record_type.publish_check(record) if record_type.publish_check else None
    if refusal:
        raise RecordError(refusal, code="not_publishable")
    until = display_end(record_type, record)
    if until is not None and until <= at:
        raise RecordError(
            f"该记录的公示期已于 {timezone.localdate(until):%Y-%m-%d} 结束，不再公开。",
            code="display_period_over",
        )
    record.status, record.publish_at, record.publish_until = S.PUBLISHED, at, until
    record.save(update_fields=["status", "publish_at", "publish_until", "updated_at"])
    _log(record_type, record, TransparencyEntry.Action.PUBLISH, at, now)
    _audit(record_type, record, "published", by, publish_at=at.isoformat())
    search.touch(record_type.slug, record.index_no)


@transaction.atomic
def record_publish(
    record_type: RecordType, record: PublishedRecord, *, by: User, at: datetime | None = None,
    now: datetime | None = None,
) -> Any:  # fmt: skip
    """Publish an approved record now or at AT; its display period comes from its type."""
    now = now or timezone.now()
    at = at or now
    if at < now - timezone.timedelta(minutes=1):
        raise RecordError("定时发布时间不能早于现在。", code="past_schedule", field="publish_at")
    record = _lock(record)
    _publish(record_type, record, by, at, now)
    return record


@transaction.atomic
def records_approve_and_publish(
    record_type: RecordType, records: Iterable[PublishedRecord], *, by: User
) -> tuple[int, list[tuple[str, str]]]:
    """Approve and publish each submitted record; return (published, [(索引号, reason)] skipped).

    Each record succeeds or fails alone (a savepoint each), so one bad row does not hold back the rest.
    """
    now = timezone.now()
    done, skipped = 0, []
    for item in records:
        try:
            with transaction.atomic():
                record = _lock(item)
                _approve(record_type, record, by)
                _publish(record_type, record, by, now, now)
        except RecordError as exc:
            skipped.append((item.index_no, exc.message))
        else:
            done += 1
    return done, skipped


@transaction.atomic
def record_amend(
    record_type: RecordType, record: PublishedRecord, *, by: User, data: dict[str, Any], note: str
) -> Any:
    """Correct a published record: a new version, logged as an amendment, with its reason."""
    now = timezone.now()
    record = _lock(record)
    if record.status != S.PUBLISHED:
        raise _state_error(record, "只有已发布的记录可以更正")
    if not note.strip():
        raise RecordError("请写明更正原因。", code="note_required", field="note")
    _set_fields(record_type, record, data)
    _full_clean(record)
    _require_no_findings(record_type, record)
    record.version += 1
    record.publish_until = display_end(record_type, record)
    record.save()
    _log(record_type, record, TransparencyEntry.Action.AMEND, now, now)
    search.touch(record_type.slug, record.index_no)
    _audit(record_type, record, "amended", by, fields=sorted(data), note=note, version=record.version)
    return record


@transaction.atomic
def record_remove(
    record_type: RecordType,
    record: PublishedRecord,
    *,
    by: User,
    reason: str,
    removal: str = Removal.WITHDRAWN,
) -> Any:
    """Take a published record off the public channels early (撤回, 信用修复 …), with the public reason."""
    now = timezone.now()
    record = _lock(record)
    if record.status != S.PUBLISHED:
        raise _state_error(record, "只有已发布的记录可以撤下")
    if removal not in Removal.values:
        raise RecordError("撤下方式不正确。", code="invalid", field="removal")
    if not reason.strip():
        raise RecordError("请写明撤下原因。", code="reason_required", field="reason")
    refusal = record_type.removal_check(record, removal) if record_type.removal_check else None
    if refusal:
        raise RecordError(refusal, code="removal_refused", field="removal")
    record.status, record.removal, record.removal_reason, record.removed_at = (
        S.WITHDRAWN, removal, reason.strip()[:300], now,
    )  # fmt: skip
    record.save(update_fields=["status", "removal", "removal_reason", "removed_at", "updated_at"])
    _log(record_type, record, TransparencyEntry.Action.WITHDRAW, now, now)
    search.touch(record_type.slug, record.index_no)
    _audit(record_type, record, "removed", by, removal=removal, reason=reason)
    return record


@transaction.atomic
def records_import_published(
    record_type: RecordType, items: list[tuple[Unit, dict[str, Any]]], *, by: User | None, at: datetime
) -> list[Any]:
    """Bring in a catalog that is already public elsewhere (e.g. a county's 权责清单) in one batch.

    Every row is checked as a single record would be (fields, uniqueness, personal data, the type's
    publication rule); one failure rolls back the whole batch. The rows are logged as published at AT.
    """
    allow = public_allowlist()
    records = []
    for number, (unit, data) in enumerate(items, start=1):
        record = record_type.model(
            unit=unit, status=S.PUBLISHED, publish_at=at, created_by=by, submitted_by=by, approved_by=by
        )
        _set_fields(record_type, record, data)
        try:
            record.full_clean(exclude=NOT_VALIDATED, validate_unique=False, validate_constraints=False)
            _require_no_findings(record_type, record, allow)
            refusal = record_type.publish_check(record) if record_type.publish_check else None
            if refusal:
                raise RecordError(refusal, code="not_publishable")
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise RecordError(f"第{number}条：{messages[0]}", code="invalid", field=field) from exc
        except RecordError as exc:
            raise RecordError(f"第{number}条：{exc.message}", code=exc.code, field=exc.field) from exc
        record.publish_until = display_end(record_type, record)
        records.append(record)
    for model_field in record_type.own_fields():
        if model_field.unique:
            values = [getattr(r, model_field.name) for r in records]
            clashes = {v for v, n in Counter(values).items() if n > 1}
            for start in range(0, len(values), 1000):  # within the database's limit on parameters
                clashes.update(
                    record_type.model.objects.filter(
                        **{f"{model_field.name}__in": values[start : start + 1000]}
                    ).values_list(model_field.name, flat=True)
                )
            if clashes:
                raise RecordError(
                    f"{record_type.label(model_field.name)}重复：{'、'.join(map(str, sorted(clashes)[:5]))}",
                    code="duplicate", field=model_field.name,
                )  # fmt: skip
    groups: dict[tuple[int, int], list[Any]] = {}
    for record in records:
        formed = getattr(record, record_type.date_field)
        groups.setdefault((record.unit_id, formed.year if formed else at.year), []).append(record)
    for (_unit_id, year), members in groups.items():
        numbers = next_index_numbers(unit=members[0].unit, year=year, count=len(members))
        for record, index_no in zip(members, numbers, strict=True):
            record.index_no = index_no
    record_type.model.objects.bulk_create(records, batch_size=500)
    transparency.append_many(
        [
            transparency.LogItem(
                TransparencyEntry.Action.PUBLISH,
                record_type.log_type,
                r.index_no,
                r.version,
                record_type.public_content(r),
                at,
            )
            for r in records
        ]
    )
    source = search_registry.source(record_type.slug)
    if source is not None:
        search.add_new([source._item(r) for r in records])  # type: ignore[attr-defined]
    audit.record(None, f"records.{record_type.slug}.bulk_published", by=by, data={"count": len(records)})
    return records
