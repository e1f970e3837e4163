"""The one-line-per-entry text of a process's items and a notice's suppliers and bidders.

Staff type them in one box and imports carry them in one cell, so both use the same format:
fields separated by "|" (or "｜"), one entry per line.

    items:     description | quantity | unit of measure | classification code (optional)
    parties:   name | 统一社会信用代码 | amount in yuan (optional)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.core.uscc import uscc_problem

SEPARATOR = re.compile(r"\s*[|｜]\s*")


@dataclass(frozen=True)
class Item:
    description: str
    quantity: Decimal
    unit: str
    classification: str


@dataclass(frozen=True)
class Party:
    name: str
    uscc: str
    amount: Decimal | None


def _rows(text: str) -> list[tuple[int, list[str]]]:
    return [
        (number, SEPARATOR.split(line.strip()))
        for number, line in enumerate((text or "").splitlines(), start=1)
        if line.strip()
    ]


def _refuse(number: int, problem: str, code: str) -> ValidationError:
    return ValidationError(_("第%(n)d行：%(problem)s"), code=code, params={"n": number, "problem": problem})


def _amount(number: int, raw: str, what: str) -> Decimal:
    try:
        value = Decimal(raw.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise _refuse(
            number, _("%(what)s“%(raw)s”不是数字。") % {"what": what, "raw": raw}, "not_a_number"
        ) from None
    if not value.is_finite() or value < 0:
        raise _refuse(number, _("%(what)s不能为负数。") % {"what": what}, "negative")
    return value


def parse_items(text: str) -> list[Item]:
    """Return the items of TEXT; ValidationError names the line at fault."""
    items = []
    for number, cells in _rows(text):
        if len(cells) not in (3, 4) or not cells[0]:
            raise _refuse(number, _("应为“名称|数量|计量单位|品目编码（可省略）”。"), "item_format")
        quantity = _amount(number, cells[1], _("数量"))
        if quantity == 0:
            raise _refuse(number, _("数量须大于零。"), "zero_quantity")
        items.append(Item(cells[0], quantity, cells[2], cells[3] if len(cells) == 4 else ""))
    return items


def parse_parties(text: str) -> list[Party]:
    """Return the suppliers or bidders of TEXT; ValidationError names the line at fault."""
    parties: list[Party] = []
    for number, cells in _rows(text):
        if len(cells) not in (2, 3) or not cells[0]:
            raise _refuse(number, _("应为“单位名称|统一社会信用代码|金额（元，可省略）”。"), "party_format")
        uscc = cells[1].upper()
        if uscc_problem(uscc):
            raise _refuse(
                number, _("“%(code)s”不是有效的统一社会信用代码。") % {"code": cells[1]}, "party_uscc"
            )
        if any(p.uscc == uscc for p in parties):
            raise _refuse(number, _("统一社会信用代码 %(code)s 重复。") % {"code": uscc}, "party_duplicate")
        amount = _amount(number, cells[2], _("金额")) if len(cells) == 3 and cells[2] else None
        parties.append(Party(cells[0], uscc, amount))
    return parties


def validate_items(text: str) -> None:
    parse_items(text)


def validate_parties(text: str) -> None:
    parse_parties(text)


def show_amount(amount: Decimal | None) -> str:
    """An amount in yuan as the public reads it: 1,234,500.00 元."""
    return "" if amount is None else f"{amount:,.2f} 元"


def show_parties(text: str) -> str:
    """The parties of TEXT as public lines: name（code）：amount."""
    return "\n".join(
        f"{p.name}（{p.uscc}）" + (f"：{show_amount(p.amount)}" if p.amount is not None else "")
        for p in parse_parties(text)
    )
