"""Staff pages: a unit's procurement processes, set up here; their notices are written and taken through
the workflow on the records screens (政府采购公告)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import permissions
from gongkai.core.errors import DomainError
from gongkai.core.models import User
from gongkai.records.staff_views import record_or_404
from gongkai.workbench.decorators import requires

from . import queries, services
from .errors import ProcurementError
from .forms import ProcessForm
from .models import Notice, NoticeDocument, Process
from .services import EDITABLE
from .types import NOTICES

EDIT = "procurement.process.edit"


def _process(request: HttpRequest, pk: int) -> Process:
    process = queries.staff_processes(request.user).filter(pk=pk).first()  # type: ignore[arg-type]
    if process is None:
        raise Http404("no such process")
    return process


@login_required
def process_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    processes = queries.staff_processes(user).order_by("-created_at", "-id")
    return render(
        request,
        "procurement/staff/list.html",
        {
            "processes": processes[:200],
            "can_create": user.unit is not None and permissions.can(user, EDIT, user.unit),
        },
    )


@requires(EDIT, own_unit=True)
@require_http_methods(["GET", "POST"])
def process_create(request: HttpRequest) -> HttpResponse:
    return _form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    if not permissions.can(request.user, EDIT, process):
        raise Http404("no such process")
    return _form(request, process)


def _form(request: HttpRequest, process: Process | None) -> HttpResponse:
    """Open a process of the user's unit (PROCESS None) or change PROCESS; a refusal names the field."""
    user: User = request.user  # type: ignore[assignment]
    form = ProcessForm(request.POST or None, instance=process)
    if process is not None:
        form.fields["code"].disabled = True  # part of the ocid
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in EDITABLE}
        try:
            if process is None:
                assert user.unit is not None  # noqa: S101  type narrowing
                process = services.process_create(
                    by=user, unit=user.unit, code=form.cleaned_data["code"], data=data
                )
            else:
                process = services.process_update(process=process, by=user, data=data)
        except ProcurementError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"采购项目 {process.code} 已保存。")
            return redirect("procurement_staff:detail", pk=process.pk)
    return render(request, "procurement/staff/form.html", {"form": form, "process": process})


@login_required
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    notices = process.notices.order_by("notice_date", "id")
    return render(
        request,
        "procurement/staff/detail.html",
        {"process": process, "notices": notices, "can_edit": permissions.can(request.user, EDIT, process)},
    )


MAX_UPLOAD = 50 * 1024 * 1024


def _editable_notice(request: HttpRequest, pk: int) -> Notice:
    notice: Notice = record_or_404(request, NOTICES, pk, "records.record.edit")
    return notice


@login_required
@require_POST
def notice_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a file to a draft notice (on the notice's staff page); a refusal names the file and the problem."""
    notice = _editable_notice(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的文件。")
    elif upload.size and upload.size > MAX_UPLOAD:
        messages.error(request, f"附件“{upload.name}”超过 50 MB 的大小限制。")
    else:
        try:
            services.notice_attach(
                notice=notice, by=request.user, name=str(upload.name), data=upload.read(),  # type: ignore[arg-type]
                document_type=request.POST.get("document_type", ""),
            )  # fmt: skip
        except ProcurementError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已添加附件“{upload.name}”。")
    return redirect(notice.get_staff_url())


@login_required
@require_POST
def notice_detach(request: HttpRequest, pk: int) -> HttpResponse:
    document = NoticeDocument.objects.filter(pk=pk).first()
    if document is None:
        raise Http404("no such document")
    notice = _editable_notice(request, document.notice_id)
    try:
        services.notice_detach(document=document, by=request.user)  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已删除附件“{document.name}”。")
    return redirect(notice.get_staff_url())
