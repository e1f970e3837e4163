"""File intake shared by every app: type sniffed from the bytes, stored once by SHA-256, text extracted
under limits (attachments of documents, files given with replies)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.utils.translation import gettext as _

from . import extract as extract_module


class FileRejected(ValueError):
    """An upload that cannot be accepted; the message (Chinese) names the file and the problem."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


MAX_TEXT_CHARS = 2_000_000
MAX_UNZIPPED_BYTES = extract_module.MAX_UNZIPPED_BYTES

KINDS = {
    # kind: (content type, accepted name endings)
    "pdf": ("application/pdf", (".pdf",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "ofd": ("application/ofd", (".ofd",)),
    "ole": ("application/octet-stream", (".doc", ".xls", ".wps", ".et")),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
}


@dataclass(frozen=True)
class Extracted:
    text: str
    state: str  # Attachment.TextState value
    error: str = ""


def max_size() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_MB", 50)) * 1024 * 1024


def sniff(data: bytes) -> str:
    """Return the file kind from its leading bytes (and, for zips, their contents)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = {n.lower() for n in zipfile.ZipFile(io.BytesIO(data)).namelist()}
        except zipfile.BadZipFile:
            return ""
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ofd.xml" in names:
            return "ofd"
    return ""


def check(name: str, data: bytes) -> str:
    """Return the kind of an upload, or raise with a message that names the problem."""
    if not data:
        raise FileRejected(_("附件“%(name)s”是空文件。") % {"name": name}, code="empty_file")
    if len(data) > max_size():
        raise FileRejected(
            _("附件“%(name)s”超过 %(mb)d MB 的大小限制。") % {"name": name, "mb": max_size() // 1024 // 1024},
            code="file_too_large",
        )
    kind = sniff(data)
    if not kind:
        raise FileRejected(
            _("附件“%(name)s”的类型不受支持。可上传 PDF、OFD、DOCX、XLSX、DOC、XLS、PNG、JPEG 文件。")
            % {"name": name},
            code="file_type",
        )
    if not name.lower().endswith(KINDS[kind][1]):
        raise FileRejected(
            _("附件“%(name)s”的扩展名与文件内容（%(kind)s）不符，请核对后重新上传。")
            % {"name": name, "kind": kind.upper()},
            code="file_extension",
        )
    return kind


def safe_name(name: str, default: str = "file") -> str:
    """Return an upload's name without path separators, at most 200 characters."""
    return name.replace("/", "_").replace("\\", "_").strip()[:200] or default


def store(data: bytes) -> str:
    """Store DATA under its SHA-256 (once) and return the digest."""
    digest = hashlib.sha256(data).hexdigest()
    path = storage_path(digest)
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(data))
    return digest


def storage_path(digest: str) -> str:
    return f"attachments/{digest[:2]}/{digest}"


def download(digest: str, name: str, content_type: str) -> FileResponse:
    """A stored file as a download that browsers may neither sniff nor run (attachments, replies, forms)."""
    response = FileResponse(
        default_storage.open(storage_path(digest), "rb"),
        as_attachment=True,
        filename=name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _limits() -> extract_module.Limits:
    return extract_module.Limits(
        memory_mb=getattr(settings, "EXTRACT_MEMORY_MB", 768),
        cpu_seconds=getattr(settings, "EXTRACT_CPU_SECONDS", 20),
        timeout_seconds=getattr(settings, "EXTRACT_TIMEOUT_SECONDS", 30),
    )


def extract(kind: str, data: bytes) -> Extracted:
    """Return the text of an attachment, or why there is none (shown to the editor)."""
    if kind == "ole":
        return Extracted(
            "",
            "failed",
            _(
                "旧版 Office 格式无法提取文字，检索和个人信息检查将看不到其内容；请另存为 DOCX 或 XLSX 后上传。"
            ),
        )
    if kind in ("png", "jpeg"):
        return Extracted("", "no_text", _("图片中的文字无法检索，也未经个人信息检查，请人工核对。"))
    outcome = extract_module.isolated(kind, data, _limits(), MAX_TEXT_CHARS)
    if outcome.limit:
        return Extracted(
            "",
            "failed",
            _("文件解压后过大或结构异常（%(error)s），未提取文字；检索和个人信息检查将看不到其内容。")
            % {"error": outcome.error},
        )
    if outcome.error:
        return Extracted(
            "",
            "failed",
            _("文件无法读取（%(error)s），请检查文件是否损坏或加密。") % {"error": outcome.error},
        )
    text = outcome.text
    if not text:
        return Extracted(
            "", "no_text", _("文件中没有可提取的文字（可能是扫描件），检索和个人信息检查将看不到其内容。")
        )
    return Extracted(text, "extracted")
