from datetime import date

import pytest

from gongkai.core.models import User
from gongkai.records import registry, services


@pytest.fixture
def editor(make_user, department) -> User:
    return make_user(User.Role.EDITOR, department, "rec-editor")


@pytest.fixture
def reviewer(make_user, department) -> User:
    return make_user(User.Role.REVIEWER, department, "rec-reviewer")


@pytest.fixture
def permits():
    return registry.get("permits")


def permit_data(**overrides):
    data = {
        "holder": "岢岚县鑫源商贸有限公司",
        "permit_no": "ZD-2026-001",
        "kind": "stall",
        "issued_on": date(2026, 3, 2),
        "holder_phone": "13912345678",
        "note": "县城东街摆摊",
    }
    data.update(overrides)
    return data


def publish_record(record_type, unit, editor, reviewer, data, *, at=None, now=None):
    """Take a record through the whole workflow: create, submit, approve, publish."""
    record = services.record_create(record_type, by=editor, unit=unit, data=data)
    services.record_submit(record_type, record, by=editor)
    services.record_approve(record_type, record, by=reviewer)
    return services.record_publish(record_type, record, by=reviewer, at=at, now=now)
