"""State changes of core: units, users, tokens, holiday tables. Each is one transaction."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .calendar_data import HolidayLine
from .errors import CoreError
from .models import ApiToken, CalendarDay, CalendarYear, SiteProfile, Unit, User

UNIT_FIELDS = {f.name for f in Unit._meta.get_fields() if f.concrete and not f.auto_created} - {
    "created_at",
    "updated_at",
}


@transaction.atomic
def unit_create(*, by: User | None, **fields: Any) -> Unit:
    """Create a unit after validating every field (the credit code's check character included)."""
    unknown = set(fields) - UNIT_FIELDS
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    unit = Unit(**fields)
    unit.code = unit.code.strip().upper()
    unit.full_clean()
    unit.save()
    audit.record(unit, "core.unit.created", by=by, data={"code": unit.code, "name": unit.name})
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, by: User | None, **fields: Any) -> Unit:
    """Change a unit's fields; the credit code never changes once index numbers use it."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    unknown = set(fields) - UNIT_FIELDS
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    changed = {}
    for name, value in fields.items():
        if getattr(unit, name) != value:
            changed[name] = str(value)
            setattr(unit, name, value)
    if not changed:
        return unit
    unit.full_clean()
    unit.save()
    audit.record(unit, "core.unit.changed", by=by, data={"fields": changed})
    return unit


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    unit: Unit | None,
    by: User | None,
    display_name: str = "",
    email: str = "",
    check_password: bool = True,
) -> User:
    """Create a staff user with ROLE in UNIT; the password must pass the password rules."""
    if role not in User.Role.values:
        raise CoreError(
            _("未知角色“%(role)s”，可选：%(roles)s。") % {"role": role, "roles": "、".join(User.Role.values)},
            code="unknown_role",
            field="role",
        )
    if role != User.Role.ADMIN and unit is None:
        raise CoreError(_("除系统管理员外，工作人员必须属于一个单位。"), code="unit_required", field="unit")
    if User.objects.filter(username=username).exists():
        raise CoreError(_("用户名“%(u)s”已存在。") % {"u": username}, code="username_taken", field="username")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise CoreError(
                _("电子邮箱“%(e)s”格式不对。") % {"e": email}, code="bad_email", field="email"
            ) from None
    user = User(username=username, role=role, unit=unit, display_name=display_name, email=email)
    user.is_staff = role == User.Role.ADMIN
    user.is_superuser = role == User.Role.ADMIN
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CoreError(" ".join(exc.messages), code="weak_password", field="password") from exc
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(user, "core.user.created", by=by, data={"role": role, "unit": unit.code if unit else None})
    return user


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, by: User | None) -> str:
    """Create an API token for USER and return it; only its digest is kept."""
    raw = "gk_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, digest=_digest(raw), prefix=raw[:10])
    audit.record(token, "core.token.created", by=by, data={"user": user.username, "prefix": token.prefix})
    return raw


def token_user(raw: str, *, now: datetime | None = None) -> User | None:
    """Return the active user a bearer token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user", "user__unit")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now or timezone.now())
    return token.user


@transaction.atomic
def calendar_import(*, year: int, lines: list[HolidayLine], source: str, by: User | None) -> CalendarYear:
    """Replace YEAR's holiday table with LINES (already parsed and checked) in one transaction."""
    calendar_year, created = CalendarYear.objects.select_for_update().get_or_create(
        year=year, defaults={"source": source}
    )
    before = list(calendar_year.days.values_list("date", "kind", "name"))
    calendar_year.days.all().delete()
    calendar_year.source = source
    calendar_year.save()
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar_year=calendar_year, date=line.date, kind=line.kind, name=line.name)
        for line in lines
    )
    audit.record(
        calendar_year,
        "core.calendar.imported",
        by=by,
        data={
            "year": year,
            "source": source,
            "holidays": sum(1 for line in lines if line.kind == CalendarDay.Kind.HOLIDAY),
            "workdays": sum(1 for line in lines if line.kind == CalendarDay.Kind.WORKDAY),
            "replaced": len(before),
            "created": created,
        },
    )
    return calendar_year


def holiday_lines_from(holidays: dict[date, str], workdays: dict[date, str]) -> list[HolidayLine]:
    """Return import lines for a year's holidays and adjusted working days."""
    rows = [HolidayLine(0, d, CalendarDay.Kind.HOLIDAY, n) for d, n in holidays.items()]
    rows += [HolidayLine(0, d, CalendarDay.Kind.WORKDAY, n) for d, n in workdays.items()]
    return sorted(rows, key=lambda r: r.date)


@transaction.atomic
def site_profile_save(*, by: User | None, **fields: Any) -> SiteProfile:
    """Create or change the one site profile row."""
    profile = SiteProfile.objects.select_for_update().first() or SiteProfile()
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    audit.record(profile, "core.site.changed", by=by, data={k: str(v) for k, v in fields.items()})
    return profile


@transaction.atomic
def totp_device_start(*, user: User) -> Any:
    """Return USER's unconfirmed TOTP device, creating one with a fresh secret if needed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, token: str) -> Any:
    """Confirm USER's new TOTP device with a first code from the authenticator app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise CoreError(_("没有待绑定的验证器，请刷新页面重试。"), code="no_pending_device", field="token")
    if not device.verify_token(token.strip()):
        raise CoreError(
            _("动态验证码不正确或已过期，请输入验证器上当前显示的6位数字。"), code="bad_token", field="token"
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    audit.record(user, "core.user.totp_enrolled", by=user)
    return device
