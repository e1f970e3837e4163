"""Tracking numbers of cases (申请, 留言): PREFIX + year + six shuffled digits, numbered in the year the
case arrived (`crypto.shuffled_serial`), from a per-year sequence row locked for the transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import crypto


def next_number(
    sequence_model: Any,
    *,
    year: int,
    prefix: str,
    tag: str,
    taken: Callable[[str], bool],
    exhausted: Exception,
) -> str:
    """The year's next number; a number already TAKEN (possible only after the key changed) is skipped.
    SEQUENCE_MODEL has `year` (primary key) and `last`; raise EXHAUSTED past 999,999 numbers."""
    sequence_model.objects.get_or_create(year=year)
    sequence = sequence_model.objects.select_for_update().get(year=year)
    while True:
        sequence.last += 1
        if sequence.last > 999_999:
            raise exhausted
        number = f"{prefix}{year}{crypto.shuffled_serial(tag, year, sequence.last):06d}"
        if not taken(number):
            break
    sequence.save(update_fields=["last"])
    return number


def look_up(
    client: str,
    tracking_no: str,
    code: str,
    *,
    find: Callable[[str], Any],
    verify: Callable[[Any, str], bool],
    wrong: str,
) -> tuple[Any, str, int]:
    """(the case, "", 200) when TRACKING_NO and its query CODE match; else (None, the message, the status).
    Failed look-ups are counted per CLIENT and per number: 429 after a handful (`ratelimit.lookup_*`);
    WRONG says in Chinese that the number or code is wrong, without saying which."""
    from . import ratelimit

    tracking_no = tracking_no.strip().upper()
    if ratelimit.lookup_blocked(client, tracking_no):
        return None, ratelimit.LOOKUP_BLOCKED_MESSAGE, 429
    case = find(tracking_no)
    if case is None or not verify(case, code):
        ratelimit.lookup_failed(client, tracking_no)
        return None, wrong, 404
    return case, "", 200
