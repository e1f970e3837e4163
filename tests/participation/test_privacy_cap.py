"""A consultation's texts beyond what the personal-data guard scans on a request are refused by name,
never scanned in part (issue #23 item 3): on the staff pages, as the editor and reviewer meet them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.participation import services
from gongkai.participation.models import Comment, Consultation
from tests.conftest import login_verified

LIMIT = 1_000


@pytest.fixture(autouse=True)
def _small_cap(settings):
    settings.PRIVACY_SCAN_MAX_CHARS = LIMIT


def test_a_draft_beyond_the_cap_is_refused_naming_it_and_nothing_is_saved(client, staff):
    editor, _reviewer = staff
    login_verified(client, editor)
    today = timezone.localdate()
    form = {
        "title": "岢岚县城区供热管理办法（征求意见稿）", "draft": "供热" * LIMIT + "。",
        "opens_on": today.isoformat(), "closes_on": (today + timedelta(days=30)).isoformat(), "moderation": "pre",
    }  # fmt: skip
    refused = client.post("/staff/consultations/new/", form)
    assert refused.status_code == 200
    assert "草案全文共 2,001 字，超过个人信息检查的上限（1,000 字）" in refused.text
    assert not Consultation.objects.exists()


def test_a_reply_beyond_the_cap_is_refused_and_the_comment_keeps_no_reply(client, staff, make_consultation):
    editor, _reviewer = staff
    item = make_consultation()
    comment = services.comment_submit(item, body="建议延长供热期。", client="10.2.0.9")
    login_verified(client, editor)
    client.post(f"/staff/consultations/{item.pk}/moderate/", {"comment": comment.pk, "decision": "publish"})
    answer = client.post(
        f"/staff/consultations/{item.pk}/reply/",
        {"comment": comment.pk, "reply": "答" * (LIMIT + 1)},
        follow=True,
    )
    assert "答复内容共 1,001 字，超过个人信息检查的上限" in answer.text
    assert Comment.objects.get().reply == ""


def test_a_draft_stored_under_a_higher_cap_cannot_be_approved(client, staff, make_consultation, settings):
    editor, reviewer = staff
    settings.PRIVACY_SCAN_MAX_CHARS = 10 * LIMIT
    item = make_consultation(publish=False, explanation="说明" * LIMIT)  # 2,000 characters: within 10,000
    login_verified(client, editor)
    client.post(f"/staff/consultations/{item.pk}/submit/")
    settings.PRIVACY_SCAN_MAX_CHARS = LIMIT  # the operator lowers the cap before it is reviewed
    login_verified(client, reviewer)
    answer = client.post(f"/staff/consultations/{item.pk}/approve/", follow=True)
    assert "起草说明共 2,000 字，超过个人信息检查的上限" in answer.text
    item.refresh_from_db()
    assert item.status == "submitted"
