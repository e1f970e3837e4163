"""Staff forms built from each record type's model: no form code per type."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from gongkai.core.forms import ChineseMessages

from .registry import RecordType


def _widget(model_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        return model_field.formfield(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
        )
    if isinstance(model_field, models.URLField):
        return model_field.formfield(assume_scheme="https", **kwargs)
    return model_field.formfield(**kwargs)


def record_form_class(record_type: RecordType) -> type[forms.ModelForm]:  # type: ignore[type-arg]
    """Return a ModelForm of the type's own fields (everything but the framework's)."""
    return forms.modelform_factory(
        record_type.model,
        form=RecordForm,
        fields=[f.name for f in record_type.own_fields() if f.editable],  # not what a service computes
        formfield_callback=_widget,
    )


class RecordForm(ChineseMessages, forms.ModelForm):  # type: ignore[type-arg]
    """The base of every record type's form."""


class AmendNoteForm(ChineseMessages, forms.Form):
    amend_reason = forms.CharField(label="更正原因", max_length=300)  # not "note": a type may have that field


class ReasonForm(ChineseMessages, forms.Form):
    reason = forms.CharField(label="原因", max_length=300)


class RemoveForm(ChineseMessages, forms.Form):
    reason = forms.CharField(label="撤下原因", max_length=300)
    removal = forms.ChoiceField(label="撤下方式", choices=())

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["removal"].choices = choices  # type: ignore[attr-defined]


class PublishForm(ChineseMessages, forms.Form):
    publish_at = forms.DateTimeField(
        label="定时发布时间", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
