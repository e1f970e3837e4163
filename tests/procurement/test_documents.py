"""A notice's files (招标文件, 合同 …): added to a draft by staff, public only with the notice, listed on the
process page and published in OCDS under their documentType."""

import pytest

from gongkai.core import transparency, workflow
from gongkai.core.models import AuditEntry, TransparencyEntry
from gongkai.procurement import services
from gongkai.procurement.errors import ProcurementError
from gongkai.procurement.models import Notice, NoticeDocument
from tests.conftest import login_verified

from .factories import course, draft, make_process, publish
from .ocds_schema import errors

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def tender(department, staff, settings):
    settings.GONGKAI_OCDS_PREFIX = "ocds-test01"
    editor, reviewer = staff
    process = make_process(department)
    course(process, editor, reviewer, ("intention",))
    return process, draft(process, "tender", editor)


def _upload(client, notice, name, data, document_type="biddingDocuments"):
    return client.post(
        f"/staff/procurement/notices/{notice.pk}/documents/",
        {"file": _file(name, data), "document_type": document_type},
    )


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_a_file_added_to_a_draft_is_public_only_once_the_notice_is(client, tender, staff):
    process, notice = tender
    editor, reviewer = staff
    login_verified(client, editor)
    assert "公告附件" in client.get(notice.get_staff_url()).content.decode()
    assert _upload(client, notice, "招标文件.pdf", PDF).status_code == 302
    document = NoticeDocument.objects.get(notice=notice)
    assert (document.name, document.document_type, document.content_type) == (
        "招标文件.pdf", "biddingDocuments", "application/pdf",
    )  # fmt: skip
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404  # the notice is a draft
    assert "招标文件.pdf" not in client.get(process.get_absolute_url()).content.decode()

    publish(notice, editor, reviewer)
    download = client.get(document.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    page = client.get(process.get_absolute_url()).content.decode()
    assert "招标文件.pdf" in page and "招标（采购）文件" in page
    assert "招标文件.pdf" in client.get(notice.get_absolute_url()).content.decode()

    workflow.withdraw(notice, by=reviewer, reason="招标文件有误")
    assert client.get(document.get_absolute_url()).status_code == 404


def test_the_files_are_in_the_publication_log_with_the_notice(tender, staff):
    _process, notice = tender
    editor, reviewer = staff
    services.notice_attach(
        notice=notice, by=editor, name="招标文件.pdf", data=PDF, document_type="biddingDocuments"
    )
    publish(notice, editor, reviewer)
    content = workflow.kind_of(Notice).content(notice)
    assert content["documents"] == [{"name": "招标文件.pdf", "sha256": NoticeDocument.objects.get().sha256}]
    entry = TransparencyEntry.objects.get(index_no=notice.index_no, action="publish")
    assert entry.content_sha256 == transparency.content_hash(content)
    assert transparency.verify_local() == []


def test_files_change_only_on_a_draft_and_a_bad_file_is_named(client, tender, staff):
    _process, notice = tender
    editor, reviewer = staff
    login_verified(client, editor)
    response = _upload(client, notice, "招标文件.docx", PDF)
    assert "扩展名与文件内容（PDF）不符" in client.get(notice.get_staff_url()).content.decode()
    assert response.status_code == 302 and not NoticeDocument.objects.exists()
    with pytest.raises(ProcurementError) as refused:
        services.notice_attach(notice=notice, by=editor, name="a.pdf", data=PDF, document_type="nonsense")
    assert refused.value.field == "document_type"
    document = services.notice_attach(
        notice=notice, by=editor, name="a.pdf", data=PDF, document_type="technicalSpecifications"
    )
    spare = services.notice_attach(notice=notice, by=editor, name="多余.pdf", data=PDF, document_type="other")
    assert client.post(f"/staff/procurement/documents/{spare.pk}/delete/").status_code == 302
    assert list(NoticeDocument.objects.values_list("name", flat=True)) == ["a.pdf"]
    assert AuditEntry.objects.filter(action__endswith="detached", data__name="多余.pdf").count() == 1
    publish(notice, editor, reviewer)
    with pytest.raises(ProcurementError, match="只有草稿公告"):
        services.notice_attach(notice=notice, by=editor, name="b.pdf", data=PDF, document_type="other")
    refused = client.post(f"/staff/procurement/documents/{document.pk}/delete/", follow=True)
    assert "只有草稿可以删除附件" in refused.content.decode()
    assert NoticeDocument.objects.filter(pk=document.pk).exists()


def test_ocds_carries_the_files_in_the_section_of_their_notice(client, tender, staff):
    process, notice = tender
    editor, reviewer = staff
    services.notice_attach(
        notice=notice, by=editor, name="招标文件.pdf", data=PDF, document_type="biddingDocuments"
    )
    services.notice_attach(notice=notice, by=editor, name="附图.pdf", data=PDF, document_type="other")
    publish(notice, editor, reviewer)
    award = draft(process, "award", editor)
    services.notice_attach(
        notice=award, by=editor, name="评审报告.pdf", data=PDF, document_type="evaluationReports"
    )
    publish(award, editor, reviewer)
    contract = draft(process, "contract", editor)
    services.notice_attach(
        notice=contract, by=editor, name="合同.pdf", data=PDF, document_type="contractSigned"
    )
    publish(contract, editor, reviewer)

    package = client.get(f"/api/v1/ocds/records/{process.ocid}").json()
    assert errors(package, "record-package-schema.json") == []
    compiled = package["records"][0]["compiledRelease"]
    tender_files = [d for d in compiled["tender"]["documents"] if d["format"] == "application/pdf"]
    assert [(d["title"], d.get("documentType")) for d in tender_files] == [
        ("招标文件.pdf", "biddingDocuments"), ("附图.pdf", None),
    ]  # fmt: skip
    assert [d.get("documentType") for d in compiled["awards"][0]["documents"]] == [
        "awardNotice",
        "evaluationReports",
    ]
    signed = compiled["contracts"][0]["documents"][1]
    assert signed["documentType"] == "contractSigned" and signed["title"] == "合同.pdf"
    download = client.get(signed["url"].removeprefix("http://testserver"))
    assert (
        download.status_code == 200 and b"".join(download.streaming_content) == PDF
    )  # read: the file closes
    releases = client.get("/api/v1/ocds/releases").json()
    assert errors(releases, "release-package-schema.json") == []
