from decimal import Decimal
from pathlib import Path

from gongkai.core import importing, workflow
from gongkai.procurement.models import Notice, Process
from tests.conftest import login_verified

from .factories import AGENCY, SUPPLIER_A, course, draft, make_process


def test_the_process_page_follows_a_process_from_intention_to_contract(client, department, staff):
    editor, reviewer = staff
    process = make_process(department)
    course(process, editor, reviewer, ("intention", "tender", "award", "contract"))
    page = client.get(f"/zfcg/{process.code}/").content.decode()
    for text in ("采购意向", "采购公告", "中标（成交）结果公告", "合同公告", "已签订合同", "台式计算机",
                 "山西晋岚招标代理有限公司", AGENCY, SUPPLIER_A, "455,000.00 元", "480,000.00 元", "GKHT-2026-001"):  # fmt: skip
        assert text in page, text


def test_a_process_is_public_only_through_a_public_notice(client, department, staff):
    editor, reviewer = staff
    process = make_process(department)
    notice = draft(process, "intention", editor)
    assert client.get(f"/zfcg/{process.code}/").status_code == 404
    assert process.title not in client.get("/zfcg/").content.decode()
    course(process, editor, reviewer, ("tender",))
    assert client.get(f"/zfcg/{process.code}/").status_code == 200
    assert "已撤回" not in client.get(f"/zfcg/{process.code}/").content.decode()
    workflow.withdraw(Notice.objects.get(process=process, kind="tender"), by=reviewer, reason="重新招标")
    assert client.get(f"/zfcg/{process.code}/").status_code == 404
    assert notice.status == "draft"


def test_the_list_filters_by_buyer_method_amount_and_date(
    client, department, other_department, staff, make_user
):
    editor, reviewer = staff
    course(make_process(department), editor, reviewer, ("tender",))
    other_editor = make_user("editor", other_department, "o-ed")
    other_reviewer = make_user("reviewer", other_department, "o-rv")
    small = make_process(other_department, code="GKCG-2026-002", title="办公家具询价采购", method="inquiry",
                         budget=Decimal("60000"))  # fmt: skip
    course(small, other_editor, other_reviewer, ("tender",))

    def titles(**params):
        return {p.title for p in client.get("/zfcg/", params).context["page"]}

    assert titles() == {"县第一中学教学计算机采购项目", "办公家具询价采购"}
    assert titles(method="inquiry") == {"办公家具询价采购"}
    assert titles(buyer=department.code) == {"县第一中学教学计算机采购项目"}
    assert titles(min_amount="100000") == {"县第一中学教学计算机采购项目"}
    assert titles(max_amount="100000", since="2026-03-01", until="2026-03-31") == {"办公家具询价采购"}
    assert titles(since="2026-04-01") == set()


def test_a_bad_filter_is_named_in_chinese(client, db):
    response = client.get("/zfcg/", {"max_amount": "10", "min_amount": "20"})
    assert response.status_code == 400
    assert "最高预算不能低于最低预算" in response.content.decode()


def test_staff_open_a_process_and_a_bad_field_is_named(client, department, staff):
    editor, _reviewer = staff
    login_verified(client, editor)
    data = {
        "code": "GKCG 2026", "title": "道路养护服务", "method": "negotiation", "category": "services",
        "budget": "120000", "items": "道路养护|1|项",
    }  # fmt: skip
    response = client.post("/staff/procurement/new/", data)
    assert "项目编号只能包含字母、数字和连字符" in response.content.decode()
    response = client.post("/staff/procurement/new/", data | {"code": "GKCG-2026-009"})
    process = Process.objects.get(code="GKCG-2026-009")
    assert response.status_code == 302 and process.unit == department
    assert "道路养护服务" in client.get(f"/staff/procurement/{process.pk}/").content.decode()


def test_a_bulk_import_names_the_bad_cell_and_loads_nothing(department, tmp_path: Path):
    processes = tmp_path / "processes.csv"
    processes.write_text(
        "项目编号,采购单位,项目名称,采购方式,采购类别,预算金额（元）,采购标的\n"
        f"GKCG-2026-101,{department.code},县医院救护车采购,公开招标,货物,900000,救护车|2|辆\n",
        encoding="utf-8",
    )
    report = importing.run(
        importing.importer("procurement-processes"), list(importing.read_rows(processes)), partial=False
    )
    assert report.committed and report.created == 1
    notices = tmp_path / "notices.csv"
    notices.write_text(
        "unit,采购项目,公告类型,公告标题,公告日期,金额（元）,中标（成交）供应商\n"
        f"{department.code},GKCG-2026-101,采购公告,县医院救护车采购公告,2026-03-02,,\n"
        f"{department.code},GKCG-2026-101,中标（成交）结果公告,县医院救护车中标公告,2026-03-30,950000,"
        f"岢岚县通达运输有限公司|{SUPPLIER_A}|950000\n",
        encoding="utf-8",
    )
    progress = []
    report = importing.run(
        importing.importer("procurement-notices"), list(importing.read_rows(notices)), partial=False,
        progress=lambda done, total: progress.append(done),
    )  # fmt: skip
    assert not report.committed and progress == [1, 2]
    assert [(row, field) for row, field, _message in report.errors] == [(3, "amount")]
    assert "超过了项目预算" in report.errors[0][2]
    assert not Notice.objects.exists()


def test_staff_cannot_edit_a_process_once_a_notice_is_out(client, department, staff):
    editor, reviewer = staff
    process = make_process(department)
    login_verified(client, editor)
    form = {
        "title": "改名后的项目",
        "method": "open",
        "category": "goods",
        "budget": "480000",
        "items": "台式计算机|40|台",
    }
    assert client.post(f"/staff/procurement/{process.pk}/edit/", form).status_code == 302
    course(process, editor, reviewer, ("intention",))
    response = client.post(f"/staff/procurement/{process.pk}/edit/", form | {"budget": "500000"})
    assert "请发布更正公告" in response.content.decode()
    process.refresh_from_db()
    assert (process.title, process.budget) == ("改名后的项目", Decimal("480000"))
