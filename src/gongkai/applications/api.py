"""API of applications: the public intake and status, and the staff case with its transitions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from gongkai.core import permissions
from gongkai.core.apibase import ApiError, ErrorOut, TokenAuth, require
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import User
from gongkai.core.queries import unit_by_code

from . import queries, services
from .categories import REPLY_CATEGORIES
from .errors import ApplicationError
from .models import Application
from .views import find_case, rate_limited

router = Router(tags=["applications"])
staff_router = Router(tags=["staff applications"], auth=TokenAuth())


class ApplicationIn(Schema):
    unit: str
    applicant_type: str
    name: str
    id_type: str
    id_number: str
    phone: str
    email: str = Field("", max_length=200)
    address: str = Field("", max_length=200)
    description: str = Field(..., max_length=4000)  # as the form allows
    purpose: str = Field("", max_length=300)
    form: str


class ApplicationCreatedOut(Schema):
    tracking_no: str
    query_code: str


def _error(exc: ApplicationError) -> ApiError:
    status = 409 if exc.code == "bad_state" else 422
    return ApiError(status, exc.code, exc.message, {exc.field: exc.message} if exc.field else {})


def _choice(value: str, choices: Any, field: str) -> str:
    if value not in choices.values:
        raise ApiError(
            422, "invalid", f"{field} 取值不正确。", {field: "one of: " + ", ".join(choices.values)}
        )
    return value


@router.post(
    "/applications",
    response={201: ApplicationCreatedOut, 422: ErrorOut, 429: ErrorOut},
    summary="提交政府信息公开申请",
)
def submit(request: HttpRequest, payload: ApplicationIn) -> Status[dict[str, str]]:
    unit = unit_by_code(payload.unit)
    if unit is None:
        raise ApiError(422, "invalid", "没有这个统一社会信用代码的单位。", {"unit": "未知单位"})
    _choice(payload.applicant_type, Application.ApplicantType, "applicant_type")
    _choice(payload.id_type, Application.IdType, "id_type")
    _choice(payload.form, Application.Form, "form")
    for name in ("name", "phone", "description"):
        if not getattr(payload, name).strip():
            raise ApiError(422, "invalid", f"{name} 不能为空。", {name: "required"})
    if rate_limited(request, payload.id_number):
        raise ApiError(429, "rate_limited", "提交过于频繁，请稍后再试。")
    try:
        application, code = services.application_submit(
            unit=unit, applicant_type=payload.applicant_type, name=payload.name, id_type=payload.id_type,
            id_number=payload.id_number, phone=payload.phone, email=payload.email, address=payload.address,
            description=payload.description, purpose=payload.purpose, form=payload.form,
        )  # fmt: skip
    except ApplicationError as exc:
        raise _error(exc) from exc
    return Status(201, {"tracking_no": application.tracking_no, "query_code": code})


def _event_out(event: Any, *, staff: bool) -> dict[str, Any]:
    out = {
        "kind": event.kind,
        "label": event.get_kind_display(),
        "date": event.date.isoformat(),
        "reason": event.reason,
    }
    if event.days:
        out["days"] = event.days
    if event.amount is not None:
        out["amount"] = str(event.amount)
    if staff:
        out["by"] = event.by.username if event.by else None
        out["public"] = event.public
    return out


def document_url(index_no: str) -> str:
    from django.urls import reverse

    return reverse("publishing:document", kwargs={"index_no": index_no})


def case_body(application: Application, *, staff: bool) -> dict[str, Any]:
    calendar = load_calendar()
    clock = queries.case_clock(application, calendar)
    deadline = queries.applicant_deadline(application, calendar)
    events = application.events.select_related("by") if staff else queries.public_events(application)
    body: dict[str, Any] = {
        "tracking_no": application.tracking_no,
        "status": application.status,
        "status_label": application.get_status_display(),
        "unit": application.unit.code,
        "received_on": application.received_on.isoformat() if application.received_on else None,
        "due_date": clock.due_date.isoformat() if clock and clock.due_date else None,
        "provisional": bool(clock and clock.provisional),
        "clock_stopped": clock.stopped if clock else "",
        "remaining_days": clock.remaining if clock else None,
        "due_date_steps": [{"date": s.date.isoformat(), "text": s.text} for s in clock.steps]
        if clock
        else [],
        "waiting_for": {"label": deadline.label, "until": deadline.due.isoformat()} if deadline else None,
        "reply": {
            "category": application.reply_category,
            "label": REPLY_CATEGORIES[application.reply_category],
            "date": application.replied_on.isoformat() if application.replied_on else None,
            "text": application.reply_text,
            "basis": application.reply_basis,
            "withheld": application.withheld,
            "documents": [{"index_no": d, "url": document_url(d)} for d in application.reply_documents],
            "files": [
                {"name": f.name, "sha256": f.sha256, "size": f.size} for f in application.reply_files.all()
            ],
        }
        if application.reply_category
        else None,
        "events": [_event_out(e, staff=staff) for e in events],
    }
    if staff:
        body.update({"applicant_type": application.applicant_type, "name": application.name,
                     "id_number": application.id_number_masked, "description": application.description})  # fmt: skip
    return body


@router.get(
    "/applications/{tracking_no}",
    response={200: dict[str, Any], 404: ErrorOut, 429: ErrorOut},
    summary="申请人查询办理进度",
)
def status(request: HttpRequest, tracking_no: str, code: str) -> dict[str, Any]:
    application, message, found = find_case(request, tracking_no, code)
    if application is None:
        raise ApiError(found, "rate_limited" if found == 429 else "not_found", message)
    return case_body(application, staff=False)


def _staff_case(request: HttpRequest, tracking_no: str, action: str) -> tuple[Application, User]:
    application = Application.objects.select_related("unit").filter(tracking_no=tracking_no.upper()).first()
    user: User = request.auth  # type: ignore[attr-defined]
    if application is None or not permissions.can(user, "applications.case.view", application):
        raise ApiError(404, "not_found", "没有这件申请。")
    require(request, action, application)
    return application, user


@staff_router.get(
    "/applications/{tracking_no}",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut},
    summary="案件详情",
)
def staff_case(request: HttpRequest, tracking_no: str) -> dict[str, Any]:
    application, _user = _staff_case(request, tracking_no, "applications.case.view")
    return case_body(application, staff=True)


class ApplicationActionIn(Schema):
    date: date
    reason: str = ""
    days: int | None = None
    amount: Decimal | None = None
    category: str = ""
    basis: str = ""
    text: str = ""
    withheld: str = ""
    documents: list[str] = []
    unit: str = ""


ACTIONS = {
    "register": "applications.case.handle",
    "request_supplement": "applications.case.handle",
    "receive_supplement": "applications.case.handle",
    "start_third_party": "applications.case.handle",
    "end_third_party": "applications.case.handle",
    "extend": "applications.case.extend",
    "fee_notice": "applications.case.handle",
    "fee_paid": "applications.case.handle",
    "reply": "applications.case.handle",
    "withdraw": "applications.case.handle",
    "transfer": "applications.case.transfer",
}


@staff_router.post(
    "/applications/{tracking_no}/{action}",
    response={200: dict[str, Any], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="案件办理操作",
)
def staff_action(
    request: HttpRequest, tracking_no: str, action: str, payload: ApplicationActionIn
) -> dict[str, Any]:
    if action not in ACTIONS:
        raise ApiError(404, "not_found", f"没有“{action}”这个操作。", {"action": action})
    application, user = _staff_case(request, tracking_no, ACTIONS[action])
    common = {"application": application, "by": user, "date": payload.date}
    try:
        if action == "register":
            services.application_register(**common)
        elif action == "request_supplement":
            services.application_request_supplement(**common, reason=payload.reason, days=payload.days)
        elif action in ("receive_supplement", "end_third_party", "withdraw"):
            service = {
                "receive_supplement": services.application_receive_supplement,
                "end_third_party": services.application_end_third_party,
                "withdraw": services.application_withdraw,
            }[action]
            service(**common, reason=payload.reason)
        elif action == "start_third_party":
            services.application_start_third_party(**common, reason=payload.reason)
        elif action == "extend":
            services.application_extend(**common, days=payload.days or 0, reason=payload.reason)
        elif action == "fee_notice":
            services.application_fee_notice(
                **common, amount=payload.amount or Decimal(0), reason=payload.reason
            )
        elif action == "fee_paid":
            services.application_fee_paid(**common)
        elif action == "reply":
            services.application_reply(
                **common,
                category=payload.category,
                basis=payload.basis,
                text=payload.text,
                withheld=payload.withheld,
            )
        else:
            target = unit_by_code(payload.unit)
            if target is None:
                raise ApiError(422, "invalid", "没有这个统一社会信用代码的单位。", {"unit": "未知单位"})
            services.application_transfer(**common, to=target, reason=payload.reason)
    except ApplicationError as exc:
        error = _error(exc)
        if exc.code == "bad_state":
            error.fields = {"status": application.status}
        raise error from exc
    application.refresh_from_db()
    return case_body(application, staff=True)
