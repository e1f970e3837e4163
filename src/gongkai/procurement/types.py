"""Procurement notices as a record type of the records framework (list, page, feed, sitemap, search,
API, export, CSV/XLSX import and staff screens), with the ordering rules of a procurement process."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from gongkai import records
from gongkai.core.publishable import State

from .lines import show_amount, show_parties
from .models import DocumentType, Notice, NoticeKind

K = NoticeKind

# A notice of the key kind needs a public notice of one of the value kinds earlier in its process.
NEEDS = {
    K.CORRECTION: (K.INTENTION, K.TENDER),
    K.AWARD: (K.TENDER,),
    K.CONTRACT: (K.AWARD,),
    K.TERMINATION: (K.INTENTION, K.TENDER),
}


def publish_check(notice: Notice) -> str | None:
    """Why NOTICE may not go out now (its process's order: a result needs its tender, a contract its result)."""
    published = Notice.objects.filter(process_id=notice.process_id, status=State.PUBLISHED).exclude(
        pk=notice.pk
    )
    if published.filter(kind=K.TERMINATION).exists():
        return "该采购项目已发布终止公告，不能再发布公告。"
    needed = NEEDS.get(K(notice.kind))
    if needed and not published.filter(Q(kind__in=needed)).exists():
        names = "或".join(str(k.label) for k in needed)
        return f"须先发布本项目的{names}，才能发布{K(notice.kind).label}。"
    return None


def _process_link(notice: Notice) -> dict[str, Any]:
    return {
        "process": notice.process,
        "documents": list(notice.documents.all()),
        "document_types": DocumentType.choices,
        "default_type": DEFAULT_DOCUMENT_TYPE.get(K(notice.kind), DocumentType.OTHER),
    }


# The file a notice of each kind usually carries, offered first on its staff page.
DEFAULT_DOCUMENT_TYPE = {
    K.TENDER: DocumentType.BIDDING,
    K.CORRECTION: DocumentType.CLARIFICATIONS,
    K.AWARD: DocumentType.EVALUATION,
    K.CONTRACT: DocumentType.CONTRACT,
    K.TERMINATION: DocumentType.CANCELLATION,
}


def _logged_files(notice: Notice) -> dict[str, Any]:
    """The notice's files go in the publication log with its fields, by name and SHA-256."""
    return {"documents": [{"name": d.name, "sha256": d.sha256} for d in notice.documents.all()]}


def _suppliers(notice: Notice) -> list[tuple[str, str]]:
    """The companies a result or contract notice awards (what their profiles show of procurement)."""
    return [(p.uscc, p.name) for p in notice.supplier_list()]


NOTICES = records.register(
    Notice,
    records.RecordType(
        slug="procurement-notices",
        home_column=False,
        search_weight=1.0,
        search_words=("政府", "采购", "政府采购"),
        name="政府采购公告",
        description="采购意向、采购公告、更正公告、中标（成交）结果公告、合同公告和终止公告。",
        title_field="title",
        date_field="notice_date",
        list_columns=("title", "kind", "notice_date"),
        filters=("kind",),
        search_fields=("title", "process", "suppliers", "bidders", "contract_no", "body"),
        number_fields=("contract_no",),
        field_order=(
            "process",
            "kind",
            "title",
            "notice_date",
            "bid_deadline",
            "amount",
            "suppliers",
            "bidders",
            "contract_no",
            "signed_on",
            "body",
        ),
        masks={
            "amount": lambda n: show_amount(n.amount),
            "suppliers": lambda n: show_parties(n.suppliers),
            "bidders": lambda n: show_parties(n.bidders),
        },
        import_key=("process", "title"),
        publish_check=publish_check,
        nav_group="政府采购",
        detail_template="procurement/notice_detail.html",
        detail_context=_process_link,
        staff_extra_template="procurement/staff/notice_extra.html",
        log_extra=_logged_files,
        enterprises=records.Enterprises(
            code_field="suppliers", listed=_suppliers, title_fields=("title",), rank=50
        ),
    ),
)
