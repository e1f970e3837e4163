"""Optional applicant accounts: sign up with an e-mail address, sign in, see all one's cases.

Kept apart from staff sign-in (its own session key), so a public account can never reach staff pages.
"""

from __future__ import annotations

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from gongkai.core import audit

from .errors import ApplicationError
from .models import ApplicantAccount, Application

SESSION_KEY = "applicant_account"
FAILURE_LIMIT = 5
FAILURE_WINDOW = 15 * 60


@transaction.atomic
def account_create(*, email: str, password: str) -> ApplicantAccount:
    email = email.strip().lower()
    if ApplicantAccount.objects.filter(email=email).exists():
        raise ApplicationError(_("这个电子邮箱已经注册，请直接登录。"), code="email_taken", field="email")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), code="weak_password", field="password") from exc
    account = ApplicantAccount.objects.create(email=email, password=make_password(password))
    audit.record(account, "applications.account.created", by=None)
    return account


def account_authenticate(*, email: str, password: str) -> ApplicantAccount:
    """Return the account, or raise; repeated failures lock the address for 15 minutes."""
    email = email.strip().lower()
    key = f"applicant-login:{email}"
    if (cache.get(key) or 0) >= FAILURE_LIMIT:
        raise ApplicationError(_("登录失败次数过多，请15分钟后再试。"), code="locked")
    account = ApplicantAccount.objects.filter(email=email).first()
    if account is None or not check_password(password, account.password):
        cache.add(key, 0, FAILURE_WINDOW)
        cache.incr(key)
        raise ApplicationError(_("电子邮箱或密码不正确。"), code="invalid_login")
    cache.delete(key)
    return account


def signed_in(request: HttpRequest) -> ApplicantAccount | None:
    account_id = request.session.get(SESSION_KEY)
    return ApplicantAccount.objects.filter(pk=account_id).first() if account_id else None


def sign_in(request: HttpRequest, account: ApplicantAccount) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = account.pk


def sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


@transaction.atomic
def account_claim(*, account: ApplicantAccount, application: Application) -> Application:
    """Add a case the applicant proved they hold (number and code) to their account."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.account_id and application.account_id != account.pk:
        raise ApplicationError(_("这件申请已关联到其他账号。"), code="claimed")
    application.account = account
    application.save(update_fields=["account"])
    audit.record(application, "applications.application.claimed", by=None, data={"account": account.pk})
    return application
