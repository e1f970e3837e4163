"""The public search page: one box over everything published, filters, highlighted snippets."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.core.queries import unit_choices

from . import registry
from .query import search
from .signals import searched

PAGE_SIZE = 20


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", max_length=100, required=False)
    type = forms.ChoiceField(label="类型", required=False)
    unit = forms.ChoiceField(label="单位", required=False)
    year = forms.TypedChoiceField(label="年份", required=False, coerce=int, empty_value=None)
    page = forms.IntegerField(min_value=1, max_value=50, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["type"].choices = [("", "全部类型"), *((s.kind, s.label) for s in registry.sources())]  # type: ignore[attr-defined]
        self.fields["unit"].choices = [("", "全部单位"), *unit_choices()]  # type: ignore[attr-defined]
        this_year = timezone.localdate().year
        self.fields["year"].choices = [
            ("", "全部年份"),
            *((y, str(y)) for y in range(this_year, this_year - 12, -1)),
        ]  # type: ignore[attr-defined]


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        page_no = data["page"] or 1
        if page_no == 1:
            searched.send(sender=search_page, query=data["q"])
        result = search(
            data["q"],
            kind=data["type"],
            unit=data["unit"],
            year=data["year"],
            page=page_no,
            page_size=PAGE_SIZE,
        )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            {
                "result": result,
                "page_no": page_no,
                "query": query.urlencode(),
                "filtered": bool(data["type"] or data["unit"] or data["year"]),
            }
        )
    return render(request, "search/search.html", context, status=200 if not form.errors else 400)
