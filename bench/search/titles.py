"""Search quality for a regulation asked by its title: MRR@10 over real national regulations, in a
corpus that also holds their near misses (a notice about studying one, its 实施细则, its 解读, the law
beside its own 实施条例) and generated county documents that mention them.

Run: .venv/bin/python bench/search/titles.py [FILLER]      (SQLite + the embedded engine)
     GONGKAI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<empty db> GONGKAI_SEARCH_BACKEND=postgres \\
     .venv/bin/python bench/search/titles.py [FILLER]      (PostgreSQL: its engine, then the embedded one
                                                           on the same entries)
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-titles-bench-"))

import django

django.setup()

import corpus  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from run import BenchSource  # noqa: E402

from gongkai.search import backends, registry, services  # noqa: E402
from gongkai.search.query import search  # noqa: E402
from gongkai.search.registry import Item  # noqa: E402

# National laws and administrative regulations a county's 政策文件 column links or reprints, by
# their official titles; several are a law and its own 实施条例, each the other's near miss.
REGULATIONS = [
    "中华人民共和国政府信息公开条例", "中华人民共和国行政处罚法", "中华人民共和国行政许可法",
    "中华人民共和国行政强制法", "中华人民共和国行政复议法", "中华人民共和国行政诉讼法",
    "中华人民共和国国家赔偿法", "中华人民共和国预算法", "中华人民共和国预算法实施条例",
    "中华人民共和国政府采购法", "中华人民共和国政府采购法实施条例", "中华人民共和国招标投标法",
    "中华人民共和国招标投标法实施条例", "中华人民共和国土地管理法", "中华人民共和国土地管理法实施条例",
    "国有土地上房屋征收与补偿条例", "优化营商环境条例", "政府投资条例", "重大行政决策程序暂行条例",
    "保障农民工工资支付条例", "保障中小企业款项支付条例", "信访工作条例", "行政事业性国有资产管理条例",
    "社会救助暂行办法", "中华人民共和国安全生产法", "生产安全事故应急条例", "中华人民共和国食品安全法",
    "中华人民共和国食品安全法实施条例", "中华人民共和国乡村振兴促进法", "中华人民共和国森林法",
    "中华人民共和国环境保护法", "中华人民共和国档案法", "中华人民共和国保守国家秘密法", "规章制定程序条例",
    "法规规章备案条例", "党政机关厉行节约反对浪费条例", "中华人民共和国个人信息保护法",
    "中华人民共和国数据安全法", "企业信息公示暂行条例", "中华人民共和国消防法",
]  # fmt: skip

# What a county publishes about a regulation: each title holds the regulation's whole title.
NEAR_MISSES = [
    "关于学习宣传贯彻《{}》的通知", "《{}》解读", "{}实施细则", "岢岚县贯彻落实《{}》工作方案",
    "{}（修订草案征求意见稿）", "关于开展《{}》执法检查的通知",
]  # fmt: skip


def items(filler: int, seed: int = 5) -> list[Item]:
    """Each regulation, three of its near misses, and FILLER generated documents (every tenth mentions a
    regulation), all published at random moments of 2020–2026."""
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    when = lambda: start + timedelta(minutes=rng.randrange(7 * 365 * 24 * 60))  # noqa: E731
    prose = lambda n: "".join(corpus.zipf_words(rng, n)) + "。"  # noqa: E731
    rows: list[tuple[str, str]] = []
    for title in REGULATIONS:
        rows.append((title, f"第一条 为了{prose(12)}根据宪法，制定本{title[-1]}。{prose(300)}"))
        for template in rng.sample(NEAR_MISSES, 3):
            mentions = "".join(f"{prose(40)}《{title}》" for _ in range(rng.randint(1, 4)))
            rows.append((template.format(title), f"{mentions}{prose(200)}"))
    for row in corpus.documents(filler, seed=seed):
        text = str(row["text"])
        if rng.random() < 0.1:
            text += f"依据《{rng.choice(REGULATIONS)}》。"
        rows.append((str(row["title"]), text))
    return [
        Item(
            kind=BenchSource.kind, ident=f"T{n:06d}", title=title, text=text, url=f"/bench/T{n:06d}/",
            unit="U00", category="bench", published_at=when(), numbers=[],
        )  # type: ignore[arg-type]
        for n, (title, text) in enumerate(rows)
    ]  # fmt: skip


PREFIX = "中华人民共和国"


def mrr(short: bool = False, depth: int = 10) -> tuple[float, list[tuple[str, int]]]:
    """The mean reciprocal rank of each regulation asked by its title (SHORT: of each law asked by its
    name without 中华人民共和国, as people call it), and the queries whose regulation was not first."""
    asked = [(t.removeprefix(PREFIX), t) for t in REGULATIONS if t.startswith(PREFIX) or not short]
    total, missed = 0.0, []
    for query, title in asked:
        found = [r.title for r in search(query if short else title, page_size=depth, snippets=False).results]
        rank = found.index(title) + 1 if title in found else 0
        total += 1 / rank if rank else 0.0
        if rank != 1:
            missed.append((query if short else title, rank))
    return total / len(asked), missed


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    filler = int(args[0]) if args else 2000
    call_command("migrate", verbosity=0)
    registry.register(BenchSource())
    services.ensure_dictionary(force=True)
    built = items(filler)
    services.rebuild_from(built)
    print(f"{len(built):,} items: {len(REGULATIONS)} regulations, their near misses, {filler:,} documents")
    engines = ["postgres", "embedded"] if connection.vendor == "postgresql" else ["embedded"]
    for name in engines:
        settings.SEARCH_BACKEND = name
        backends._backend = None
        for short in (False, True):
            score, missed = mrr(short)
            asked = "short names of the laws" if short else "full titles"
            print(f"database: {connection.vendor}, engine: {name}, {asked}: MRR@10 {score:.3f}")
            for query, rank in missed:
                print(f"    {query}: {'rank ' + str(rank) if rank else 'not in the first 10'}")


if __name__ == "__main__":
    main()
