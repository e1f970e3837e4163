"""Housing records as the public meets them: names masked, identity numbers nowhere, the allocation
linked to its lottery, nothing before publication."""

import pytest

from gongkai.core import workflow
from gongkai.housing.types import APPLICANTS, COMPENSATIONS, NOTICES
from gongkai.records import services
from gongkai.records.errors import RecordError
from tests.lottery.conftest import lottery_data

from .factories import applicant_data, compensation_data, make_project, notice_data

ID_NUMBER = "142932197503120018"


def public_text(client, slug, record) -> str:
    pages = [client.get(record.get_absolute_url()), client.get(f"/records/{slug}/"),
             client.get(f"/api/v1/records/{slug}/{record.index_no}")]  # fmt: skip
    export = client.get(f"/records/{slug}/export.csv")
    return "".join(p.content.decode() for p in pages) + b"".join(export.streaming_content).decode("utf-8-sig")


def test_a_household_compensation_shows_the_masked_owner_and_never_the_id_number(
    client, department, staff, publish
):
    result = publish(
        services.record_create(COMPENSATIONS, by=staff[0], unit=department, data=compensation_data())
    )
    text = public_text(client, "expropriation-compensations", result)
    assert "王*国" in text and "331200" in text
    assert "王建国" not in text and ID_NUMBER not in text and ID_NUMBER[:6] + "1975" not in text


def test_an_applicant_under_review_is_listed_masked(client, department, staff, publish):
    project = publish(make_project(department, staff[0]))
    applicant = publish(
        services.record_create(APPLICANTS, by=staff[0], unit=department, data=applicant_data(project))
    )
    text = public_text(client, "housing-applicants", applicant)
    assert (
        "李*英" in text
        and "GHY-2015-001" in text
        and "李秀英" not in text
        and "142932198001010024" not in text
    )
    page = client.get(project.get_absolute_url()).content.decode()
    assert "申请人公示 1 户" in page


def test_an_identity_number_typed_into_a_notice_blocks_its_publication(department, staff, publish):
    body = f"经审核，王建国（身份证号 {ID_NUMBER}）符合条件。"
    notice = services.record_create(
        NOTICES, by=staff[0], unit=department, data=notice_data(kind="review", body=body)
    )
    with pytest.raises(RecordError) as refused:
        publish(notice)
    assert refused.value.code == "privacy_findings"


def test_an_allocation_result_goes_out_after_its_lottery_and_links_to_it(client, department, staff, publish):
    from gongkai.lottery.types import LOTTERIES

    lottery = services.record_create(LOTTERIES, by=staff[0], unit=department, data=lottery_data())
    data = notice_data(kind="allocation", title="广惠园廉租住房分配结果", lottery=lottery)
    notice = services.record_create(NOTICES, by=staff[0], unit=department, data=data)
    with pytest.raises(RecordError, match="须先发布摇号公告"):
        publish(notice)
    publish(lottery)
    with pytest.raises(RecordError, match="须先发布摇号结果"):  # the verifiable draw goes out first
        workflow.publish(notice.__class__.objects.get(pk=notice.pk), by=staff[1])
    from gongkai.lottery import services as lottery_services

    draw = lottery_services.lottery_draw(
        lottery=lottery, public_value="0731", witness="公证员 王某", by=staff[0]
    )
    publish(draw)
    notice = workflow.publish(notice.__class__.objects.get(pk=notice.pk), by=staff[1])
    page = client.get(notice.get_absolute_url()).content.decode()
    assert f"/lotteries/{lottery.pk}/" in page


def test_a_project_page_lists_only_its_public_notices(client, department, staff, publish):
    project = publish(make_project(department, staff[0]))
    public = publish(
        services.record_create(
            NOTICES,
            by=staff[0],
            unit=department,
            data=notice_data(project, kind="intake", title="广惠园申请受理公告"),
        )
    )
    services.record_create(
        NOTICES,
        by=staff[0],
        unit=department,
        data=notice_data(project, kind="review", title="广惠园审核结果公示（草稿）"),
    )
    page = client.get(project.get_absolute_url()).content.decode()
    assert public.title in page and "审核结果公示（草稿）" not in page
