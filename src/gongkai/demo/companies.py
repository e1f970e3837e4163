"""The demo county's companies: the same name always has the same 统一社会信用代码, and each company works
in its trade, so one company's licences, inspections, penalties, tenders and credit records meet on its
enterprise profile as one life (a builder gets construction permits, builds roads and is fined for site
safety; a restaurant gets a food licence and is fined for expired food)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from gongkai.core.uscc import make_uscc


@dataclass(frozen=True)
class Company:
    name: str
    uscc: str
    trade: str  # one of TRADES' keys


# trade → what it is, for people reading the demo
TRADES = {
    "retail": "商贸零售", "coal": "煤炭开采", "construction": "建筑施工", "farming": "种植养殖",
    "catering": "餐饮", "food": "食品生产经营", "pharmacy": "药品零售和医疗器械", "transport": "道路运输",
    "it": "信息技术", "forestry": "苗木和林业", "services": "养老服务", "sports": "体育健身", "consulting": "会计和咨询",
    "medical": "医疗机构",
}  # fmt: skip

# The first eight kept their codes from earlier demos (MA0K0001 …); every code is built the same way.
_NAMES = [
    ("岢岚县鑫源商贸有限公司", "retail"), ("岢岚县宏达煤业有限公司", "coal"),
    ("岢岚县华盛建筑有限公司", "construction"), ("岢岚县绿源农牧有限公司", "farming"),
    ("岢岚县兴旺餐饮有限公司", "catering"), ("岢岚县晋岚食品有限公司", "food"),
    ("岢岚县岚州药房有限公司", "pharmacy"), ("岢岚县通达运输有限公司", "transport"),
    ("岢岚县金鼎路桥工程有限公司", "construction"), ("山西岚漪建设集团有限公司", "construction"),
    ("岢岚县恒通信息技术有限公司", "it"), ("忻州博远科技有限公司", "it"),
    ("岢岚县康宁医疗器械有限公司", "pharmacy"), ("岢岚县荷叶坪苗木有限公司", "forestry"),
    ("岢岚县绿林生态造林有限公司", "forestry"), ("岢岚县安顺物流有限公司", "transport"),
    ("岢岚县福源养老服务有限公司", "services"), ("岢岚县正信会计师事务所有限公司", "consulting"),
    ("岢岚县宋家沟农家乐餐饮有限公司", "catering"), ("岢岚县岚山羊肉食品有限公司", "food"),
    ("岢岚县利民超市有限公司", "retail"), ("岢岚县红豆杉农业科技有限公司", "farming"),
    ("岢岚县晋北汽车运输有限公司", "transport"), ("岢岚县安泰消防器材有限公司", "retail"),
    ("岢岚县仁和医院有限公司", "medical"), ("岢岚县岚漪体育文化有限公司", "sports"),
    ("山西晋规规划设计有限公司", "consulting"),
]  # fmt: skip
COMPANY_LIST = [
    Company(name, make_uscc(registry="9", kind="1", region="140929", body8=f"MA0K{n:04d}"), trade)
    for n, (name, trade) in enumerate(_NAMES, start=1)
]
COMPANIES = [(c.name, c.uscc) for c in COMPANY_LIST]


def company(rng: random.Random, *trades: str) -> tuple[str, str]:
    """Return (name, credit code) of one of the county's companies in one of TRADES (any trade if none)."""
    pool = [c for c in COMPANY_LIST if not trades or c.trade in trades] or COMPANY_LIST
    chosen = rng.choice(pool)
    return chosen.name, chosen.uscc


def in_trades(*trades: str) -> list[tuple[str, str]]:
    """(name, credit code) of every company in one of TRADES."""
    return [(c.name, c.uscc) for c in COMPANY_LIST if c.trade in trades]
