import pytest

from gongkai.core.models import User


@pytest.fixture
def office(make_user, county):
    return make_user(User.Role.OFFICE, county, "gb-office")


@pytest.fixture
def handlers(make_user, department):
    return make_user(User.Role.EDITOR, department, "ly-editor"), make_user(
        User.Role.REVIEWER, department, "ly-reviewer"
    )
