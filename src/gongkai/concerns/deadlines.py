"""Response deadlines by type: working days on the statutory calendar for messages, real hours for
舆情 (48 h) and major incidents (5 h), LAW.md §5. Configurable with `CONCERNS_DEADLINES`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from gongkai.core.calendar import WorkCalendar
from gongkai.sitecheck.indicators import UNANSWERED_DAYS

# kind: (unit, amount); unit "workdays" or "hours". Only the 48 h and 5 h rules are statutory [V]; the
# working days for messages are the county's practice (5 for a consultation; the others the same) [U].
DEFAULT_DEADLINES: dict[str, tuple[str, int]] = {
    "consult": ("workdays", 5),
    "suggest": ("workdays", 5),
    "complain": ("workdays", 5),
    "opinion": ("hours", 48),
    "incident": ("hours", 5),
}
CENSUS_FAIL_DAYS = UNANSWERED_DAYS  # a valid message unanswered > 3 months fails the census (LAW.md §6)


def deadlines() -> dict[str, tuple[str, int]]:
    return DEFAULT_DEADLINES | dict(getattr(settings, "CONCERNS_DEADLINES", {}))


def census_warn_days() -> int:
    """Warn this many days after receipt, before the census's three months run out."""
    return int(getattr(settings, "CONCERNS_CENSUS_WARN_DAYS", 60))


@dataclass(frozen=True)
class Due:
    at: datetime
    basis: str  # how it was counted, in Chinese, e.g. "48小时（按自然时间连续计算）"
    provisional: bool = False


def due(kind: str, received_at: datetime, calendar: WorkCalendar) -> Due:
    """The answer's deadline for a concern of KIND received at RECEIVED_AT."""
    unit, amount = deadlines()[kind]
    if unit == "hours":
        return Due(received_at + timedelta(hours=amount), f"{amount}小时（按自然时间连续计算，不扣除节假日）")
    local = timezone.localtime(received_at)
    found = calendar.due_date(local.date(), amount)
    end = timezone.make_aware(datetime.combine(found.due_date, time(23, 59, 59)))
    return Due(end, f"{amount}个工作日（按法定节假日安排，自收到次日起算）", found.provisional)
