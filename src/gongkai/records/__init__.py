"""Structured published records: `records.register(Model, RecordType(...))` (see registry.py)."""

from typing import Any


def __getattr__(name: str) -> Any:  # lazy, so the app can be imported before the registry is ready
    if name in ("RecordType", "register", "Enterprises"):
        from . import registry

        return getattr(registry, name)
    raise AttributeError(name)
