"""HTML to PDF with WeasyPrint and Debian's Noto CJK fonts, embedded in the file."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


class PdfUnavailable(RuntimeError):
    """WeasyPrint's system libraries (Pango) are missing on this server."""


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render TEMPLATE to a PDF (A4, CJK fonts embedded)."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # the wheel is there but libpango is not
        raise PdfUnavailable(str(exc)) from exc
    html = render_to_string(template, context)
    return bytes(HTML(string=html).write_pdf())
