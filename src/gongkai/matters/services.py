"""Approval cases: upserted from the service center's exports, watched against the promised limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, crypto, files
from gongkai.core.calendar import WorkCalendar
from gongkai.core.models import User
from gongkai.records.errors import RecordError

from .models import ApprovalCase, CaseStep, Matter, MatterForm


def code_digest(case_no: str, code: str) -> str:
    return crypto.query_code_digest(case_no, code, scope="matters")


def verify_code(case: ApprovalCase, code: str) -> bool:
    return crypto.query_code_matches(case.code_digest, case.case_no, code, scope="matters")


@dataclass(frozen=True)
class CaseRow:
    case_no: str
    matter: Matter
    applicant: str
    applicant_is_person: bool
    query_code: str
    received_at: datetime
    status: str
    finished_at: datetime | None
    step: str
    step_started_at: datetime | None
    step_finished_at: datetime | None
    handler: str
    result: str


@transaction.atomic
def case_upsert(row: CaseRow, calendar: WorkCalendar) -> bool:
    """Create or update a case and one of its steps; return whether anything changed."""
    changed = False
    case = ApprovalCase.objects.select_for_update().filter(case_no=row.case_no).first()
    due = (
        calendar.due_date(timezone.localdate(row.received_at), row.matter.promised_days).due_date
        if row.matter.promised_days
        else None
    )
    values = {
        "matter": row.matter, "unit": row.matter.unit, "applicant": row.applicant,
        "applicant_is_person": row.applicant_is_person, "received_at": row.received_at, "promised_due": due,
        "status": row.status, "finished_at": row.finished_at,
    }  # fmt: skip
    if case is None:
        case = ApprovalCase.objects.create(
            case_no=row.case_no, code_digest=code_digest(row.case_no, row.query_code), **values
        )
        audit.record(case, "matters.case.imported", by=None, data={"matter": row.matter.code})
        changed = True
    else:
        updates = {k: v for k, v in values.items() if getattr(case, k) != v}
        if updates:
            for key, value in updates.items():
                setattr(case, key, value)
            case.save()
            changed = True
    if row.step and row.step_started_at:
        step, created = CaseStep.objects.get_or_create(
            case=case, name=row.step, started_at=row.step_started_at,
            defaults={"finished_at": row.step_finished_at, "handler": row.handler, "result": row.result},
        )  # fmt: skip
        if not created and (step.finished_at, step.handler, step.result) != (
            row.step_finished_at, row.handler, row.result,
        ):  # fmt: skip
            step.finished_at, step.handler, step.result = row.step_finished_at, row.handler, row.result
            step.save()
            changed = True
        changed = changed or created
    return changed


def is_overdue(case: ApprovalCase, today: date | None = None) -> bool:
    """Past the promised limit: still open after the due day, or finished after it."""
    if case.promised_due is None or case.status == ApprovalCase.Status.WITHDRAWN:
        return False
    if case.finished_at is not None:
        return timezone.localdate(case.finished_at) > case.promised_due
    return (today or timezone.localdate()) > case.promised_due


def overdue_open_cases(units: Any) -> Any:
    return ApprovalCase.objects.filter(
        unit__in=units, status=ApprovalCase.Status.IN_PROGRESS, promised_due__lt=timezone.localdate()
    ).select_related("matter", "unit")


def masked_applicant(case: ApprovalCase) -> str:
    """An organisation in full; a person by surname only (王**)."""
    if not case.applicant_is_person:
        return str(case.applicant)
    if len(case.applicant) < 2:
        return "申请人"
    return case.applicant[0] + "*" * (len(case.applicant) - 1)


@transaction.atomic
def matter_attach_form(*, matter: Matter, by: User, name: str, data: bytes) -> MatterForm:
    """Add a downloadable application form to a matter (any state: forms change with practice)."""
    name = files.safe_name(name, "form")
    try:
        kind = files.check(name, data)
    except files.FileRejected as exc:
        raise RecordError(exc.message, code=exc.code, field="file") from exc
    form = MatterForm.objects.create(
        matter=matter, name=name, sha256=files.store(data), size=len(data), content_type=files.KINDS[kind][0]
    )
    audit.record(matter, "matters.matter.form_added", by=by, data={"name": name, "sha256": form.sha256})
    return form
