"""What the public may see of procurement: processes with at least one public notice, and their notices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from gongkai.core.models import Unit, User
from gongkai.core.permissions import units_visible_to
from gongkai.core.publishable import visible_q

from .models import Method, Notice, NoticeKind, Process

K = NoticeKind


class Stage:
    """Where a process stands, derived from its public notices (never stored)."""

    LABELS = {
        "planned": _("意向公开"),
        "tendering": _("采购中"),
        "awarded": _("已确定结果"),
        "contracted": _("已签订合同"),
        "terminated": _("已终止"),
    }

    @staticmethod
    def of(kinds: set[str]) -> str:
        if K.TERMINATION in kinds:
            return "terminated"
        if K.CONTRACT in kinds:
            return "contracted"
        if K.AWARD in kinds:
            return "awarded"
        if kinds & {K.TENDER, K.CORRECTION}:
            return "tendering"
        return "planned"


def public_notices(now: datetime | None = None) -> QuerySet[Notice]:
    return Notice.objects.filter(visible_q(now))


@dataclass(frozen=True)
class ProcessFilters:
    buyer: str = ""  # a unit's code
    method: str = ""
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    since: date | None = None
    until: date | None = None
    q: str = ""

    def as_query(self) -> dict[str, str]:
        values = {
            "buyer": self.buyer, "method": self.method, "min_amount": self.min_amount, "max_amount": self.max_amount,
            "since": self.since, "until": self.until, "q": self.q,
        }  # fmt: skip
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


class FilterError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _decimal(params: Mapping[str, str], name: str, label: str) -> Decimal | None:
    raw = params.get(name, "").strip().replace(",", "")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise FilterError(name, _("%(l)s须为数字（元）。") % {"l": label}) from None
    if not value.is_finite() or value < 0:
        raise FilterError(name, _("%(l)s不能为负数。") % {"l": label})
    return value


def _date(params: Mapping[str, str], name: str, label: str) -> date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FilterError(name, _("%(l)s须为日期（YYYY-MM-DD）。") % {"l": label}) from None


def parse_filters(params: Mapping[str, str]) -> ProcessFilters:
    """Read the process filters from query parameters; a bad value raises FilterError naming the field."""
    method = params.get("method", "").strip()
    if method and method not in Method.values:
        raise FilterError("method", _("采购方式的取值不正确。"))
    filters = ProcessFilters(
        buyer=params.get("buyer", "").strip()[:18], method=method,
        min_amount=_decimal(params, "min_amount", _("最低预算")), max_amount=_decimal(params, "max_amount", _("最高预算")),
        since=_date(params, "since", _("起始日期")), until=_date(params, "until", _("截止日期")),
        q=params.get("q", "").strip()[:100],
    )  # fmt: skip
    if (
        filters.min_amount is not None
        and filters.max_amount is not None
        and filters.min_amount > filters.max_amount
    ):
        raise FilterError("max_amount", _("最高预算不能低于最低预算。"))
    if filters.since and filters.until and filters.since > filters.until:
        raise FilterError("until", _("截止日期不能早于起始日期。"))
    return filters


def public_processes(filters: ProcessFilters | None = None, now: datetime | None = None) -> QuerySet[Process]:
    """Processes with a public notice, newest public notice first, each with its public notices prefetched.

    The date range matches processes with a public notice dated within it.
    """
    filters = filters or ProcessFilters()
    visible = public_notices(now).filter(process=OuterRef("pk"))
    if filters.since:
        visible = visible.filter(notice_date__gte=filters.since)
    if filters.until:
        visible = visible.filter(notice_date__lte=filters.until)
    processes = Process.objects.filter(Exists(visible)).select_related("unit")
    if filters.buyer:
        processes = processes.filter(Q(unit__code=filters.buyer) | Q(buyer_uscc=filters.buyer))
    if filters.method:
        processes = processes.filter(method=filters.method)
    if filters.min_amount is not None:
        processes = processes.filter(budget__gte=filters.min_amount)
    if filters.max_amount is not None:
        processes = processes.filter(budget__lte=filters.max_amount)
    if filters.q:
        processes = processes.filter(Q(title__icontains=filters.q) | Q(code__iexact=filters.q))
    latest = (
        public_notices(now).filter(process=OuterRef("pk")).order_by("-publish_at").values("publish_at")[:1]
    )
    return (
        processes.annotate(last_public=latest)
        .order_by("-last_public", "-id")
        .prefetch_related(Prefetch("notices", queryset=_timeline(now), to_attr="public_notices"))
    )


def _timeline(now: datetime | None = None) -> QuerySet[Notice]:
    return (
        public_notices(now).select_related("unit").prefetch_related("documents").order_by("publish_at", "id")
    )


def public_process(code: str, now: datetime | None = None) -> Process | None:
    """The process CODE with its public notices in publication order, or None when none is public."""
    return public_processes(now=now).filter(code=code).first()


def process_by_ocid(ocid: str, prefix: str, now: datetime | None = None) -> Process | None:
    if not ocid.startswith(prefix + "-"):
        return None
    return public_process(ocid[len(prefix) + 1 :], now)


def stage_of(process: Process) -> str:
    return Stage.of({n.kind for n in process.public_notices})  # type: ignore[attr-defined]


def staff_processes(user: User) -> QuerySet[Process]:
    return (
        Process.objects.filter(unit__in=units_visible_to(user, "records.record.view"))
        .select_related("unit")
        .prefetch_related("notices")
    )


def units_buying(now: datetime | None = None) -> QuerySet[Unit]:
    """The units with a public process, for the buyer filter."""
    return Unit.objects.filter(pk__in=public_processes(now=now).order_by().values("unit")).order_by("code")
