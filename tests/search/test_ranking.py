"""What comes first (decision 0015): where a word was found and what kind of item found it, on the
embedded engine and (on PostgreSQL) the database one."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from gongkai.records import registry
from gongkai.records import services as record_services
from gongkai.search import backends
from gongkai.search import services as search_services
from gongkai.search.query import search
from tests.enforcement.test_enforcement import COMPANY_USCC, penalty_data
from tests.records.conftest import publish_record
from tests.search.test_search import _dated, _doc

pytestmark = pytest.mark.django_db


def _licences(department, contents, *, party="岢岚县晋岚食品有限公司"):
    """One licence per text of CONTENTS, each published as an import is, a second apart up to now (the
    last the newest): a register whose every record carries its text in a few metadata fields."""
    licences = registry.get("licences")
    decided = timezone.localdate() - timedelta(days=3)
    now = timezone.now()
    found = []
    for n, content in enumerate(contents):
        row = {
            "party_name": f"{party}{n}" if len(contents) > 1 else party, "uscc": COMPANY_USCC,
            "decision_doc_name": "食品经营许可决定书", "decision_no": f"岢食许〔2026〕{n + 1}号",
            "content": content, "decided_on": decided, "valid_from": decided,
            "authority": "岢岚县行政审批服务管理局", "authority_uscc": department.code,
            "source_unit": "岢岚县行政审批服务管理局", "source_unit_uscc": department.code,
        }  # fmt: skip
        at = now - timedelta(seconds=len(contents) - n)
        found += record_services.records_import_published(licences, [(department, row)], by=None, at=at)
    return found


def _penalty(department, editor, reviewer, **fields):
    return publish_record(
        registry.get("penalties"), department, editor, reviewer, penalty_data(department, **fields)
    )


def _older(item, kind):
    """ITEM as if published a week ago (its search entry follows)."""
    type(item).objects.filter(pk=item.pk).update(publish_at=timezone.now() - timedelta(days=7))
    search_services.touch(kind, item.index_no)
    return item


def _urls(results):
    return [r.url for r in results]


def test_documents_and_decisions_come_before_records_that_only_carry_the_word(
    engine, department, editor, reviewer
):
    titled = [
        _doc(department, reviewer, editor, title="关于规范行政处罚裁量权的通知", body="<p>各单位：严格执行。</p>"),
        _doc(department, reviewer, editor, title="行政处罚案件办理流程", body="<p>立案、调查、决定。</p>"),
    ]  # fmt: skip
    mentioned = _doc(
        department,
        reviewer,
        editor,
        title="2025年法治政府建设情况报告",
        body="<p>全年办理行政处罚案件36件。</p>",
    )
    penalty = _penalty(department, editor, reviewer)
    for document in (*titled, mentioned):
        _older(document, "document")
    _older(penalty, "penalties")
    # More licences than a page holds, the newest of all, each saying the word in its metadata.
    licences = _licences(department, ["准予食品经营许可。申请人近三年未受过行政处罚。"] * 22)
    page = search("行政处罚")
    urls = _urls(page.results)
    assert set(urls[:2]) == {d.get_absolute_url() for d in titled}
    # The penalty is a 行政处罚 by its type; a document that mentions the word comes next.
    assert urls[2:4] == [penalty.get_absolute_url(), mentioned.get_absolute_url()]
    # Then the licences, newest first (they score alike), on this page and the next.
    assert urls[4:] == [r.get_absolute_url() for r in reversed(licences)][:16] and page.has_next
    assert [r.kind_label for r in page.results[:5]] == ["政府信息"] * 2 + ["行政处罚", "政府信息", "行政许可"]


def test_a_word_ranks_by_where_it_was_found_title_then_number_then_body(engine, department, editor, reviewer):
    # The oldest first: newer breaks ties, so the order below is not theirs.
    in_title = _doc(department, reviewer, editor, title="扶贫办2026年工作要点", body="<p>全年工作。</p>")
    in_number = _doc(
        department, reviewer, editor, title="关于下达补助资金的通知", doc_number="岢扶贫办发〔2026〕5号",
        body="<p>下达资金。</p>",
    )  # fmt: skip
    in_body = _doc(department, reviewer, editor, title="年度工作总结", body="<p>配合扶贫办完成验收。</p>")
    expected = [d.get_absolute_url() for d in (in_title, in_number, in_body)]
    assert _urls(search("扶贫办").results) == expected


def test_a_record_named_by_the_word_comes_before_one_that_mentions_it(engine, department):
    named = _licences(department, ["准予食品经营许可。"], party="岢岚县羊产业发展有限公司")
    mentioning = _licences(department, ["准予经营。用于羊产业。"] * 2)  # newer, and two of them
    results = search("羊产业").results
    assert _urls(results) == [
        named[0].get_absolute_url(),
        *(r.get_absolute_url() for r in reversed(mentioning)),
    ]


def test_a_record_is_found_by_its_type_not_by_words_every_record_repeats(
    engine, department, editor, reviewer
):
    penalty = _penalty(department, editor, reviewer)
    (licence,) = _licences(department, ["准予食品经营许可。"])
    results = search("行政处罚").results
    assert _urls(results) == [penalty.get_absolute_url()] and results[0].kind_label == "行政处罚"
    assert "行政处罚" not in str(results[0].snippet)  # the snippet shows the record's own text
    assert _urls(search('"行政处罚"').results) == [penalty.get_absolute_url()]  # as typed: its type's name
    assert _urls(search("宏达煤业 行政处罚").results) == [penalty.get_absolute_url()]
    assert search("宏达煤业 -行政处罚").results == []  # left out by type as well
    assert search("行政处罚", kind="licences").results == []
    assert _urls(search("许可").results) == [licence.get_absolute_url()]  # a word of 行政许可


def test_pages_across_kinds_show_every_match_once_in_one_order(engine, department, editor, reviewer):
    for title in ("行政处罚裁量基准", "行政处罚听证程序规定"):
        _doc(department, reviewer, editor, title=title, body="<p>规范执法。</p>")
    _doc(department, reviewer, editor, title="执法检查通报", body="<p>依法作出行政处罚。</p>")
    _penalty(department, editor, reviewer)
    _penalty(
        department, editor, reviewer, party_name="岢岚县鑫源商贸有限公司", decision_no="岢市监罚〔2026〕13号"
    )
    _licences(department, ["申请人未受过行政处罚。"] * 6)
    everything = _urls(search("行政处罚", page_size=50).results)
    pages = [search("行政处罚", page=n, page_size=3) for n in range(1, 6)]
    assert [r.url for page in pages for r in page.results] == everything and len(set(everything)) == 11
    assert [page.has_next for page in pages] == [True, True, True, False, False]


def test_a_broad_query_ranks_the_newest_of_each_weight(engine, department, editor, reviewer):
    # Where an engine ranks only a broad query's newest matches, it takes them in each weight: newer
    # licences must not crowd out an older document about the word.
    old = _dated(department, reviewer, editor, 2020, title="行政处罚裁量基准", body="<p>规范执法。</p>")
    # No two alike: the query would look beyond hits that tie, and so past the newest.
    _licences(department, [f"申请人未受过行政处罚。{'准予经营。' * n}" for n in range(6)])
    with (
        mock.patch.multiple(backends.TantivyBackend, BROAD=1, NEWEST_MATCHES=1),
        mock.patch.object(backends.PostgresBackend, "RANKED", 2),
    ):
        page = search("行政处罚", page_size=1)
    assert _urls(page.results) == [old.get_absolute_url()] and page.has_next


def test_each_result_says_what_type_it_is(client, department, editor, reviewer):
    _doc(department, reviewer, editor, title="行政处罚裁量基准", body="<p>规范执法。</p>")
    _penalty(department, editor, reviewer)
    page = client.get("/search/", {"q": "行政处罚"}).text
    results = re.findall(r'<li>\s*<span class="badge">([^<]+)</span>\s*<a href', page)
    assert results == ["政府信息", "行政处罚"]
    answer = client.get("/api/v1/search", {"q": "行政处罚"}).json()["results"]
    assert [(r["type"], r["type_label"]) for r in answer] == [
        ("document", "政府信息"),
        ("penalties", "行政处罚"),
    ]


def test_each_record_type_sets_its_weight_and_the_words_that_find_it_by_type():
    """The weight and the name words live on the record type: decisions and published notices weigh
    as much as documents; a generic word of a type's name (公开, 目录, 公告, 服务) finds none of its
    records by type, while the words people look for (预算, 收费, 采购, 指标) do."""
    from gongkai.search import query
    from gongkai.search import registry as search_registry

    sources = {s.kind: s for s in search_registry.sources()}
    weights = {
        kind: sources[kind].weight for kind in ("penalties", "licences", "fiscal-reports", "fee-items")
    }
    assert weights == {"penalties": 1.0, "licences": 0.4, "fiscal-reports": 1.0, "fee-items": 0.4}
    typed = dict(query._typed(["公开", "目录", "公告", "服务", "预算", "收费", "采购", "指标", "处罚"]))
    assert set(typed) == {"预算", "收费", "采购", "指标", "处罚"}
    assert typed["预算"] == ("fiscal-reports",) and typed["指标"] == ("indicators",)
    assert set(typed["收费"]) == {"fee-items", "fee-collections"}
    assert set(typed["采购"]) == {"procurement-notices", "procurement-processes"} and typed["处罚"] == (
        "penalties",
    )
    assert query._by_label("预决算") == ["fiscal-reports"] and query._by_label("预决算公开") == []
