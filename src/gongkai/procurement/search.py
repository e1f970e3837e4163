"""Procurement processes in the site search: a process is found by its title, 项目编号, buyer, agency,
items and winning suppliers, and leads to its page.

A process is not a published kind itself; it is public while one of its notices is. So it is its own
search source, and every public change of one of its notices (published, amended, withdrawn, imported)
brings its entry up to date: the last public notice withdrawn takes it out of the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.publishable import indexable_q, visible_q
from gongkai.search import services
from gongkai.search.registry import Item, register

from .models import Notice, Process

KIND = "procurement-processes"
ORDER = 31  # after search's own subscriber (30)


class ProcessSource:
    kind = KIND
    label = "政府采购项目"
    weight = 1.0  # as much as a document: the process is the page that follows a purchase through
    name_words = frozenset({"政府", "采购", "政府采购"})  # as its notices' (decision 0015)

    def _rows(self) -> QuerySet[Process]:
        indexable = Notice.objects.filter(indexable_q(), process=OuterRef("pk"))
        notices = Notice.objects.filter(indexable_q()).order_by("publish_at", "id")
        return (
            Process.objects.filter(Exists(indexable))
            .select_related("unit")
            .prefetch_related(Prefetch("notices", queryset=notices, to_attr="indexable_notices"))
        )

    def item_of(self, process: Process) -> Item:
        """The process's public values; suppliers and notice titles only of notices already public (a
        notice published for later joins its process's entry when the process is next indexed). The
        title carries the 项目编号, so that a search for it puts the process above its notices."""
        now = timezone.now()
        notices = getattr(process, "indexable_notices", None)
        if notices is None:
            notices = list(process.notices.filter(indexable_q()).order_by("publish_at", "id"))
        public = [n for n in notices if n.publish_at and n.publish_at <= now]
        buyer, agency = process.buyer(), process.agency()
        parts = [
            " ".join([process.get_method_display(), process.get_category_display(), buyer.name]),
            process.code,
            agency.name if agency else "",
            " ".join(item.description for item in process.item_list()),
            *(n.title for n in public),
            *(party.name for n in public for party in n.supplier_list()),
        ]
        moments = [n.publish_at for n in public] or [n.publish_at for n in notices if n.publish_at]
        return Item(
            kind=KIND, ident=process.code, title=f"{process.title}（{process.code}）", text="\n".join(p for p in parts if p),
            url=process.get_absolute_url(), unit=process.unit.code, category=KIND,
            published_at=max(moments) if moments else None,
            numbers=[process.code, *(n.contract_no for n in public if n.contract_no)],
        )  # fmt: skip

    def item(self, ident: str) -> Item | None:
        process = self._rows().filter(code=ident).first()
        return self.item_of(process) if process is not None else None

    def items(self) -> Iterator[Item]:
        for process in self._rows().iterator(chunk_size=200):
            yield self.item_of(process)

    def public(self, idents: Iterable[str]) -> set[str]:
        visible = Notice.objects.filter(visible_q(), process=OuterRef("pk"))
        rows = Process.objects.filter(Exists(visible), code__in=list(idents))
        return set(rows.values_list("code", flat=True))

    def ended(self, idents: Iterable[str]) -> set[str]:
        wanted = set(idents)
        return wanted - set(self._rows().filter(code__in=list(wanted)).values_list("code", flat=True))


SOURCE = ProcessSource()


def _is_notice(kind: workflow.Kind) -> bool:  # type: ignore[type-arg]
    return kind.model is Notice


def _changed(change: workflow.Change) -> None:
    if _is_notice(change.kind) and change.action in workflow.PUBLIC_ACTIONS:
        services.touch(KIND, Process.objects.only("code").get(pk=change.item.process_id).code)  # type: ignore[attr-defined]


def _batch(batch: workflow.Batch) -> None:
    if _is_notice(batch.kind):
        ids = {item.process_id for item in batch.items}
        for code in Process.objects.filter(pk__in=ids).values_list("code", flat=True):
            services.touch(KIND, code)


register(SOURCE)
workflow.subscribe(_changed, many=_batch, order=ORDER, name="procurement-search")
