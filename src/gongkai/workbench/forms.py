from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from gongkai.core.forms import ChineseMessages
from gongkai.core.models import User


class LoginForm(ChineseMessages, forms.Form):
    username = forms.CharField(
        label=_("用户名"), max_length=150, error_messages={"required": _("请填写用户名。")}
    )
    password = forms.CharField(
        label=_("密码"), widget=forms.PasswordInput, error_messages={"required": _("请填写密码。")}
    )
    otp_token = forms.CharField(
        label=_("动态验证码"),
        required=False,
        max_length=8,
        help_text=_("已绑定验证器的账号须填写验证器上的6位数字。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        self.device: Any = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        user = authenticate(self.request, username=data["username"], password=data["password"])
        if user is None:
            raise forms.ValidationError(
                _("用户名或密码不正确。连续多次输错将暂时锁定账号。"), code="invalid_login"
            )
        devices = [d for d in devices_for_user(user, confirmed=True)]
        if devices:
            token = (data.get("otp_token") or "").strip()
            if not token:
                self.add_error(
                    "otp_token", forms.ValidationError(_("请填写动态验证码。"), code="otp_required")
                )
                return data
            self.device = next((d for d in devices if d.verify_token(token)), None)
            if self.device is None:
                self.add_error(
                    "otp_token", forms.ValidationError(_("动态验证码不正确或已过期。"), code="otp_invalid")
                )
                return data
        self.user = user  # type: ignore[assignment]
        return data


class TokenForm(ChineseMessages, forms.Form):
    token = forms.CharField(
        label=_("验证器上的6位数字"),
        max_length=8,
        error_messages={"required": _("请填写验证器上显示的6位数字。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class AuditFilterForm(ChineseMessages, forms.Form):
    action = forms.CharField(label=_("操作代码前缀"), required=False, help_text=_("如 core.unit"))
    actor = forms.CharField(label=_("操作人用户名"), required=False)
    object_type = forms.CharField(label=_("对象类型"), required=False, help_text=_("如 core.unit"))
    since = forms.DateField(
        label=_("起始日期"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("起始日期格式应为 年-月-日。")},
    )
    until = forms.DateField(
        label=_("截止日期"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("截止日期格式应为 年-月-日。")},
    )


class CalendarImportForm(ChineseMessages, forms.Form):
    file = forms.FileField(
        label=_("节假日文件"),
        help_text=_("UTF-8 编码的 CSV，每行：日期,类型,名称；类型为 holiday（放假）或 workday（调休上班）。"),
        error_messages={"required": _("请选择要导入的文件。")},
    )
    source = forms.CharField(
        label=_("依据"),
        required=False,
        max_length=200,
        help_text=_("如 国务院办公厅关于2027年部分节假日安排的通知"),
    )


class ImportForm(ChineseMessages, forms.Form):
    """The staff desk's bulk import: which kind, which file, and what to do with bad rows."""

    kind = forms.ChoiceField(label=_("导入类型"))
    file = forms.FileField(label=_("文件"))
    mode = forms.ChoiceField(
        label=_("有误的行"),
        choices=[
            ("all", _("全部或全不：任何一行有误，整个文件都不导入（推荐）")),
            ("partial", _("跳过错误行：导入正确的行，列出有误的行")),
        ],
        initial="all",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], max_mb: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "请选择……"), *kinds]
        self.fields["file"].help_text = _(
            "CSV（UTF-8）、XLSX 或 JSON Lines，第一行为列名，不超过 %(mb)s MB；财政预决算表格上传 zip 压缩包。"
        ) % {"mb": max_mb}
