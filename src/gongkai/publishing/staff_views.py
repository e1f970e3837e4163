"""The editors' and reviewers' workbench for documents. Views validate, ask permission, call one service."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import permissions
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import User
from gongkai.workbench import actions
from gongkai.workbench.actions import cleaned
from gongkai.workbench.decorators import requires

from . import queries, services
from .errors import PublishingError
from .forms import AmendForm, CategoryForm, DocumentForm, PublishForm, ReasonForm, RiskForm, UploadForm
from .models import Attachment, Category, Document


def _document(request: HttpRequest, pk: int, action: str = "publishing.document.view") -> Document:
    document = Document.objects.select_related("unit", "category", "interprets").filter(pk=pk).first()
    if document is None or not permissions.can(request.user, "publishing.document.view", document):
        raise Http404("no such document")
    if not permissions.can(request.user, action, document):
        raise PermissionDenied(action)
    return document


FIELD_LABELS = {
    "title": "标题",
    "doc_number": "发文字号",
    "keywords": "关键词",
    "summary": "内容概述",
    "body": "正文",
}


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not permissions.can(user, "publishing.document.view"):
        raise PermissionDenied("publishing.document.view")
    lists = queries.queues(user)
    return render(
        request,
        "publishing/staff/queue.html",
        {
            **lists,
            "late": queries.late_unpublished(user, load_calendar()),
            "can_create": permissions.can(user, "publishing.document.create"),
            "can_manage_catalog": permissions.can(user, "publishing.catalog.manage"),
        },
    )


@requires("publishing.document.create", own_unit=True)
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = DocumentForm(request.POST or None, initial={"formed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.service_arguments()
        try:
            document = services.document_create(  # type: ignore[misc]
                by=user, unit=user.unit, title=data.pop("title"), formed_on=data.pop("formed_on"),
                category=data.pop("category"), body=data.pop("body"), **data,
            )  # fmt: skip
        except PublishingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"草稿已保存，索引号 {document.index_no}。")
            return redirect("publishing_staff:detail", pk=document.pk)
    return render(request, "publishing/staff/form.html", {"form": form, "document": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk, "publishing.document.edit")
    form = DocumentForm(request.POST or None, instance=Document.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(document=document, by=request.user, **form.service_arguments())  # type: ignore[arg-type]
        except PublishingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存。")
            return redirect("publishing_staff:detail", pk=pk)
    return render(request, "publishing/staff/form.html", {"form": form, "document": document})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    user = request.user
    calendar = load_calendar()
    allowed = {
        a: permissions.can(user, f"publishing.document.{a}", document)
        for a in ("edit", "submit", "review", "publish", "withdraw", "amend")
    }
    can = {  # what this user may do to the document in its present state
        "edit": allowed["edit"] and document.can_edit(),
        "legal": allowed["edit"],  # a finding may be ruled lawful while the draft is in review too
        "risk": allowed["edit"] and (document.can_edit() or document.can_review()),
        "submit": allowed["submit"] and document.can_submit(),
        "review": allowed["review"] and document.can_review(),
        "publish": allowed["publish"] and document.can_publish(),
        "withdraw": allowed["withdraw"] and document.can_withdraw(),
        "amend": allowed["amend"] and document.can_amend(),
    }
    findings = services.privacy_findings(document)
    names = {f"attachment:{a.pk}": f"附件“{a.name}”" for a in document.attachments.all()}
    return render(
        request,
        "publishing/staff/detail.html",
        {
            "document": document,
            "can": can,
            "findings": [
                {"field": FIELD_LABELS.get(field) or names.get(field, field), "finding": f}
                for field, f in findings
            ],
            "unscanned": services.privacy_unscanned(document),
            "deadline": queries.publication_deadline(document, calendar),
            "late": queries.is_late(document, calendar),
            "status": document.shown(),
            "interpretations": document.interpretations.all(),
            "upload_form": UploadForm(),
            "publish_form": PublishForm(),
            "reason_form": ReasonForm(),
            "risk_form": RiskForm(instance=getattr(document, "risk_assessment", None)),
            "amend_form": AmendForm(
                initial={"title": document.title, "body": document.body, "validity": document.validity}
            ),
            "attachments": document.attachments.all(),
        },
    )


def _submit(request: HttpRequest, document: Document, user: User) -> None:
    services.document_submit(document=document, by=user)


def _approve(request: HttpRequest, document: Document, user: User) -> None:
    services.document_approve(document=document, by=user)


def _reject(request: HttpRequest, document: Document, user: User) -> None:
    reason = cleaned(ReasonForm(request.POST), "未退回：")["reason"]
    services.document_reject(document=document, by=user, note=reason)


def _withdraw(request: HttpRequest, document: Document, user: User) -> None:
    reason = cleaned(ReasonForm(request.POST), "未撤回：")["reason"]
    services.document_withdraw(document=document, by=user, reason=reason)


def _publish(request: HttpRequest, document: Document, user: User) -> None:
    at = cleaned(PublishForm(request.POST), "未发布：")["publish_at"]
    services.document_publish(document=document, by=user, at=at)


def _redact(request: HttpRequest, document: Document, user: User) -> None:
    services.document_privacy_redact(document=document, by=user)


def _legal(request: HttpRequest, document: Document, user: User) -> None:
    post = request.POST
    services.document_privacy_mark_legal(
        document=document, by=user, digest=post.get("digest", ""), reason=post.get("reason", "")
    )


def _attach(request: HttpRequest, document: Document, user: User) -> None:
    file = cleaned(UploadForm(request.POST, request.FILES), "未上传：")["file"]
    services.document_attach(document=document, by=user, name=file.name, data=file.read())


def _detach(request: HttpRequest, document: Document, user: User) -> None:
    attachment = Attachment.objects.filter(pk=request.POST.get("attachment"), document=document).first()
    if attachment is None:
        raise Http404("no such attachment")
    services.document_detach(attachment=attachment, by=user)


def _risk(request: HttpRequest, document: Document, user: User) -> None:
    services.document_assess_risk(
        document=document, by=user, **cleaned(RiskForm(request.POST), "风险评估未保存：")
    )


def _amend(request: HttpRequest, document: Document, user: User) -> None:
    services.document_amend(document=document, by=user, **cleaned(AmendForm(request.POST), "修订未发布："))


Handler = Callable[[HttpRequest, Document, User], None]
ACTIONS: dict[str, tuple[str, Handler, str]] = {
    "submit": ("publishing.document.submit", _submit, "已提交审核。"),
    "approve": ("publishing.document.review", _approve, "已审核通过。"),
    "reject": ("publishing.document.review", _reject, "已退回修改。"),
    "publish": ("publishing.document.publish", _publish, "已发布。"),
    "withdraw": ("publishing.document.withdraw", _withdraw, "已撤回，公开页面改为撤回说明。"),
    "redact": ("publishing.document.edit", _redact, "已将个人信息替换为去标识化形式。"),
    "legal": ("publishing.document.edit", _legal, "已记录公开依据。"),
    "attach": ("publishing.document.edit", _attach, "附件已上传。"),
    "detach": ("publishing.document.edit", _detach, "附件已删除。"),
    "risk": ("publishing.document.edit", _risk, "已记录舆情风险评估。"),
    "amend": ("publishing.document.amend", _amend, "已发布新版本。"),
}


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one workflow action from the detail page and come back to it with a message."""
    if action not in ACTIONS:
        raise Http404("no such action")
    permission, handler, success = ACTIONS[action]
    document = _document(request, pk, permission)
    actions.run(request, handler, document, success, (PublishingError,))
    return redirect("publishing_staff:detail", pk=pk)


@requires("publishing.catalog.manage")
@require_http_methods(["GET", "POST"])
def categories(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The office edits the 公开目录 tree: list, add, rename, move."""
    instance = Category.objects.filter(pk=pk).first() if pk else None
    if pk and instance is None:
        raise Http404("no such category")
    form = CategoryForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(category=form.save(commit=False), by=request.user)  # type: ignore[arg-type]
        except PublishingError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, "目录分类已保存。")
            return redirect("publishing_staff:categories")
    return render(
        request,
        "publishing/staff/categories.html",
        {"form": form, "instance": instance, "categories": queries.categories()},
    )
