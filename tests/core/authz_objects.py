"""The objects a staff URL names, one maker per kind, for the authorisation matrix.

A maker takes the unit the object belongs to and the people who may create things there, and returns
the URL's keyword arguments and query string naming it (through the real services, as the apps' own
tests do).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from gongkai.core import services as core
from gongkai.core.models import ImportJob, Unit, User
from tests.concerns.factories import submit as concern_submit
from tests.lottery.conftest import lottery_data
from tests.procurement.factories import draft as notice_draft
from tests.procurement.factories import make_process

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PASSWORD = "Correct-horse-42"


@dataclass
class Makers:
    """Who makes an object in a unit: an editor and a reviewer of that unit, and the office."""

    unit: Unit
    editor: User
    reviewer: User
    office: User
    requester: User  # the matrix's own editor: an import job is its uploader's


@dataclass(frozen=True)
class Named:
    kwargs: dict[str, Any]
    query: dict[str, str]


def makers_for(unit: Unit, office: User, requester: User) -> Makers:
    def user(role: str) -> User:
        return core.user_create(
            username=f"mk-{role}-{unit.pk}", password=PASSWORD, role=role, unit=unit, by=None
        )

    return Makers(unit, user(User.Role.EDITOR), user(User.Role.REVIEWER), office, requester)


def _document(m: Makers) -> Named:
    from tests.publishing.factories import draft

    return Named({"pk": draft(m.editor, m.unit).pk}, {})


def _category(m: Makers) -> Named:
    from gongkai.publishing.models import Category

    return Named({"pk": Category.objects.get_or_create(code="other", defaults={"name": "其他"})[0].pk}, {})


def _application(m: Makers) -> Named:
    from gongkai.applications import services

    application, _code = services.application_submit(
        unit=m.unit, applicant_type="natural", name="张三", id_type="resident_id", id_number="142629198507071233",
        phone="13812345678", description="2025年县城道路改造工程的招标文件", form="email", email="zs@example.cn",
        channel="in_person", received_on=date(2026, 3, 2), by=m.reviewer,
    )  # fmt: skip
    return Named({"tracking_no": application.tracking_no}, {})


def _record(m: Makers, slug: str = "permits") -> Named:
    from gongkai.records import registry
    from gongkai.records import services as records
    from tests.records.conftest import permit_data

    record = records.record_create(registry.get(slug), by=m.editor, unit=m.unit, data=permit_data())
    return Named({"slug": slug, "pk": record.pk}, {})


def _matter(m: Makers) -> Any:
    from gongkai.records import registry
    from gongkai.records import services as records

    data = {
        "code": f"140929-XK-{m.unit.pk:04d}", "name": "食品经营许可", "kind": "licensing", "formed_on": date(2026, 1, 5),
        "legal_basis": "《中华人民共和国食品安全法》第三十五条", "conditions": "有与经营的食品品种相适应的场所",
        "materials": "食品经营许可申请书", "procedure": "受理\n审查\n决定", "statutory_days": 20, "promised_days": 5,
        "fees": "不收费", "place": "县政务服务中心一楼", "hours": "周一至周五", "phone": "0350-4220034",
    }  # fmt: skip
    return records.record_create(registry.get("matters"), by=m.editor, unit=m.unit, data=data)


def _case(m: Makers) -> Named:
    from gongkai.core.calendar_data import load_calendar
    from gongkai.matters.models import ApprovalCase
    from gongkai.matters.services import CaseRow, case_upsert

    at = timezone.make_aware(datetime(2026, 3, 2, 9))
    case_no = f"KL{m.unit.pk:06d}"
    row = CaseRow(case_no=case_no, matter=_matter(m), applicant="张三丰", applicant_is_person=True,
                  query_code="123456", received_at=at, status="办理中", finished_at=None, step="受理",
                  step_started_at=at, step_finished_at=None, handler="窗口", result="")  # fmt: skip
    case_upsert(row, load_calendar())
    return Named({"pk": ApprovalCase.objects.get(case_no=case_no).pk}, {})


def _process(m: Makers) -> Named:
    return Named({"pk": make_process(m.unit, code=f"GKCG-{m.unit.pk}", by=m.editor).pk}, {})


def _notice(m: Makers) -> Any:
    from gongkai.procurement.models import Process

    process = Process.objects.get(pk=_process(m).kwargs["pk"])
    return notice_draft(process, "tender", m.editor)


def _notice_document(m: Makers) -> Named:
    from gongkai.procurement import services

    document = services.notice_attach(
        notice=_notice(m), by=m.editor, name="a.pdf", data=PDF, document_type="technicalSpecifications"
    )
    return Named({"pk": document.pk}, {})


def _acquisition(m: Makers) -> Named:
    from tests.land.factories import draft, make_places

    return Named({"pk": draft(m.unit, m.editor, make_places(), f"ZD-{m.unit.pk}", ["东关村"]).pk}, {})


def _fiscal_report(m: Makers) -> Named:
    from gongkai.finance import services

    data = {"year": 2015, "report_type": "dept_budget", "approved_on": date(2015, 2, 10)}
    return Named({"pk": services.fiscal_report_create(by=m.editor, unit=m.unit, data=data).pk}, {})


def _site(m: Makers) -> Any:
    from gongkai.sitecheck.models import Site

    return Site.objects.create(name="测试县人民政府", base_url="http://127.0.0.1:9/")


def _run(m: Makers) -> Named:
    from gongkai.sitecheck.models import Run

    return Named({"pk": Run.objects.create(site=_site(m), status=Run.Status.DONE).pk}, {})


def _concern(m: Makers) -> Named:
    from gongkai.concerns import services

    concern, _code = concern_submit()
    services.concern_assign(concern=concern, unit=m.unit, by=m.office)
    return Named({"tracking_no": concern.tracking_no}, {})


def _consultation(m: Makers) -> Named:
    from gongkai.participation import services

    today = timezone.localdate()
    item = services.consultation_create(
        by=m.editor, unit=m.unit, title="岢岚县县城规划管理办法（征求意见稿）", draft="第一条　为规范县城规划管理，制定本办法。",
        explanation="起草说明。", opens_on=today, closes_on=today.replace(year=today.year + 1),
        email="ghj@kelan.gov.cn", postal_address="岢岚县岚漪镇政府街1号",
    )  # fmt: skip
    return Named({"pk": item.pk}, {})


def _lottery(m: Makers) -> Named:
    from gongkai.lottery.types import LOTTERIES
    from gongkai.records import services as records

    return Named(
        {"pk": records.record_create(LOTTERIES, by=m.editor, unit=m.unit, data=lottery_data()).pk}, {}
    )


def _import_job(m: Makers) -> Named:
    by = m.requester if m.requester.unit_id == m.unit.pk else m.editor
    job = ImportJob.objects.create(
        kind="documents", file_name="a.csv", created_by=by, created_at=timezone.now()
    )
    return Named({"pk": job.pk}, {})


MAKERS: dict[str, Callable[[Makers], Named]] = {
    "document": _document,
    "category": _category,
    "application": _application,
    "record": _record,
    "record_type": lambda m: Named({"slug": "permits"}, {}),
    "exchange_type": lambda m: Named({"slug": "licences"}, {}),  # a 双公示 type: it has an exchange file
    "case": _case,
    "matter": lambda m: Named({"pk": _matter(m).pk}, {}),
    "process": _process,
    "notice": lambda m: Named({"pk": _notice(m).pk}, {}),
    "notice_document": _notice_document,
    "acquisition": _acquisition,
    "fiscal_report": _fiscal_report,
    "site": lambda m: Named({"pk": _site(m).pk}, {}),
    "run": _run,
    "concern": _concern,
    "consultation": _consultation,
    "lottery": _lottery,
    "import_job": _import_job,
    "unit": lambda m: Named({}, {"unit": m.unit.code}),
}
# Kinds that belong to no unit: only the "own" case is asked.
UNITLESS = {"category", "record_type", "exchange_type", "site", "run"}
