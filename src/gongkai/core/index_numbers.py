"""索引号: unique across every published kind, never reused, in the county's configured scheme."""

from __future__ import annotations

from django.conf import settings

from . import workflow
from .models import IndexSequence, Unit


def _format() -> str:
    return str(settings.INDEX_NUMBER_FORMAT)


def _taken(candidates: list[str]) -> set[str]:
    taken: set[str] = set()
    for kind in workflow.kinds():
        taken.update(kind.model.objects.filter(index_no__in=candidates).values_list("index_no", flat=True))
    return taken


def next_numbers(*, unit: Unit, year: int, count: int) -> list[str]:
    """Return the next COUNT 索引号 of UNIT for YEAR (call inside the transaction that uses them)."""
    prefix = unit.effective_index_prefix
    IndexSequence.objects.get_or_create(prefix=prefix, year=year)
    sequence = IndexSequence.objects.select_for_update().get(prefix=prefix, year=year)
    numbers: list[str] = []
    while len(numbers) < count:
        wanted = count - len(numbers)
        serials = range(sequence.last + 1, sequence.last + 1 + wanted)
        candidates = [_format().format(prefix=prefix, year=year, serial=n) for n in serials]
        taken = _taken(candidates)  # numbers brought in by an import are skipped
        numbers.extend(c for c in candidates if c not in taken)
        sequence.last += wanted
    sequence.save(update_fields=["last"])
    return numbers


def next_number(*, unit: Unit, year: int) -> str:
    """Return the next 索引号 of UNIT for YEAR."""
    return next_numbers(unit=unit, year=year, count=1)[0]
