"""State changes of applications: one transaction each, an event for the history, an audit entry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, errors, files
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import Unit, User

from . import clock, queries
from .categories import REPLY_CATEGORIES
from .errors import ApplicationError
from .intake import application_submit, code_digest, reveal_id_number, verify_code  # noqa: F401  (re-exported)
from .models import Application, Event, ReplyFile, ReviewCase

A = Application.Status
E = Event.Kind


def supplement_days() -> int:
    return int(getattr(settings, "SUPPLEMENT_DAYS", 15))


def _event(application: Application, kind: str, day: date, by: User | None, **fields: Any) -> Event:
    return Event.objects.create(application=application, kind=kind, date=day, by=by, **fields)


def _lock(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _require(application: Application, *states: str, action: str) -> None:
    if application.status not in states:
        raise ApplicationError(
            _("当前状态为“%(s)s”，不能%(a)s。") % {"s": application.get_status_display(), "a": action},
            code="bad_state",
        )


def _not_before(day: date, earliest: date | None, what: str) -> None:
    if earliest and day < earliest:
        raise ApplicationError(
            _("日期不能早于%(w)s（%(d)s）。") % {"w": what, "d": earliest.isoformat()},
            code="bad_date",
            field="date",
        )
    if day > timezone.localdate():
        raise ApplicationError(_("日期不能晚于今天。"), code="bad_date", field="date")


def _last_event_date(application: Application) -> date | None:
    last = application.events.exclude(kind=E.SUBMITTED).order_by("-date").first()
    return last.date if last else application.received_on


def _move(
    application: Application, *, to: str, kind: str, day: date, by: User | None, code: str, **event: Any
) -> Application:
    """Set the new status, write the event and the audit entry: the tail of every transition."""
    application.status = to
    application.save(update_fields=["status"])
    _event(application, kind, day, by, **event)
    audit.record(
        application,
        f"applications.application.{code}",
        by=by,
        data={"date": day.isoformat(), **{k: str(v) for k, v in event.items()}},
    )
    return application


@transaction.atomic
def application_register(*, application: Application, by: User, date: date) -> Application:
    """Register an online application on the day both sides confirmed it (Art. 31); the clock starts."""
    application = _lock(application)
    _require(application, A.SUBMITTED, action=_("登记"))
    _not_before(date, timezone.localdate(application.submitted_at), _("提交日期"))
    application.status, application.received_on, application.handler = A.PROCESSING, date, by
    application.save(update_fields=["status", "received_on", "handler"])
    _event(application, E.REGISTERED, date, by)
    audit.record(
        application, "applications.application.registered", by=by, data={"received_on": date.isoformat()}
    )
    return application


@transaction.atomic
def application_request_supplement(
    *, application: Application, by: User, date: date, reason: str, days: int | None = None
) -> Application:
    """Ask once, within 7 working days of receipt, for the application to be made clear (Art. 30)."""
    application = _lock(application)
    _require(application, A.PROCESSING, action=_("告知补正"))
    if application.events.filter(kind=E.SUPPLEMENT_REQUESTED).exists():
        raise ApplicationError(_("补正只能告知一次。"), code="supplement_once")
    assert application.received_on is not None  # noqa: S101  type narrowing
    _not_before(date, application.received_on, _("收到申请日期"))
    limit = load_calendar().due_date(application.received_on, clock.SUPPLEMENT_NOTICE_DAYS).due_date
    if date > limit:
        raise ApplicationError(
            _("补正须在收到申请之日起7个工作日内一次性告知（本件截至 %(d)s）。") % {"d": limit.isoformat()},
            code="supplement_late",
            field="date",
        )
    if not reason.strip():
        raise ApplicationError(_("请写明需要补正的内容。"), code="reason_required", field="reason")
    return _move(
        application, to=A.AWAITING_SUPPLEMENT, kind=E.SUPPLEMENT_REQUESTED, day=date, by=by, code="supplement_requested",
        reason=reason.strip(), days=days or supplement_days(),
    )  # fmt: skip


@transaction.atomic
def application_receive_supplement(
    *, application: Application, by: User, date: date, reason: str = ""
) -> Application:
    application = _lock(application)
    _require(application, A.AWAITING_SUPPLEMENT, action=_("登记补正"))
    _not_before(date, _last_event_date(application), _("补正通知日期"))
    return _move(
        application,
        to=A.PROCESSING,
        kind=E.SUPPLEMENT_RECEIVED,
        day=date,
        by=by,
        code="supplement_received",
        reason=reason,
    )


@transaction.atomic
def application_start_third_party(
    *, application: Application, by: User, date: date, reason: str
) -> Application:
    """Consult a third party in writing (Art. 32); the time it takes does not count (Art. 33)."""
    application = _lock(application)
    _require(application, A.PROCESSING, action=_("征求第三方意见"))
    _not_before(date, _last_event_date(application), _("上一办理步骤"))
    if not reason.strip():
        raise ApplicationError(_("请写明征求意见的第三方及事项。"), code="reason_required", field="reason")
    return _move(
        application, to=A.AWAITING_THIRD_PARTY, kind=E.THIRD_PARTY_STARTED, day=date, by=by, code="third_party_started",
        reason=reason.strip(), days=clock.THIRD_PARTY_DAYS,
    )  # fmt: skip


@transaction.atomic
def application_end_third_party(
    *, application: Application, by: User, date: date, reason: str = ""
) -> Application:
    application = _lock(application)
    _require(application, A.AWAITING_THIRD_PARTY, action=_("结束征求意见"))
    _not_before(date, _last_event_date(application), _("征求意见日期"))
    return _move(
        application,
        to=A.PROCESSING,
        kind=E.THIRD_PARTY_ENDED,
        day=date,
        by=by,
        code="third_party_ended",
        reason=reason,
    )


@transaction.atomic
def application_extend(
    *, application: Application, by: User, date: date, days: int, reason: str
) -> Application:
    """Extend once by at most 20 working days, with the reason told to the applicant (Art. 33)."""
    application = _lock(application)
    _require(application, A.PROCESSING, A.AWAITING_THIRD_PARTY, action=_("延期"))
    if application.events.filter(kind=E.EXTENDED).exists():
        raise ApplicationError(_("这件申请已经延期过一次，不能再次延期。"), code="already_extended")
    if not 1 <= days <= clock.MAX_EXTENSION:
        raise ApplicationError(_("延长期限应为1至20个工作日。"), code="bad_days", field="days")
    if not reason.strip():
        raise ApplicationError(_("请写明延期理由，将告知申请人。"), code="reason_required", field="reason")
    _not_before(date, _last_event_date(application), _("上一办理步骤"))
    current = queries.case_clock(application, load_calendar())
    if current and current.due_date and date > current.due_date:
        raise ApplicationError(
            _("答复期限（%(d)s）已过，不能再延期。") % {"d": current.due_date.isoformat()},
            code="already_due",
            field="date",
        )
    _event(application, E.EXTENDED, date, by, days=days, reason=reason.strip())
    audit.record(
        application, "applications.application.extended", by=by, data={"days": days, "reason": reason}
    )
    return application


@transaction.atomic
def application_fee_notice(
    *, application: Application, by: User, date: date, amount: Decimal, reason: str = ""
) -> Application:
    """Send a fee notice (109号); the applicant has 20 working days to pay."""
    application = _lock(application)
    _require(application, A.PROCESSING, action=_("发出收费通知"))
    if amount <= 0:
        raise ApplicationError(_("收费金额应大于0。"), code="bad_amount", field="amount")
    _not_before(date, _last_event_date(application), _("上一办理步骤"))
    application.fee_amount = amount
    application.save(update_fields=["fee_amount"])
    return _move(
        application,
        to=A.AWAITING_FEE,
        kind=E.FEE_NOTICE,
        day=date,
        by=by,
        code="fee_notice",
        amount=amount,
        reason=reason,
    )


@transaction.atomic
def application_fee_paid(*, application: Application, by: User, date: date) -> Application:
    application = _lock(application)
    _require(application, A.AWAITING_FEE, action=_("登记缴费"))
    _not_before(date, _last_event_date(application), _("收费通知日期"))
    return _move(
        application,
        to=A.PROCESSING,
        kind=E.FEE_PAID,
        day=date,
        by=by,
        code="fee_paid",
        amount=application.fee_amount,
    )


@transaction.atomic
def application_reply(
    *,
    application: Application,
    by: User,
    date: date,
    category: str,
    basis: str = "",
    text: str = "",
    withheld: str = "",
    documents: list[str] | None = None,
    files: list[tuple[str, bytes]] | None = None,
) -> Application:
    """Answer with one of the annual report's categories; 6.1 and 6.2 only once the applicant's time ran out."""
    application = _lock(application)
    if category not in REPLY_CATEGORIES:
        raise ApplicationError(_("答复类型不正确。"), code="bad_category", field="category")
    calendar = load_calendar()
    deadline = queries.applicant_deadline(application, calendar)
    if category == "6.1":
        _require(application, A.AWAITING_SUPPLEMENT, action=_("以逾期不补正结案"))
    elif category == "6.2":
        _require(application, A.AWAITING_FEE, action=_("以逾期未缴费结案"))
    else:
        _require(application, A.PROCESSING, action=_("答复"))
    if category in ("6.1", "6.2") and deadline and date <= deadline.due:
        raise ApplicationError(
            _("申请人的%(l)s到 %(d)s 才届满，届满前不能以逾期结案。")
            % {"l": deadline.label, "d": deadline.due.isoformat()},
            code="not_yet_due",
            field="date",
        )
    if category == "2" and not withheld.strip():
        raise ApplicationError(
            _("部分公开须写明不予公开的部分及理由。"), code="withheld_required", field="withheld"
        )
    if category.startswith(("3", "4", "5")) and not basis.strip():
        raise ApplicationError(_("请写明答复的法律依据和理由。"), code="basis_required", field="basis")
    documents = [d.strip() for d in documents or [] if d.strip()]
    if documents:
        from gongkai.publishing import queries as catalog

        hidden = [d for d in documents if catalog.public_view(d).state != "public"]
        if hidden:
            raise ApplicationError(
                _("这些索引号不是已公开的文件：%(n)s") % {"n": "、".join(hidden)},
                code="not_public",
                field="documents",
            )
    _not_before(date, _last_event_date(application), _("上一办理步骤"))
    application.reply_documents = documents
    for name, data in files or []:
        _store_reply_file(application, name, data)
    application.status, application.replied_on, application.reply_category = A.REPLIED, date, category
    application.reply_basis, application.reply_text, application.withheld = (
        basis.strip(),
        text.strip(),
        withheld.strip(),
    )
    application.save(
        update_fields=[
            "status",
            "replied_on",
            "reply_category",
            "reply_basis",
            "reply_text",
            "withheld",
            "reply_documents",
        ]
    )
    _event(application, E.REPLIED, date, by, reason=REPLY_CATEGORIES[category])
    audit.record(
        application,
        "applications.application.replied",
        by=by,
        data={"category": category, "date": date.isoformat()},
    )
    return application


def _store_reply_file(application: Application, name: str, data: bytes) -> ReplyFile:
    name = files.safe_name(name)
    try:
        kind = files.check(name, data)
    except files.FileRejected as exc:
        raise ApplicationError(exc.message, code=exc.code, field="files") from exc
    return ReplyFile.objects.create(
        application=application,
        name=name,
        sha256=files.store(data),
        size=len(data),
        content_type=files.KINDS[kind][0],
    )


@transaction.atomic
def application_withdraw(
    *, application: Application, by: User | None, date: date, reason: str = ""
) -> Application:
    application = _lock(application)
    _require(application, A.SUBMITTED, *queries.OPEN, action=_("撤回"))
    return _move(
        application, to=A.WITHDRAWN, kind=E.WITHDRAWN, day=date, by=by, code="withdrawn", reason=reason
    )


@transaction.atomic
def application_transfer(
    *, application: Application, by: User, to: Unit, date: date, reason: str
) -> Application:
    """Hand the case to the unit that holds the information; the receipt date stays (recorded)."""
    application = _lock(application)
    _require(application, A.SUBMITTED, *queries.OPEN, action=_("转办"))
    if to.pk == application.unit_id:
        raise ApplicationError(_("已经是这个单位办理。"), code="same_unit", field="unit")
    previous = application.unit
    application.unit = to
    application.save(update_fields=["unit"])
    _event(
        application, E.TRANSFERRED, date, by, reason=f"由{previous.name}转至{to.name}：{reason}".rstrip("：")
    )
    audit.record(
        application,
        "applications.application.transferred",
        by=by,
        data={"from": previous.code, "to": to.code},
    )
    return application


@transaction.atomic
def review_record(
    *,
    application: Application,
    by: User,
    kind: str,
    filed_on: date,
    result: str = ReviewCase.Result.PENDING,
    decided_on: date | None = None,
    note: str = "",
) -> ReviewCase:
    """Record a 行政复议 or 行政诉讼 about the case, or its outcome (section 四 of the annual report)."""
    review = ReviewCase(
        application=application, kind=kind, filed_on=filed_on, result=result, decided_on=decided_on, note=note
    )
    errors.full_clean(review, ApplicationError)
    review.save()
    audit.record(application, "applications.review.recorded", by=by, data={"kind": kind, "result": result})
    return review


@transaction.atomic
def application_to_proactive(*, application: Application, by: User, title: str) -> Any:
    """申请转主动: start a catalog draft from a disclosed answer the public broadly needs.

    The draft goes through the usual review (and the personal-data guard) before it is published."""
    from gongkai.publishing import services as publishing
    from gongkai.publishing.models import Category

    application = _lock(application)
    if application.reply_category not in ("1", "2"):
        raise ApplicationError(_("只有予以公开或部分公开的答复可以转为主动公开。"), code="not_disclosed")
    if not title.strip():
        raise ApplicationError(_("请填写主动公开的标题。"), code="title_required", field="title")
    assert application.replied_on is not None  # noqa: S101  type narrowing
    document = publishing.document_create(
        by=by,
        unit=application.unit,
        title=title,
        formed_on=application.replied_on,
        category=Category.objects.get_or_create(code="other", defaults={"name": "其他"})[0],
        body=application.reply_text or application.description,  # plain text: a paragraph a line
        summary=f"依申请公开（{application.tracking_no}）后转为主动公开。",
    )
    _event(
        application,
        E.NOTE,
        timezone.localdate(),
        by,
        reason=f"转为主动公开，草稿索引号 {document.index_no}",
        public=True,
    )
    audit.record(
        application, "applications.application.to_proactive", by=by, data={"index_no": document.index_no}
    )
    return document
