"""The reply letter (告知书) and the case record (Art. 45) as DOCX files, from the case's own data."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from gongkai.core.models import SiteProfile, Unit
from gongkai.core.pdf import PdfUnavailable, render_pdf
from gongkai.core.queries import site_profile

from .categories import REPLY_CATEGORIES
from .models import Application

BODIES = {
    "1": "经审查，您申请获取的政府信息属于公开范围，现予以公开，具体见所附材料。",
    "2": "经审查，您申请获取的政府信息中，部分内容属于不予公开范围。根据《中华人民共和国政府信息公开条例》第三十七条，本机关对可以公开的部分予以公开，不予公开的部分及理由如下：",
    "3": "经审查，您申请获取的政府信息属于不予公开范围，本机关不予公开。理由和依据如下：",
    "4": "经审查，本机关无法提供您申请获取的政府信息。理由如下：",
    "5": "经审查，您的申请不属于《中华人民共和国政府信息公开条例》规定的政府信息公开申请，本机关不予处理。理由如下：",
    "6": "您的申请因下列原因，本机关不再处理：",
}


def remedy(application: Application, site: SiteProfile | None) -> str:
    """The remedies sentence, naming the 复议机关 and the court where the county has set them."""
    against_government = application.unit.kind == Unit.Kind.GOVERNMENT
    body = site and (site.upper_reconsideration_body if against_government else site.reconsideration_body)
    court = site and (site.upper_court if against_government else site.court)
    return (
        f"如对本答复不服，可以自收到本告知书之日起六十日内向{body or '有管辖权的行政复议机关'}申请行政复议，"
        f"或者在六个月内向{court or '有管辖权的人民法院'}提起行政诉讼。"
    )


def _sentence(label: str, text: str) -> str:
    """LABEL：TEXT as one sentence, ending in one full stop whatever TEXT ended with."""
    return f"{label}：{text.strip().rstrip('。.；;，,')}。"


def _category_phrase(label: str) -> str:
    """ "不予公开：属于国家秘密" as "不予公开（属于国家秘密）", so the letter has no colon after a colon."""
    group, _colon, reason = label.partition("：")
    return f"{group}（{reason}）" if reason else group


def letter_number(application: Application) -> str:
    """The letter's 文号: the unit's short name, 依申复, the year in 〔〕 and the case's serial unpadded."""
    assert application.replied_on is not None  # noqa: S101  type narrowing
    unit = application.unit.short_name or application.unit.name
    return f"{unit}依申复〔{application.replied_on.year}〕{int(application.tracking_no[-6:])}号"


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _save(document: Docx) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _heading(document: Docx, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(18)


def letter_parts(application: Application) -> dict[str, Any]:
    """Return the 告知书's parts; the Word and the PDF versions are laid out from the same parts."""
    if not application.reply_category or application.replied_on is None:
        raise ValueError("the case has no reply yet")
    category = application.reply_category
    received = _chinese_date(application.received_on) if application.received_on else ""
    paragraphs = [
        f"本机关于{received}收到您（申请编号 {application.tracking_no}）提出的政府信息公开申请，申请获取“{application.description}”。",
        BODIES[category[0]],
        _sentence("答复类型", _category_phrase(REPLY_CATEGORIES[category])),
    ]
    for label, text in (
        ("答复内容", application.reply_text),
        ("不予公开的部分及理由", application.withheld),
        ("依据", application.reply_basis),
    ):
        if text.strip():
            paragraphs.append(_sentence(label, text))
    if application.reply_documents:
        paragraphs.append(_sentence("已主动公开的文件（索引号）", "、".join(application.reply_documents)))
    paragraphs += [_sentence("获取方式", application.get_form_display()), remedy(application, site_profile())]
    return {
        "title": "政府信息公开申请答复告知书",
        "number": letter_number(application),
        "salutation": f"{application.name}：",
        "paragraphs": paragraphs,
        "unit": application.unit.name,
        "date": _chinese_date(application.replied_on),
    }


def reply_letter(application: Application) -> bytes:
    """Return the 政府信息公开申请答复告知书 of a replied case as a Word file."""
    parts = letter_parts(application)
    document = Docx()
    _heading(document, parts["title"])
    document.add_paragraph(parts["number"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(parts["salutation"])
    for text in parts["paragraphs"]:
        document.add_paragraph(text)
    for text in ("", parts["unit"], "（印章）", parts["date"]):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _save(document)


def record_parts(application: Application) -> dict[str, Any]:
    """Return the case record's parts (Art. 45: registration, handling, reply, archive)."""
    rows = [
        ("申请编号", application.tracking_no),
        ("受理机关", application.unit.name),
        ("申请人", f"{application.name}（{application.get_applicant_type_display()}）"),
        (application.get_id_type_display(), application.id_number_masked),
        ("所需信息", application.description),
        ("获取方式", f"{application.get_form_display()}（{application.get_channel_display()}）"),
        ("收到申请日期", application.received_on.isoformat() if application.received_on else "—"),
        ("状态", application.get_status_display()),
        (
            "答复",
            f"{application.replied_on} {REPLY_CATEGORIES.get(application.reply_category, '')}"
            if application.replied_on
            else "—",
        ),
    ]
    events = [
        (
            event.date.isoformat(),
            event.get_kind_display() + (f" {event.days}个工作日" if event.kind == "extended" else ""),
            event.reason + (f" {event.amount}元" if event.amount else ""),
            str(event.by or ""),
        )
        for event in application.events.select_related("by")
    ]
    reviews = [
        f"{r.get_kind_display()}：{r.filed_on} 提起，{r.get_result_display()}"
        for r in application.reviews.all()
    ]
    return {"title": "政府信息公开申请办理记录", "rows": rows, "events": events, "reviews": reviews}


def case_record(application: Application) -> bytes:
    """Return the whole case as one Word file."""
    parts = record_parts(application)
    document = Docx()
    _heading(document, parts["title"])
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in parts["rows"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, str(value)
    document.add_paragraph("")
    document.add_paragraph("办理过程").runs[0].bold = True
    events = document.add_table(rows=1, cols=4)
    events.style = "Table Grid"
    for cell, text in zip(events.rows[0].cells, ("日期", "事项", "说明", "经办人"), strict=True):
        cell.text = text
    for values in parts["events"]:
        for cell, text in zip(events.add_row().cells, values, strict=True):
            cell.text = text
    for line in parts["reviews"]:
        document.add_paragraph(line)
    return _save(document)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LABELS = {"letter": "答复告知书", "record": "办理记录"}


def download(application: Application, kind: str, fmt: str) -> HttpResponse:
    """The reply letter ("letter") or the case record ("record") of APPLICATION as a Word or PDF download."""
    if fmt == "docx":
        data = reply_letter(application) if kind == "letter" else case_record(application)
        content_type = DOCX
    else:
        parts = letter_parts(application) if kind == "letter" else record_parts(application)
        try:
            data = render_pdf(f"applications/pdf/{kind}.html", {"parts": parts})
        except PdfUnavailable:
            return HttpResponse(
                "PDF 生成需要服务器安装 Pango（见运维手册），请先下载 Word 版本。",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        content_type = "application/pdf"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{application.tracking_no}-{LABELS[kind]}.{fmt}"
    )
    return response
