import pytest

from gongkai.core.models import User


@pytest.fixture
def staff(make_user, department):
    return make_user(User.Role.EDITOR, department, "cg-editor"), make_user(
        User.Role.REVIEWER, department, "cg-reviewer"
    )
