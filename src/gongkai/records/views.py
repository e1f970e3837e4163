"""Public pages of every record type: an index, a filtered list, a detail page, exports."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.core.models import TransparencyEntry
from gongkai.core.queries import unit_list

from . import exporting, queries, registry
from .registry import RecordType


def _type(slug: str) -> RecordType:
    record_type = registry.get(slug)
    if record_type is None:
        raise Http404("no such record type")
    return record_type


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    groups: dict[str, list[tuple[RecordType, int]]] = {}
    for record_type in registry.types():
        count = queries.public_records(record_type).count()
        groups.setdefault(record_type.nav_group, []).append((record_type, count))
    return render(request, "records/index.html", {"groups": groups})


def _filtered(request: HttpRequest, record_type: RecordType) -> tuple[queries.Filters, str]:
    try:
        return queries.parse_filters(record_type, request.GET), ""
    except queries.FilterError as exc:
        return queries.Filters(), str(exc)


@require_GET
def record_list(request: HttpRequest, slug: str) -> HttpResponse:
    record_type = _type(slug)
    filters, error = _filtered(request, record_type)
    records = queries.public_list(record_type, filters)
    page = queries.CappedPaginator(records, 20).get_page(request.GET.get("page"))
    choice_filters = [
        (
            name,
            record_type.label(name),
            record_type.model._meta.get_field(name).choices,
            dict(filters.fields).get(name, ""),
        )
        for name in record_type.filters
    ]
    query = filters.as_query()
    rows = [(r, [record_type.public_text(r, c) for c in record_type.list_columns]) for r in page]
    return render(
        request,
        "records/list.html",
        {
            "type": record_type,
            "page": page,
            "rows": rows,
            "columns": [record_type.label(c) for c in record_type.list_columns],
            "filters": filters,
            "choice_filters": choice_filters,
            "units": unit_list(),
            "error": error,
            "query": "&".join(f"{k}={v}" for k, v in query.items()),
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        },
        status=400 if error else 200,
    )


@require_GET
def detail(request: HttpRequest, slug: str, index_no: str) -> HttpResponse:
    record_type = _type(slug)
    view = queries.public_view(record_type, index_no)
    if view.state == "missing":
        raise Http404("no such public record")
    record = view.record
    if view.state == "gone":
        return render(request, "records/gone.html", {"type": record_type, "record": record}, status=410)
    values = [
        (record_type.label(f.name), record_type.public_text(record, f.name))
        for f in record_type.public_fields()
    ]
    fields = [(label, value) for label, value in values if value != ""]  # empty optional codes say nothing
    history = TransparencyEntry.objects.filter(object_type=record_type.log_type, index_no=index_no).order_by(
        "seq"
    )
    extra = record_type.detail_context(record) if record_type.detail_context else {}
    return render(
        request,
        record_type.detail_template,
        {"type": record_type, "record": record, "fields": fields, "history": history,
         "title": record_type.title_of(record), **extra},
    )  # fmt: skip


def _export_name(record_type: RecordType, suffix: str) -> str:
    return f"{record_type.slug}-{timezone.localdate():%Y%m%d}.{suffix}"


@require_GET
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    record_type = _type(slug)
    filters, error = _filtered(request, record_type)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    records = queries.public_list(record_type, filters).iterator(chunk_size=1000)
    rows = exporting.public_rows(record_type, records)
    if fmt == "csv":
        response: HttpResponse = StreamingHttpResponse(  # type: ignore[assignment]
            exporting.csv_chunks(rows), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            exporting.xlsx_bytes(record_type.name, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404("no such format")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(record_type, fmt)}"'
    return response
