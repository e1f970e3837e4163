"""The demo's history in the order it happened: publications of every kind are collected while the
demo is built and carried out by time, so that the publication log (a hash chain, in the order
entries were written) reads in time order across documents and records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime


class Timeline:
    def __init__(self) -> None:
        self._steps: list[tuple[datetime, int, Callable[[], object]]] = []

    def add(self, at: datetime, step: Callable[[], object]) -> None:
        """Do STEP (which acts as of AT) in time order when the timeline runs; equal times keep the
        order they were added in."""
        self._steps.append((at, len(self._steps), step))

    def run(self) -> int:
        """Carry out every step by time; return how many there were."""
        steps = sorted(self._steps, key=lambda s: (s[0], s[1]))
        self._steps = []
        for _at, _order, step in steps:
            step()
        return len(steps)
