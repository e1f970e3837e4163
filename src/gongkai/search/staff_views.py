"""The office's search dictionary: words the segmenter must keep whole (policy and place names)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.core import audit
from gongkai.workbench.decorators import requires

from . import services
from .models import SearchEntry, SearchTerm

REINDEX_NOW_LIMIT = 20000  # above this many entries the rebuild goes to the task queue


class TermForm(forms.Form):
    term = forms.CharField(
        label="词语", min_length=2, max_length=30, help_text="如政策简称“羊十条”、地名“宋长城路”"
    )

    def clean_term(self) -> str:
        term = "".join(self.cleaned_data["term"].split())
        if SearchTerm.objects.filter(term=term).exists():
            raise forms.ValidationError("词典中已有这个词语。")
        return term


def _rebuild(request: HttpRequest) -> None:
    if SearchEntry.objects.count() <= REINDEX_NOW_LIMIT:
        count = services.reindex()
        messages.success(request, f"检索索引已按新词典重建（{count} 条）。")
    else:
        from .tasks import reindex_later

        transaction.on_commit(reindex_later)
        messages.success(request, "检索索引将在后台按新词典重建，完成前新词语可能搜不到。")


@requires("search.dictionary.manage")
@require_http_methods(["GET", "POST"])
def terms(request: HttpRequest) -> HttpResponse:
    form = TermForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        if request.POST.get("action") == "add" and form.is_valid():
            term = SearchTerm.objects.create(term=form.cleaned_data["term"], added_by=request.user)
            audit.record(term, "search.term.added", by=request.user, data={"term": term.term})  # type: ignore[arg-type]
            services.ensure_dictionary(force=True)
            _rebuild(request)
            return redirect("search_staff:terms")
        if request.POST.get("action") == "delete":
            term = SearchTerm.objects.filter(pk=request.POST.get("pk", "0")).first()
            if term is not None:
                audit.record(term, "search.term.removed", by=request.user, data={"term": term.term})  # type: ignore[arg-type]
                term.delete()
                messages.success(request, f"已删除“{term.term}”。（已切分的词在进程重启前仍会保持完整。）")
            return redirect("search_staff:terms")
    return render(request, "search/staff_terms.html", {"form": form, "terms": SearchTerm.objects.all()})
