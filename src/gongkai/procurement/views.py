"""Public pages: the filterable list of procurement processes and one process from intention to contract."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core import files
from gongkai.records.queries import CappedPaginator

from . import queries
from .lines import show_amount
from .models import Method, Notice, NoticeDocument, NoticeKind


@require_GET
def process_list(request: HttpRequest) -> HttpResponse:
    error, field = "", ""
    try:
        filters = queries.parse_filters(request.GET)
    except queries.FilterError as exc:
        filters, error, field = queries.ProcessFilters(), str(exc), exc.field
    page = CappedPaginator(queries.public_processes(filters), 20).get_page(request.GET.get("page"))
    rows = [(p, queries.Stage.LABELS[queries.stage_of(p)], show_amount(p.budget)) for p in page]
    return render(
        request,
        "procurement/list.html",
        {
            "page": page, "rows": rows, "filters": filters, "error": error, "error_field": field,
            "methods": Method.choices, "buyers": queries.units_buying(),
            "query": "&".join(f"{k}={v}" for k, v in filters.as_query().items()),
        },
        status=400 if error else 200,
    )  # fmt: skip


@require_GET
def process_detail(request: HttpRequest, code: str) -> HttpResponse:
    process = queries.public_process(code)
    if process is None:
        raise Http404("no public procurement process")
    notices = process.public_notices  # type: ignore[attr-defined]
    results = [n for n in notices if n.kind in (NoticeKind.AWARD, NoticeKind.CONTRACT)]
    bidders = {p.uscc: p for n in notices if n.kind == NoticeKind.AWARD for p in n.bidder_list()}
    return render(
        request,
        "procurement/process.html",
        {
            "process": process, "notices": notices, "stage": queries.Stage.LABELS[queries.stage_of(process)],
            "results": [
                (n, show_amount(n.amount), [(p, show_amount(p.amount)) for p in n.supplier_list()]) for n in results
            ],
            "bidders": [(p, show_amount(p.amount)) for p in bidders.values()],
            "steps": _steps({n.kind for n in notices}),
            "corrections": [n for n in notices if n.kind == NoticeKind.CORRECTION],
            **_deadline(notices),
        },
    )  # fmt: skip


def _deadline(notices: list[Notice]) -> dict[str, Any]:
    """The response deadline as it stands (the latest tender or correction that set one wins, as in the
    compiled OCDS record) and the one first announced, when a correction changed it."""
    set_by = [n for n in notices if n.kind in (NoticeKind.TENDER, NoticeKind.CORRECTION) and n.bid_deadline]
    if not set_by:
        return {"deadline": None, "first_deadline": None}
    current, first = set_by[-1].bid_deadline, set_by[0].bid_deadline
    return {"deadline": current, "first_deadline": first if first != current else None}


def _steps(done: set[str]) -> list[tuple[str, bool]]:
    """The usual course of a process, each step with whether a public notice reached it."""
    course = [NoticeKind.INTENTION, NoticeKind.TENDER, NoticeKind.AWARD, NoticeKind.CONTRACT]
    return [(str(k.label), k in done) for k in course]


@require_GET
def document_file(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """A notice's file, only while the notice itself is public."""
    document = NoticeDocument.objects.filter(pk=pk, name=name).first()
    if document is None or not queries.public_notices().filter(pk=document.notice_id).exists():
        raise Http404("no such public file")
    return files.download(document.sha256, document.name, document.content_type)
