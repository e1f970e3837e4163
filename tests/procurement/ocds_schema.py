"""Validate OCDS output against the official 1.1.5 schemas in /work/shared/ocds, offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path("/work/shared/ocds/1.1.5")
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def _load(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


RELEASE = _load("release-schema.json")
REGISTRY = Registry().with_resource(
    RELEASE_URL, Resource.from_contents(RELEASE, default_specification=DRAFT4)
)


def errors(data: dict[str, Any], schema: str) -> list[str]:
    """Return where DATA breaks SCHEMA (a file name in the 1.1.5 directory), empty when it is valid."""
    validator = Draft4Validator(_load(schema), registry=REGISTRY)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
