"""Credit records as a record type: checked codes, their validity as display period, public channels."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.records import registry
from gongkai.records.errors import RecordError

from .factories import FACTORIES as MAKE
from .factories import USCC, credit_data, draft_of, recent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("uscc", USCC[:17] + ("0" if USCC[17] != "0" else "1"), "统一社会信用代码校验位不正确"),
        ("uscc", "1234", "统一社会信用代码应为18位"),
        ("valid_to", recent(30), "有效期至不能早于认定日期"),
        ("kind", "rumour", "记录类别"),
    ],
)
def test_a_credit_record_with_a_wrong_field_is_refused_naming_it(department, editor, field, value, message):
    with pytest.raises(RecordError) as refused:
        draft_of("credit-records", department, editor, credit_data(department, **{field: value}))
    assert refused.value.field == field
    assert message in str(refused.value) or field == "kind"


def test_a_lower_case_code_is_stored_upper_case(department, editor):
    record = draft_of("credit-records", department, editor, credit_data(department, uscc=USCC.lower()))
    assert record.uscc == USCC


def test_a_record_is_public_until_its_validity_ends(client, department, editor, reviewer):
    valid_to = timezone.localdate() + timedelta(days=10)
    record = MAKE["credit-records"](department, editor, reviewer, valid_to=valid_to)
    assert timezone.localdate(record.publish_until) == valid_to + timedelta(days=1)
    page = client.get("/records/credit-records/")
    assert record.title in page.text and "资质" in page.text
    assert client.get(record.get_absolute_url()).status_code == 200
    api = client.get("/api/v1/records/credit-records").json()
    assert [r["fields"]["uscc"] for r in api["results"]] == [USCC]
    assert registry.get("credit-records").public_text(record, "kind") == "资质"
