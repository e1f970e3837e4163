"""The staff desk's bulk import: upload a file, watch its job load on the task queue, read the refused rows."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.core import import_jobs, importing
from gongkai.core.errors import CoreError
from gongkai.core.models import ImportJob, User

from .forms import ImportForm


def _kinds(request: HttpRequest) -> tuple[User, list[importing.Kind]]:
    user: User = request.user  # type: ignore[assignment]
    kinds = import_jobs.importable_kinds(user)
    if not kinds:
        raise PermissionDenied("no importable kind")
    return user, kinds


def _leave_session_alone(request: HttpRequest) -> None:
    """Polling is not activity: do not move the session's idle clock (SESSION_SAVE_EVERY_REQUEST).

    Writing nothing also lets the answer come while an import holds SQLite's one write lock.
    """
    request.session.save = lambda must_create=False: None  # type: ignore[method-assign]


def _job(request: HttpRequest, pk: int) -> ImportJob:
    user: User = request.user  # type: ignore[assignment]
    job = import_jobs.jobs_visible_to(user).filter(pk=pk).first()
    if job is None:
        raise Http404("no such import job")
    return job


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    user, kinds = _kinds(request)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        kinds=[(k.name, f"{k.label}（{k.name}）") for k in kinds],
        max_mb=settings.IMPORT_MAX_MB,
        initial={"kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_jobs.import_job_create(
                kind=form.cleaned_data["kind"],
                name=str(upload.name),
                size=int(upload.size or 0),
                handle=upload,
                partial=form.cleaned_data["mode"] == "partial",
                by=user,
            )
        except CoreError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect(job)
    labels = {name: entry.label for name in importing.kinds() if (entry := importing.kind(name))}
    jobs = [(job, labels.get(job.kind, job.kind)) for job in import_jobs.jobs_visible_to(user)[:20]]
    return render(request, "workbench/imports/index.html", {"form": form, "kinds": kinds, "jobs": jobs})


@login_required
@require_GET
def template(request: HttpRequest, kind: str) -> HttpResponse:
    """A blank file of KIND: its header row, as UTF-8 CSV with the mark Excel needs to read it."""
    _, kinds = _kinds(request)
    entry = next((k for k in kinds if k.name == kind), None)
    if entry is None:
        raise Http404("no such kind")
    loader = importing.importer(kind)
    assert loader is not None  # noqa: S101  type narrowing
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out).writerow(importing.template_columns(loader))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = "index" if entry.files else kind
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
@require_GET
def job(request: HttpRequest, pk: int) -> HttpResponse:
    found = _job(request, pk)
    if not found.is_finished():  # the page refreshes itself (<noscript>) until the job ends
        _leave_session_alone(request)
    entry = importing.kind(found.kind)
    return render(
        request,
        "workbench/imports/job.html",
        {
            "job": found,
            "label": entry.label if entry else found.kind,
            "progress": import_jobs.progress(found),
            "summary": import_jobs.summary(found),
            "interrupted": import_jobs.interrupted(found),
        },
    )


@login_required
@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    """Go on with a job whose worker was killed, after its last committed batch."""
    found = _job(request, pk)
    try:
        import_jobs.import_job_resume(job=found, by=request.user)  # type: ignore[arg-type]
    except CoreError as exc:
        messages.error(request, exc.message)
    return redirect(found)


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> JsonResponse:
    _leave_session_alone(request)
    response = JsonResponse(import_jobs.progress(_job(request, pk)))
    response["Cache-Control"] = "no-store"
    return response
