"""How the search engines reach their answers: how often an engine is asked, which index PostgreSQL
scans, the windows of days a rare word is ranked in. These guard the figures in docs/performance.md
rather than what a user sees (that is tests/search), so they run with the benchmarks:

    .venv/bin/pytest bench/search/test_mechanics.py                       # the embedded engine
    GONGKAI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench \
        .venv/bin/pytest bench/search/test_mechanics.py                   # and PostgreSQL's plans
"""

import re
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone
from tests.search.test_search import _dated, _doc

from gongkai.search import backends
from gongkai.search.query import search
from gongkai.search.services import reindex

pytestmark = pytest.mark.django_db


def test_a_phrase_is_checked_only_on_as_many_hits_as_the_page_needs(engine, department, editor, reviewer):
    from gongkai.search import query

    holding = [
        _doc(department, reviewer, editor, title=f"防火通告第{n}号", body="<p>森林防火通告。</p>")
        for n in range(3)
    ]
    apart = [
        _doc(department, reviewer, editor, title=f"防火工作{n}", body="<p>防火，灭火通报，通告。</p>")
        for n in range(2)
    ]
    from gongkai.search.models import SearchEntry

    key = lambda d: SearchEntry.objects.get(key=f"document:{d.index_no}").id  # noqa: E731  (the entry's id)
    ranked = [(key(d), 1.0) for d in (holding[0], apart[0], holding[1], apart[1], holding[2])]
    with mock.patch.object(query, "PHRASE_CHUNK", 1):
        shown, looked = query._visible(ranked, {}, ("防火通告",), needed=2)
        assert [k for k, _s, _p in shown] == [key(holding[0]), key(holding[1])] and looked == 3
        pages = [search('"防火通告"', page=n, page_size=1) for n in (1, 2, 3, 4)]
    assert sorted(r.url for p in pages for r in p.results) == sorted(d.get_absolute_url() for d in holding)
    assert [p.has_next for p in pages] == [True, True, False, False] and apart


def test_a_phrase_asks_once_for_every_ranked_hit_when_that_is_cheap(engine, department, editor, reviewer):
    from gongkai.search import query

    holding = _doc(department, reviewer, editor, title="防火通告", body="<p>森林防火通告。</p>")
    for n in range(3):
        _doc(department, reviewer, editor, title=f"防火工作{n}", body="<p>防火，灭火通报，通告。</p>")

    def limits(**filters):
        with mock.patch.object(
            backends.backend(), "search", wraps=backends.backend().search
        ) as engine_search:
            page = search('"防火通告"', page_size=1, **filters)
        assert [r.url for r in page.results] == [holding.get_absolute_url()] and page.total == 1
        return [c.args[0].limit for c in engine_search.call_args_list]

    # PostgreSQL ranks its newest matches whatever is asked; with a unit or a year, the embedded engine
    # ranks a few thousand candidates at most: all of them at once, not a page's and again.
    assert limits(unit=department.code) == limits(year=holding.publish_at.year) == [query.WINDOW]
    # Without, the embedded engine asks for a page's worth first (one, and one more, and one page more),
    # then for more as the share that holds the phrase says.
    assert limits()[0] == (query.WINDOW if engine == "postgres" else 3)


def test_postgres_is_asked_once_however_far_ties_lead(engine, department, editor, reviewer):
    from gongkai.search import query

    alike = [
        _dated(department, reviewer, editor, 2020 + n, title=f"通告{n}", body="<p>秸秆禁烧。</p>")
        for n in range(6)
    ]

    def limits():
        with mock.patch.object(
            backends.backend(), "search", wraps=backends.backend().search
        ) as engine_search:
            page = search("秸秆", page_size=1)
        assert [r.url for r in page.results] == [alike[-1].get_absolute_url()]  # alike: newest first
        return [c.args[0].limit for c in engine_search.call_args_list]

    # Six hits score alike, so the page's hit ties with the last one looked at and the query looks
    # further. PostgreSQL ranks its newest matches whatever is asked for: it is asked once, for all of
    # them, and the query looks further among those; the embedded engine is asked again, for more.
    assert limits() == ([query.WINDOW] if engine == "postgres" else [3, 6, 12])


def test_postgres_takes_rare_words_through_the_gin_index_and_common_ones_by_date(
    engine, department, editor, reviewer
):
    if engine != "postgres":
        pytest.skip("the PostgreSQL backend's plans")
    straw = [
        _doc(department, reviewer, editor, title=f"秸秆禁烧通告第{n}号", body="<p>秸秆禁烧。</p>")
        for n in range(4)
    ]
    _doc(department, reviewer, editor, title="春耕生产通知", body="<p>春耕。</p>")
    reindex()  # ends with ANALYZE: the statistics the backend plans by
    backend = backends.backend()
    with connection.cursor() as cursor:
        assert backend._rare(cursor, backends.Plan(("秸秆",))) in (True, False)
    assert backend._common.get("秸秆") == pytest.approx(0.8, abs=0.01) and backend._items == 5
    expected = sorted(d.get_absolute_url() for d in straw)
    for rare in (True, False):
        with mock.patch.object(backends.PostgresBackend, "_rare", return_value=rare):
            page = search("秸秆")
            assert sorted(r.url for r in page.results) == expected and page.total == 4, rare
            assert search("秸秆", page_size=1).total == 4, rare  # counted exactly, either way
    # √(RANKED / items): with 5 items any share is "rare"; with a million, 80 % is not, and a word
    # rarer than the least common one listed (here 0.1 %) is.
    backend._items, backend._floor = 1_000_000, 0.001
    with connection.cursor() as cursor:
        assert backend._rare(cursor, backends.Plan(("秸秆",))) is False
        assert backend._rare(cursor, backends.Plan(("从未出现",))) is True
        # Below a quarter of the items (WALK_FROM) a word's newest matches come through the GIN
        # index too: walking the dates would check ten rows' tsv for each match at 10 %.
        backend._common["秸秆"] = 0.1
        assert backend._rare(cursor, backends.Plan(("秸秆",))) is True


def test_postgres_ranks_a_rare_word_among_its_newest_matches(engine, department, editor, reviewer):
    if engine != "postgres":
        pytest.skip("the PostgreSQL backend's plans")
    from django.test.utils import CaptureQueriesContext

    from gongkai.search import query

    # A query asking for all its hits must get as many as it may look at.
    assert backends.PostgresBackend.RANKED >= query.WINDOW

    straw = {}
    for year in range(2020, 2026):
        for n in range(4):  # the word more often in each: no two rank alike (ties are looked beyond)
            body = "<p>" + "秸秆禁烧。" * (1 + len(straw)) + "</p>"
            # Each on a day of its own: a window starts at the beginning of a day (search.0006).
            straw[year, n] = _dated(
                department, reviewer, editor, year, 1 + 2 * n, title=f"通告{year}{n}", body=body
            )
            _dated(
                department,
                reviewer,
                editor,
                year,
                2 + 2 * n,
                title=f"春耕通知{year}{n}",
                body="<p>春耕。</p>",
            )
    reindex()  # ANALYZE: the histogram of publication dates the window is taken from
    backend = backends.backend()
    with connection.cursor() as cursor:
        assert backend._share(cursor, backends.Plan(("秸秆",))) == pytest.approx(0.5, abs=0.01)
    assert len(backend._dates) > 10 and backend._dated == 1.0

    def run(share, **patches):
        with (
            mock.patch.object(backends.PostgresBackend, "_rare", return_value=True),
            mock.patch.object(backends.PostgresBackend, "_share", return_value=share),
            mock.patch.multiple(backends.PostgresBackend, RANKED=3, **patches),
            mock.patch.object(query, "WINDOW", 3),  # as in production: all that is ranked, at most
            CaptureQueriesContext(connection) as queries,
        ):
            page = search("秸秆", page_size=1)
        sql = [q["sql"] for q in queries if "WITH matches" in q["sql"]]
        # Each with memory enough that the bitmaps stay exact (no row is read twice to recheck it).
        assert sum("SET LOCAL work_mem = '64MB'" in q["sql"] for q in queries) == len(sql)
        return page, [re.findall(r"::date >= '(\d{4}-\d\d-\d\d)", q) for q in sql]

    # 2 × RANKED of 24 matches in 48 items: only the newest quarter of the items is read — about 6
    # matches, enough to rank 3 — and the total is scaled up from them.
    page, since = run(0.5)
    assert page.results[0].url in {straw[2025, n].get_absolute_url() for n in range(4)}
    assert len(since) == 1 and since[0] and 12 < page.total < 48
    # A share overestimated fourfold: the window holds too few to rank, and what it held gives a
    # second, wider one.
    page, since = run(2.0)
    assert len(since) == 2 and since[0] and since[1] and since[1] < since[0] and 12 < page.total < 48
    # A window that holds nothing: all matches are read, and counted exactly.
    future = (timezone.now().replace(year=2100), 0.01)
    page, since = run(0.5, _window=mock.Mock(return_value=future))
    assert since == [["2100-" + future[0].strftime("%m-%d")], []] and page.total == 24


def test_postgres_intersects_a_rare_words_postings_within_its_window_of_days(
    engine, department, editor, reviewer
):
    if engine != "postgres":
        pytest.skip("the PostgreSQL backend's plans")
    for year in (2024, 2025):
        _dated(department, reviewer, editor, year, title=f"秸秆禁烧通告{year}", body="<p>秸秆禁烧。</p>")
    reindex()
    backend = backends.backend()

    class Explaining:  # runs the ranking statement under EXPLAIN and keeps its plan
        def __init__(self, cursor):
            self.cursor, self.plan = cursor, ""

        def execute(self, sql, params=None):
            self.cursor.execute(
                ("EXPLAIN (COSTS OFF) " if sql.startswith("WITH matches") else "") + sql, params
            )

        def fetchall(self):
            self.plan = "\n".join(row[0] for row in self.cursor.fetchall())
            return []

    since = timezone.now().replace(year=2025, month=1, day=1)
    with connection.cursor() as cursor:
        explaining = Explaining(cursor)
        ranked = "SELECT id, 0, published_at, {count} FROM {source}"
        backend._rank_rare(explaining, "tsv @@ plainto_tsquery('simple', %s)", ["秸秆"], since, [], ranked)
    # One GIN scan holds both the words and the days (migration search.0006): PostgreSQL skips the
    # words' postings before the window instead of intersecting them over the whole table and then
    # ANDing the result with the date index's range.
    scans = re.findall(r"Bitmap Index Scan on (\w+)\n\s+Index Cond: \((.*)\)", explaining.plan)
    assert len(scans) == 1, explaining.plan
    index, condition = scans[0]
    assert index == "search_searchentry_day_tsv_gin", explaining.plan
    assert "AT TIME ZONE 'UTC'" in condition and "'2025-01-01'::date" in condition and "tsv @@" in condition


def test_postgres_can_walk_a_unit_and_year_newest_first(engine):
    if engine != "postgres":
        pytest.skip("the PostgreSQL backend's indexes")
    # Migration search.0005. On a table this small the planner rightly prefers other paths, so it is
    # the index's shape that is checked; docs/performance.md has what it does at 1,000,000 items.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_searchentry_unit_year_published'"
        )
        assert "(unit, year, published_at DESC NULLS LAST)" in cursor.fetchone()[0]
