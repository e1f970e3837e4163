"""What every form of the project shares: error messages that name the field in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _


class ChineseMessages:
    """Say 请填写姓名。 for a missing text and 请选择证件类型。 for a missing choice, naming the field."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = field.label or ""
            if isinstance(field, forms.ChoiceField):
                field.error_messages["required"] = _("请选择%(label)s。") % {"label": label}
                field.error_messages["invalid_choice"] = _("请从列表中选择%(label)s。") % {"label": label}
            elif isinstance(field, forms.BooleanField):
                field.error_messages["required"] = _("请勾选“%(label)s”。") % {"label": label}
            elif isinstance(field, forms.FileField):
                field.error_messages["required"] = _("请选择要上传的%(label)s。") % {"label": label}
            else:
                field.error_messages["required"] = _("请填写%(label)s。") % {"label": label}
