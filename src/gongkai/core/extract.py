"""Text extraction from uploaded files, run in a child process under limits (issue #23 item 4).

A crafted DOCX or ZIP (a "bomb") must cost the server a bounded second and a few megabytes, not
minutes and gigabytes that a worker never gives back. So the parsers run in a fresh Python process
(`python -m gongkai.core.extract KIND`, the file on stdin, JSON on stdout) with an address-space
limit, a CPU-time limit and a wall-clock timeout; and every archive is checked before it is opened:
its expanded size, and each member's expansion ratio. This module imports no Django: the child starts
quickly and reads no settings; the limits come from the parent.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
MAX_MEMBER_RATIO = 200  # a member expanding more than 200-fold (and beyond 10 MB) is a bomb
RATIO_FLOOR = 10 * 1024 * 1024


class ArchiveRefused(ValueError):
    """An archive that expands beyond the limits."""


def zip_guard(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
            raise ArchiveRefused(
                f"member {info.filename} expands {info.file_size // max(info.compress_size, 1)}-fold"
            )
    if total > MAX_UNZIPPED_BYTES:
        raise ArchiveRefused("archive expands beyond the size limit")


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("encrypted PDF")
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_text(data: bytes) -> str:
    import docx

    zip_guard(zipfile.ZipFile(io.BytesIO(data)))
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    import openpyxl

    zip_guard(zipfile.ZipFile(io.BytesIO(data)))
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = [str(v) for v in row if v is not None]
            if cells:
                parts.append("\t".join(cells))
    book.close()
    return "\n".join(parts)


def _ofd_text(data: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    zip_guard(archive)
    parts: list[str] = []
    for name in sorted(archive.namelist()):
        if name.lower().endswith("content.xml"):
            raw = archive.read(name)
            if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:  # OFD needs no DTD: no entity may expand or load
                raise ArchiveRefused(f"member {name} declares a DTD")
            root = ElementTree.fromstring(raw)  # noqa: S314  a DTD is refused just above
            parts.extend(el.text or "" for el in root.iter() if el.tag.endswith("TextCode"))
    return "".join(parts)


EXTRACTORS = {"pdf": _pdf_text, "docx": _docx_text, "xlsx": _xlsx_text, "ofd": _ofd_text}


@dataclass
class Limits:
    memory_mb: int = 768
    cpu_seconds: int = 20
    timeout_seconds: int = 30


@dataclass
class Outcome:
    text: str = ""
    error: str = ""  # an English word or two for the editor's message; "" when it worked
    limit: bool = False  # the child hit a limit (memory, time) or refused a bomb


def isolated(kind: str, data: bytes, limits: Limits, max_chars: int) -> Outcome:
    """Extract KIND's text from DATA in a child process under LIMITS."""

    # The child sets its own limits before it reads the file (a preexec_fn is unsafe in the server's
    # threaded workers); the code is ours, only the file is untrusted.
    command = [
        sys.executable, "-m", "gongkai.core.extract", kind, str(max_chars),
        str(limits.memory_mb), str(limits.cpu_seconds),
    ]  # fmt: skip
    try:
        child = subprocess.run(  # noqa: S603  our own module and numbers; only stdin (the file) is untrusted
            command, input=data, capture_output=True, timeout=limits.timeout_seconds, check=False
        )
    except subprocess.TimeoutExpired:
        return Outcome(error="Timeout", limit=True)
    if child.returncode != 0:
        # Killed by the CPU limit (SIGXCPU), or out of memory (MemoryError): a limit either way.
        return Outcome(error="LimitExceeded", limit=True)
    answer = json.loads(child.stdout.decode("utf-8"))
    return Outcome(
        text=answer.get("text", ""), error=answer.get("error", ""), limit=bool(answer.get("limit"))
    )


def _confine(memory_mb: int, cpu_seconds: int) -> None:
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main() -> None:
    kind, max_chars, memory_mb, cpu_seconds = sys.argv[1], *(int(a) for a in sys.argv[2:5])
    _confine(memory_mb, cpu_seconds)
    data = sys.stdin.buffer.read()
    answer: dict[str, object]
    try:
        answer = {"text": EXTRACTORS[kind](data).strip()[:max_chars]}
    except ArchiveRefused:
        answer = {"error": "ArchiveRefused", "limit": True}
    except MemoryError:
        sys.exit(3)
    except Exception as exc:  # a damaged or unusual file: the editor is told its error's name
        answer = {"error": type(exc).__name__}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    main()
