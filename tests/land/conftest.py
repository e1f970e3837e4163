import pytest

from gongkai.core.models import User

from .factories import make_places


@pytest.fixture
def staff(make_user, department):
    return make_user(User.Role.EDITOR, department, "zd-editor"), make_user(
        User.Role.REVIEWER, department, "zd-reviewer"
    )


@pytest.fixture
def places(db):
    return make_places()
