"""Commenting on one paragraph of a draft on a phone, without and with the comment form open (axe clean)."""

from datetime import timedelta

from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.models import Unit, User
from gongkai.demo.county import staff_of
from gongkai.participation import services
from gongkai.participation.models import Comment
from tests.e2e.axe import violations


def test_a_reader_comments_on_a_paragraph_on_a_phone(browser, live_server, demo):
    unit = Unit.objects.get(short_name="民政局")
    editor, reviewer = (User.objects.get(username=staff_of("民政局", r)) for r in ("editor", "reviewer"))
    today = timezone.localdate()
    item = services.consultation_create(
        by=editor, unit=unit, title="岢岚县临时救助办法（征求意见稿）", moderation="post",
        draft="第一条　为及时解决群众临时困难，制定本办法。\n\n第二条　救助标准一般不超过低保月标准的6倍。",
        opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=27), email="mzj@kelan.gov.cn",
    )  # fmt: skip
    workflow.publish(workflow.approve(workflow.submit(item, by=editor), by=reviewer), by=reviewer)
    second = item.paragraphs.get(position=2)

    context = browser.new_context(
        viewport={"width": 390, "height": 800}, locale="zh-CN", base_url=live_server.url, bypass_csp=True
    )
    phone = context.new_page()
    phone.goto("/consultations/?status=open")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert violations(phone) == []
    phone.get_by_role("link", name=str(item)).click()
    phone.wait_for_url(f"**{item.get_absolute_url()}")
    paragraph = phone.get_by_role("article", name="第2段")
    paragraph.get_by_text("对本段提意见").click()
    assert violations(phone) == []
    paragraph.get_by_label("对第2段的意见").fill("建议提高到12倍，大病家庭负担重。")
    paragraph.get_by_role("button", name="提交意见").click()
    phone.wait_for_url(f"**{item.get_absolute_url()}?sent=published#p{second.pk}")
    assert phone.get_by_role("status").inner_text() == "您的意见已提交并公开，谢谢参与。"
    paragraph = phone.get_by_role("article", name="第2段")
    paragraph.get_by_text("本段公开意见（1）").click()
    assert paragraph.get_by_text("建议提高到12倍").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path="test-results/participation-paragraph-phone.png", full_page=True)
    assert violations(phone) == []
    comment = Comment.objects.get()
    assert (comment.paragraph_id, comment.status) == (second.pk, "published")
    context.close()
