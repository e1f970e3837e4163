"""Run one search: parse the query, ask the engine, put exact number matches first, keep only what
the public may see right now, and cut highlighted snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import connection, connections, router
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.core.uscc import uscc_problem

from . import registry, segment
from .backends import Hits, Plan, backend, phrase_pairs
from .models import SearchEntry, SearchNumber
from .services import ensure_dictionary

_PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”')
_INDEX_NO = re.compile(r"[0-9A-Za-z]{6,20}/\d{4}-\d{3,8}")
# A code of letters and digits in hyphenated parts, with a digit (项目编号 GKCG-2026-001, 事项编码): the
# segmenter drops its digits, so it is looked up whole among the entries' numbers.
_CODE = re.compile(r"(?<![0-9A-Za-z/-])[0-9A-Za-z]+(?:-[0-9A-Za-z]+)+(?![0-9A-Za-z/-])")
# A 统一社会信用代码 (18 letters and digits with a valid check character): one enterprise's decisions and
# records hold it among their numbers, so it finds them exactly.
_USCC = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])")
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
    codes = [c for c in _CODE.findall(q) if any(ch.isdigit() for ch in c)]
    codes += [c.upper() for c in _USCC.findall(q) if uscc_problem(c.upper()) is None]
    numbers = tuple(dict.fromkeys([*segment.document_numbers(q), *_INDEX_NO.findall(q), *codes]))
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
        return mark_safe(escape(text))  # noqa: S308  every piece of text escape()d, only <mark> added
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308  every piece of text escape()d, only <mark> added


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
    exact_ids: list[int] = []  # entries (SearchEntry ids), as the engines return hits
    published: dict[int, float] = {}  # entry → publication timestamp, for ties
    if parsed.numbers:
        normalised = [segment.normalise_number(n) for n in parsed.numbers]
        rows = SearchNumber.objects.filter(number__in=normalised).select_related("entry")
        for row in rows:
            if _matches(row.entry, kind, unit, year, category) and row.entry.id not in exact_ids:
                exact_ids.append(row.entry.id)
                published[row.entry.id] = (
                    row.entry.published_at.timestamp() if row.entry.published_at else 0.0
                )
    # Ask the engine for a little more than the page needs; ask again, for as many more as the share
    # kept so far says are needed, only when too many of those hits are no longer public or (for a
    # phrase) do not hold the phrase as typed: at most ROUNDS times, up to WINDOW hits.
    engine = backend()
    required = segment.essential(tokens)
    grams = phrase_pairs(parsed.phrases, required) if engine.PHRASE_PAIRS else ()
    typed = _typed([*required, *excluded])
    # The query as a title: the item whose title it is comes first among those holding its words.
    title = " ".join(segment.tokens(" ".join((*parsed.words, *parsed.phrases))))
    weights = tuple((s.kind, s.weight) for s in registry.sources() if s.weight != registry.DEFAULT_WEIGHT)
    # All the hits at once from an engine that ranks its newest matches whatever is asked for
    # (PostgreSQL: asking again would rank them all again), or for a phrase with a unit or a year,
    # which leaves a few thousand candidates to rank (decision 0011). They are then looked at as the
    # page needs: a phrase is checked on as few as needed, words a page's worth a round. Otherwise the
    # embedded engine's first page's worth is much cheaper than a thousand.
    at_once = engine.RANKS_ALL or (parsed.phrases and (unit or year))
    limit = wanted + page_size  # words' hits looked at in this round
    asked = 0  # hits asked of the engine
    hits = Hits()
    visible: list[tuple[int, float, float]] = []
    seen: set[int] = set()
    for round_ in range(1, ROUNDS + 1):
        if tokens and limit > asked:
            asked = WINDOW if at_once else limit
            plan = Plan(tuple(required), tuple(excluded), kind, unit, year, category, asked)
            hits = engine.search(replace(plan, grams=grams, typed=typed, weights=weights, title=title))
        considered = hits.ids if parsed.phrases else hits.ids[:limit]
        ranked = [(e, 1e9) for e in exact_ids] + [(e, s) for e, s in considered if e not in exact_ids]
        published.update(hits.published)
        fresh = [(e, s) for e, s in ranked if e not in seen]
        more, looked = _visible(fresh, published, parsed.phrases, wanted - len(visible))
        seen.update(e for e, _s in fresh[:looked])
        visible += more
        all_considered = len(considered) == len(hits.ids) and looked == len(fresh)
        exhausted = (not tokens or len(hits.ids) < asked) and all_considered
        full = len(visible) >= wanted and not _ties_beyond(visible, considered, wanted)
        if full or exhausted or (asked >= WINDOW and all_considered) or round_ == ROUNDS:
            break
        kept = max(len(visible), 1) / len(seen)  # of the hits seen so far; at least one is assumed
        limit = min(WINDOW, max(limit * 2, round(len(seen) + (wanted - len(visible)) / kept * 1.5)))
    visible.sort(key=lambda hit: (-_tied(hit[1]), -hit[2]))  # newer breaks ties
    if exhausted:
        total = len(visible)
    elif parsed.phrases:  # the share of checked hits that hold the phrase, applied to all of them
        total = max(len(visible), round((hits.total + len(exact_ids)) * len(visible) / max(1, len(seen))))
    else:
        total = max(len(visible), hits.total + len(exact_ids) - (len(seen) - len(visible)))
    shown = [hit[0] for hit in visible[start : start + page_size]]
    entries = {e.id: e for e in SearchEntry.objects.filter(id__in=shown).defer("title_tokens", "body_tokens")}
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
            exact=k in exact_ids,
        )
        for k in shown
        if k in entries
    ]
    return Page(results, total, has_next=len(visible) > start + page_size, parsed=parsed, exact=exhausted)


def _typed(tokens: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Those of TOKENS that are name words of a kind (行政处罚, 许可 …; `Source.name_words`), each with
    those kinds, whose every item holds the word by type (decision 0015)."""
    names = {s.kind: s.name_words for s in registry.sources() if s.name_words}
    found = [(token, tuple(k for k, words in names.items() if token in words)) for token in tokens]
    return tuple((token, kinds) for token, kinds in found if kinds)


def _by_label(phrase: str) -> list[str]:
    """The kinds found by a name that holds PHRASE as typed: their items hold it by type."""
    phrase = phrase.lower()
    return [s.kind for s in registry.sources() if any(phrase in word.lower() for word in s.name_words)]


def _ties_beyond(visible: list[tuple[int, float, float]], hits: list[tuple[int, float]], wanted: int) -> bool:
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
    ranked: list[tuple[int, float]], published: dict[int, float], phrases: tuple[str, ...], needed: int
) -> tuple[list[tuple[int, float, float]], int]:
    """RANKED's hits (entry ids) that hold every phrase as typed and that the public may see now,
    each as (entry, score, publication timestamp), best first; and how many of RANKED were looked at.
    A phrase is checked in the database, PHRASE_CHUNK hits at a time, until NEEDED hold it (reading a
    text costs more than the rest of a query); the rest are left for later."""
    ids = [e for e, _s in ranked]
    looked = len(ids)
    if phrases and ids:  # a phrase must occur as typed, not only its words
        keys: dict[int, str] = {}
        for start in range(0, len(ids), PHRASE_CHUNK):
            chunk = ids[start : start + PHRASE_CHUNK]
            keys.update(_holding(chunk, phrases))
            looked = start + len(chunk)
            if len(keys) >= needed:
                break
    else:
        keys = _rows(ids)
    by_kind: dict[str, list[str]] = {}
    for key in keys.values():  # a key is "kind:ident"
        kind, _sep, ident = key.partition(":")
        by_kind.setdefault(kind, []).append(ident)
    public: set[str] = set()
    for entry_kind, idents in by_kind.items():
        source = registry.source(entry_kind)
        if source is not None:
            public.update(f"{entry_kind}:{i}" for i in source.public(idents))
    return [(e, s, published.get(e, 0.0)) for e, s in ranked[:looked] if keys.get(e) in public], looked


def _rows(ids: list[int], condition: str = "", params: tuple[str, ...] = ()) -> dict[int, str]:
    """The keys of those entries of IDS that still exist and meet CONDITION (SQL), by id. In SQL
    written here, as it is asked for up to a thousand rows a query: through the ORM, building and
    reading the query cost nearly as much as a phrase test (decision 0011)."""
    if not ids:
        return {}
    sql = f"SELECT id, key FROM {SearchEntry._meta.db_table} WHERE id IN ({', '.join(['%s'] * len(ids))})"  # noqa: S608  SQL from code, values as parameters
    with connections[router.db_for_read(SearchEntry)].cursor() as cursor:
        cursor.execute(sql + condition, [*ids, *params])
        return dict(cursor.fetchall())


def _holding(ids: list[int], phrases: tuple[str, ...]) -> dict[int, str]:
    """The keys of those of IDS whose title or text (or kind's name, `_by_label`) holds every one of
    PHRASES, by id."""
    if all(p.lower() == p.upper() for p in phrases):
        # Without letters that have a case (Chinese, digits): a plain substring test (PostgreSQL's
        # case-insensitive one would upper-case every text it reads).
        find = "instr({0}, %s) > 0" if connection.vendor == "sqlite" else "strpos({0}, %s) > 0"
        condition, params = "", []
        for phrase in phrases:
            kinds = _by_label(phrase)
            either = [find.format("title"), find.format("text")]
            either += [f"kind IN ({', '.join(['%s'] * len(kinds))})"] if kinds else []
            condition += f" AND ({' OR '.join(either)})"
            params += [phrase, phrase, *kinds]
        return _rows(ids, condition, tuple(params))
    rows = SearchEntry.objects.filter(id__in=ids)
    for phrase in phrases:
        rows = rows.filter(
            Q(title__icontains=phrase) | Q(text__icontains=phrase) | Q(kind__in=_by_label(phrase))
        )
    return dict(rows.values_list("id", "key"))


def _matches(entry: SearchEntry, kind: str, unit: str, year: int | None, category: str) -> bool:
    return (
        (not kind or entry.kind == kind)
        and (not unit or entry.unit == unit)
        and (not year or entry.year == year)
        and (not category or entry.category == category)
    )
