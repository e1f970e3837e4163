"""Each registered record type as a published kind of the one workflow."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from gongkai.core import errors, privacy, workflow

from .errors import RecordError
from .models import PublishedRecord, Removal

if TYPE_CHECKING:
    from .registry import RecordType

TEXT_FIELDS = (models.CharField, models.TextField)
# Set by the services themselves, never from input: not re-validated (each foreign key costs a query).
NOT_VALIDATED = [
    "index_no",
    "unit",
    "created_by",
    "submitted_by",
    "approved_by",
    "last_edited_by",
    "withdrawn_by",
]


def full_clean(record_type: RecordType, record: PublishedRecord, **options: Any) -> None:
    """Validate RECORD, and refuse a public text longer than the personal-data guard scans on a request."""
    # The check constraints hold by construction here and in the database; validating them in Python
    # would cost a query each.
    errors.full_clean(record, RecordError, exclude=NOT_VALIDATED, validate_constraints=False, **options)
    refuse_unscannable(record_type, public_texts(record_type, record))


def refuse_unscannable(record_type: RecordType, texts: Mapping[str, str]) -> None:
    """Refuse (`too_long`, naming the field) a text beyond `GONGKAI_PRIVACY_SCAN_MAX_CHARS`: a record
    has no attachment to move it to, so it must be shortened."""
    privacy.refuse_too_long(texts, RecordError, record_type.label)


def set_fields(record_type: RecordType, record: PublishedRecord, data: Mapping[str, Any]) -> None:
    editable = {f.name for f in record_type.own_fields()}
    for name, value in data.items():
        if name not in editable:
            raise RecordError(f"不能修改字段 {name}。", code="not_editable", field=name)
        setattr(record, name, value.strip() if isinstance(value, str) else value)


def public_texts(record_type: RecordType, record: PublishedRecord) -> dict[str, str]:
    """The free text the public would read of RECORD, by field (official contacts and choices left out)."""
    return {
        f.name: record_type.public_text(record, f.name)
        for f in record_type.public_fields()
        if f.name not in record_type.official_fields and isinstance(f, TEXT_FIELDS) and not f.choices
    }


class RecordKind(workflow.Kind[PublishedRecord]):
    error = RecordError
    withdrawal_prompt = "请写明撤下原因（记录在案，不向公众公开）。"

    def __init__(self, record_type: RecordType) -> None:
        self.record_type = record_type
        self.model = record_type.model
        self.slug = record_type.slug
        self.label = record_type.name
        self.log_type = record_type.log_type
        self.number_fields = record_type.number_fields

    def formed_year(self, item: PublishedRecord) -> int:
        formed = getattr(item, self.record_type.date_field)
        return formed.year if formed else timezone.localdate().year

    def content(self, item: PublishedRecord) -> dict[str, Any]:
        content = self.record_type.public_content(item)
        if self.record_type.log_extra is not None:
            content.update(self.record_type.log_extra(item))
        return content

    def public_title(self, item: PublishedRecord) -> str:
        return self.record_type.title_of(item)  # str() of a party is its full name: staff only

    def findings(self, item: PublishedRecord) -> workflow.Findings:
        texts = public_texts(self.record_type, item)
        refuse_unscannable(self.record_type, texts)  # e.g. stored before the cap, or the cap lowered
        return privacy.findings(texts)

    def findings_message(self, found: workflow.Findings) -> str:
        fields = "、".join(dict.fromkeys(self.record_type.label(name) for name, _f in found))
        kinds = "、".join(sorted({f.label for _n, f in found}))
        return f"{fields}中有个人信息（{kinds}），须先去标识化处理。"

    def display_until(self, item: PublishedRecord) -> datetime | None:
        """The start of the type's first day off the public channels."""
        if self.record_type.display_until is None:
            return None
        last = self.record_type.display_until(item)
        return None if last is None else timezone.make_aware(datetime.combine(last, time.min))

    def check_publish(self, item: PublishedRecord, at: datetime) -> None:
        refusal = self.record_type.publish_check(item) if self.record_type.publish_check else None
        if refusal:
            raise RecordError(refusal, code="not_publishable")

    def check_withdraw(self, item: PublishedRecord, details: Mapping[str, Any]) -> None:
        removal = details.get("removal", Removal.WITHDRAWN)
        if removal not in Removal.values:
            raise RecordError("撤下方式不正确。", code="invalid", field="removal")
        check = self.record_type.removal_check
        refusal = check(item, removal) if check else None
        if refusal:
            raise RecordError(refusal, code="removal_refused", field="removal")

    def on_withdrawn(self, item: PublishedRecord, details: Mapping[str, Any]) -> None:
        item.removal = details.get("removal", Removal.WITHDRAWN)

    def apply(self, item: PublishedRecord, fields: Mapping[str, Any]) -> None:
        set_fields(self.record_type, item, fields)
        full_clean(self.record_type, item)
