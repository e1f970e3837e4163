"""Public pages of the catalog: browse, document pages, attachments, the publication log."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core import files
from gongkai.core.models import TransparencyEntry
from gongkai.core.queries import unit_list

from . import queries
from .forms import CatalogFilterForm
from .models import Attachment


@require_GET
def catalog(request: HttpRequest) -> HttpResponse:
    form = CatalogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    documents = queries.catalog(**{k: v for k, v in filters.items() if v})
    page = Paginator(documents, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "publishing/catalog.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "categories": queries.categories().filter(parent=None),
            "filters": filters,
        },
    )


@require_GET
def document(request: HttpRequest, index_no: str) -> HttpResponse:
    view = queries.public_view(index_no)
    if view.state == "missing" or view.document is None:
        raise Http404("no such public document")
    doc = view.document
    if view.state == "gone":
        return render(request, "publishing/gone.html", {"document": doc}, status=410)
    return render(
        request,
        "publishing/document.html",
        {
            "document": doc,
            "interpretations": queries.public_interpretations(doc),
            "relations": queries.public_relations(doc),
            "versions": doc.versions.order_by("-version"),
            "policy": doc.interprets
            if doc.interprets and queries.public_view(doc.interprets.index_no).state == "public"
            else None,
        },
    )


@require_GET
def attachment(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    item = Attachment.objects.select_related("document").filter(pk=pk, name=name).first()
    if item is None or queries.public_view(item.document.index_no).state != "public":
        raise Http404("no such public attachment")
    return files.download(item.sha256, item.name, item.content_type)


@require_GET
def transparency(request: HttpRequest) -> HttpResponse:
    entries = TransparencyEntry.objects.order_by("-seq")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "publishing/transparency.html",
        {"page": page, "rows": queries.log_rows(page.object_list), "units": unit_list().count()},
    )
