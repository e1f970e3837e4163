"""Run one search: parse the query, ask the engine, put exact number matches first, keep only what
the public may see right now, and cut highlighted snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import registry, segment
from .backends import Hits, Plan, backend, phrase_pairs
from .models import SearchEntry, SearchNumber
from .services import ensure_dictionary

_PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”')
_INDEX_NO = re.compile(r"[0-9A-Za-z]{6,20}/\d{4}-\d{3,8}")
MAX_QUERY = 100
WINDOW = 1000  # engine hits considered per query: enough for 50 pages
ROUNDS = 3  # times the engine is asked, at most, for one page


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
    exact: bool = False  # every match was looked at: the total is a count, not an estimate


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
    start = (page - 1) * page_size
    wanted = start + page_size + 1  # one more than the page tells whether a next page exists
    exact_keys: list[str] = []
    published: dict[str, float] = {}  # key → publication timestamp, for ties
    if parsed.numbers:
        normalised = [segment.normalise_number(n) for n in parsed.numbers]
        rows = SearchNumber.objects.filter(number__in=normalised).select_related("entry")
        for row in rows:
            if _matches(row.entry, kind, unit, year, category) and row.entry.key not in exact_keys:
                exact_keys.append(row.entry.key)
                published[row.entry.key] = (
                    row.entry.published_at.timestamp() if row.entry.published_at else 0.0
                )
    # Ask the engine for a little more than the page needs; ask again, for as many more as the share
    # kept so far says are needed, only when too many of those hits are no longer public or (for a
    # phrase) do not hold the phrase as typed: at most ROUNDS times, up to WINDOW hits.
    engine = backend()
    required = segment.essential(tokens)
    grams = phrase_pairs(parsed.phrases, required) if engine.PHRASE_PAIRS else ()
    # An engine that checks no part of a phrase ranks its newest matches of the words anyway: all of
    # those hits at once cost it no more than a page's, and the phrase is checked on as few as needed.
    limit = WINDOW if parsed.phrases and not engine.PHRASE_PAIRS else wanted + page_size
    visible: list[tuple[str, float, float]] = []
    seen: set[str] = set()
    for round_ in range(1, ROUNDS + 1):
        hits = (
            engine.search(
                Plan(tuple(required), tuple(excluded), kind, unit, year, category, limit, grams=grams)
            )
            if tokens
            else Hits()
        )
        ranked = [(k, 1e9) for k in exact_keys] + [(k, s) for k, s in hits.keys if k not in exact_keys]
        published.update(hits.published)
        fresh = [(k, s) for k, s in ranked if k not in seen]
        more, looked = _visible(fresh, published, parsed.phrases, wanted - len(visible))
        seen.update(k for k, _s in fresh[:looked])
        visible += more
        exhausted = len(hits.keys) < limit and looked == len(fresh)
        full = len(visible) >= wanted and not _ties_beyond(visible, hits.keys, wanted)
        if full or exhausted or limit >= WINDOW or round_ == ROUNDS:
            break
        kept = max(len(visible), 1) / len(seen)  # of the hits seen so far; at least one is assumed
        limit = min(WINDOW, max(limit * 2, round(len(seen) + (wanted - len(visible)) / kept * 1.5)))
    visible.sort(key=lambda hit: (-_tied(hit[1]), -hit[2]))  # newer breaks ties
    if exhausted:
        total = len(visible)
    elif parsed.phrases:  # the share of checked hits that hold the phrase, applied to all of them
        total = max(len(visible), round((hits.total + len(exact_keys)) * len(visible) / max(1, len(seen))))
    else:
        total = max(len(visible), hits.total + len(exact_keys) - (len(seen) - len(visible)))
    shown = [hit[0] for hit in visible[start : start + page_size]]
    entries = {
        e.key: e for e in SearchEntry.objects.filter(key__in=shown).defer("title_tokens", "body_tokens")
    }
    marks = [
        *parsed.words,
        *parsed.phrases,
        *(t for t in tokens if len(t) > 1 or len(tokens) == 1),
        *parsed.numbers,
    ]
    pattern = _highlighter(marks)
    labels = {s.kind: s.label for s in registry.sources()}
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
        for k in shown
        if k in entries
    ]
    return Page(results, total, has_next=len(visible) > start + page_size, parsed=parsed, exact=exhausted)


def _ties_beyond(visible: list[tuple[str, float, float]], hits: list[tuple[str, float]], wanted: int) -> bool:
    """Whether the last hit the page needs scores the same as the engine's last hit, so that hits
    beyond those asked for may score the same too: newer breaks ties, so they must be seen, or a
    page would order the same tie differently from the next (and show an item twice)."""
    if not hits:
        return False
    needed = sorted(_tied(score) for _key, score, _published in visible)[-wanted]
    return needed <= _tied(hits[-1][1])


def _tied(score: float) -> float:
    """SCORE as hits are compared: equal to four places, two hits tie (and the newer comes first)."""
    return round(score, 4)


PHRASE_CHUNK = 100  # hits whose text is read at once to check a phrase


def _visible(
    ranked: list[tuple[str, float]], published: dict[str, float], phrases: tuple[str, ...], needed: int
) -> tuple[list[tuple[str, float, float]], int]:
    """RANKED's hits that hold every phrase as typed and that the public may see now, each as (key,
    score, publication timestamp), best first; and how many of RANKED were looked at. A phrase is
    checked in the database, PHRASE_CHUNK hits at a time, until NEEDED hold it (reading a text costs
    more than the rest of a query); the rest are left for later. A key is "kind:ident"."""
    keys = [k for k, _s in ranked]
    looked = len(keys)
    if phrases and keys:  # a phrase must occur as typed, not only its words
        holding: list[str] = []
        for start in range(0, len(keys), PHRASE_CHUNK):
            chunk = keys[start : start + PHRASE_CHUNK]
            rows = SearchEntry.objects.filter(key__in=chunk)
            for phrase in phrases:
                # Without letters that have a case (Chinese, digits), a plain substring test:
                # PostgreSQL's case-insensitive one upper-cases every text it reads.
                how = "contains" if phrase.lower() == phrase.upper() else "icontains"
                rows = rows.filter(Q(**{f"title__{how}": phrase}) | Q(**{f"text__{how}": phrase}))
            held = set(rows.values_list("key", flat=True))
            holding += [k for k in chunk if k in held]
            looked = start + len(chunk)
            if len(holding) >= needed:
                break
        keys = holding
    by_kind: dict[str, list[str]] = {}
    for key in keys:
        kind, _sep, ident = key.partition(":")
        by_kind.setdefault(kind, []).append(ident)
    public: set[str] = set()
    for entry_kind, idents in by_kind.items():
        source = registry.source(entry_kind)
        if source is not None:
            public.update(f"{entry_kind}:{i}" for i in source.public(idents))
    scores = dict(ranked)
    return [(k, scores[k], published.get(k, 0.0)) for k in keys if k in public], looked


def _matches(entry: SearchEntry, kind: str, unit: str, year: int | None, category: str) -> bool:
    return (
        (not kind or entry.kind == kind)
        and (not unit or entry.unit == unit)
        and (not year or entry.year == year)
        and (not category or entry.category == category)
    )
