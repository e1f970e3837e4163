"""Writing, finalising and correcting an annual report (the numbers are always recomputed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications.models import Event
from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.models import Unit, User
from gongkai.publishing import queries as catalog
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Category, Document

from . import render
from .annual import annual_report
from .models import AnnualReport


class ReportError(DomainError):
    """A report check or rule said no."""


def prefill(year: int, unit: Unit | None) -> dict[str, str]:
    """Return first drafts of sections 一, 五 and 六 with the facts the system knows."""
    report = annual_report(year, unit)
    documents = catalog.public_documents().filter(publish_at__year=year)
    if unit:
        documents = documents.filter(unit=unit)
    rows = report["section3"]["rows"]
    overview = (
        f"{year}年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息{documents.count()}条，"
        f"其中行政规范性文件{report['section2']['normative']['issued']}件；"
        f"收到政府信息公开申请{rows['new']['total']}件，上年结转{rows['carried_over']['total']}件，"
        f"办结{rows['total']['total']}件，结转下年度{rows['carried_forward']['total']}件。"
    )
    reviews = sum(v["total"] for v in report["section4"].values())
    fees = Event.objects.filter(kind=Event.Kind.FEE_PAID, date__year=year)
    if unit:
        fees = fees.filter(application__unit=unit)
    collected = fees.aggregate(total=Sum("amount"))["total"] or 0
    other = f"本年度收取信息处理费{collected}元。"
    if reviews:
        other += f"因政府信息公开被申请行政复议、提起行政诉讼共{reviews}件。"
    return {"overview": overview, "problems": "", "other": other}


def report_for(year: int, unit: Unit | None) -> AnnualReport:
    existing = AnnualReport.objects.filter(year=year, unit=unit).first()
    return existing or AnnualReport(year=year, unit=unit, **prefill(year, unit))


@transaction.atomic
def report_save(
    *, year: int, unit: Unit | None, by: User, overview: str, problems: str, other: str,
    fees_collected: Decimal | None = None, fees_override_reason: str = "",
) -> AnnualReport:  # fmt: skip
    """Save the written sections; a typed 行政事业性收费 figure overrides the counted one only with a reason."""
    if fees_collected is not None and not fees_override_reason.strip():
        raise ReportError(
            _("填写了行政事业性收费覆盖金额，须写明覆盖原因。"), code="override_reason_required",
            field="fees_override_reason",
        )  # fmt: skip
    report = report_for(year, unit)
    report.overview, report.problems, report.other, report.updated_by = overview, problems, other, by
    report.fees_collected = fees_collected
    report.fees_override_reason = fees_override_reason.strip() if fees_collected is not None else ""
    report.save()
    data: dict[str, Any] = {"year": year}
    if fees_collected is not None:
        data["fees_override"] = {"amount": str(fees_collected), "reason": report.fees_override_reason}
    audit.record(report, "reports.annual.saved", by=by, data=data)
    return report


def _body(report: AnnualReport, data: dict[str, Any], owner: str) -> str:
    return render_to_string(
        "reports/annual_document.html", {**render.context(data, owner=owner), "written": report}
    )


@transaction.atomic
def report_finalize(*, year: int, unit: Unit, by: User, owner: str, today: date | None = None) -> Document:
    """Check the tables, then put the report into the catalog for review; a later run is a correction."""
    report = report_for(year, unit if unit.kind != Unit.Kind.GOVERNMENT else None)
    if report.pk is None:
        report.save()
    data = annual_report(year, report.unit)
    if data["checks"]:
        raise ReportError(
            _("年度报告未通过核对：%(c)s") % {"c": "；".join(c["message"] for c in data["checks"])},
            code="checks_failed",
        )
    if not report.problems.strip():
        raise ReportError(_("请填写“五、存在的主要问题及改进情况”。"), code="problems_required")
    title = f"{owner}{year}年政府信息公开工作年度报告"
    body = _body(report, data, owner)
    document = report.document
    if document is not None and document.can_amend():  # live or published for later: a correction
        publishing.document_amend(document=document, by=by, body=body, change_note=_("更正年度报告"))
    elif document is not None and document.can_reject():  # in review: the new text goes to review instead
        publishing.document_reject(document=document, by=by, note=_("年度报告已重新定稿，请审核新的文本。"))
        publishing.document_update(document=document, by=by, body=body)
        publishing.document_submit(document=document, by=by)
    elif document is not None and document.can_edit():
        publishing.document_update(document=document, by=by, body=body)
        publishing.document_submit(document=document, by=by)
    else:  # none yet, or the earlier one was withdrawn: a new document
        document = publishing.document_create(
            by=by, unit=unit, title=title, formed_on=today or timezone.localdate(), body=body,
            category=Category.objects.get_or_create(code="annual-report", defaults={"name": "政府信息公开年度报告"})[0],
            genre=Document.Genre.REPORT, written_on=today or timezone.localdate(),
        )  # fmt: skip
        publishing.document_submit(document=document, by=by)
    report.document, report.finalized_at = document, timezone.now()
    report.save(update_fields=["document", "finalized_at"])
    audit.record(
        report, "reports.annual.finalized", by=by, data={"year": year, "index_no": document.index_no}
    )
    return document
