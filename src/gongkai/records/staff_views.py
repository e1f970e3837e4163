"""The staff screens of every record type: list, create, edit, review, publish, correct, remove, export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import audit, permissions
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import User
from gongkai.core.publishable import visible_q
from gongkai.workbench.actions import cleaned, run
from gongkai.workbench.decorators import requires

from . import exporting, queries, registry, services
from .errors import RecordError
from .forms import AmendNoteForm, PublishForm, ReasonForm, RemoveForm, record_form_class
from .models import PublishedRecord, RecordStatus, Removal
from .registry import RecordType


def _type(slug: str) -> RecordType:
    record_type = registry.get(slug)
    if record_type is None:
        raise Http404("no such record type")
    return record_type


def _user(request: HttpRequest, action: str = "records.record.view") -> User:
    user: User = request.user  # type: ignore[assignment]
    if not permissions.can(user, action):
        raise PermissionDenied(action)
    return user


def record_or_404(
    request: HttpRequest, record_type: RecordType, pk: int, action: str = "records.record.view"
) -> Any:
    """The record of RECORD_TYPE numbered PK: 404 unless the user may see it, 403 unless also ACTION
    (staff pages of the kinds built on records use it too)."""
    record = record_type.model.objects.select_related("unit").filter(pk=pk).first()
    if record is None or not permissions.can(request.user, "records.record.view", record):
        raise Http404("no such record")
    if not permissions.can(request.user, action, record):
        raise PermissionDenied(action)
    return record


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rows = []
    calendar = load_calendar()
    for record_type in registry.types():
        mine = queries.staff_records(record_type, user)
        rows.append(
            {
                "type": record_type,
                "draft": mine.filter(status=RecordStatus.DRAFT).count(),
                "submitted": mine.filter(status=RecordStatus.SUBMITTED).count(),
                "published": mine.filter(visible_q()).count(),
                "late": len(queries.late_unpublished(record_type, user, calendar)),
            }
        )
    return render(request, "records/staff/index.html", {"rows": rows})


@login_required
def record_list(request: HttpRequest, slug: str) -> HttpResponse:
    record_type = _type(slug)
    user = _user(request)
    status = request.GET.get("status", "")
    records = queries.staff_records(record_type, user)
    if status in RecordStatus.values:
        records = records.filter(status=status)
    try:
        filters = queries.parse_filters(record_type, request.GET)
    except queries.FilterError as exc:
        messages.error(request, f"筛选条件有误：{exc}")
        filters = queries.Filters()
    records = queries.apply_filters(record_type, records, filters)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    calendar = load_calendar()
    rows = [
        (
            r,
            [record_type.public_text(r, c) for c in record_type.list_columns],
            queries.is_late(record_type, r, calendar),
        )
        for r in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "records/staff/list.html",
        {
            "type": record_type,
            "page": page,
            "rows": rows,
            "columns": [record_type.label(c) for c in record_type.list_columns],
            "status": status,
            "statuses": RecordStatus.choices,
            "query": query.urlencode(),
            "filters": filters,
            "can_create": user.unit is not None and permissions.can(user, "records.record.edit", user.unit),
            "can_review": permissions.can(user, "records.record.review"),
            "can_export": bool(record_type.exchange) and permissions.can(user, "records.record.export"),
        },
    )


@requires("records.record.edit", own_unit=True)
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, slug: str) -> HttpResponse:
    record_type = _type(slug)
    user = _user(request, "records.record.edit")
    form = record_form_class(record_type)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            record = services.record_create(record_type, by=user, unit=user.unit, data=data)
        except RecordError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"草稿已保存，索引号 {record.index_no}。")
            return redirect(record.get_staff_url())
    return render(request, "records/staff/form.html", {"type": record_type, "form": form, "record": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a draft, or correct (更正) a published record with a reason."""
    record_type = _type(slug)
    amending = False
    record = record_or_404(request, record_type, pk, "records.record.view")
    if record.status == RecordStatus.PUBLISHED:
        record = record_or_404(request, record_type, pk, "records.record.review")
        amending = True
    elif record.status == RecordStatus.DRAFT:
        record = record_or_404(request, record_type, pk, "records.record.edit")
    else:
        messages.error(request, "只有草稿可以修改；已发布的记录可以更正。")
        return redirect(record.get_staff_url())
    form = record_form_class(record_type)(request.POST or None, instance=record)
    note_form = AmendNoteForm(request.POST or None) if amending else None
    if request.method == "POST" and form.is_valid() and (note_form is None or note_form.is_valid()):
        data = {name: form.cleaned_data[name] for name in form.fields}
        user: User = request.user  # type: ignore[assignment]
        try:
            if note_form is not None:
                services.record_amend(
                    record_type, record, by=user, data=data, note=note_form.cleaned_data["amend_reason"]
                )
            else:
                services.record_update(record_type, record, by=user, data=data)
        except RecordError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已更正并重新公开。" if amending else "已保存。")
            return redirect(record.get_staff_url())
    return render(
        request,
        "records/staff/form.html",
        {"type": record_type, "form": form, "record": record, "note_form": note_form},
    )


def _can(user: User, record: PublishedRecord) -> dict[str, bool]:
    """What USER may do to RECORD in its present state (the template asks only this)."""
    edit = permissions.can(user, "records.record.edit", record)
    review = permissions.can(user, "records.record.review", record)
    return {
        "edit": edit and record.can_edit(),
        "approve": review and record.can_review(),
        "reject": review and record.can_reject(),
        "publish": review and record.can_publish(),
        "correct": review and record.can_amend(),
    }


@login_required
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    record_type = _type(slug)
    record = record_or_404(request, record_type, pk)
    calendar = load_calendar()
    fields = [
        (
            record_type.label(f.name),
            record_type.public_text(record, f.name)
            if f.name not in record_type.private_fields
            else getattr(record, f.name),
            f.name in record_type.private_fields,
            f.name in record_type.masks,
        )
        for f in record_type.own_fields()
    ]
    user = request.user
    try:
        findings, unscannable = services.privacy_findings(record_type, record), ""
    except RecordError as exc:  # a text stored before the cap: named, never scanned in part
        findings, unscannable = [], exc.message
    return render(
        request,
        "records/staff/detail.html",
        {
            "type": record_type,
            "record": record,
            "fields": fields,
            "findings": [{"field": record_type.label(name), "finding": f} for name, f in findings],
            "unscannable": unscannable,
            "deadline": queries.publication_deadline(record_type, record, calendar),
            "late": queries.is_late(record_type, record, calendar),
            "public": queries.public_view(record_type, record.index_no).state == "public",
            "removals": Removal.choices,
            "extra": record_type.detail_context(record)
            if record_type.staff_extra_template and record_type.detail_context
            else {},
            "can": _can(user, record),
        },
    )


def _submit(request: HttpRequest, record_type: RecordType, record: Any, user: User) -> None:
    services.record_submit(record_type, record, by=user)


def _approve(request: HttpRequest, record_type: RecordType, record: Any, user: User) -> None:
    services.record_approve(record_type, record, by=user)


def _reject(request: HttpRequest, record_type: RecordType, record: Any, user: User) -> None:
    data = cleaned(ReasonForm(request.POST), "请填写退回意见：")
    services.record_reject(record_type, record, by=user, note=data["reason"])


def _publish(request: HttpRequest, record_type: RecordType, record: Any, user: User) -> None:
    data = cleaned(PublishForm(request.POST), "发布时间不正确：")
    services.record_publish(record_type, record, by=user, at=data.get("publish_at"))


def _remove(request: HttpRequest, record_type: RecordType, record: Any, user: User) -> None:
    data = cleaned(RemoveForm(request.POST, choices=Removal.choices), "请填写撤下信息：")
    services.record_remove(record_type, record, by=user, reason=data["reason"], removal=data["removal"])


def _redact(request: HttpRequest, record_type: RecordType, record: Any, user: User) -> None:
    services.record_redact(record_type, record, by=user)


ACTIONS = {
    "submit": (_submit, "records.record.edit", "已提交审核。"),
    "redact": (_redact, "records.record.edit", "已去标识化处理。"),
    "approve": (_approve, "records.record.review", "已审核通过。"),
    "reject": (_reject, "records.record.review", "已退回修改。"),
    "publish": (_publish, "records.record.review", "已发布。"),
    "remove": (_remove, "records.record.review", "已撤下，公众不再能看到这条记录。"),
}


@login_required
@require_POST
def act(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    record_type = _type(slug)
    if action not in ACTIONS:
        raise Http404("no such action")
    handler, needed, success = ACTIONS[action]
    record = record_or_404(request, record_type, pk, needed)
    run(request, lambda r, t, u: handler(r, record_type, t, u), record, success, (RecordError,))
    return redirect(record.get_staff_url())


@login_required
@require_POST
def bulk_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Approve and publish the checked submitted records (imports arrive waiting for review)."""
    record_type = _type(slug)
    user = _user(request, "records.record.review")
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    records = [
        r
        for r in queries.staff_records(record_type, user).filter(pk__in=ids, status=RecordStatus.SUBMITTED)
        if permissions.can(user, "records.record.review", r)
    ]
    if not records:
        messages.error(request, "请勾选待审核的记录。")
    else:
        done, skipped = services.records_approve_and_publish(record_type, records, by=user)
        if done:
            messages.success(request, f"已审核并发布 {done} 条。")
        for index_no, reason in skipped[:20]:
            messages.error(request, f"{index_no} 未发布：{reason}")
    return redirect(reverse("records_staff:list", args=[slug]) + "?status=submitted")


@login_required
def exchange_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The type's exchange file (e.g. 双公示 for the credit platform): full values, so audited."""
    record_type = _type(slug)
    user = _user(request, "records.record.export")
    if not record_type.exchange:
        raise Http404("no exchange format")
    try:
        filters = queries.parse_filters(record_type, request.GET)
    except queries.FilterError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    records = queries.apply_filters(
        record_type, queries.staff_records(record_type, user).filter(status=RecordStatus.PUBLISHED), filters
    )
    audit.record(None, f"records.{record_type.slug}.exchange_exported", by=user, data=filters.as_query())
    response = StreamingHttpResponse(
        exporting.csv_chunks(exporting.exchange_rows(record_type, records.iterator(chunk_size=1000))),
        content_type="text/csv; charset=utf-8",
    )
    name = f"{record_type.slug}-exchange-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
