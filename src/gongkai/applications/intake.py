"""Taking in an application: the applicant's identity (checked, encrypted, masked), the tracking
number and the query code. The case's later transitions are in `services`."""

from __future__ import annotations

import secrets
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongkai.core import audit, crypto, errors, tracking
from gongkai.core.models import Unit, User
from gongkai.core.privacy import id_number_valid, mask

from .errors import ApplicationError
from .models import Application, ApplicationSequence, Event

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def code_digest(tracking_no: str, code: str) -> str:
    return crypto.query_code_digest(tracking_no, code)


DELIVERY_NEEDS = {  # the way the applicant asked to receive the information, and what it needs
    Application.Form.EMAIL: ("email", _lazy("选择以电子邮件获取信息的，请填写电子邮箱。")),
    Application.Form.PAPER: ("address", _lazy("选择以纸质形式获取信息的，请填写通信地址，以便邮寄。")),
}


def _check_delivery(form: str, *, email: str, address: str) -> None:
    """Refuse a delivery that cannot be made: e-mail without an address, paper without a postal one."""
    need = DELIVERY_NEEDS.get(Application.Form(form)) if form in Application.Form.values else None
    if need is not None and not {"email": email, "address": address}[need[0]].strip():
        raise ApplicationError(need[1], code="required", field=need[0])


def _shuffled(year: int, serial: int) -> int:
    return crypto.shuffled_serial("ysq", year, serial)


def _next_tracking_no(year: int) -> str:
    return tracking.next_number(
        ApplicationSequence, year=year, prefix="YSQ", tag="ysq",
        taken=lambda number: Application.objects.filter(tracking_no=number).exists(),
        exhausted=ApplicationError(_("本年度申请编号已用完。"), code="numbers_exhausted"),
    )  # fmt: skip


def _check_identity(id_type: str, id_number: str) -> str:
    number = id_number.strip().upper()
    if not number:
        raise ApplicationError(_("请填写证件号码。"), code="required", field="id_number")
    if id_type == Application.IdType.RESIDENT_ID and not id_number_valid(number):
        raise ApplicationError(
            _("居民身份证号码不正确，请核对出生日期和最后一位校验码。"), code="invalid_id", field="id_number"
        )
    if len(number) > 40:
        raise ApplicationError(_("证件号码过长。"), code="invalid_id", field="id_number")
    return number


def _masked(id_type: str, number: str) -> str:
    if id_type == Application.IdType.RESIDENT_ID:
        return mask("id_number", number)
    return number[:2] + "*" * max(len(number) - 4, 0) + number[-2:]


@transaction.atomic
def application_submit(
    *,
    unit: Unit,
    applicant_type: str,
    name: str,
    id_type: str,
    id_number: str,
    phone: str,
    description: str,
    form: str,
    channel: str = Application.Channel.ONLINE,
    email: str = "",
    address: str = "",
    purpose: str = "",
    received_on: date | None = None,
    by: User | None = None,
) -> tuple[Application, str]:
    """Take an application; staff intake passes RECEIVED_ON (Art. 31) and it is registered at once.

    Return the application and its query code (shown once, kept only as a digest)."""
    number = _check_identity(id_type, id_number)
    _check_delivery(form, email=email, address=address)
    code = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _i in range(8))
    today = timezone.localdate()
    application = Application(
        tracking_no=_next_tracking_no((received_on or today).year),  # numbered in the year it arrived
        unit=unit,
        applicant_type=applicant_type,
        name=name.strip(),
        id_type=id_type,
        id_number_encrypted=crypto.encrypt(number),
        id_number_masked=_masked(id_type, number),
        id_digest=crypto.digest(number),
        phone=phone.strip(),
        email=email.strip(),
        address=address.strip(),
        description=description.strip(),
        purpose=purpose.strip(),
        form=form,
        channel=channel,
        status=Application.Status.PROCESSING if received_on else Application.Status.SUBMITTED,
        received_on=received_on,
        handler=by,
    )
    application.code_digest = code_digest(application.tracking_no, code)
    errors.full_clean(application, ApplicationError)
    if received_on and received_on > today:
        raise ApplicationError(_("收到申请日期不能晚于今天。"), code="bad_date", field="received_on")
    application.save()
    Event.objects.create(
        application=application,
        kind=Event.Kind.SUBMITTED,
        date=received_on or today,
        by=by,
        reason=application.get_channel_display(),
    )
    if received_on:
        Event.objects.create(
            application=application,
            kind=Event.Kind.REGISTERED,
            date=received_on,
            by=by,
            reason=application.get_channel_display(),
        )
    audit.record(
        application,
        "applications.application.submitted",
        by=by,
        data={"tracking_no": application.tracking_no, "channel": channel},
    )
    return application, code


def verify_code(application: Application, code: str) -> bool:
    return crypto.query_code_matches(application.code_digest, application.tracking_no, code)


def reveal_id_number(application: Application) -> str:
    """Return the full identity number; only the case handler's screen calls this."""
    return crypto.decrypt(application.id_number_encrypted)
