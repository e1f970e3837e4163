"""The list of a lottery as staff type it: one entrant a line, `lottery number | name | group`.

The public list (and the draw's inputs) hold the name masked by the personal-data guard's rule;
the full names stay on the staff pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from gongkai.core import privacy

SEPARATOR = re.compile(r"\s*[|｜]\s*")
NUMBER = re.compile(r"^[0-9A-Za-z-]{1,20}$")


@dataclass(frozen=True)
class Entrant:
    number: str
    name: str
    group: str

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


def mask_name(name: str) -> str:
    """A person's name as the published list shows it (张*明); an organisation's name of 6 or more
    characters in full. Fixed, not `privacy.shown_person_name`'s setting: the masked list is hashed
    into the draw, so it must not change with configuration after the announcement."""
    if len(name) >= 6 or len(name) < 2:
        return name
    return privacy.mask(privacy.Kind.NAME, name)


def parse_groups(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_entries(text: str) -> list[Entrant]:
    entrants = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = SEPARATOR.split(line.strip())
        parts += [""] * (3 - len(parts))
        entrants.append(Entrant(parts[0], parts[1], parts[2]))
    return entrants


def validate_groups(text: str) -> None:
    groups = parse_groups(text)
    if len(set(groups)) != len(groups):
        raise ValidationError("优先组别有重复。", code="duplicate_group")


def entries_problem(text: str, groups: list[str]) -> str | None:
    """Why TEXT is not a list that can be drawn with GROUPS, in Chinese; None when it is."""
    seen: set[str] = set()
    for row, line in enumerate((line for line in text.splitlines() if line.strip()), start=1):
        parts = SEPARATOR.split(line.strip())
        if len(parts) > 3 or len(parts) < 2 or not parts[1]:
            return f"参加摇号名单第 {row} 行应为“摇号编号|姓名|组别”。"
        number, group = parts[0], parts[2] if len(parts) == 3 else ""
        if not NUMBER.match(number):
            return f"参加摇号名单第 {row} 行：摇号编号只能是字母、数字和连字符（不超过 20 个）。"
        if number in seen:
            return f"参加摇号名单第 {row} 行：摇号编号 {number} 重复。"
        seen.add(number)
        if groups and group not in groups:
            return f"参加摇号名单第 {row} 行：组别“{group}”不在优先组别中。"
        if not groups and group:
            return f"参加摇号名单第 {row} 行：未设优先组别，不应填写组别。"
    if not seen:
        return "参加摇号名单不能为空。"
    return None


def public_lines(text: str) -> str:
    """The list as published: names masked."""
    return "\n".join(
        "|".join(p for p in (e.number, e.masked_name, e.group) if p) for e in parse_entries(text)
    )
