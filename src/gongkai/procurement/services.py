"""Setting up procurement processes; their notices go through the records framework and the workflow."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, errors, files, workflow
from gongkai.core.models import Unit, User
from gongkai.core.publishable import State

from .errors import ProcurementError
from .models import DocumentType, Notice, NoticeDocument, Process

EDITABLE = (
    "title",
    "buyer_name",
    "buyer_uscc",
    "agency_name",
    "agency_uscc",
    "method",
    "category",
    "budget",
    "items",
)


def _set(process: Process, data: dict[str, Any]) -> None:
    for name, value in data.items():
        if name not in EDITABLE:
            raise ProcurementError(_("不能修改字段 %(f)s。") % {"f": name}, code="not_editable", field=name)
        setattr(process, name, value.strip() if isinstance(value, str) else value)
    for name in ("buyer_uscc", "agency_uscc"):
        setattr(process, name, getattr(process, name).upper())


@transaction.atomic
def process_create(*, by: User | None, unit: Unit, code: str, data: dict[str, Any]) -> Process:
    """Open a procurement process of UNIT under its 项目编号 CODE (part of its ocid, never changed)."""
    process = Process(unit=unit, code=code.strip(), created_by=by)
    _set(process, data)
    errors.full_clean(process, ProcurementError)
    process.save()
    audit.record(process, "procurement.process.created", by=by, data={"code": process.code})
    return process


@transaction.atomic
def process_update(*, process: Process, by: User, data: dict[str, Any]) -> Process:
    """Change a process while none of its notices is published (after that, a 更正公告 corrects it)."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if process.notices.filter(status__in=[State.PUBLISHED, State.WITHDRAWN]).exists():
        raise ProcurementError(
            _("该项目已有公告发布，项目信息不能再修改，请发布更正公告。"), code="already_published"
        )
    _set(process, data)
    errors.full_clean(process, ProcurementError)
    process.save()
    audit.record(process, "procurement.process.changed", by=by, data={"fields": sorted(data)})
    return process


@transaction.atomic
def notice_attach(
    *, notice: Notice, by: User | None, name: str, data: bytes, document_type: str
) -> NoticeDocument:
    """Add a file (招标文件, 合同 …) to a draft notice; it goes public with the notice and only then."""
    notice = workflow.lock(notice)
    if not notice.can_edit():
        raise ProcurementError(_("只有草稿公告可以添加附件。"), code="not_draft")
    if document_type not in DocumentType.values:
        raise ProcurementError(_("请选择文件类型。"), code="invalid", field="document_type")
    name = files.safe_name(name, "document")
    try:
        kind = files.check(name, data)
    except files.FileRejected as exc:
        raise ProcurementError(exc.message, code=exc.code, field="file") from None
    document = NoticeDocument.objects.create(
        notice=notice, document_type=document_type, name=name, sha256=files.store(data), size=len(data),
        content_type=files.KINDS[kind][0], sort_order=notice.documents.count(),
    )  # fmt: skip
    workflow.edited(notice, by=by)
    notice.save(update_fields=["last_edited_by", "updated_at"])
    workflow.changed(notice, "attached", by=by, name=name, sha256=document.sha256)
    return document


def notice_detach(*, document: NoticeDocument, by: User | None) -> None:
    workflow.detach(document.notice, document, by=by, name=document.name)
