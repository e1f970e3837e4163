"""The statutory reply clock of one application (LAW.md §3), derived from its events every time.

Plain Python over the working-day calendar, so a holiday table imported later moves every open
case's due date, and the arithmetic can be tested exhaustively:

- due = the 20th working day strictly after the receipt date;
- a 补正 notice stops the clock; receipt of the supplement restarts the full 20 days from that day;
- a pause (third party, co-makers, and by default a fee notice) from P to R leaves out the working
  days in (P, R]: with k working days used in (anchor, P], due = the (remaining - k)th after R;
- one extension of d <= 20 working days: due = the d-th working day strictly after the current due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.calendar import WorkCalendar

REPLY_DAYS = 20
MAX_EXTENSION = 20
SUPPLEMENT_NOTICE_DAYS = 7
THIRD_PARTY_DAYS = 15
FEE_PAYMENT_DAYS = 20


class Kind(models.TextChoices):
    """What happened to the clock."""

    SUPPLEMENT_REQUESTED = "supplement_requested", _("发出补正通知")
    SUPPLEMENT_RECEIVED = "supplement_received", _("收到补正材料")
    PAUSE_START = "pause_start", _("暂停计时")
    PAUSE_END = "pause_end", _("恢复计时")
    EXTEND = "extend", _("延长答复期限")


class Stopped(models.TextChoices):
    """Why the clock is not running ("" while it runs)."""

    RUNNING = "", _("计时中")
    SUPPLEMENT = "supplement", _("待申请人补正")
    PAUSE = "pause", _("暂停计时")


@dataclass(frozen=True)
class ClockEvent:
    kind: str
    date: date
    days: int = 0
    label: str = ""


@dataclass(frozen=True)
class Step:
    """One line of "why the due date is what it is", in plain Chinese."""

    date: date
    text: str


@dataclass(frozen=True)
class Clock:
    due_date: date | None  # None while stopped (waiting for a supplement or in a pause)
    remaining: int  # working days left when stopped
    stopped: Stopped
    provisional: bool
    steps: tuple[Step, ...] = field(default_factory=tuple)
    extended: bool = False


def compute(received_on: date, events: Iterable[ClockEvent], calendar: WorkCalendar) -> Clock:
    """Return the clock of an application received on RECEIVED_ON after EVENTS (in date order)."""
    anchor, remaining, stopped, extended = received_on, REPLY_DAYS, Stopped.RUNNING, False
    provisional = False
    steps = [Step(received_on, f"收到申请，自次日起计算 {REPLY_DAYS} 个工作日")]
    for event in sorted(events, key=lambda e: e.date):
        if event.kind == Kind.SUPPLEMENT_REQUESTED and not stopped:
            stopped = Stopped.SUPPLEMENT
            steps.append(Step(event.date, "发出补正通知，答复期限暂停，待申请人补正"))
        elif event.kind == Kind.SUPPLEMENT_RECEIVED and stopped == Stopped.SUPPLEMENT:
            anchor, remaining, stopped = event.date, REPLY_DAYS, Stopped.RUNNING
            steps.append(Step(event.date, f"收到补正材料，自次日起重新计算 {REPLY_DAYS} 个工作日"))
        elif event.kind == Kind.PAUSE_START and not stopped:
            used = calendar.working_days_between(anchor, event.date)
            remaining = max(remaining - used, 0)
            stopped = Stopped.PAUSE
            steps.append(
                Step(
                    event.date,
                    f"{event.label or '暂停计时'}，已用 {used} 个工作日，尚余 {remaining} 个工作日",
                )
            )
        elif event.kind == Kind.PAUSE_END and stopped == Stopped.PAUSE:
            anchor, stopped = event.date, Stopped.RUNNING
            steps.append(Step(event.date, f"{event.label or '恢复计时'}，继续计算剩余 {remaining} 个工作日"))
        elif event.kind == Kind.EXTEND and not extended:
            remaining += event.days
            extended = True
            steps.append(Step(event.date, f"经批准延长答复期限 {event.days} 个工作日"))
    if stopped:
        return Clock(None, remaining, stopped, False, tuple(steps), extended)
    result = calendar.due_date(anchor, remaining)
    provisional = result.provisional
    return Clock(result.due_date, remaining, Stopped.RUNNING, provisional, tuple(steps), extended)
