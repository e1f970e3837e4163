"""Staff pages: draft a consultation, take it through the workflow, moderate and answer comments, write
and publish the adoption report; another unit's staff see none of it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core.models import User
from gongkai.participation import services
from gongkai.participation.models import Comment, Consultation
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def test_a_consultation_is_drafted_published_moderated_and_answered_on_the_staff_pages(client, staff):
    editor, reviewer = staff
    today = timezone.localdate()
    login_verified(client, editor)
    form = {
        "title": "岢岚县城区供热管理办法（征求意见稿）", "draft": "第一条　为规范供热。\n\n第二条　供热期为每年11月1日至次年3月31日。",
        "opens_on": (today - timedelta(days=1)).isoformat(), "closes_on": (today + timedelta(days=9)).isoformat(),
        "major_decision": "on", "moderation": "pre",
    }  # fmt: skip
    refused = client.post("/staff/consultations/new/", form)
    assert refused.status_code == 200 and "不少于30日" in refused.text
    answer = client.post("/staff/consultations/new/", {**form, "short_period_reason": "供热季前须出台"})
    item = Consultation.objects.get()
    assert answer.status_code == 302 and answer.url == item.get_staff_url()
    assert item.paragraphs.count() == 2
    client.post(f"/staff/consultations/{item.pk}/submit/")
    login_verified(client, reviewer)
    client.post(f"/staff/consultations/{item.pk}/approve/")
    client.post(f"/staff/consultations/{item.pk}/publish/")
    item.refresh_from_db()
    assert item.status == "published"
    comment = services.comment_submit(
        item, body="供热期建议提前到10月25日。", client="10.2.0.1", contact="13900001111"
    )
    page = client.get(item.get_staff_url()).text
    assert "13900001111" in page and "待审核 1" in page  # staff see the contact; the public never does
    client.post(f"/staff/consultations/{item.pk}/moderate/", {"comment": comment.pk, "decision": "publish"})
    client.post(
        f"/staff/consultations/{item.pk}/reply/", {"comment": comment.pk, "reply": "将视气温情况提前供热。"}
    )
    comment = Comment.objects.get()
    assert (comment.status, comment.reply) == ("published", "将视气温情况提前供热。")
    assert "将视气温情况提前供热" in client.get(item.get_absolute_url()).text


def test_the_adoption_report_is_written_and_published_from_the_staff_page(client, staff, make_consultation):
    editor, reviewer = staff
    item = make_consultation(opens=-40, closes=-3)
    login_verified(client, editor)
    assert "未反馈采纳情况" in client.get("/staff/consultations/").text
    bad = client.post(
        f"/staff/consultations/{item.pk}/report/",
        {"opinions": "5", "people": "4", "topics": "供热期|五|采纳|"},
    )
    assert bad.status_code == 302 and not hasattr(Consultation.objects.get(pk=item.pk), "adoption_report")
    client.post(
        f"/staff/consultations/{item.pk}/report/",
        {"summary": "共5条。", "opinions": "5", "people": "4", "topics": "供热期|3|采纳|\n收费标准|2|未采纳|由价格主管部门另行核定"},
    )  # fmt: skip
    assert (
        client.post(f"/staff/consultations/{item.pk}/publish_report/").status_code == 403
    )  # an editor may not
    login_verified(client, reviewer)
    client.post(f"/staff/consultations/{item.pk}/publish_report/")
    assert client.get(f"/api/v1/consultations/{item.pk}").json()["adoption"]["not_adopted"] == 2


def test_another_units_staff_see_nothing(client, make_user, other_department, make_consultation):
    item = make_consultation()
    login_verified(client, make_user(User.Role.EDITOR, other_department, "other-editor"))
    assert client.get(item.get_staff_url()).status_code == 404
    assert client.post(f"/staff/consultations/{item.pk}/withdraw/", {"reason": "x"}).status_code == 404
    assert str(item) not in client.get("/staff/consultations/").text


def test_a_hearing_and_an_expert_review_are_recorded_and_published_from_the_staff_page(
    client, staff, make_consultation
):
    editor, reviewer = staff
    item = make_consultation()
    today = timezone.localdate()
    login_verified(client, editor)
    client.post(
        f"/staff/consultations/{item.pk}/hearing/",
        {"title": "供热价格听证会", "held_at": f"{today + timedelta(days=20)}T09:00", "place": "县政府第一会议室",
         "seats": "5", "registration_closes_on": (today + timedelta(days=25)).isoformat()},
    )  # fmt: skip
    assert not item.hearings.exists()  # registration must close before the hearing
    client.post(
        f"/staff/consultations/{item.pk}/hearing/",
        {"title": "供热价格听证会", "held_at": f"{today + timedelta(days=20)}T09:00", "place": "县政府第一会议室",
         "seats": "5", "registration_closes_on": (today + timedelta(days=10)).isoformat()},
    )  # fmt: skip
    client.post(
        f"/staff/consultations/{item.pk}/review/",
        {
            "held_on": today.isoformat(),
            "experts": "乙研究员",
            "opinions": "可行",
            "conclusion": "同意",
            "public": "on",
        },
    )
    hearing, review = item.hearings.get(), item.expert_reviews.get()
    login_verified(client, reviewer)
    client.post(f"/staff/consultations/{item.pk}/announce_hearing/", {"hearing": hearing.pk})
    client.post(f"/staff/consultations/{item.pk}/publish_review/", {"review": review.pk})
    assert client.get(hearing.get_absolute_url()).status_code == 200
    assert "乙研究员" in client.get(item.get_absolute_url()).text


def test_the_final_document_is_linked_and_shown_only_while_public(client, staff, make_consultation):
    from gongkai.core import workflow
    from tests.publishing.factories import published

    editor, reviewer = staff
    item = make_consultation(opens=-40, closes=-3)
    document = published(editor, reviewer, title="岢岚县县城规划管理办法")
    login_verified(client, reviewer)
    client.post(f"/staff/consultations/{item.pk}/final_document/", {"index_no": "没有这个号"})
    assert Consultation.objects.get(pk=item.pk).final_document is None
    client.post(f"/staff/consultations/{item.pk}/final_document/", {"index_no": document.index_no})
    assert Consultation.objects.get(pk=item.pk).final_document == document
    assert document.get_absolute_url() in client.get(item.get_absolute_url()).text
    workflow.withdraw(document, by=reviewer, reason="已废止")
    assert document.get_absolute_url() not in client.get(item.get_absolute_url()).text
