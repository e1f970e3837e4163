"""Attachments: sniffed types, stored by SHA-256, text extracted (PDF, DOCX, XLSX, OFD) or flagged."""

import hashlib
import io
import zipfile

import pytest

from gongkai.core import files as attachments
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError

from .factories import draft, release
from .test_public_channels import docx_bytes


def ofd_bytes(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", '<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
        archive.writestr(
            "Doc_0/Pages/Page_0/Content.xml",
            '<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
            f'<ofd:TextObject><ofd:TextCode X="0" Y="0">{text}</ofd:TextCode></ofd:TextObject>'
            "</ofd:Layer></ofd:Content></ofd:Page>",
        )
    return buffer.getvalue()


def xlsx_bytes(rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str) -> bytes:
    # A one-page PDF with Latin text: enough to prove the extractor runs on real PDF structure.
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>stream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("预算.docx", docx_bytes("三公经费预算表"), "三公经费预算表"),
        ("预算.xlsx", xlsx_bytes([["项目", "金额"], ["公务接待费", 86.2]]), "公务接待费\t86.2"),
        ("公文.ofd", ofd_bytes("岢政发〔2015〕12号"), "岢政发〔2015〕12号"),
        ("report.pdf", pdf_bytes("Budget 2015 three public expenses"), "Budget 2015 three public expenses"),
    ],
)
def test_text_is_extracted_from_each_format(editor, name, data, expected):
    document = draft(editor)
    attachment = services.document_attach(document=document, by=editor, name=name, data=data)
    assert attachment.text_state == "extracted", attachment.text_error
    assert expected in attachment.text
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()


def test_personal_data_inside_an_attachment_is_found(editor):
    document = draft(editor)
    services.document_attach(
        document=document, by=editor, name="名单.docx", data=docx_bytes("手机 13812345678")
    )
    [(field, finding)] = services.privacy_findings(document)
    assert field.startswith("attachment:") and finding.kind == "mobile"


def test_the_name_does_not_decide_the_type(editor):
    document = draft(editor)
    with pytest.raises(PublishingError) as caught:
        services.document_attach(
            document=document, by=editor, name="通知.pdf", data=b"MZ\x90\x00 windows program"
        )
    assert caught.value.code == "file_type"
    with pytest.raises(PublishingError) as caught:
        services.document_attach(document=document, by=editor, name="通知.pdf", data=docx_bytes("x"))
    assert caught.value.code == "file_extension"
    assert "DOCX" in caught.value.message


def test_an_unreadable_file_is_flagged_not_skipped(editor):
    document = draft(editor)
    broken = services.document_attach(document=document, by=editor, name="坏.pdf", data=b"%PDF-1.4\n garbage")
    assert broken.text_state == "failed"
    assert "无法读取" in broken.text_error
    old = services.document_attach(
        document=document, by=editor, name="旧.doc", data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64
    )
    assert old.text_state == "failed" and "DOCX" in old.text_error


def test_size_limit(editor, settings):
    settings.ATTACHMENT_MAX_MB = 1
    document = draft(editor)
    with pytest.raises(PublishingError) as caught:
        services.document_attach(
            document=document, by=editor, name="大.pdf", data=b"%PDF-" + b"0" * (1024 * 1024)
        )
    assert caught.value.code == "file_too_large"


def test_zip_bombs_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * (attachments.MAX_UNZIPPED_BYTES + 1))
    extracted = attachments.extract("docx", buffer.getvalue())
    assert extracted.state == "failed"


def test_attachments_are_served_with_safe_headers(client, editor, reviewer):
    document = draft(editor)
    attachment = services.document_attach(
        document=document, by=editor, name="预算.docx", data=docx_bytes("预算")
    )
    services.document_submit(document=document, by=editor)
    services.document_approve(document=document, by=reviewer)
    services.document_publish(document=document, by=reviewer)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert hashlib.sha256(release(response)).hexdigest() == attachment.sha256
