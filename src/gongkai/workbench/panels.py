"""What the staff dashboard shows: each app registers panels of things due or waiting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.core.models import User


@dataclass(frozen=True)
class PanelItem:
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    url: str
    items: list[PanelItem] = field(default_factory=list)
    warning: bool = False


PanelSource = Callable[[User], list[Panel]]
_sources: list[PanelSource] = []


def register(source: PanelSource) -> None:
    """Add a function that returns USER's dashboard panels (empty when nothing is due)."""
    _sources.append(source)


def panels(user: User) -> list[Panel]:
    return [panel for source in _sources for panel in source(user)]
