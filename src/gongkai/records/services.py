"""State changes of records: drafting and bulk imports here, the review workflow in `core.workflow`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.core import index_numbers, privacy, workflow
from gongkai.core.models import Unit, User

from .errors import RecordError
from .kind import TEXT_FIELDS, full_clean, public_texts, refuse_unscannable, set_fields
from .models import PublishedRecord, RecordStatus, Removal
from .registry import RecordType

S = RecordStatus


def _kind(record_type: RecordType) -> Any:
    return workflow.kind_of(record_type.model)


@transaction.atomic
def record_create(
    record_type: RecordType, *, by: User | None, unit: Unit, data: dict[str, Any], status: str = S.DRAFT
) -> Any:
    """Create a draft (or, from an import, a record waiting for review) with a new 索引号."""
    record = record_type.model(unit=unit, status=status, created_by=by, last_edited_by=by)
    if status == S.SUBMITTED:
        record.submitted_by = by
    set_fields(record_type, record, data)
    full_clean(record_type, record)
    record.index_no = index_numbers.next_number(unit=unit, year=_kind(record_type).formed_year(record))
    record.save()
    workflow.changed(record, "created", by=by, status=status)
    return record


@transaction.atomic
def record_update(record_type: RecordType, record: PublishedRecord, *, by: User, data: dict[str, Any]) -> Any:
    record = workflow.lock(record)
    if not record.can_edit():
        raise RecordError(
            f"只有草稿可以修改，已发布的请用“更正”，当前状态：{record.get_shown_display()}。",
            code="bad_state",
        )
    set_fields(record_type, record, data)
    full_clean(record_type, record)
    workflow.edited(record, by=by)
    record.save()
    workflow.changed(record, "changed", by=by, fields=sorted(data))
    return record


def privacy_findings(record_type: RecordType, record: PublishedRecord) -> list[tuple[str, privacy.Finding]]:
    """Return personal data in what the public would see of RECORD, as (field, finding)."""
    return _kind(record_type).findings(record)


@transaction.atomic
def record_redact(record_type: RecordType, record: PublishedRecord, *, by: User) -> Any:
    """Replace each personal-data finding in the draft's own fields by its masked form."""
    record = workflow.lock(record)
    if not record.can_edit():
        raise RecordError(
            f"只有草稿可以去标识化处理，当前状态：{record.get_shown_display()}。", code="bad_state"
        )
    allow = privacy.public_allowlist()
    texts = {
        f.name: getattr(record, f.name) or ""
        for f in record_type.public_fields()
        if isinstance(f, TEXT_FIELDS) and f.name not in record_type.masks
    }
    refuse_unscannable(record_type, texts)
    count = 0
    for name, text in texts.items():
        findings = privacy.scan(text, allow=allow)
        if findings:
            setattr(record, name, privacy.redact(text, findings))
            count += len(findings)
    workflow.edited(record, by=by)
    record.save()
    workflow.changed(record, "redacted", by=by, count=count)
    return record


def record_submit(record_type: RecordType, record: PublishedRecord, *, by: User) -> Any:
    return workflow.submit(record, by=by)


def record_reject(record_type: RecordType, record: PublishedRecord, *, by: User, note: str) -> Any:
    return workflow.reject(record, by=by, note=note)


def record_approve(record_type: RecordType, record: PublishedRecord, *, by: User) -> Any:
    """Approve a submitted record: never by its submitter or last editor, never with personal data showing."""
    return workflow.approve(record, by=by)


def record_publish(
    record_type: RecordType, record: PublishedRecord, *, by: User, at: datetime | None = None,
    now: datetime | None = None,
) -> Any:  # fmt: skip
    """Publish an approved record now or at AT; its display period comes from its type."""
    return workflow.publish(record, by=by, at=at, now=now)


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
                record = workflow.lock(item)
                workflow.approve_locked(record, by=by, now=now)
                workflow.publish_locked(record, by=by, at=now, now=now)
        except RecordError as exc:
            skipped.append((item.index_no, exc.message))
        else:
            done += 1
    return done, skipped


def record_amend(
    record_type: RecordType, record: PublishedRecord, *, by: User, data: dict[str, Any], note: str
) -> Any:
    """Correct a published record: a new version, logged as an amendment, with its reason."""
    return workflow.amend(record, by=by, fields=data, reason=note)


def record_remove(
    record_type: RecordType,
    record: PublishedRecord,
    *,
    by: User,
    reason: str,
    removal: str = Removal.WITHDRAWN,
) -> Any:
    """Take a published record off the public channels early (撤回, 信用修复 …), with the public reason."""
    return workflow.withdraw(record, by=by, reason=reason, removal=removal)


def _check_unique(record_type: RecordType, records: list[Any]) -> None:
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


@transaction.atomic
def records_import_published(
    record_type: RecordType,
    items: list[tuple[Unit, dict[str, Any]]],
    *,
    by: User | None,
    at: datetime,
    now: datetime | None = None,
) -> list[Any]:
    """Bring in a catalog that is already public elsewhere (e.g. a county's 权责清单) in one batch.

    Every row is checked as a single record would be (fields, uniqueness, personal data, the type's
    publication rule); one failure rolls back the whole batch. The rows are logged as published at AT.
    """
    kind = _kind(record_type)
    allow = privacy.public_allowlist()
    records = []
    for number, (unit, data) in enumerate(items, start=1):
        record = record_type.model(
            unit=unit, status=S.PUBLISHED, publish_at=at, created_by=by, submitted_by=by, approved_by=by,
            last_edited_by=by,
        )  # fmt: skip
        set_fields(record_type, record, data)
        try:
            full_clean(record_type, record, validate_unique=False)
            found = privacy.findings(public_texts(record_type, record), allow=allow)
            if found:
                raise RecordError(kind.findings_message(found), code="privacy_findings", field=found[0][0])
            kind.check_publish(record, at)
        except RecordError as exc:
            raise RecordError(f"第{number}条：{exc.message}", code=exc.code, field=exc.field) from exc
        record.publish_until = kind.display_until(record)
        records.append(record)
    _check_unique(record_type, records)
    groups: dict[tuple[int, int], list[Any]] = {}
    for record in records:
        formed = getattr(record, record_type.date_field)
        groups.setdefault((record.unit_id, formed.year if formed else at.year), []).append(record)
    for (_unit_id, year), members in groups.items():
        numbers = index_numbers.next_numbers(unit=members[0].unit, year=year, count=len(members))
        for record, index_no in zip(members, numbers, strict=True):
            record.index_no = index_no
    record_type.model.objects.bulk_create(records, batch_size=500)
    workflow.imported(kind, records, by=by, at=at, now=now)
    return records
