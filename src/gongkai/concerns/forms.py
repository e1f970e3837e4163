from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ChineseMessages
from gongkai.core.models import Unit
from gongkai.core.queries import unit_list

from .models import PUBLIC_KINDS, Kind


class AskForm(ChineseMessages, forms.Form):
    kind = forms.ChoiceField(
        label=_("留言类型"), choices=[(k.value, k.label) for k in PUBLIC_KINDS], widget=forms.RadioSelect
    )
    unit = forms.ModelChoiceField(
        label=_("向哪个单位留言（选填）"), queryset=Unit.objects.none(), required=False,
        help_text=_("不清楚的可不选，由县政府办公室分办。"),
    )  # fmt: skip
    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(label=_("留言内容"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    email = forms.EmailField(
        label=_("电子邮箱（选填）"), required=False, max_length=200,
        error_messages={"invalid": _("电子邮箱格式不正确。")},
    )  # fmt: skip
    attachment = forms.FileField(
        label=_("附件（选填）"), required=False,
        help_text=_("可上传 1 个 PDF、OFD、DOCX、XLSX、DOC、XLS、PNG 或 JPEG 文件。"),
    )  # fmt: skip
    consent = forms.BooleanField(label=_("同意在去除姓名、电话等个人信息后公开留言和答复"), required=False)
    website = forms.CharField(  # a trap for robots, hidden by CSS and from keyboards and screen readers
        label=_("请勿填写此项"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_list()  # type: ignore[attr-defined]
        self.fields["unit"].empty_label = _("不选，由县政府办公室分办")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("提交未成功，请刷新页面后重试。"), code="spam")
        return data


class TrackForm(ChineseMessages, forms.Form):
    tracking_no = forms.CharField(label=_("留言编号"), max_length=20)
    code = forms.CharField(label=_("查询码"), max_length=12)


class AssignForm(ChineseMessages, forms.Form):
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("类型"), choices=Kind.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_list()  # type: ignore[attr-defined]


class AnswerForm(ChineseMessages, forms.Form):
    answer = forms.CharField(label=_("答复内容"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8}))


class InvalidForm(ChineseMessages, forms.Form):
    reason = forms.CharField(label=_("无效原因"), max_length=200)
