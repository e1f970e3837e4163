"""Search subscribes to the workflow: every public change of a published item reaches its entry."""

from __future__ import annotations

from gongkai.core import workflow

from . import registry, services

ORDER = 30  # after the audit entry and the publication log


def index_change(change: workflow.Change) -> None:
    if change.action in workflow.PUBLIC_ACTIONS:
        services.touch(change.kind.slug, change.item.index_no)


def index_batch(batch: workflow.Batch) -> None:
    source = registry.source(batch.kind.slug)
    if source is not None:
        services.add_new([source.item_of(item) for item in batch.items])


def ended_keys() -> list[tuple[str, str]]:
    """(kind, ident) of items whose display period has ended but which the index still holds."""
    from .models import SearchEntry

    found = []
    for source in registry.sources():
        indexed = SearchEntry.objects.filter(kind=source.kind).values_list("ident", flat=True)
        found.extend((source.kind, ident) for ident in sorted(source.ended(indexed)))
    return found


def connect() -> None:
    workflow.subscribe(index_change, many=index_batch, order=ORDER, name="search")
