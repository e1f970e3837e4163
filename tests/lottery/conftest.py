import pytest
from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.models import User
from gongkai.lottery import services
from gongkai.lottery.types import LOTTERIES
from gongkai.records import services as records

NAMES = [
    "王建国",
    "李秀英",
    "张伟",
    "刘桂兰",
    "陈志强",
    "杨丽",
    "赵海军",
    "黄玉梅",
    "周文",
    "吴淑珍",
    "徐明",
    "孙凤英",
]


def lottery_data(**fields) -> dict:
    lines = [
        f"{n:03d}|{name}|{'低保家庭' if n % 3 == 0 else '一般家庭'}" for n, name in enumerate(NAMES, start=1)
    ]
    return {
        "title": "广惠园廉租房分配摇号",
        "project": "广惠园廉租房",
        "offered": "广惠园廉租房 5 套",
        "places": 5,
        "groups": "低保家庭\n一般家庭",
        "entries": "\n".join(lines),
        "announced_on": timezone.localdate(),
        "draw_at": timezone.now(),  # due: the tests draw at once (a later draw time is refused before it)
        "draw_place": "县政务服务中心一楼大厅",
        **fields,
    }


@pytest.fixture
def staff(make_user, department):
    return make_user(User.Role.EDITOR, department, "lot-editor"), make_user(
        User.Role.REVIEWER, department, "lot-reviewer"
    )


@pytest.fixture
def announced(staff, department):
    """A lottery whose announcement (with the commitment) is public."""
    editor, reviewer = staff
    lottery = records.record_create(LOTTERIES, by=editor, unit=department, data=lottery_data())
    workflow.submit(lottery, by=editor)
    workflow.approve(lottery, by=reviewer)
    return workflow.publish(lottery, by=reviewer)


@pytest.fixture
def drawn(announced, staff):
    """The lottery's draw, entered and published."""
    editor, reviewer = staff
    draw = services.lottery_draw(
        lottery=announced, public_value="38271", witness="县公证处公证员 王某", by=editor
    )
    workflow.submit(draw, by=editor)
    workflow.approve(draw, by=reviewer)
    return workflow.publish(draw, by=reviewer)
