"""What a document publishes: its canonical content (hashed into the log) and its plain text."""

from __future__ import annotations

import html
import re
from typing import Any

import nh3

from gongkai.core.transparency import canonical_content

from .models import Document

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a", "span", "sup", "sub", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitize(body: str) -> str:
    """Return staff-entered HTML reduced to the tags a government document needs."""
    return nh3.clean(
        body or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer"
    )


def plain_text(body: str) -> str:
    text = nh3.clean(re.sub(r"<(br|/p|/li|/tr|/h\d)[^>]*>", "\n", body or ""), tags=set())
    return html.unescape(text)


def document_content(document: Document) -> dict[str, Any]:
    """Return the content of DOCUMENT's current version as the log and the public API hash it."""
    return canonical_content(
        index_no=document.index_no,
        version=document.version,
        title=document.title,
        doc_number=document.doc_number,
        body=document.body,
        attachments=[a.sha256 for a in document.attachments.all()],
    )


def own_text_fields(document: Document) -> dict[str, str]:
    """Return the document's own published text by field (no attachments)."""
    return {
        "title": document.title,
        "doc_number": document.doc_number,
        "keywords": document.keywords,
        "summary": document.summary,
        "body": plain_text(document.body),
    }


def text_fields(document: Document) -> dict[str, str]:
    """Return every piece of text a document would publish, by field, for the personal-data guard."""
    fields = own_text_fields(document)
    for attachment in document.attachments.all():
        fields[f"attachment:{attachment.pk}"] = attachment.text
    return fields
