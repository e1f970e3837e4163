"""Attachment text is extracted in a child process under limits (issue #23 item 4): a bomb costs a
bounded moment and nothing in the server; a normal file still gives its text."""

import io
import resource
import zipfile

import docx

from gongkai.core import extract, files


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _swollen(body: bytes, compression: int) -> bytes:
    """A DOCX whose document part holds BODY, written with COMPRESSION (ZIP_DEFLATED or ZIP_STORED)."""
    source = zipfile.ZipFile(io.BytesIO(_docx("封面")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as swollen:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                data = head + b"<w:body>" + body + tail
            swollen.writestr(item.filename, data)
    return out.getvalue()


def _bomb(expanded_mb: int) -> bytes:
    """Spaces: a few hundred KB deflated, EXPANDED_MB expanded."""
    return _swollen(b" " * (expanded_mb * 1024 * 1024), zipfile.ZIP_DEFLATED)


def _bomb_within_ratio(expanded_mb: int) -> bytes:
    """Stored uncompressed (ratio 1), so the archive rules let it through; only memory stops it."""
    paragraph = b"<w:p><w:r><w:t>" + "公开".encode() * 50 + b"</w:t></w:r></w:p>"
    return _swollen(paragraph * (expanded_mb * 1024 * 1024 // len(paragraph)), zipfile.ZIP_STORED)


def test_a_normal_docx_gives_its_text_from_the_child():
    assert (
        files.extract("docx", _docx("关于做好2026年政务公开工作的通知")).text
        == "关于做好2026年政务公开工作的通知"
    )


def test_a_docx_bomb_is_refused_without_growing_the_server():
    bomb = _bomb(250)
    assert len(bomb) < 2 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = files.extract("docx", bomb)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert found.state == "failed" and "ArchiveRefused" in found.error and found.text == ""
    assert grown_kb < 50 * 1024  # the parsing happened elsewhere


def test_a_child_over_its_memory_limit_fails_the_extraction_not_the_server(settings):
    """A file within the archive rules whose parsing needs more memory than allowed."""
    settings.EXTRACT_MEMORY_MB = 200
    found = files.extract("docx", _bomb_within_ratio(180))
    assert found.state == "failed" and "LimitExceeded" in found.error


def test_the_archive_rules_name_the_member():
    archive = zipfile.ZipFile(io.BytesIO(_bomb(20)))
    try:
        extract.zip_guard(archive)
    except extract.ArchiveRefused as exc:
        assert "word/document.xml" in str(exc)
    else:
        raise AssertionError("a 20 MB member of spaces was not refused")


def test_an_ofd_declaring_entities_is_refused_before_its_xml_is_parsed():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<ofd:Page><ofd:TextCode>&b;</ofd:TextCode></ofd:Page>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", laughs)
    found = files.extract("ofd", buffer.getvalue())
    assert found.state == "failed" and "ArchiveRefused" in found.error and found.text == ""
