"""A procurement process in the site search: found by its title, 项目编号 and buyer while a notice of it is
public, leading to its page; gone when its last public notice is withdrawn."""

from gongkai.core import workflow
from gongkai.procurement.search import KIND
from gongkai.search.query import search
from gongkai.search.services import reindex

from .factories import SUPPLIER_A, course, draft, make_process


def _urls(q, **filters):
    return [r.url for r in search(q, **filters).results if r.kind == KIND]


def test_a_process_is_found_by_title_code_and_buyer_and_leaves_with_its_last_public_notice(
    client, department, staff
):
    editor, reviewer = staff
    process = make_process(department)
    draft(process, "intention", editor)
    assert _urls("教学计算机") == []  # a draft makes nothing public
    intention, tender = course(process, editor, reviewer, ("intention", "tender"))
    url = process.get_absolute_url()
    assert _urls("教学计算机") == [url]
    assert _urls("测试县财政局 计算机") == [url]  # the buyer
    other = make_process(
        department, code="GKCG-2026-002", title="县第二中学课桌椅采购项目", items="课桌椅|200|套"
    )
    course(other, editor, reviewer, ("intention",))
    for code, wanted in (("GKCG-2026-001", process), ("GKCG-2026-002", other)):
        first = search(code).results[0]  # the process itself, by its number, before anything naming it
        assert (first.url, first.kind, first.exact) == (wanted.get_absolute_url(), KIND, True), code
        assert first.title == f"{wanted.title}（{code}）"
    assert _urls("台式计算机 交换机", kind=KIND) == [url]  # its items

    api = client.get("/api/v1/search", {"q": "GKCG-2026-001", "type": KIND}).json()
    assert api["results"][0]["url"].removeprefix("http://testserver") == url
    assert api["results"][0]["type"] == KIND
    page = client.get("/search/", {"q": "教学计算机", "type": KIND}).content.decode()
    assert f'href="{url}"' in page and "政府采购项目" in page

    workflow.withdraw(tender, by=reviewer, reason="重新招标")
    assert _urls("教学计算机") == [url]  # the intention is still public
    workflow.withdraw(intention, by=reviewer, reason="项目取消")
    assert _urls("教学计算机") == []
    gone = client.get("/api/v1/search", {"q": "GKCG-2026-001", "type": KIND}).json()["results"]
    assert url not in [r["url"].removeprefix("http://testserver") for r in gone]


def test_the_winner_finds_the_process_once_the_award_is_public_and_a_rebuild_keeps_it(department, staff):
    editor, reviewer = staff
    process = make_process(department)
    course(process, editor, reviewer, ("tender",))
    assert _urls("鑫源商贸") == []
    course(process, editor, reviewer, ("award",))
    assert _urls("鑫源商贸") == [process.get_absolute_url()]
    assert SUPPLIER_A  # the supplier's name, not only its code, is searchable
    reindex()
    assert _urls("鑫源商贸 教学计算机") == [process.get_absolute_url()]
