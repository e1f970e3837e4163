import pytest

from gongkai.core import workflow
from gongkai.core.models import User


@pytest.fixture
def staff(make_user, department):
    return make_user(User.Role.EDITOR, department, "h-editor"), make_user(
        User.Role.REVIEWER, department, "h-reviewer"
    )


@pytest.fixture
def publish(staff):
    editor, reviewer = staff

    def go(item):
        workflow.submit(item, by=editor)
        workflow.approve(item, by=reviewer)
        return workflow.publish(item, by=reviewer)

    return go
