"""Public pages: the consultations, one draft with its paragraphs to comment on (no JavaScript needed),
its hearings and its adoption report."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.core.clientip import client_ip
from gongkai.records.queries import CappedPaginator

from . import queries, services
from .errors import ParticipationError
from .models import Comment, CommentStatus, Phase


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    phase = request.GET.get("status", "")
    rows = queries.public_consultations()
    if phase in queries.PHASES:
        rows = queries.by_phase(rows, phase)
    else:
        phase = ""
    page = CappedPaginator(queries.ordered(rows), 20).get_page(request.GET.get("page"))
    return render(
        request, "participation/list.html",
        {"page": page, "phase": phase, "phases": Phase.choices, "query": f"status={phase}" if phase else ""},
    )  # fmt: skip


def _detail(
    request: HttpRequest,
    pk: int,
    *,
    errors: dict[str, str] | None = None,
    values: Any = None,
    status: int = 200,
) -> HttpResponse:
    view = queries.public_view(pk)
    if view.state == "missing":
        raise Http404("no public consultation")
    item = view.item
    assert item is not None  # noqa: S101  type narrowing
    if view.state == "gone":
        return render(request, "participation/gone.html", {"item": item}, status=410)
    comments = list(services.public_comments(item))
    by_paragraph: dict[int | None, list[Comment]] = {}
    for comment in comments:
        by_paragraph.setdefault(comment.paragraph_id, []).append(comment)
    error_at = str((values or {}).get("paragraph", "")) if errors else None
    paragraphs = [(p, by_paragraph.get(p.pk, []), error_at == str(p.pk)) for p in item.paragraphs.all()]
    report = getattr(item, "adoption_report", None)
    rounds = [r for r in item.rounds() if queries.public_consultations().filter(pk=r.pk).exists()]
    return render(
        request,
        "participation/detail.html",
        {
            "item": item, "paragraphs": paragraphs, "general": by_paragraph.get(None, []), "comments": comments,
            "report": report if report is not None and report.published_at else None,
            "hearings": item.hearings.exclude(announced_at=None),
            "reviews": item.expert_reviews.exclude(published_at=None), "rounds": rounds,
            "final_document": queries.final_document(item), "errors": errors or {}, "values": values or {},
            "error_whole": error_at == "",
            "sent": request.GET.get("sent", ""),
        },
        status=status,
    )  # fmt: skip


@never_cache  # its comment forms carry a per-visitor token
@require_GET
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@require_POST
def comment_post(request: HttpRequest, pk: int) -> HttpResponse:
    view = queries.public_view(pk)
    if view.state != "public" or view.item is None:
        raise Http404("no public consultation")
    if request.POST.get("website"):  # a field people never see: only robots fill it
        return redirect(f"{view.item.get_absolute_url()}?sent=pending#comment-form")
    paragraph = request.POST.get("paragraph", "")
    try:
        comment = services.comment_submit(
            view.item, body=request.POST.get("body", ""), client=client_ip(request),
            paragraph=int(paragraph) if paragraph.isdigit() else None, name=request.POST.get("name", ""),
            contact=request.POST.get("contact", ""),
        )  # fmt: skip
    except ParticipationError as exc:
        field = exc.field or "body"
        return _detail(
            request,
            pk,
            errors={field: exc.message},
            values=request.POST,
            status=409 if exc.code == "not_open" else 400,
        )
    anchor = f"#p{comment.paragraph_id}" if comment.paragraph_id else "#comments"
    return redirect(f"{view.item.get_absolute_url()}?sent={comment.status}{anchor}")


@require_POST
def comment_flag(request: HttpRequest, pk: int, comment: int) -> HttpResponse:
    view = queries.public_view(pk)
    found = Comment.objects.filter(pk=comment, consultation_id=pk, status=CommentStatus.PUBLISHED).first()
    if view.state != "public" or view.item is None or found is None:
        raise Http404("no such public comment")
    services.comment_report(found, client=client_ip(request))
    return redirect(f"{view.item.get_absolute_url()}?sent=reported#c{found.pk}")


@never_cache  # its registration form carries a per-visitor token
@require_http_methods(["GET", "POST"])
def hearing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hearing = queries.public_hearing(pk)
    if hearing is None:
        raise Http404("no public hearing")
    error, field, sent = "", "", ""
    if request.method == "POST":
        try:
            registration = services.hearing_register(
                hearing, name=request.POST.get("name", ""), contact=request.POST.get("contact", ""),
                category=request.POST.get("category", ""), statement=request.POST.get("statement", ""),
                client=client_ip(request),
            )  # fmt: skip
            sent = registration.ticket
        except ParticipationError as exc:
            error, field = exc.message, exc.field or ""
    drawn = (
        list(hearing.registrations.exclude(draw_rank=None).order_by("draw_rank")) if hearing.drawn_at else []
    )
    return render(
        request, "participation/hearing.html",
        {"hearing": hearing, "item": hearing.consultation, "error": error, "field": field, "sent": sent,
         "drawn": drawn, "verifies": services.draw_verifies(hearing) if hearing.drawn_at else None,
         "registered": hearing.registrations.count(), "values": request.POST if error else {}},
        status=400 if error else 200,
    )  # fmt: skip


@require_GET
def hearing_draw(request: HttpRequest, pk: int) -> HttpResponse:
    """The seat draw's draw.json (the public lottery's format), once drawn."""
    hearing = queries.public_hearing(pk)
    if hearing is None or hearing.draw is None:
        raise Http404("no public draw")
    response = JsonResponse(hearing.draw, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="hearing-{hearing.pk}-draw.json"'
    return response
