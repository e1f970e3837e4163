"""Hotspots: words whose daily count jumps against their own history, across every registered source
of public texts (concerns, search queries; consultations' comments register the same way).

The method, also explained on the office's page: each text is cut into words by the search engine's
segmenter, a word counted once per text (a search query asked N times counts N). For the day looked
at, each word's count X is compared with its mean M over the 28 days before (the baseline). The
count a word would reach by chance is taken as Poisson with mean λ = max(M, 0.5), so that a word
never seen before needs a few occurrences to count; the burst score is z = (X − M) / √max(V, λ),
where V is the baseline's own variance, which holds a word that always swings widely to its usual
swing. A word is a hotspot when X ≥ 3, z ≥ 4 and the Poisson chance of X or more is below 1 in 1,000.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.search import segment

BASELINE_DAYS = 28
MIN_COUNT = 3
MIN_Z = 4.0
MAX_P = 0.001
LAMBDA_FLOOR = 0.5
ITEMS_SHOWN = 20
STOP_WORDS = frozenset(
    [
        "我们",
        "你们",
        "他们",
        "什么",
        "怎么",
        "如何",
        "为什么",
        "是否",
        "可以",
        "能否",
        "请问",
        "谢谢",
        "你好",
        "您好",
        "问题",
        "情况",
        "有关",
        "关于",
        "相关",
        "这个",
        "那个",
        "没有",
        "已经",
        "现在",
        "目前",
        "一下",
        "希望",
        "需要",
        "进行",
        "以及",
        "或者",
        "还是",
        "我家",
        "自己",
        "一个",
        "时候",
        "因为",
        "所以",
        "政府",
        "县里",
        "部门",
        "领导",
        "反映",
        "咨询",
        "建议",
        "投诉",
        "留言",
        "答复",
        "回复",
        "今天",
        "昨天",
        "今年",
        "早上",
        "上午",
        "下午",
        "晚上",
        "一带",
        "附近",
    ]
)


@dataclass(frozen=True)
class Text:
    day: date
    text: str
    label: str  # what the item is, e.g. 留言 LY2026012345, 搜索
    url: str = ""  # where staff read it, if anywhere
    weight: int = 1  # how many times it was said (a search query asked N times)


Provider = Callable[[date, date], Iterable[Text]]  # the texts of the days START to END, both included


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    texts: Provider


_sources: dict[str, Source] = {}


def register(name: str, label: str, texts: Provider) -> None:
    """Add a source of public texts to the hotspots (call from an app's `ready()`)."""
    _sources[name] = Source(name, label, texts)


def unregister(name: str) -> None:
    _sources.pop(name, None)


def sources() -> list[Source]:
    return list(_sources.values())


@dataclass
class Hotspot:
    term: str
    count: int
    baseline: float
    z: float
    p: float
    series: list[tuple[date, int]]
    items: list[Text] = field(default_factory=list)
    by_source: dict[str, int] = field(default_factory=dict)  # source label -> count
    related: list[str] = field(default_factory=list)  # words of the same texts, shown with this one


def words(text: str) -> set[str]:
    """The words of TEXT that can make a topic: two characters or more, not only digits, not stop words."""
    return {w for w in segment.tokens(text) if len(w) >= 2 and not w.isdigit() and w not in STOP_WORDS}


def poisson_tail(x: int, lam: float) -> float:
    """P(X >= x) for X ~ Poisson(lam)."""
    if x <= 0:
        return 1.0
    term = math.exp(-lam)
    below = term
    for k in range(1, x):
        term *= lam / k
        below += term
    return max(0.0, 1.0 - below)


def detect(day: date, *, only: Iterable[str] | None = None) -> list[Hotspot]:
    """The hotspots of DAY, strongest first, with the items behind each (ONLY: these sources)."""
    start = day - timedelta(days=BASELINE_DAYS)
    chosen = [s for s in _sources.values() if only is None or s.name in set(only)]
    counts: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    today_items: dict[str, list[tuple[str, Text]]] = defaultdict(list)
    for source in chosen:
        for text in source.texts(start, day):
            for word in words(text.text):
                counts[word][text.day] += text.weight
                if text.day == day:
                    today_items[word].append((source.label, text))
    days = [start + timedelta(days=i) for i in range(BASELINE_DAYS)]
    found = []
    for word, per_day in counts.items():
        x = per_day.get(day, 0)
        if x < MIN_COUNT:
            continue
        history = [per_day.get(d, 0) for d in days]
        mean = statistics.fmean(history)
        lam = max(mean, LAMBDA_FLOOR)
        z = (x - mean) / math.sqrt(max(statistics.pvariance(history), lam))
        p = poisson_tail(x, lam)
        if z >= MIN_Z and p < MAX_P:
            by_source: dict[str, int] = defaultdict(int)
            for name, text in today_items[word]:
                by_source[name] += text.weight
            found.append(
                Hotspot(
                    word,
                    x,
                    mean,
                    z,
                    p,
                    [*zip(days, history, strict=True), (day, x)],
                    [t for _n, t in today_items[word]][:ITEMS_SHOWN],
                    dict(by_source),
                )
            )
    return _grouped(sorted(found, key=lambda h: (-h.z, h.term)))


def _grouped(found: list[Hotspot]) -> list[Hotspot]:
    """One row per topic: a word that is part of a longer hotspot with nearly its count (the segmenter
    emits 三公 and 经费 with 三公经费) is dropped, and a weaker word said only in the texts of a stronger
    one (停水 … 恢复, 供水) is listed with it as a related word."""
    found = [
        h for h in found
        if not any(h.term != o.term and h.term in o.term and o.count >= 0.8 * h.count for o in found)
    ]  # fmt: skip
    kept: list[Hotspot] = []
    for hotspot in found:
        labels = {t.label for t in hotspot.items}
        home = next(
            (k for k in kept if labels <= {t.label for t in k.items} and hotspot.count <= k.count), None
        )
        if home is None:
            kept.append(hotspot)
        else:
            home.related.append(hotspot.term)
    return kept


# --- the sources of this app -------------------------------------------------------------------


def concern_texts(start: date, end: date) -> Iterable[Text]:
    from .models import Concern

    tz = timezone.get_current_timezone()
    for concern in (
        Concern.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
        .exclude(status=Concern.Status.INVALID)
        .only("tracking_no", "title", "body", "received_at")
    ):
        yield Text(
            concern.received_at.astimezone(tz).date(),
            f"{concern.title} {concern.body}",
            f"留言 {concern.tracking_no}：{concern.title}",
            reverse("concerns_staff:detail", args=[concern.tracking_no]),
        )


def query_texts(start: date, end: date) -> Iterable[Text]:
    from .models import QueryDay

    for row in QueryDay.objects.filter(day__gte=start, day__lte=end):
        yield Text(row.day, row.query, f"搜索“{row.query}”{row.count}次", "", row.count)
