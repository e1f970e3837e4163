"""The annual report's section 二 行政事业性收费 cell, from the published amounts collected."""

from __future__ import annotations

from gongkai.reports.annual import register_section2

from .queries import fees_collected

register_section2("fees", fees_collected)
