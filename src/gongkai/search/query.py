"""Run one search: parse the query, ask the engine, put exact number matches first, keep only what
the public may see right now, and cut highlighted snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import registry, segment
from .backends import Plan, backend
from .models import SearchEntry, SearchNumber
from .services import ensure_dictionary

_PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”')
_INDEX_NO = re.compile(r"[0-9A-Za-z]{6,20}/\d{4}-\d{3,8}")
MAX_QUERY = 100
WINDOW = 1000  # engine hits considered per query: enough for 50 pages


@dataclass(frozen=True)
class Parsed:
    words: tuple[str, ...]
    phrases: tuple[str, ...]
    excluded: tuple[str, ...]
    numbers: tuple[str, ...]


def parse(q: str) -> Parsed:
    """Words AND together, "quoted phrases" must occur as typed, -word excludes."""
    q = q.strip()[:MAX_QUERY]
    phrases = tuple(a or b for a, b in _PHRASE.findall(q))
    rest = _PHRASE.sub(" ", q)
    numbers = tuple(dict.fromkeys([*segment.document_numbers(q), *_INDEX_NO.findall(q)]))
    words, excluded = [], []
    for part in rest.split():
        if part.startswith("-") and len(part) > 1:
            excluded.append(part[1:])
        elif part != "-":
            words.append(part)
    return Parsed(tuple(words), phrases, tuple(excluded), numbers)


@dataclass
class Result:
    ident: str
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: SafeString
    unit: str
    published_at: datetime | None
    exact: bool = False


@dataclass
class Page:
    results: list[Result] = field(default_factory=list)
    total: int = 0
    has_next: bool = False
    parsed: Parsed | None = None


def _highlighter(terms: list[str]) -> re.Pattern[str] | None:
    terms = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None


def highlight(text: str, pattern: re.Pattern[str] | None) -> SafeString:
    """Escape TEXT and wrap each match in <mark> (the only markup a snippet carries)."""
    if pattern is None:
        return mark_safe(escape(text))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, pattern: re.Pattern[str] | None, width: int = 60) -> SafeString:
    text = " ".join(text.split())
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - width) if match else 0
    end = min(len(text), (match.end() if match else 0) + width * 2)
    piece = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return highlight(piece, pattern)


def search(
    q: str, *, kind: str = "", unit: str = "", year: int | None = None, category: str = "",
    page: int = 1, page_size: int = 20, snippets: bool = True,
) -> Page:  # fmt: skip
    ensure_dictionary()
    parsed = parse(q)
    tokens = list(dict.fromkeys(t for text in (*parsed.words, *parsed.phrases) for t in segment.tokens(text)))
    excluded = list(dict.fromkeys(t for text in parsed.excluded for t in segment.tokens(text)))
    if not tokens and not parsed.numbers:
        return Page(parsed=parsed)
    wanted = page * page_size
    exact_keys: list[str] = []
    if parsed.numbers:
        normalised = [segment.normalise_number(n) for n in parsed.numbers]
        rows = SearchNumber.objects.filter(number__in=normalised).select_related("entry")
        exact_keys = list(
            dict.fromkeys(r.entry.key for r in rows if _matches(r.entry, kind, unit, year, category))
        )
    hits = (
        backend().search(
            Plan(
                tuple(tokens), tuple(excluded), kind, unit, year, category, limit=min(WINDOW, wanted * 3 + 20)
            )
        )
        if tokens
        else None
    )
    ranked = [(k, 1e9) for k in exact_keys] + [
        (k, s) for k, s in (hits.keys if hits else []) if k not in exact_keys
    ]
    entries = {e.key: e for e in SearchEntry.objects.filter(key__in=[k for k, _s in ranked])}
    by_kind: dict[str, list[str]] = {}
    for key in entries:
        by_kind.setdefault(entries[key].kind, []).append(entries[key].ident)
    public: set[str] = set()
    for entry_kind, idents in by_kind.items():
        source = registry.source(entry_kind)
        if source is not None:
            public.update(f"{entry_kind}:{i}" for i in source.public(idents))
    visible = [(k, s) for k, s in ranked if k in public and k in entries]
    if parsed.phrases:  # a phrase must occur as typed, not only its words
        visible = [
            (k, s) for k, s in visible
            if all(p.lower() in (entries[k].title + entries[k].text).lower() for p in parsed.phrases)
        ]  # fmt: skip
    visible.sort(
        key=lambda ks: (
            -round(ks[1], 4),
            -(entries[ks[0]].published_at.timestamp() if entries[ks[0]].published_at else 0),
        )
    )
    marks = [
        *parsed.words,
        *parsed.phrases,
        *(t for t in tokens if len(t) > 1 or len(tokens) == 1),
        *parsed.numbers,
    ]
    pattern = _highlighter(marks)
    labels = {s.kind: s.label for s in registry.sources()}
    start = (page - 1) * page_size
    results = [
        Result(
            ident=entries[k].ident,
            kind=entries[k].kind,
            kind_label=labels.get(entries[k].kind, entries[k].kind),
            title=entries[k].title,
            url=entries[k].url,
            snippet=snippet(entries[k].text, pattern) if snippets else mark_safe(""),
            unit=entries[k].unit,
            published_at=entries[k].published_at,
            exact=k in exact_keys,
        )
        for k, _s in visible[start : start + page_size]
    ]
    engine_total = hits.total if hits else 0
    filtered_out = len(ranked) - len(visible)
    total = max(len(visible), engine_total + len(exact_keys) - filtered_out)
    return Page(results, total, has_next=len(visible) > start + page_size, parsed=parsed)


def _matches(entry: SearchEntry, kind: str, unit: str, year: int | None, category: str) -> bool:
    return (
        (not kind or entry.kind == kind)
        and (not unit or entry.unit == unit)
        and (not year or entry.year == year)
        and (not category or entry.category == category)
    )
