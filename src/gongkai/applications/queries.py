"""Read side of applications: each case's clock, staff queues, the applicant's view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.core.calendar import WorkCalendar
from gongkai.core.models import User
from gongkai.core.permissions import units_visible_to

from . import clock
from .models import Application, Event

A = Application.Status
E = Event.Kind
OPEN = [A.PROCESSING, A.AWAITING_SUPPLEMENT, A.AWAITING_THIRD_PARTY, A.AWAITING_FEE]


def fee_pauses_clock() -> bool:
    return bool(getattr(settings, "FEE_PAUSES_CLOCK", True))


def clock_events(events: list[Event]) -> list[clock.ClockEvent]:
    """Translate a case's events into the clock's vocabulary."""
    mapping = {
        E.SUPPLEMENT_REQUESTED: (clock.Kind.SUPPLEMENT_REQUESTED, ""),
        E.SUPPLEMENT_RECEIVED: (clock.Kind.SUPPLEMENT_RECEIVED, ""),
        E.THIRD_PARTY_STARTED: (clock.Kind.PAUSE_START, "征求第三方意见，所需时间不计入答复期限"),
        E.THIRD_PARTY_ENDED: (clock.Kind.PAUSE_END, "第三方意见返回，恢复计时"),
        E.EXTENDED: (clock.Kind.EXTEND, ""),
    }
    if fee_pauses_clock():
        mapping[E.FEE_NOTICE] = (clock.Kind.PAUSE_START, "发出收费通知，缴费期间暂停计时")
        mapping[E.FEE_PAID] = (clock.Kind.PAUSE_END, "申请人已缴费，恢复计时")
    result = []
    for event in events:
        if event.kind in mapping:
            kind, label = mapping[Event.Kind(event.kind)]
            result.append(clock.ClockEvent(kind, event.date, event.days, label))
    return result


def case_clock(application: Application, calendar: WorkCalendar) -> clock.Clock | None:
    """Return the case's clock (None before it is registered). The one source of every due date."""
    if application.received_on is None:
        return None
    return clock.compute(application.received_on, clock_events(list(application.events.all())), calendar)


@dataclass(frozen=True)
class Deadline:
    """A date the applicant must meet (supplement or fee), derived like the reply clock."""

    label: str
    due: date


def applicant_deadline(application: Application, calendar: WorkCalendar) -> Deadline | None:
    events = list(application.events.all())
    if application.status == A.AWAITING_SUPPLEMENT:
        notice = next(e for e in reversed(events) if e.kind == E.SUPPLEMENT_REQUESTED)
        return Deadline("补正期限", calendar.due_date(notice.date, notice.days).due_date)
    if application.status == A.AWAITING_FEE:
        notice = next(e for e in reversed(events) if e.kind == E.FEE_NOTICE)
        return Deadline("缴费期限", calendar.due_date(notice.date, clock.FEE_PAYMENT_DAYS).due_date)
    return None


def staff_cases(user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(unit__in=units_visible_to(user, "applications.case.view"))
        .select_related("unit", "handler")
        .prefetch_related("events")
    )


@dataclass(frozen=True)
class Row:
    application: Application
    clock: clock.Clock | None
    deadline: Deadline | None
    overdue: int = 0  # working days past the reply's due date, while the case is open


def overdue_days(
    application: Application, case: clock.Clock | None, calendar: WorkCalendar, today: date
) -> int:
    """Return how many working days an open case is past its reply due date (0 when it is not)."""
    if application.is_closed or case is None or case.due_date is None or case.due_date >= today:
        return 0
    return calendar.working_days_between(case.due_date, today)


def buckets(user: User, calendar: WorkCalendar, today: date | None = None) -> dict[str, list[Row]]:
    """Return the open cases by what they need: overdue, due within 5 working days, waiting."""
    today = today or timezone.localdate()
    soon = calendar.due_date(today, 5).due_date
    result: dict[str, list[Row]] = {
        "submitted": [],
        "overdue": [],
        "due_soon": [],
        "processing": [],
        "applicant": [],
        "third_party": [],
    }
    for application in staff_cases(user).filter(status__in=[A.SUBMITTED, *OPEN]):
        case = case_clock(application, calendar)
        row = Row(
            application,
            case,
            applicant_deadline(application, calendar),
            overdue_days(application, case, calendar, today),
        )
        if application.status == A.SUBMITTED:
            result["submitted"].append(row)
        elif application.status in (A.AWAITING_SUPPLEMENT, A.AWAITING_FEE):
            result["applicant"].append(row)
        elif application.status == A.AWAITING_THIRD_PARTY:
            result["third_party"].append(row)
        elif row.clock and row.clock.due_date and row.clock.due_date < today:
            result["overdue"].append(row)
        elif row.clock and row.clock.due_date and row.clock.due_date <= soon:
            result["due_soon"].append(row)
        else:
            result["processing"].append(row)
    for rows in result.values():
        rows.sort(key=lambda r: r.clock.due_date if r.clock and r.clock.due_date else date.max)
    return result


def monthly_ordinal(application: Application) -> int:
    """Return which of the applicant's applications this is in its calendar month (for fees by count)."""
    day = application.received_on or timezone.localdate(application.submitted_at)
    return Application.objects.filter(
        id_digest=application.id_digest,
        received_on__year=day.year,
        received_on__month=day.month,
        pk__lte=application.pk,
    ).count()


def public_events(application: Application) -> list[Event]:
    return [e for e in application.events.all() if e.public]
