from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.calendar import MAX_DAYS
from gongkai.core.forms import ChineseMessages


class WorkdaysForm(ChineseMessages, forms.Form):
    start = forms.DateField(
        label=_("起算日期"),
        help_text=_("例如收到申请的日期；从次日起算。"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={
            "required": _("请填写起算日期。"),
            "invalid": _("起算日期格式应为 年-月-日，如 2026-10-09。"),
        },
    )
    days = forms.IntegerField(
        label=_("工作日数"),
        min_value=0,
        max_value=MAX_DAYS,
        initial=20,
        error_messages={
            "required": _("请填写工作日数。"),
            "invalid": _("工作日数应为整数。"),
            "min_value": _("工作日数不能小于 0。"),
            "max_value": _("工作日数不能大于 %(limit_value)s。"),
        },
    )
