"""`gongkai import concerns FILE`: work orders exported by the 12345 hotline (CSV, XLSX or JSON Lines),
idempotent on the order's number (工单编号): a row already imported is left unchanged."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.importing import CLI, Context, RowError, moment
from gongkai.core.queries import units_by_code_and_name

from . import services
from .errors import ConcernError
from .models import Concern, Kind

KINDS = {
    "咨询": Kind.CONSULT, "求助": Kind.CONSULT, "建议": Kind.SUGGEST, "投诉": Kind.COMPLAIN, "举报": Kind.COMPLAIN,
    "consult": Kind.CONSULT, "suggest": Kind.SUGGEST, "complain": Kind.COMPLAIN,
}  # fmt: skip
LABELS = {
    "source_id": "工单编号", "received_at": "来电时间", "kind": "诉求类型", "title": "标题", "body": "诉求内容",
    "name": "来电人", "phone": "联系电话", "unit": "承办单位", "answer": "答复内容", "answered_at": "答复时间",
    "consent": "同意公开",
}  # fmt: skip
YES = {"是", "同意", "1", "yes", "true", "y"}


class HotlineImporter:
    columns = ("source_id", "received_at", "kind", "title", "body", "name", "phone")
    context: Context = CLI

    def __init__(self) -> None:
        self.labels = LABELS
        self.aliases = {name: name for name in LABELS} | {label: name for name, label in LABELS.items()}
        self.units = units_by_code_and_name()

    def missing_columns(self, headers: set[str]) -> list[str]:
        present = {self.aliases.get(h.strip()) for h in headers}
        return [c for c in self.columns if c not in present]

    def template_columns(self) -> list[str]:
        return list(LABELS.values())

    @transaction.atomic
    def load(self, row: dict[str, str]) -> str:
        named = {
            self.aliases[h.strip()]: (v or "").strip()
            for h, v in row.items()
            if h and h.strip() in self.aliases
        }
        source_id = named.get("source_id", "")
        if not source_id:
            raise RowError(
                "the work order number (工单编号) is empty", field="source_id", zh="工单编号为空。"
            )
        if Concern.objects.filter(channel=Concern.Channel.HOTLINE, source_id=source_id).exists():
            return "unchanged"
        kind = KINDS.get(named.get("kind", ""))
        if kind is None:
            raise RowError(
                "unknown kind; one of 咨询, 求助, 建议, 投诉, 举报", field="kind",
                zh=f"诉求类型“{named.get('kind', '')}”不正确，应为咨询、求助、建议、投诉或举报。",
            )  # fmt: skip
        received_at = moment("received_at", named.get("received_at", ""))
        if received_at is None:
            raise RowError("the call time (来电时间) is empty", field="received_at", zh="来电时间为空。")
        unit = None
        if named.get("unit"):
            unit = self.units.get(named["unit"])
            if unit is None:
                raise RowError(
                    "no unit with that code or name", field="unit", zh=f"找不到承办单位“{named['unit']}”。"
                )
            self.context.check_unit(unit)
        try:
            concern, _code = services.concern_submit(
                kind=kind, title=named.get("title", ""), body=named.get("body", ""), name=named.get("name", ""),
                phone=named.get("phone", ""), unit=unit, consent=named.get("consent", "").lower() in YES,
                channel=Concern.Channel.HOTLINE, source_id=source_id, received_at=received_at, by=self.context.by,
            )  # fmt: skip
            answered_at = moment("answered_at", named.get("answered_at", ""))
            if named.get("answer") and answered_at and unit is not None:
                services.concern_answer(
                    concern=concern, answer=named["answer"], by=self.context.by, now=answered_at
                )
        except ConcernError as exc:
            raise RowError(exc.message, field=exc.field or "", zh=exc.message) from None
        return "created"
