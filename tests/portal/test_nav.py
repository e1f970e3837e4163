"""The main navigation: a few groups on one bar, every registered area reachable, the current one marked."""

import pytest

from gongkai.portal.registry import NavGroup, nav_items, nav_tree, register_nav


def test_every_area_is_in_the_bar_once_and_the_bar_stays_short():
    tree = nav_tree()
    listed = [e.url_name for e in tree if not isinstance(e, NavGroup)]
    listed += [i.url_name for e in tree if isinstance(e, NavGroup) for i in e.items]
    assert sorted(listed) == sorted(i.url_name for i in nav_items())
    assert len(tree) <= 8, f"{len(tree)} entries on the bar: give the new area a group"


def test_an_unknown_group_is_refused():
    with pytest.raises(ValueError, match="navigation group"):
        register_nav("某专栏", "portal:home", 99, group="no-such-group")


@pytest.mark.django_db
def test_the_page_marks_its_item_and_its_group(client):
    page = client.get("/zdxx/").content.decode()
    assert '<summary class="current">重点领域</summary>' in page
    assert '<a href="/zdxx/" aria-current="page">征地信息</a>' in page
    home = client.get("/").content.decode()
    assert 'class="current"' not in home and '<a href="/" aria-current="page">首页</a>' in home
