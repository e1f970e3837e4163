"""Several app servers with the embedded engine (docs/operator-guide.md, "Search"): each keeps its own
index directory, which it builds from the stored entries when it has none and brings up to date from
the shared outbox before every query, so a publication or a withdrawal made through any of them is
searchable, or gone, on all of them at once."""

import pytest

from gongkai.publishing import services as doc_services
from gongkai.search import backends
from gongkai.search.query import search
from gongkai.search.services import reindex
from tests.search.test_search import _doc

pytestmark = pytest.mark.django_db


def _on(settings, server):
    """Search from now on as the app server whose index directory is SERVER."""
    settings.SEARCH_BACKEND, settings.SEARCH_INDEX_DIR = "embedded", server
    backends._backend = None  # as that server's own process holds its own engine


def _found(settings, server, q):
    _on(settings, server)
    return [r.url for r in search(q).results]


def test_app_servers_with_their_own_index_directories_show_the_same_publications(
    settings, tmp_path, department, editor, reviewer
):
    first, second, added = tmp_path / "app-1", tmp_path / "app-2", tmp_path / "app-3"
    _on(settings, first)
    old = _doc(department, reviewer, editor, title="秸秆禁烧通告", body="<p>秸秆禁烧。</p>")
    assert _found(settings, first, "秸秆") == [old.get_absolute_url()]
    assert _found(settings, second, "秸秆") == [old.get_absolute_url()]  # built from the stored entries

    _on(settings, second)  # published through the second server
    new = _doc(department, reviewer, editor, title="秸秆综合利用方案", body="<p>秸秆利用。</p>")
    for server in (first, second):
        assert sorted(_found(settings, server, "秸秆")) == sorted(
            [old.get_absolute_url(), new.get_absolute_url()]
        )

    _on(settings, first)  # withdrawn through the first
    doc_services.document_withdraw(document=old, by=reviewer, reason="通告已过期")
    for server in (second, first, added):  # a server added now builds its index without the withdrawn one
        assert _found(settings, server, "秸秆") == [new.get_absolute_url()]
    # Not only hidden: gone from every server's index.
    for server in (first, second, added):
        _on(settings, server)
        assert backends.backend().search(backends.Plan(("禁烧",))).total == 0


def test_a_reindex_on_one_app_server_is_followed_by_the_others(
    settings, tmp_path, department, editor, reviewer
):
    first, second = tmp_path / "app-1", tmp_path / "app-2"
    document = _doc(department, reviewer, editor, title="秸秆禁烧通告", body="<p>秸秆禁烧。</p>")
    for server in (first, second):
        assert _found(settings, server, "秸秆") == [document.get_absolute_url()]
    _on(settings, first)
    reindex()  # `gongkai search reindex` on the first server: every entry is written anew
    for server in (second, first):
        assert _found(settings, server, "秸秆") == [document.get_absolute_url()], server.name
    _on(settings, first)  # and what follows the rebuild reaches the second server too
    later = _doc(department, reviewer, editor, title="秸秆综合利用方案", body="<p>秸秆利用。</p>")
    assert later.get_absolute_url() in _found(settings, second, "秸秆")
