"""A regulation asked by its title comes first (decision 0036), on the embedded engine and (on
PostgreSQL) the database one, among documents whose titles hold its title whole and whose text
repeats it."""

import pytest

from gongkai.search.query import search
from tests.search.test_search import _dated

pytestmark = pytest.mark.django_db

REGULATIONS = [
    "中华人民共和国政府信息公开条例",
    "中华人民共和国预算法",
    "中华人民共和国预算法实施条例",
    "中华人民共和国行政处罚法",
    "优化营商环境条例",
]


def test_a_regulation_asked_by_its_title_comes_before_the_documents_about_it(
    engine, department, editor, reviewer
):
    regulations = {
        title: _dated(department, reviewer, editor, 2019, title=title, body=f"<p>第一条 为了规范管理，制定本{title[-1]}。</p>")
        for title in REGULATIONS
    }  # fmt: skip
    for title in REGULATIONS:  # newer, longer, and about the regulation throughout
        mentioned = f"《{title}》" * 3
        for near_miss in (f"关于学习宣传贯彻《{title}》的通知", f"《{title}》解读", f"{title}实施细则"):
            _dated(department, reviewer, editor, 2025, title=near_miss, body=f"<p>认真学习{mentioned}。</p>")
    for title, regulation in regulations.items():
        first = search(title).results[0]
        assert first.url == regulation.get_absolute_url(), (title, first.title)
    # Typed with its book-title marks, it is the same title.
    first = search("《中华人民共和国预算法》").results[0]
    assert first.url == regulations["中华人民共和国预算法"].get_absolute_url()
