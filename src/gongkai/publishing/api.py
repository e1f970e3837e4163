"""API of the catalog: public documents, staff workflow, the privacy scan, the publication log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from gongkai.core import permissions, privacy, transparency
from gongkai.core.apibase import YEARS, ApiError, ErrorOut, PageNumberPagination, TokenAuth, require
from gongkai.core.models import TransparencyEntry, User
from gongkai.core.queries import unit_by_code

from . import queries, services
from .errors import PublishingError
from .models import Category, Document

router = Router(tags=["documents"])
staff_router = Router(tags=["staff documents"], auth=TokenAuth())
DEFAULT_CATEGORY = "other"


class DocumentListOut(Schema):
    index_no: str
    title: str
    doc_number: str
    unit: str = Field(..., alias="unit.code")
    category: str = Field(..., alias="category.code")
    published_at: datetime | None = Field(None, alias="publish_at")
    validity: str
    url: str

    @staticmethod
    def resolve_url(obj: Document, context: dict[str, Any]) -> str:
        return str(context["request"].build_absolute_uri(obj.get_absolute_url()))


@router.get("/documents", response={200: list[DocumentListOut], 422: ErrorOut}, summary="公开的政府信息")
@paginate(PageNumberPagination)
def documents(
    request: HttpRequest,
    q: str = "",
    unit: str = "",
    category: str = "",
    year: int | None = Query(None, **YEARS),
) -> QuerySet[Document]:
    return queries.catalog(q=q, unit=unit, category=category, year=year)


def document_body(document: Document, request: HttpRequest) -> dict[str, Any]:
    return {
        "index_no": document.index_no,
        "version": document.version,
        "title": document.title,
        "doc_number": document.doc_number,
        "unit": document.unit.code,
        "co_units": [u.code for u in document.co_units.all()],
        "written_on": document.written_on.isoformat() if document.written_on else None,
        "published_at": document.publish_at.isoformat() if document.publish_at else None,
        "validity": document.validity,
        "category": document.category.code,
        "topic": document.topic,
        "genre": document.genre,
        "url": request.build_absolute_uri(document.get_absolute_url()),
        "body": document.body,
        "attachments": [
            {"name": a.name, "url": request.build_absolute_uri(a.get_absolute_url()), "sha256": a.sha256}
            for a in document.attachments.all()
        ],
        "interpretations": [
            {
                "index_no": i.index_no,
                "title": i.title,
                "url": request.build_absolute_uri(i.get_absolute_url()),
            }
            for i in queries.public_interpretations(document)
        ],
    }


@router.get(
    "/documents/{path:index_no}",
    response={200: dict[str, Any], 404: ErrorOut, 410: dict[str, Any]},
    summary="一条政府信息",
)
def document(request: HttpRequest, index_no: str) -> Status[dict[str, Any]]:
    view = queries.public_view(index_no)
    if view.document is None:
        raise ApiError(404, "not_found", "没有这个索引号的公开信息。", {"index_no": index_no})
    doc = view.document
    if view.state == "gone":
        ended = doc.withdrawn_at if doc.status == Document.Status.WITHDRAWN else doc.publish_until
        return Status(
            410,
            {
                "index_no": doc.index_no,
                "title": doc.title,
                "withdrawn_at": ended.isoformat() if ended else None,
                "reason": doc.withdrawal_reason or "已下线",
            },
        )
    return Status(200, document_body(doc, request))


class HeadOut(Schema):
    seq: int
    entry_hash: str


@router.get("/transparency/head", response=HeadOut, summary="公开日志的最新一条")
def transparency_head(request: HttpRequest) -> dict[str, Any]:
    last = TransparencyEntry.objects.order_by("-seq").first()
    return {"seq": last.seq if last else 0, "entry_hash": last.entry_hash if last else transparency.GENESIS}


@router.get("/transparency/entries", response=dict[str, Any], summary="公开日志记录（每次最多500条）")
def transparency_entries(
    request: HttpRequest, after: int = 0, limit: int = Query(500, ge=1, le=500)
) -> dict[str, Any]:
    rows = list(TransparencyEntry.objects.filter(seq__gt=after).order_by("seq")[: limit + 1])
    more = len(rows) > limit
    return {"entries": [transparency.entry_as_dict(e) for e in rows[:limit]], "more": more}


# --- staff ---------------------------------------------------------------------------------------


def _error(exc: PublishingError) -> ApiError:
    status = 409 if exc.code in ("bad_state", "not_draft") else 422
    return ApiError(status, exc.code, exc.message, {exc.field: exc.message} if exc.field else {})


class DocumentIn(Schema):
    unit: str
    title: str = Field(..., min_length=1, max_length=300)
    body: str = ""
    doc_number: str = ""
    category: str = DEFAULT_CATEGORY
    written_on: date | None = None
    formed_on: date | None = None
    publish_at: datetime | None = None
    topic: str = Document.Topic.GENERAL
    genre: str = Document.Genre.NOTICE
    keywords: str = ""
    summary: str = ""


class DocumentCreatedOut(Schema):
    id: int
    index_no: str
    status: str


@staff_router.post(
    "/documents",
    response={201: DocumentCreatedOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="新建草稿",
)
def create_document(request: HttpRequest, payload: DocumentIn) -> Status[dict[str, Any]]:
    unit = unit_by_code(payload.unit)
    if unit is None:
        raise ApiError(422, "invalid", "没有这个统一社会信用代码的单位。", {"unit": "未知单位"})
    user = require(request, "publishing.document.create", unit)
    category = Category.objects.filter(code=payload.category).first()
    if category is None:
        raise ApiError(422, "invalid", "没有这个目录分类。", {"category": "未知分类"})
    try:
        doc = services.document_create(
            by=user, unit=unit, title=payload.title, body=payload.body, category=category,
            formed_on=payload.formed_on or payload.written_on or timezone.localdate(),
            doc_number=payload.doc_number, written_on=payload.written_on, topic=payload.topic, genre=payload.genre,
            keywords=payload.keywords, summary=payload.summary, publish_at=payload.publish_at,
        )  # fmt: skip
    except PublishingError as exc:
        raise _error(exc) from exc
    return Status(201, {"id": doc.pk, "index_no": doc.index_no, "status": doc.status})


class DocumentActionIn(Schema):
    reason: str = ""
    note: str = ""
    publish_at: datetime | None = None
    title: str | None = Field(None, min_length=1, max_length=300)  # amend
    body: str | None = None  # amend


class StatusOut(Schema):
    id: int
    index_no: str
    status: str


ACTIONS = {
    "submit": "publishing.document.submit",
    "approve": "publishing.document.review",
    "reject": "publishing.document.review",
    "publish": "publishing.document.publish",
    "withdraw": "publishing.document.withdraw",
    "amend": "publishing.document.amend",
}


@staff_router.post(
    "/documents/{int:document_id}/{action}",
    response={200: StatusOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="审核流程操作：submit、approve、reject、publish、amend、withdraw",
)
def document_action(
    request: HttpRequest, document_id: int, action: str, payload: DocumentActionIn | None = None
) -> dict[str, Any]:
    payload = payload or DocumentActionIn()
    if action not in ACTIONS:
        raise ApiError(404, "not_found", f"没有“{action}”这个操作。", {"action": action})
    doc = Document.objects.select_related("unit").filter(pk=document_id).first()
    user: User = request.auth  # type: ignore[attr-defined]
    if doc is None or not require_view(user, doc):
        raise ApiError(404, "not_found", "没有这件稿件。")
    require(request, ACTIONS[action], doc)
    try:
        if action == "submit":
            doc = services.document_submit(document=doc, by=user)
        elif action == "approve":
            doc = services.document_approve(document=doc, by=user)
        elif action == "reject":
            doc = services.document_reject(document=doc, by=user, note=payload.note or payload.reason)
        elif action == "publish":
            requested = payload.publish_at or (
                doc.publish_at if doc.publish_at and doc.publish_at > timezone.now() else None
            )
            doc = services.document_publish(document=doc, by=user, at=requested)
        elif action == "amend":
            fields = {
                name: value for name in ("title", "body") if (value := getattr(payload, name)) is not None
            }
            doc = services.document_amend(document=doc, by=user, change_note=payload.reason, **fields)
        else:
            doc = services.document_withdraw(document=doc, by=user, reason=payload.reason)
    except PublishingError as exc:
        error = _error(exc)
        if exc.code == "bad_state":
            error.fields = {"status": doc.status}
        if exc.field == "change_note":  # the API calls a correction's note "reason" (CONTRACT)
            error.fields = {"reason": exc.message}
        if exc.code == "privacy_findings":
            error.fields = {
                str(i): f"{d['kind']} {d['start']}-{d['end']} in {d['field']}"
                for i, d in enumerate(exc.details)
            }
        raise error from exc
    doc.refresh_from_db()
    # A correction answers the stored state ("published", live or for later); the rest what the world sees.
    return {
        "id": doc.pk,
        "index_no": doc.index_no,
        "status": doc.status if action == "amend" else doc.shown(),
    }


def require_view(user: User, document: Document) -> bool:
    return permissions.can(user, "publishing.document.view", document)


class ScanIn(Schema):
    text: str = Field(..., max_length=2_000_000)


class FindingOut(Schema):
    kind: str
    start: int
    end: int
    excerpt: str


class ScanOut(Schema):
    findings: list[FindingOut]


@staff_router.post(
    "/privacy/scan", response={200: ScanOut, 401: ErrorOut, 422: ErrorOut}, summary="个人信息检查"
)
def privacy_scan(request: HttpRequest, payload: ScanIn) -> dict[str, Any]:
    """Scan TEXT for personal data; a text beyond `GONGKAI_PRIVACY_SCAN_MAX_CHARS` is refused (422)."""
    if len(payload.text) > privacy.max_chars():
        message = privacy.too_long_message("文本", len(payload.text))
        raise ApiError(422, "too_long", message, {"text": message})
    return {"findings": [f.as_dict() for f in privacy.scan(payload.text, allow=privacy.public_allowlist())]}
