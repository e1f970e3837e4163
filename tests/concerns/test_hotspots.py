import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.concerns import hotspots, querylog
from gongkai.concerns.models import QueryDay
from gongkai.core.models import User
from tests.conftest import login_verified

DAY = date(2026, 12, 7)
WORDS = ["供暖", "低保", "医保", "学校", "道路", "公交", "养老", "住房", "就业", "补贴", "户口", "停车"]


def _noise(rng: random.Random, start: date, days: int) -> list[hotspots.Text]:
    """Every word asked a few times a day at its own steady rate."""
    texts = []
    for i in range(days):
        day = start + timedelta(days=i)
        for n, word in enumerate(WORDS):
            rate = 1 + n % 4
            for _k in range(sum(rng.random() < rate / 6 for _t in range(6))):
                texts.append(hotspots.Text(day, f"{word}政策", f"搜索 {word}"))
    return texts


@pytest.fixture
def planted():
    rng = random.Random(7)
    texts = _noise(rng, DAY - timedelta(days=28), 29)
    texts += [hotspots.Text(DAY, "自来水停水什么时候恢复", f"留言 {i}") for i in range(6)]
    hotspots.register("test-planted", "测试", lambda start, end: [t for t in texts if start <= t.day <= end])
    only = ["test-planted"]
    yield only
    hotspots.unregister("test-planted")


def test_the_detector_finds_a_planted_burst_and_not_the_noise(planted):
    found = hotspots.detect(DAY, only=planted)
    terms = [h.term for h in found]
    assert terms and set(terms) <= {"自来水", "停水", "恢复"}
    assert {"停水"} <= set(terms)
    burst = next(h for h in found if h.term == "停水")
    assert burst.count == 6 and burst.baseline == 0 and len(burst.items) == 6
    assert len(burst.series) == 29


def test_steady_noise_alone_gives_no_hotspot(planted):
    for offset in range(1, 10):
        assert hotspots.detect(DAY - timedelta(days=offset), only=planted) == []


def test_poisson_tail():
    assert hotspots.poisson_tail(0, 2.0) == 1.0
    assert abs(hotspots.poisson_tail(1, 2.0) - (1 - 2.718281828**-2)) < 1e-9


def test_search_queries_are_counted_per_day_without_who_asked_and_personal_data_is_dropped(client, db):
    client.get("/search/", {"q": "三公经费"}, REMOTE_ADDR="10.0.0.1")
    client.get("/api/v1/search", {"q": "三公经费 "}, REMOTE_ADDR="10.0.0.2")
    client.get("/api/v1/search", {"q": "三公经费", "page": 2})  # a next page is not a new search
    assert querylog.record_query("查询 110101199003074514 的低保") is False
    assert querylog.record_query("13912345678") is False
    rows = list(QueryDay.objects.values("day", "query", "count"))
    assert rows == [{"day": timezone.localdate(), "query": "三公经费", "count": 2}]
    assert [f.name for f in QueryDay._meta.concrete_fields] == ["id", "day", "query", "count"]


def test_the_office_sees_a_burst_of_searches_on_the_hotspot_page(client, db, make_user, county):
    today = timezone.localdate()
    for offset in range(1, 29):
        QueryDay.objects.create(day=today - timedelta(days=offset), query="公交线路", count=2)
    QueryDay.objects.create(day=today, query="暖气不热", count=15)
    QueryDay.objects.create(day=today, query="公交线路", count=3)
    office = make_user(User.Role.OFFICE, county, "hot-office")
    login_verified(client, office)
    page = client.get("/staff/concerns/hotspots/").content.decode()
    assert "暖气" in page and "搜索“暖气不热”15次" in page and "<svg" in page
    assert "公交线路" not in page.split("怎样算")[1].split("</details>")[1]
    assert "泊松" in page  # the method is explained


@pytest.mark.parametrize("role", [User.Role.EDITOR, User.Role.HEAD])
def test_only_the_office_sees_hotspots_across_units(client, db, make_user, department, role):
    login_verified(client, make_user(role, department, f"hot-{role}"))
    assert client.get("/staff/concerns/hotspots/").status_code == 403
