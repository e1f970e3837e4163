"""A citizen on a phone finds a lottery, downloads its draw.json and the verifier, and checks the draw."""

import subprocess

import pytest

from gongkai.core import workflow
from gongkai.core.models import Unit, User
from gongkai.demo.county import staff_of
from gongkai.lottery import services
from gongkai.lottery.types import LOTTERIES
from gongkai.records import services as records
from tests.e2e.axe import violations
from tests.lottery.conftest import lottery_data


@pytest.fixture
def drawn_lottery(demo):
    unit = Unit.objects.get(short_name="住建局")
    editor, reviewer = (
        User.objects.get(username=staff_of("住建局", role)) for role in ("editor", "reviewer")
    )
    lottery = records.record_create(LOTTERIES, by=editor, unit=unit, data=lottery_data())
    for step in (lambda i: workflow.submit(i, by=editor), lambda i: workflow.approve(i, by=reviewer),
                 lambda i: workflow.publish(i, by=reviewer)):  # fmt: skip
        lottery = step(lottery)
    draw = services.lottery_draw(
        lottery=lottery, public_value="38271", witness="县公证处公证员 王某", by=editor
    )
    workflow.submit(draw, by=editor)
    workflow.approve(draw, by=reviewer)
    workflow.publish(draw, by=reviewer)
    return lottery


@pytest.fixture
def citizen(browser, live_server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", base_url=live_server.url, bypass_csp=True,
        accept_downloads=True,
    )  # fmt: skip
    yield context.new_page()
    context.close()


def test_a_citizen_verifies_a_published_draw_on_a_phone(citizen, drawn_lottery, tmp_path):
    page = citizen
    page.goto("/lotteries/")
    assert violations(page) == []
    page.get_by_role("link", name=drawn_lottery.title).click()
    page.get_by_role("heading", name="如何自行验证").wait_for()
    assert drawn_lottery.commitment in page.content() and "王*国" in page.content()
    assert "王建国" not in page.content()
    assert violations(page) == []
    page.screenshot(path="test-results/lottery-phone.png", full_page=True)
    for name, link in (("draw.json", "下载摇号文件 draw.json"), ("verify.py", "下载验证程序")):
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        download.value.save_as(tmp_path / name)
    result = subprocess.run(
        ["python3", "-I", "verify.py", "draw.json"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("OK"), result.stderr
