"""Where apps register what the public shell shows: navigation, sitemap sections, Atom feeds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.feedgenerator import Atom1Feed


class AtomFeed(Feed):
    """Base of every registered feed: Atom 1.0, published items only."""

    feed_type = Atom1Feed


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    group: str = ""

    @property
    def url(self) -> str | None:
        return _reversed(self.url_name, get_urlconf())


@lru_cache(maxsize=256)
def _reversed(url_name: str, urlconf: str | None) -> str | None:
    """URL_NAME's path, worked out once per URL configuration (every page's navigation asks)."""
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class FeedEntry:
    slug: str
    title: str
    feed: Feed


_nav: dict[str, NavItem] = {}
_sitemaps: dict[str, Sitemap] = {}
_feeds: dict[str, FeedEntry] = {}


# The groups of the main navigation, in their order: a county site's usual columns, so the bar
# stays one row at 1280 px however many kinds register (an item without a group stands alone).
NAV_GROUPS: dict[str, tuple[str, int]] = {
    "xxgk": ("政府信息公开", 10),
    "areas": ("重点领域", 40),
    "hudong": ("政民互动", 60),
    "service": ("办事服务", 70),
}


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str
    order: int
    items: tuple[NavItem, ...]


def register_nav(label: str, url_name: str, order: int, group: str = "") -> None:
    """Add a navigation item (the seed report's areas) to GROUP (a key of NAV_GROUPS, or "" for the
    top bar itself); lower ORDER comes first."""
    if group and group not in NAV_GROUPS:
        raise ValueError(f"unknown navigation group {group!r}")
    _nav[url_name] = NavItem(label, url_name, order, group)


def nav_items() -> list[NavItem]:
    return sorted((item for item in _nav.values() if item.url), key=lambda i: i.order)


def nav_tree() -> list[NavItem | NavGroup]:
    """The top bar: lone items and groups (with at least one item), each in its order."""
    shown = nav_items()
    entries: list[NavItem | NavGroup] = [item for item in shown if not item.group]
    for key, (label, order) in NAV_GROUPS.items():
        items = tuple(item for item in shown if item.group == key)
        if items:
            entries.append(NavGroup(key, label, order, items))
    return sorted(entries, key=lambda e: e.order)


def register_sitemap(section: str, sitemap: Sitemap) -> None:
    """Add a sitemap section; it must list published, public pages only."""
    if section in _sitemaps:
        raise ValueError(f"sitemap section {section!r} is registered twice")
    _sitemaps[section] = sitemap


def unregister_sitemap(section: str) -> None:
    _sitemaps.pop(section, None)


def sitemaps() -> dict[str, Sitemap]:
    return dict(_sitemaps)


def register_feed(slug: str, title: str, feed: Feed) -> None:
    """Add an Atom feed at /feeds/<slug>/; it must list published items only."""
    if slug in _feeds:
        raise ValueError(f"feed {slug!r} is registered twice")
    _feeds[slug] = FeedEntry(slug, title, feed)


def feeds() -> list[FeedEntry]:
    return sorted(_feeds.values(), key=lambda f: f.slug)


def feed(slug: str) -> FeedEntry | None:
    return _feeds.get(slug)


def unregister_feed(slug: str) -> None:
    _feeds.pop(slug, None)


@dataclass(frozen=True)
class Latest:
    """One line of a home-page column."""

    title: str
    url: str
    day: date | None


@dataclass(frozen=True)
class HomeColumn:
    title: str
    order: int
    more_url: str
    latest: Callable[[int], list[Latest]]  # the newest N public items, asked at each request


_columns: dict[str, HomeColumn] = {}


def register_home_column(
    slug: str, title: str, *, order: int, more_url: str, latest: Callable[[int], list[Latest]]
) -> None:
    """Show a column of the newest public items on the home page (an app's own query decides what)."""
    _columns[slug] = HomeColumn(title, order, more_url, latest)


def home_columns() -> list[HomeColumn]:
    return sorted(_columns.values(), key=lambda c: c.order)
