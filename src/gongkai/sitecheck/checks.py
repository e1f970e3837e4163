"""System checks: a mistyped census setting is reported at start, not at the first run."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from .indicators import axe_impacts, parse_points


@register()
def check_points(app_configs: Any, **kwargs: Any) -> list[Error]:
    errors = []
    try:
        parse_points(settings.SITECHECK_POINTS)
    except ValueError as exc:
        errors.append(Error(f"GONGKAI_SITECHECK_POINTS: {exc}", id="sitecheck.E001"))
    try:
        axe_impacts(settings.SITECHECK_AXE_IMPACTS)
    except ValueError as exc:
        errors.append(Error(f"GONGKAI_SITECHECK_AXE_IMPACTS: {exc}", id="sitecheck.E002"))
    return errors
