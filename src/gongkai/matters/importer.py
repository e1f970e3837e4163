"""`gongkai import approval-cases FILE`: the service center's export, one row per case step.

Columns (English or Chinese): case_no 办件编号, matter_code 事项编码, applicant 申请人, applicant_type
申请人类型 (自然人 / 法人), query_code 查询码, received_at 受理时间, status 办件状态, finished_at 办结时间,
step 环节, step_started_at 环节开始时间, step_finished_at 环节完成时间, handler 承办岗位, result 意见.
Loading the same file again changes nothing; a later export updates the cases and adds their new steps.
"""

from __future__ import annotations

from datetime import datetime

from gongkai.core.calendar_data import load_calendar
from gongkai.core.importing import CLI, Context, RowError, moment, register

from . import services
from .models import ApprovalCase, Matter

ALIASES = {
    "办件编号": "case_no", "事项编码": "matter_code", "申请人": "applicant", "申请人类型": "applicant_type",
    "查询码": "query_code", "受理时间": "received_at", "办件状态": "status", "办结时间": "finished_at",
    "环节": "step", "环节开始时间": "step_started_at", "环节完成时间": "step_finished_at",
    "承办岗位": "handler", "意见": "result",
}  # fmt: skip
REQUIRED = ("case_no", "matter_code", "applicant", "query_code", "received_at")
PERSON = {"", "自然人", "person", "natural"}
ORGANISATION = {"法人", "法人或其他组织", "organisation", "legal"}
LABELS = {name: label for label, name in ALIASES.items()}


def _empty(name: str) -> RowError:
    return RowError("is empty", field=name, zh=f"{LABELS[name]}为空。")


def _moment(name: str, value: str, *, required: bool = False) -> datetime | None:
    parsed = moment(name, value)
    if parsed is None and required:
        raise _empty(name)
    return parsed


def _status(value: str) -> str:
    value = value.strip() or ApprovalCase.Status.IN_PROGRESS
    for key, label in ApprovalCase.Status.choices:
        if value in (key, str(label)):
            return str(key)
    raise RowError(
        f"{value!r} is not one of: {', '.join(ApprovalCase.Status.values)}",
        field="status",
        zh=f"办件状态“{value}”不是可选值，应为：{'、'.join(str(label) for label in ApprovalCase.Status.labels)}。",
    )


class CaseImporter:
    columns = REQUIRED
    context: Context = CLI
    aliases = ALIASES
    labels = LABELS

    def __init__(self) -> None:
        self.matters = {m.code: m for m in Matter.objects.select_related("unit")}
        self.calendar = load_calendar()

    def missing_columns(self, headers: set[str]) -> list[str]:
        present = {ALIASES.get(h.strip(), h.strip()) for h in headers}
        return [c for c in REQUIRED if c not in present]

    def template_columns(self) -> list[str]:
        return list(ALIASES)

    def load(self, raw: dict[str, str]) -> str:
        row = {ALIASES.get(k.strip(), k.strip()): v.strip() for k, v in raw.items()}
        for name in REQUIRED:
            if not row.get(name):
                raise _empty(name)
        matter = self.matters.get(row["matter_code"])
        if matter is None:
            raise RowError(
                f"no matter with code {row['matter_code']!r}",
                field="matter_code",
                zh=f"事项目录中没有编码为“{row['matter_code']}”的事项。",
            )
        self.context.check_unit(matter.unit, field="matter_code")
        kind = row.get("applicant_type", "")
        if kind not in PERSON | ORGANISATION:
            raise RowError(
                f"{kind!r} is not 自然人 or 法人",
                field="applicant_type",
                zh=f"申请人类型“{kind}”应为“自然人”或“法人”。",
            )
        status = _status(row.get("status", ""))
        finished = _moment("finished_at", row.get("finished_at", ""))
        if status != ApprovalCase.Status.IN_PROGRESS and finished is None:
            raise RowError(
                "a finished case needs its finished_at",
                field="finished_at",
                zh="已办结的办件须填写办结时间。",
            )
        case_row = services.CaseRow(
            case_no=row["case_no"], matter=matter, applicant=row["applicant"], applicant_is_person=kind in PERSON,
            query_code=row["query_code"], received_at=_moment("received_at", row["received_at"], required=True),  # type: ignore[arg-type]
            status=status, finished_at=finished, step=row.get("step", ""),
            step_started_at=_moment("step_started_at", row.get("step_started_at", "")),
            step_finished_at=_moment("step_finished_at", row.get("step_finished_at", "")),
            handler=row.get("handler", ""), result=row.get("result", ""),
        )  # fmt: skip
        if case_row.step and case_row.step_started_at is None:
            raise RowError(
                "a step needs its start time",
                field="step_started_at",
                zh="填写了环节的，须填写环节开始时间。",
            )
        return "created" if services.case_upsert(case_row, self.calendar) else "unchanged"


register("approval-cases", CaseImporter, permission="matters.case.import", label="审批办件")
