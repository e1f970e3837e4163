from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.queries import unit_list

from .models import Category, Document


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label=_("标题或文号"), required=False, max_length=100)
    unit = forms.ChoiceField(label=_("发布机构"), required=False)
    category = forms.ChoiceField(label=_("目录分类"), required=False)
    topic = forms.ChoiceField(
        label=_("主题分类"), required=False, choices=[("", "全部"), *Document.Topic.choices]
    )
    year = forms.IntegerField(
        label=_("年份"),
        required=False,
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": _("年份应为四位数字。"),
            "min_value": _("年份不能早于1990年。"),
            "max_value": _("年份不能晚于2100年。"),
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].choices = [("", "全部"), *((u.code, u.name) for u in unit_list())]  # type: ignore[attr-defined]
        self.fields["category"].choices = [("", "全部"), *((c.code, c.name) for c in Category.objects.all())]  # type: ignore[attr-defined]


class DocumentForm(forms.ModelForm):
    video_url = forms.URLField(label=_("视频链接"), required=False, assume_scheme="https")

    class Meta:
        model = Document
        fields = [
            "title", "doc_number", "written_on", "formed_on", "category", "topic", "genre", "mode", "validity",
            "keywords", "summary", "body", "requires_interpretation", "interprets", "interpretation_form",
            "video_url", "sensitive",
        ]  # fmt: skip
        widgets = {
            "written_on": forms.DateInput(attrs={"type": "date"}),
            "formed_on": forms.DateInput(attrs={"type": "date"}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, units: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["interprets"].queryset = Document.objects.filter(requires_interpretation=True).exclude(  # type: ignore[attr-defined]
            status__in=[Document.Status.WITHDRAWN, Document.Status.EXPIRED]
        )
        self.fields["interprets"].help_text = _("本稿是政策解读时，选择所解读的文件。")
        for name, field in self.fields.items():
            field.error_messages["required"] = _("请填写%(label)s。") % {"label": field.label}
            if name in ("written_on", "formed_on"):
                field.error_messages["invalid"] = _("%(label)s格式应为 年-月-日。") % {"label": field.label}


class UploadForm(forms.Form):
    file = forms.FileField(label=_("附件"), error_messages={"required": _("请选择要上传的文件。")})


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=300, error_messages={"required": _("请填写原因。")})


class PublishForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("定时发布时间"),
        required=False,
        help_text=_("留空则立即发布。"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": _("定时发布时间格式应为 年-月-日 时:分。")},
    )


class AmendForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 14}), required=False)
    validity = forms.ChoiceField(label=_("有效性"), choices=Document.Validity.choices)
    change_note = forms.CharField(label=_("修订说明"), max_length=300, required=False)
    minor = forms.BooleanField(label=_("小幅更正（如错别字），不需修订说明"), required=False)


class RiskForm(forms.ModelForm):
    class Meta:
        from .models import RiskAssessment

        model = RiskAssessment
        fields = ["level", "measures", "assessed_by", "assessed_on"]
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }


class CategoryForm(forms.ModelForm):
    class Meta:
        from .models import Category

        model = Category
        fields = ["code", "name", "parent", "sort_order", "description"]
        error_messages = {
            "code": {
                "unique": _("已有这个代码的分类。"),
                "invalid": _("代码只能包含字母、数字、连字符和下划线。"),
            },
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            field.error_messages["required"] = _("请填写%(label)s。") % {"label": field.label}
