"""The lottery on the one workflow: announce with the commitment, enter the public value, publish the result."""

from datetime import timedelta

import pytest
from django.db import connection

from gongkai.core import workflow
from gongkai.core.models import AuditEntry
from gongkai.lottery import algorithm, services
from gongkai.lottery.errors import LotteryError
from gongkai.lottery.models import Lottery, LotteryDraw, LotterySecret
from gongkai.lottery.types import DRAWS, LOTTERIES
from gongkai.records import services as records
from gongkai.records.errors import RecordError

from .conftest import lottery_data

# The draw of conftest's list with public value 38271 and a fixed secret, on any database.
FIXED_SECRET = "ab" * 32


def test_the_commitment_is_fixed_when_the_lottery_is_created(staff, department):
    lottery = records.record_create(LOTTERIES, by=staff[0], unit=department, data=lottery_data())
    secret = Lottery.objects.get(pk=lottery.pk).secret()  # stored apart, read back decrypted
    assert len(secret) == 64 and lottery.commitment == algorithm.commitment(secret)
    with connection.cursor() as cursor:  # encrypted at rest
        cursor.execute("SELECT value FROM lottery_lotterysecret")
        assert secret not in cursor.fetchone()[0]


def test_entering_the_public_value_draws_and_creates_a_draft_result(announced, staff):
    draw = services.lottery_draw(
        lottery=announced, public_value=" 38271 ", witness="公证员 王某", by=staff[0]
    )
    assert draw.status == "draft" and draw.public_value == "38271"
    assert algorithm.verify(draw.document) == []
    assert draw.document["commitment"] == announced.commitment
    assert draw.document["public_value"]["entered_by"] == "公证员 王某"
    assert "王建国" not in str(draw.document) and "王*国" in str(draw.document)
    order = draw.document["result"]["order"]
    low_income = [e["number"] for e in draw.document["inputs"]["entries"] if e["group"] == "低保家庭"]
    assert set(order[: len(low_income)]) == set(low_income)  # the priority group drawn first
    assert AuditEntry.objects.filter(action="lottery.lottery.drawn").count() == 1


def test_a_lottery_is_drawn_only_once_and_only_after_its_announcement_is_public(announced, staff, department):
    services.lottery_draw(lottery=announced, public_value="1", witness="王某", by=staff[0])
    with pytest.raises(LotteryError) as error:
        services.lottery_draw(lottery=announced, public_value="2", witness="王某", by=staff[0])
    assert error.value.code == "already_drawn"
    draft = records.record_create(
        LOTTERIES, by=staff[0], unit=department, data=lottery_data(title="另一次摇号")
    )
    with pytest.raises(LotteryError) as error:
        services.lottery_draw(lottery=draft, public_value="2", witness="王某", by=staff[0])
    assert error.value.code == "not_announced"


def test_the_public_value_and_who_entered_it_are_required(announced, staff):
    with pytest.raises(LotteryError) as error:
        services.lottery_draw(lottery=announced, public_value=" ", witness="王某", by=staff[0])
    assert error.value.field == "public_value"
    with pytest.raises(LotteryError) as error:
        services.lottery_draw(lottery=announced, public_value="7", witness="", by=staff[0])
    assert error.value.field == "witness"


def test_the_list_cannot_change_after_the_draw(drawn, staff):
    reviewer = staff[1]
    with pytest.raises(RecordError, match="已经摇号"):
        workflow.amend(drawn.lottery, by=reviewer, reason="补录", fields={"places": 4})


def test_a_result_cannot_be_made_by_hand(staff, announced):
    with pytest.raises(RecordError, match="录入公开随机数后生成"):
        records.record_create(
            DRAWS, by=staff[0], unit=announced.unit, data={"lottery": announced, "title": "假结果"}
        )


@pytest.mark.parametrize(
    "entries, message",
    [
        ("001|王建国|低保家庭\n001|李秀英|一般家庭", "重复"),
        ("001|王建国|特困家庭", "不在优先组别"),
        ("001", "应为"),
    ],
)
def test_a_list_that_cannot_be_drawn_is_refused_naming_the_line(staff, department, entries, message):
    with pytest.raises(RecordError, match=message):
        records.record_create(
            LOTTERIES, by=staff[0], unit=department, data=lottery_data(entries=entries, places=1)
        )


def test_more_places_than_entrants_is_refused(staff, department):
    with pytest.raises(RecordError, match="名额不能多于"):
        records.record_create(LOTTERIES, by=staff[0], unit=department, data=lottery_data(places=13))


def test_the_same_stored_inputs_give_the_same_result_on_this_database(announced, staff):
    LotterySecret.objects.filter(lottery=announced).delete()
    LotterySecret.objects.create(lottery=announced, value=FIXED_SECRET)
    lottery = Lottery.objects.get(pk=announced.pk)
    draw = services.lottery_draw(lottery=lottery, public_value="38271", witness="王某", by=staff[0])
    stored = LotteryDraw.objects.get(pk=draw.pk).document  # read back from the database's JSON column
    assert algorithm.verify(stored) == []
    # The same on SQLite and PostgreSQL (jsonb reorders keys; the canonical encoding does not care).
    assert stored["inputs_sha256"] == PINNED_INPUTS_SHA256, connection.vendor
    assert stored["result"]["order"] == PINNED_ORDER, connection.vendor


PINNED_INPUTS_SHA256 = "4fe426d19cfd5463de8747dd2161336ecb40618eba102efe1941678b86aaa0f5"
PINNED_ORDER = ["009", "006", "012", "003", "002", "004", "007", "001", "010", "011", "005", "008"]


def test_the_public_value_is_not_taken_before_the_announced_draw_time(announced, staff):
    type(announced).objects.filter(pk=announced.pk).update(draw_at=announced.draw_at + timedelta(days=3))
    with pytest.raises(LotteryError) as error:
        services.lottery_draw(lottery=announced, public_value="1", witness="王某", by=staff[0])
    assert error.value.code == "too_early" and "摇号时间" in error.value.message
    later = announced.draw_at + timedelta(days=3, minutes=5)
    assert services.lottery_draw(lottery=announced, public_value="1", witness="王某", by=staff[0], now=later)
