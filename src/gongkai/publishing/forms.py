from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ChineseMessages
from gongkai.core.models import Unit
from gongkai.core.queries import unit_choices

from .models import Category, Document


def body_widget() -> forms.Textarea:
    """Return the textarea for a document's body, which editor.js turns into a rich-text editor."""
    return forms.Textarea(attrs={"rows": 14, "data-editor": ""})


class CatalogFilterForm(ChineseMessages, forms.Form):
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
        self.fields["unit"].choices = [("", "全部"), *unit_choices()]  # type: ignore[attr-defined]
        self.fields["category"].choices = [("", "全部"), *((c.code, c.name) for c in Category.objects.all())]  # type: ignore[attr-defined]


def _documents_by_index(text: str, label: str) -> list[Document]:
    numbers = [
        line.strip() for line in text.replace("，", "\n").replace(",", "\n").splitlines() if line.strip()
    ]
    found = {d.index_no: d for d in Document.objects.filter(index_no__in=numbers)}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise forms.ValidationError(
            _("%(label)s中这些索引号不存在：%(numbers)s") % {"label": label, "numbers": "、".join(missing)},
            code="unknown_index",
        )
    return [found[n] for n in numbers]


class DocumentForm(ChineseMessages, forms.ModelForm):
    video_url = forms.URLField(label=_("视频链接"), required=False, assume_scheme="https")
    co_units = forms.ModelMultipleChoiceField(
        label=_("联合发文机关"),
        required=False,
        queryset=Unit.objects.all(),
        help_text=_("可多选；本单位为主发文机关。"),
    )
    amends = forms.CharField(
        label=_("本文件修订的文件（索引号）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一个索引号。本文件发布时，这些文件将标为“已修订”。"),
    )
    repeals = forms.CharField(
        label=_("本文件废止的文件（索引号）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一个索引号。本文件发布时，这些文件将标为“已废止”。"),
    )

    class Meta:
        model = Document
        fields = [
            "title", "doc_number", "written_on", "formed_on", "category", "topic", "genre", "mode", "validity",
            "keywords", "summary", "body", "requires_interpretation", "interprets", "interpretation_form",
            "video_url", "sensitive",
        ]  # fmt: skip
        widgets = {
            "written_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "formed_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "body": body_widget(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance.pk:
            for kind in ("amends", "repeals"):
                targets = self.instance.relations.filter(kind=kind).select_related("target")
                self.fields[kind].initial = "\n".join(r.target.index_no for r in targets)
        self.fields["interprets"].queryset = Document.objects.filter(requires_interpretation=True).exclude(  # type: ignore[attr-defined]
            status=Document.Status.WITHDRAWN
        )
        self.fields["interprets"].help_text = _("本稿是政策解读时，选择所解读的文件。")
        for name in ("written_on", "formed_on"):
            field = self.fields[name]
            field.error_messages["invalid"] = _("%(label)s格式应为 年-月-日。") % {"label": field.label}

    def clean_amends(self) -> list[Document]:
        return _documents_by_index(self.cleaned_data["amends"], str(self.fields["amends"].label))

    def clean_repeals(self) -> list[Document]:
        return _documents_by_index(self.cleaned_data["repeals"], str(self.fields["repeals"].label))

    def service_arguments(self) -> dict[str, object]:
        """Return cleaned data shaped for document_create/update (co_units and relations apart)."""
        data = dict(self.cleaned_data)
        relations = [("amends", d) for d in data.pop("amends")] + [
            ("repeals", d) for d in data.pop("repeals")
        ]
        return {**data, "relations": relations}


class UploadForm(ChineseMessages, forms.Form):
    file = forms.FileField(label=_("附件"), error_messages={"required": _("请选择要上传的文件。")})


class ReasonForm(ChineseMessages, forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=300, error_messages={"required": _("请填写原因。")})


class PublishForm(ChineseMessages, forms.Form):
    publish_at = forms.DateTimeField(
        label=_("定时发布时间"),
        required=False,
        help_text=_("留空则立即发布。"),
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": _("定时发布时间格式应为 年-月-日 时:分。")},
    )


class AmendForm(ChineseMessages, forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(label=_("正文"), widget=body_widget(), required=False)
    validity = forms.ChoiceField(label=_("有效性"), choices=Document.Validity.choices)
    change_note = forms.CharField(label=_("修订说明"), max_length=300, required=False)
    minor = forms.BooleanField(label=_("小幅更正（如错别字），不需修订说明"), required=False)


class RiskForm(ChineseMessages, forms.ModelForm):
    class Meta:
        from .models import RiskAssessment

        model = RiskAssessment
        fields = ["level", "measures", "assessed_by", "assessed_on"]
        widgets = {
            "assessed_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }


class CategoryForm(ChineseMessages, forms.ModelForm):
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
