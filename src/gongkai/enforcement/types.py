"""The 双公示 record types: registration, masking, display periods, exchange codes, report counts."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from gongkai.core import privacy
from gongkai.core.models import Unit
from gongkai.core.publishable import visible_q
from gongkai.records import RecordType, register
from gongkai.records.models import RecordStatus, Removal
from gongkai.records.registry import Enterprises
from gongkai.reports.annual import register_section2

from .models import Coercion, Licence, PartyCategory, Penalty

PRIVATE = ("party_id_type", "party_id_no", "legal_rep_id_type", "legal_rep_id_no")
PARTY_FIRST = ("party_name", "party_category", "uscc", "legal_rep")


def _party_of(rank: int, *title_fields: str) -> Enterprises:
    """A decision's 行政相对人 by its credit code; one on a natural person joins no profile."""
    return Enterprises(
        code_field="uscc", name_field="party_name", title_fields=title_fields,
        persons=Q(party_category=PartyCategory.NATURAL), rank=rank,
    )  # fmt: skip


def add_months(day: date, months: int) -> date:
    """Return DAY plus MONTHS calendar months (the 31st becomes the month's last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def display_months() -> dict[str, tuple[int, int]]:
    """Parse GONGKAI_PENALTY_DISPLAY_MONTHS ("general=3-12,serious=12-36,…") into (min, max) months."""
    periods = {}
    for part in str(settings.PENALTY_DISPLAY_MONTHS).split(","):
        severity, _, span = part.strip().partition("=")
        low, _, high = span.partition("-")
        periods[severity.strip()] = (int(low), int(high or low))
    return periods


def party_name(record: Any) -> str:
    """A natural person's name as the configured rule shows it; organisations in full."""
    if record.party_category != PartyCategory.NATURAL:
        return str(record.party_name)
    return privacy.shown_person_name(str(record.party_name))


def penalty_display_until(record: Penalty) -> date | None:
    low_high = display_months().get(record.severity)
    return add_months(record.decided_on, low_high[1]) if low_high else None


def penalty_publish_check(record: Penalty) -> str | None:
    if record.severity == Penalty.Severity.MINOR and not settings.PUBLISH_MINOR_PENALTIES:
        return "轻微违法行为的行政处罚信息一般不公示（可由管理员设置 GONGKAI_PUBLISH_MINOR_PENALTIES）。"
    return None


def penalty_removal_check(record: Penalty, removal: str) -> str | None:
    """信用修复 only after the shortest display period of the record's severity has passed."""
    if removal != Removal.CREDIT_REPAIR:
        return None
    low = display_months().get(record.severity, (0, 0))[0]
    earliest = add_months(record.decided_on, low)
    if timezone.localdate() < earliest:
        return f"最短公示期未满，{earliest:%Y年%m月%d日}起方可信用修复。"
    return None


def _party(prefix: str) -> tuple[tuple[str, str], ...]:
    return (
        (f"{prefix}_XDR_MC", "party_name"), (f"{prefix}_XDR_LB", "party_category"),
        (f"{prefix}_XDR_SHXYM", "uscc"), (f"{prefix}_XDR_GSZC", "business_reg_no"),
        (f"{prefix}_XDR_ZZJG", "org_code"), (f"{prefix}_XDR_SWDJ", "tax_reg_no"),
        (f"{prefix}_XDR_SYDW", "institution_no"), (f"{prefix}_XDR_SHZZ", "social_org_no"),
        (f"{prefix}_FRDB", "legal_rep"), (f"{prefix}_FR_ZJLX", "legal_rep_id_type"),
        (f"{prefix}_FR_ZJHM", "legal_rep_id_no"), (f"{prefix}_XDR_ZJLX", "party_id_type"),
        (f"{prefix}_XDR_ZJHM", "party_id_no"),
    )  # fmt: skip


def licence_guide(licence: Licence) -> dict[str, Any]:
    """The 办事指南 of the matter a licence was granted under, when that matter is public."""
    from gongkai.matters.types import guide_context

    matter = licence.matter
    if matter is None or not type(matter).objects.filter(pk=matter.pk).filter(visible_q()).exists():
        return {}
    return {"matter": matter, **guide_context(matter)}


LICENCES = register(
    Licence,
    RecordType(
        slug="licences", field_order=(*PARTY_FIRST, *("decision_doc_name", "decision_no", "category", "certificate_name", "certificate_no", "content", "decided_on", "valid_from", "valid_to", "state", "permit_type", "matter")), name="行政许可", nav_group="双公示",
        description="行政许可决定，决定后7个工作日内公示",
        title_field="party_name", date_field="decided_on",
        list_columns=("party_name", "decision_no", "category", "decided_on"),
        filters=("category", "party_category", "state", "permit_type"),
        detail_template="enforcement/licence_detail.html", detail_context=licence_guide,
        search_fields=("party_name", "decision_no", "certificate_name", "content", "uscc"),
        number_fields=("decision_no", "certificate_no", "uscc"),
        enterprises=_party_of(10, "certificate_name", "decision_no"),
        private_fields=PRIVATE, masks={"party_name": party_name},
        deadline_days=7, import_key=("decision_no", "party_name"),
        exchange_name="双公示",
        exchange=(
            *_party("XK"),
            ("XK_XKWS", "decision_doc_name"), ("XK_WSH", "decision_no"), ("XK_XKLB", "category"),
            ("XK_XKZS", "certificate_name"), ("XK_XKBH", "certificate_no"), ("XK_NR", "content"),
            ("XK_JDRQ", "decided_on"), ("XK_YXQZ", "valid_from"), ("XK_YXQZI", "valid_to"),
            ("XK_XKJG", "authority"), ("XK_XKJGDM", "authority_uscc"), ("XK_ZT", "state"),
            ("XK_LYDW", "source_unit"), ("XK_LYDWDM", "source_unit_uscc"), ("BZ", "remarks"),
        ),
    ),
)  # fmt: skip

PENALTIES = register(
    Penalty,
    RecordType(
        slug="penalties", field_order=(*PARTY_FIRST, *("decision_no", "violation_type", "facts", "basis", "category", "content", "fine", "confiscated", "licence_affected", "decided_on", "valid_until", "severity")), name="行政处罚", nav_group="双公示", search_weight=1.0,
        description="行政处罚决定，决定后7个工作日内公示，公示期满自动撤下",
        title_field="party_name", date_field="decided_on",
        list_columns=("party_name", "decision_no", "category", "decided_on"),
        filters=("category", "party_category", "severity"),
        search_fields=("party_name", "decision_no", "violation_type", "facts", "content", "uscc"),
        number_fields=("decision_no", "uscc"),
        enterprises=_party_of(20, "violation_type", "decision_no"),
        private_fields=PRIVATE, masks={"party_name": party_name},
        deadline_days=7, display_until=penalty_display_until,
        publish_check=penalty_publish_check, removal_check=penalty_removal_check,
        import_key=("decision_no", "party_name"),
        exchange_name="双公示",
        exchange=(
            *_party("CF"),
            ("CF_XZCFJDSWH", "decision_no"), ("CF_WFXW", "violation_type"), ("CF_SY", "facts"),
            ("CF_YJ", "basis"), ("CF_CFLB", "category"), ("CF_NR", "content"), ("CF_NR_FK", "fine"),
            ("CF_NR_WFFF", "confiscated"), ("CF_NR_ZKDX", "licence_affected"), ("CF_JDRQ", "decided_on"),
            ("CF_YXQ", "valid_until"), ("CF_CFJG", "authority"), ("CF_CFJGDM", "authority_uscc"),
            ("CF_SJLY", "source_unit"), ("CF_SJLYDM", "source_unit_uscc"), ("BZ", "remarks"),
        ),
    ),
)  # fmt: skip

COERCIONS = register(
    Coercion,
    RecordType(
        slug="coercions", field_order=(*PARTY_FIRST, *("decision_no", "kind", "basis", "content", "decided_on")), name="行政强制", nav_group="双公示", search_weight=1.0,
        description="查封、扣押、冻结等行政强制措施和强制执行决定",
        title_field="party_name", date_field="decided_on",
        list_columns=("party_name", "decision_no", "kind", "decided_on"),
        filters=("kind", "party_category"),
        search_fields=("party_name", "decision_no", "content", "uscc"),
        number_fields=("decision_no", "uscc"),
        enterprises=_party_of(30, "kind", "decision_no"),
        private_fields=PRIVATE, masks={"party_name": party_name},
        deadline_days=7, import_key=("decision_no", "party_name"),
    ),
)  # fmt: skip


def _decisions(record_type: RecordType) -> Any:
    def count(year: int, unit: Unit | None) -> int:
        rows = record_type.model.objects.filter(decided_on__year=year).exclude(status=RecordStatus.DRAFT)
        return int((rows.filter(unit=unit) if unit else rows).count())

    return count


register_section2("licensing", _decisions(LICENCES))
register_section2("penalty", _decisions(PENALTIES))
register_section2("coercion", _decisions(COERCIONS))
