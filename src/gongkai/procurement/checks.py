"""The ocid prefix is the county's own, registered with the Open Contracting Partnership."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core import checks

PLACEHOLDER = "ocds-xxxxxx"


@checks.register(checks.Tags.compatibility)
def ocid_prefix_format(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    prefix = settings.GONGKAI_OCDS_PREFIX
    if re.fullmatch(r"ocds-[a-z0-9]{6}", prefix):
        return []
    return [
        checks.Error(
            f"GONGKAI_OCDS_PREFIX {prefix!r} is not an ocid prefix (ocds- and six lower-case letters or digits)",
            id="procurement.E001",
        )
    ]


@checks.register(checks.Tags.compatibility, deploy=True)
def ocid_prefix_registered(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """`gongkai check --deploy`: warn while the placeholder would go out in published ocids."""
    if settings.GONGKAI_OCDS_PREFIX != PLACEHOLDER or settings.DEMO:
        return []
    return [
        checks.Warning(
            "GONGKAI_OCDS_PREFIX is the placeholder ocds-xxxxxx: register the county's prefix with the "
            "Open Contracting Partnership before publishing procurement data",
            id="procurement.W001",
        )
    ]
