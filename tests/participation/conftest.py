from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.models import User
from gongkai.participation import services

DRAFT = "第一条　为规范县城规划管理，制定本办法。\n\n第二条　本办法适用于县城规划区。\n\n第三条　本办法自发布之日起施行。"


@pytest.fixture
def staff(make_user, department):
    return make_user(User.Role.EDITOR, department, "zq-editor"), make_user(
        User.Role.REVIEWER, department, "zq-reviewer"
    )


@pytest.fixture
def make_consultation(staff, department):
    editor, reviewer = staff

    def make(*, publish=True, opens=-5, closes=30, **fields):
        today = timezone.localdate()
        data = {
            "title": "岢岚县县城规划管理办法（征求意见稿）", "draft": DRAFT, "explanation": "起草说明：依据上位法制定。",
            "opens_on": today + timedelta(days=opens), "closes_on": today + timedelta(days=closes),
            "email": "ghj@kelan.gov.cn", "postal_address": "岢岚县岚漪镇政府街1号", **fields,
        }  # fmt: skip
        item = services.consultation_create(by=editor, unit=department, **data)
        if publish:
            item = workflow.submit(item, by=editor)
            item = workflow.approve(item, by=reviewer)
            item = workflow.publish(item, by=reviewer)
        return item

    return make
