from __future__ import annotations

from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ChineseMessages
from gongkai.core.models import Unit
from gongkai.core.queries import unit_list

from .categories import REPLY_CATEGORIES
from .models import Application, ReviewCase

FORM_SALT = "applications.form"


class ApplyForm(ChineseMessages, forms.Form):
    unit = forms.ModelChoiceField(label=_("向哪个机关申请"), queryset=Unit.objects.none())
    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), choices=Application.ApplicantType.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("姓名或名称"), max_length=100)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=Application.IdType.choices)
    id_number = forms.CharField(
        label=_("证件号码"), max_length=40, help_text=_("法人或其他组织填写统一社会信用代码。")
    )
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        help_text=_("以电子邮件获取信息的必填。"),
        error_messages={"invalid": _("电子邮箱格式不正确。")},
    )
    address = forms.CharField(
        label=_("通信地址"),
        max_length=200,
        required=False,
        help_text=_("以纸质形式获取信息的必填，用于邮寄。"),
    )
    description = forms.CharField(
        label=_("所需信息的描述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("写明信息的名称、文号或便于查找的其他特征，如“2015年县城总体规划听证会的听证笔录”。"),
    )
    purpose = forms.CharField(label=_("用途（选填）"), max_length=300, required=False)
    form = forms.ChoiceField(
        label=_("获取信息的方式"), choices=Application.Form.choices, widget=forms.RadioSelect
    )
    website = forms.CharField(  # a trap for robots, hidden by CSS and from keyboards and screen readers
        label=_("请勿填写此项"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_list()  # type: ignore[attr-defined]
        self.fields["unit"].empty_label = _("请选择")  # type: ignore[attr-defined]
        self.fields["started"].initial = signing.dumps(0, salt=FORM_SALT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("提交未成功，请刷新页面后重试。"), code="spam")
        try:
            signing.loads(data.get("started", ""), salt=FORM_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            raise forms.ValidationError(_("表单已过期，请刷新页面后重新填写。"), code="expired") from None
        return data


class TrackForm(ChineseMessages, forms.Form):
    tracking_no = forms.CharField(label=_("申请编号"), max_length=20)
    code = forms.CharField(label=_("查询码"), max_length=12)


class IntakeForm(ApplyForm):
    channel = forms.ChoiceField(
        label=_("提交渠道"), choices=[c for c in Application.Channel.choices if c[0] != "online"]
    )
    received_on = forms.DateField(
        label=_("收到申请日期"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_(
            "当面提交为提交之日；挂号信等为签收之日；平常信函为与申请人确认之日；传真、电子邮件为双方确认之日。"
        ),
        error_messages={"invalid": _("收到申请日期格式应为 年-月-日。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"], self.fields["started"]

    def clean(self) -> dict[str, Any]:
        return forms.Form.clean(self) or {}


class ActionForm(ChineseMessages, forms.Form):
    date = forms.DateField(
        label=_("日期"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("日期格式应为 年-月-日。")},
    )
    reason = forms.CharField(
        label=_("说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    days = forms.IntegerField(
        label=_("延长工作日数"),
        required=False,
        min_value=1,
        max_value=20,
        error_messages={
            "min_value": _("延长期限应为1至20个工作日。"),
            "max_value": _("延长期限应为1至20个工作日。"),
        },
    )
    amount = forms.DecimalField(
        label=_("收费金额（元）"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    unit = forms.ModelChoiceField(label=_("转至单位"), required=False, queryset=Unit.objects.all())


class ReplyForm(ChineseMessages, forms.Form):
    date = forms.DateField(
        label=_("答复日期"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("答复日期格式应为 年-月-日。")},
    )
    category = forms.ChoiceField(label=_("答复类型"), choices=[("", "请选择"), *REPLY_CATEGORIES.items()])
    basis = forms.CharField(
        label=_("法律依据和理由"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text = forms.CharField(label=_("答复内容"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    withheld = forms.CharField(
        label=_("不予公开的部分及理由（部分公开时必填）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(ChineseMessages, forms.ModelForm):
    class Meta:
        model = ReviewCase
        fields = ["kind", "filed_on", "result", "decided_on", "note"]
        widgets = {
            "filed_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "decided_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }


class FeeCalcForm(ChineseMessages, forms.Form):
    pages = forms.IntegerField(label=_("页数"), min_value=0, required=False)


class AccountForm(ChineseMessages, forms.Form):
    email = forms.EmailField(label=_("电子邮箱"), error_messages={"invalid": _("电子邮箱格式不正确。")})
    password = forms.CharField(
        label=_("密码"), widget=forms.PasswordInput, help_text=_("至少10位，不要只用数字。")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
