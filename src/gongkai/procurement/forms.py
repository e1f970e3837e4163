from __future__ import annotations

from django import forms

from gongkai.core.forms import ChineseMessages

from .models import Process
from .services import EDITABLE


class ProcessForm(ChineseMessages, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Process
        fields = ["code", *EDITABLE]
        widgets = {"items": forms.Textarea(attrs={"rows": 4})}
