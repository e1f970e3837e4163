"""Food and drug permits: a licence of a permit type, linked to the matter whose guide it follows."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.enforcement.models import Licence
from gongkai.records import registry, services
from gongkai.records.errors import RecordError

from .conftest import COMPANY, publish_record

pytestmark = pytest.mark.django_db


def matter_data(**overrides):
    data = {
        "code": "SCJG-XK-0001", "name": "食品经营许可", "kind": "licensing", "formed_on": date(2026, 1, 5),
        "legal_basis": "《中华人民共和国食品安全法》第三十五条", "conditions": "有与经营的食品品种、数量相适应的经营场所。",
        "materials": "食品经营许可申请书\n营业执照复印件", "procedure": "受理\n审查\n决定", "statutory_days": 20,
        "promised_days": 10, "fees": "不收费",
    }  # fmt: skip
    return data | overrides


def licence_data(department, matter=None, **overrides):
    data = {
        "party_name": "岢岚县兴旺餐饮有限公司", "party_category": "legal", "uscc": COMPANY[1], "legal_rep": "王建国",
        "authority": department.name, "authority_uscc": department.code, "source_unit": department.name,
        "source_unit_uscc": department.code, "decision_doc_name": "准予食品经营许可决定书",
        "decision_no": "岢审食药许〔2026〕1号", "category": "general", "certificate_name": "食品经营许可证",
        "certificate_no": "JY21409290001", "content": "热食类食品制售", "decided_on": date(2026, 3, 2),
        "valid_from": date(2026, 3, 2), "valid_to": date(2031, 3, 1), "permit_type": "food_business", "matter": matter,
    }  # fmt: skip
    return data | overrides


@pytest.fixture
def matters():
    return registry.get("matters")


@pytest.fixture
def licences():
    return registry.get("licences")


def test_the_licence_page_shows_the_guide_of_the_matter_it_was_granted_under(
    client, matters, licences, department, editor, reviewer
):
    matter = publish_record(matters, department, editor, reviewer, matter_data())
    licence = publish_record(licences, department, editor, reviewer, licence_data(department, matter))
    page = client.get(licence.get_absolute_url()).text
    assert "办理依据、条件和程序" in page and matter.get_absolute_url() in page
    assert "有与经营的食品品种、数量相适应的经营场所。" in page and "食品经营许可申请书" in page
    assert "20个工作日" in page and "食品经营许可证" in page
    fields = client.get(f"/api/v1/records/licences/{licence.index_no}").json()["fields"]
    assert fields["permit_type"] == "食品经营许可证" and fields["matter"] == "食品经营许可"
    assert fields["category"] == "普通"


def test_a_withdrawn_matter_is_not_shown_on_the_licence_page(
    client, matters, licences, department, editor, reviewer
):
    matter = publish_record(matters, department, editor, reviewer, matter_data())
    licence = publish_record(licences, department, editor, reviewer, licence_data(department, matter))
    services.record_remove(matters, matter, by=reviewer, reason="事项已调整")
    page = client.get(licence.get_absolute_url()).text
    assert "有与经营的食品品种" not in page and "办理依据、条件和程序" not in page


def test_a_licence_may_only_name_a_licensing_matter(matters, licences, department, editor, reviewer):
    matter = publish_record(matters, department, editor, reviewer, matter_data(kind="penalty", code="P-1"))
    with pytest.raises(RecordError) as refused:
        services.record_create(licences, by=editor, unit=department, data=licence_data(department, matter))
    assert refused.value.field == "matter" and "行政许可" in refused.value.message


def test_the_permit_type_is_a_field_of_its_own_beside_the_unchanged_categories(
    client, licences, department, editor, reviewer
):
    assert [label for _value, label in Licence.Category.choices][:5] == [
        "普通",
        "特许",
        "认可",
        "核准",
        "登记",
    ]
    publish_record(licences, department, editor, reviewer, licence_data(department))
    publish_record(licences, department, editor, reviewer,
                   licence_data(department, decision_no="岢审许〔2026〕2号", permit_type="", certificate_name="营业执照"))  # fmt: skip
    assert client.get("/api/v1/records/licences", {"permit_type": "food_business"}).json()["count"] == 1
    assert client.get("/api/v1/records/licences").json()["count"] == 2
    listed = client.get("/records/licences/", {"permit_type": "drug_business"}).text
    assert "岢审食药许〔2026〕1号" not in listed
