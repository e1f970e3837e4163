"""What a document publishes: its canonical content (hashed into the log) and its plain text."""

from __future__ import annotations

import html
import re
from typing import Any

import nh3

from gongkai.core.transparency import canonical_content

from .models import Document

# No span: without attributes it means nothing, and Word wraps every run of text in one.
ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a", "sup", "sub", "hr",
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
    ).strip()


# A start or end tag, or a comment: "a < b" and "<<条例>>" are text, "<p>" and "<!--" are markup.
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|<!--")


def paragraphs(text: str) -> str:
    """Return plain TEXT as HTML, each non-blank line a paragraph.

    Chinese official documents mark a paragraph by a line break (and a two-character indent), not by
    a blank line, so text typed or exported that way keeps its paragraphs; blank lines add nothing.
    """
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def body_html(body: str) -> str:
    """Return a document body as it is stored: HTML sanitised, plain text made into paragraphs first."""
    body = body or ""
    return sanitize(body if _MARKUP.search(body) else paragraphs(body))


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
        if not attachment.scanned_later():  # a long text is scanned by the task queue (kind.findings)
            fields[f"attachment:{attachment.pk}"] = attachment.text
    return fields
