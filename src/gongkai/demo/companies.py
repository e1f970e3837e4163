"""The demo county's companies: the same name always has the same 统一社会信用代码, so one company's
licences, penalties and tenders meet on its enterprise profile."""

from __future__ import annotations

import random

from gongkai.core.uscc import make_uscc

TRADES = ["鑫源商贸", "宏达煤业", "华盛建筑", "绿源农牧", "兴旺餐饮", "晋岚食品", "岚州药房", "通达运输"]
COMPANIES = [
    (f"岢岚县{trade}有限公司", make_uscc(registry="9", kind="1", region="140929", body8=f"MA0K{n:04d}"))
    for n, trade in enumerate(TRADES, start=1)
]


def company(rng: random.Random) -> tuple[str, str]:
    """Return (name, credit code) of one of the county's companies."""
    return rng.choice(COMPANIES)
