"""信息处理费 per 国办函〔2020〕109号 (LAW.md §3): by count per applicant per month, or by pages."""

from __future__ import annotations

from decimal import Decimal


def fee_by_count(ordinal: int) -> Decimal:
    """Return the fee for an applicant's ORDINAL-th application in one calendar month.

    1-10 free; 11-30 ¥100 each; then each further band of 10 costs ¥100 more (31-40 ¥200, 41-50 ¥300...).
    """
    if ordinal < 1:
        raise ValueError("ordinal starts at 1")
    if ordinal <= 10:
        return Decimal(0)
    if ordinal <= 30:
        return Decimal(100)
    return Decimal(100 * (2 + (ordinal - 31) // 10))


def fee_by_pages(pages: int) -> Decimal:
    """Return the marginal fee for PAGES pages: 1-30 free, 31-100 ¥10, 101-200 ¥20, 201+ ¥40 per page."""
    if pages < 0:
        raise ValueError("pages cannot be negative")
    bands = ((30, 0), (100, 10), (200, 20), (None, 40))
    total, lower = 0, 0
    for upper, price in bands:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += (top - lower) * price
        if upper is None or pages <= upper:
            break
        lower = upper
    return Decimal(total)


def explain_pages(pages: int) -> str:
    parts = []
    for lower, upper, price in ((0, 30, 0), (30, 100, 10), (100, 200, 20), (200, None, 40)):
        count = max(0, (pages if upper is None else min(pages, upper)) - lower)
        if count:
            parts.append(f"{count}页×{price}元" if price else f"{count}页免费")
    return "，".join(parts) + f"，合计 {fee_by_pages(pages)} 元"
