"""What the checks read from one HTML page: links, dated items, the footer, search and text lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import lxml.html
from lxml import etree

from .crawler import normalize

DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
CHROME = {"header", "nav", "footer", "aside"}
ITEM_TAGS = {"li", "tr"}
ICP = re.compile(r"ICP\s*备\s*\d+\s*号")
POLICE = re.compile(r"公网安备\s*\d+\s*号")
SITE_CODE = re.compile(r"网站标识码\s*[:：]?\s*[0-9A-Za-z]{6,}")
CONTACT = re.compile(r"联系方式|联系电话|电话|联系我们|邮箱|信箱")
CONSULT = re.compile(r"咨询|留言|信箱|互动|在线访谈|12345")
SEARCH_NAMES = {"q", "query", "keyword", "keywords", "searchword", "wd", "kw"}


@dataclass
class Item:
    title: str
    day: date | None
    line: int


@dataclass
class Parsed:
    links: list[tuple[str, str]] = field(default_factory=list)  # (absolute URL, link text)
    items: list[Item] = field(default_factory=list)  # entries of dated lists in the content
    loose: int = 0  # linked list entries in the content of pages with no dated list
    footer: str = ""
    footer_html: str = ""
    has_search: bool = False
    texts: list[tuple[int, str]] = field(default_factory=list)  # (source line, visible text)

    def newest(self, today: date) -> date | None:
        days = [i.day for i in self.items if i.day and i.day <= today]
        return max(days, default=None)


def parse_date(text: str) -> date | None:
    match = DATE.search(text)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _in_chrome(element: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in CHROME or ancestor.get("role") in ("navigation", "banner", "contentinfo"):
            return True
    return False


def _item_date(element: etree._Element) -> date | None:
    for time in element.iter("time"):
        day = parse_date(time.get("datetime", "") or time.text_content())
        if day:
            return day
    return parse_date(element.text_content())


def parse(html: str, url: str) -> Parsed:
    """Return what the checks need of the page HTML found at URL."""
    result = Parsed()
    if not html.strip():
        return result
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return result
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if href is None:
            continue
        target = normalize(href, url)
        if target:
            label = anchor.get("aria-label") or anchor.get("title") or anchor.text_content()
            result.links.append((target, " ".join(label.split())))
    lists: dict[etree._Element, list[tuple[etree._Element, date | None]]] = {}
    for element in tree.iter(*ITEM_TAGS):
        if _in_chrome(element) or not any(True for _a in element.iter("a")):
            continue
        parent = element.getparent()
        if parent is not None and parent.tag == "tbody":
            parent = parent.getparent()
        lists.setdefault(parent, []).append((element, _item_date(element)))
    for entries in lists.values():
        if any(day for _e, day in entries):
            for element, day in entries:
                title = next((a.text_content().strip() for a in element.iter("a")), "")
                result.items.append(Item(title, day, element.sourceline or 0))
        else:
            result.loose += len(entries)
    footers = [e for e in tree.iter("footer")] or [
        e
        for e in tree.iter()
        if isinstance(e.tag, str) and re.search(r"foot", e.get("class", "") + e.get("id", ""))
    ]
    if footers:
        result.footer = " ".join(f.text_content() for f in footers)
        result.footer_html = "".join(etree.tostring(f, encoding="unicode") for f in footers)
    else:  # no marked footer: the whole page stands in for it
        result.footer = tree.text_content()
        result.footer_html = html
    result.has_search = any(
        form.get("role") == "search"
        or "search" in (form.get("action") or "")
        or any(
            i.get("type") == "search" or (i.get("name") or "").lower() in SEARCH_NAMES
            for i in form.iter("input")
        )
        for form in tree.iter("form")
    )
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "head", "title"):
            continue
        if element.text and element.text.strip():
            result.texts.append((element.sourceline or 0, element.text))
        if element.tail and element.tail.strip():
            result.texts.append((element.sourceline or 0, element.tail))
    return result


def conac_mark(parsed: Parsed) -> bool:
    """Whether the footer carries the 党政机关网站标识 (the red mark linking to its register)."""
    html = parsed.footer_html
    return (
        "党政机关" in " ".join(re.findall(r'(?:alt|title|aria-label)="([^"]*)"', html)) or "conac.cn" in html
    )
