from decimal import Decimal

import pytest

from gongkai.core import workflow
from gongkai.procurement import services
from gongkai.procurement.errors import ProcurementError
from gongkai.records.errors import RecordError

from .factories import SUPPLIER_B, course, draft, make_process, publish


def test_a_process_refuses_an_item_line_that_does_not_parse_naming_the_field_and_line(department):
    with pytest.raises(ProcurementError) as refused:
        make_process(department, items="台式计算机|四十|台")
    assert refused.value.field == "items"
    assert "第1行" in refused.value.message and "数量" in refused.value.message


def test_a_process_code_becomes_its_ocid_with_the_configured_prefix(department, settings):
    settings.GONGKAI_OCDS_PREFIX = "ocds-abc123"
    assert make_process(department).ocid == "ocds-abc123-GKCG-2026-001"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        (
            {"amount": Decimal("500000"), "suppliers": "岢岚县鑫源商贸有限公司|{A}|500000"},
            "amount",
            "超过了项目预算",
        ),
        ({"suppliers": "岢岚县鑫源商贸有限公司|{A}|400000"}, "suppliers", "合计"),
        (
            {"suppliers": "岢岚县华盛建筑有限公司|91140929MA0K00000X|455000"},
            "suppliers",
            "不是有效的统一社会信用代码",
        ),
        ({"bidders": "岢岚县通达运输有限公司|{B}|470000"}, "suppliers", "须在投标（响应）供应商之中"),
        ({"amount": None}, "amount", "须填写金额"),
    ],
)
def test_an_award_that_does_not_add_up_is_refused_naming_the_field(department, staff, fields, field, words):
    editor, _reviewer = staff
    process = make_process(department)
    from .factories import SUPPLIER_A

    fields = {k: v.format(A=SUPPLIER_A, B=SUPPLIER_B) if isinstance(v, str) else v for k, v in fields.items()}
    with pytest.raises(RecordError) as refused:
        draft(process, "award", editor, **fields)
    assert refused.value.field == field
    assert words in refused.value.message


def test_a_notice_is_published_by_the_process_unit_only(department, other_department, make_user):
    process = make_process(department)
    outsider = make_user("editor", other_department, "other-editor")
    from gongkai.procurement.types import NOTICES
    from gongkai.records import services as records

    from .factories import notice_data

    with pytest.raises(RecordError) as refused:
        records.record_create(
            NOTICES, by=outsider, unit=other_department, data=notice_data(process, "intention")
        )
    assert refused.value.field == "process"


def test_a_result_waits_for_its_tender_and_a_contract_for_its_result(department, staff):
    editor, reviewer = staff
    process = make_process(department)
    award = draft(process, "award", editor)
    with pytest.raises(RecordError, match="须先发布本项目的采购公告"):
        publish(award, editor, reviewer)
    course(process, editor, reviewer, ("tender",))
    workflow.publish(award, by=reviewer)  # approved above: now its tender is out
    contract = publish(draft(process, "contract", editor), editor, reviewer)
    assert contract.status == "published"


def test_nothing_follows_a_termination(department, staff):
    editor, reviewer = staff
    process = make_process(department)
    course(process, editor, reviewer, ("tender", "termination"))
    with pytest.raises(RecordError, match="已发布终止公告"):
        publish(draft(process, "correction", editor), editor, reviewer)


def test_a_process_is_corrected_by_notice_once_one_is_published(department, staff):
    editor, reviewer = staff
    process = make_process(department)
    services.process_update(process=process, by=editor, data={"budget": Decimal("490000")})
    course(process, editor, reviewer, ("intention",))
    with pytest.raises(ProcurementError) as refused:
        services.process_update(process=process, by=editor, data={"budget": Decimal("500000")})
    assert refused.value.code == "already_published"


def test_a_malformed_ocid_prefix_stops_the_start_and_the_placeholder_is_a_deploy_warning(settings):
    from django.core import checks

    settings.GONGKAI_OCDS_PREFIX = "OCDS-Kelan"
    assert [m.id for m in checks.run_checks() if m.id.startswith("procurement")] == ["procurement.E001"]
    settings.GONGKAI_OCDS_PREFIX, settings.DEMO = "ocds-xxxxxx", False
    assert [m.id for m in checks.run_checks() if m.id.startswith("procurement")] == []
    deploy = checks.run_checks(include_deployment_checks=True)
    assert [m.id for m in deploy if m.id.startswith("procurement")] == ["procurement.W001"]
