"""Procurement as Open Contracting Data Standard 1.1: one release per public notice, one record per process.

Every release of a process shares the process's ocid (the county's registered prefix and the 项目编号);
a release's id is the ocid, the notice's id and its version. Only public notices make releases, so a
withdrawn notice leaves the releases and the compiled record at once. Parties are identified by their
统一社会信用代码 under the org-id.guide scheme CN-USCI (decision 0016).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone

from .lines import Party
from .models import DocumentType, Method, Notice, NoticeKind, Process

K = NoticeKind
VERSION = "1.1"
SCHEME = "CN-USCI"  # org-id.guide's code for the 统一社会信用代码
ITEM_SCHEME = "CN-GPCC"  # 政府采购品目分类目录 (no org-wide code exists; declared in decision 0016)
SCHEMA = Path(__file__).parent / "schema" / "release-schema-1.1.5.json"

TAGS = {
    K.INTENTION: "planning",
    K.TENDER: "tender",
    K.CORRECTION: "tenderAmendment",
    K.AWARD: "award",
    K.CONTRACT: "contract",
    K.TERMINATION: "tenderCancellation",
}
DOCUMENT_TYPES = {
    K.INTENTION: "plannedProcurementNotice",
    K.TENDER: "tenderNotice",
    K.CORRECTION: "clarifications",
    K.AWARD: "awardNotice",
    K.CONTRACT: "contractNotice",
    K.TERMINATION: "cancellationDetails",
}
# OCDS's closed method codelist; the Chinese method goes in procurementMethodDetails.
METHODS = {
    Method.OPEN: "open",
    Method.INVITED: "selective",
    Method.NEGOTIATION: "limited",
    Method.CONSULTATION: "limited",
    Method.SINGLE_SOURCE: "direct",
    Method.INQUIRY: "limited",
    Method.FRAMEWORK: "open",
}
TENDER_STATUS = {K.INTENTION: "planning", K.TENDER: "active", K.AWARD: "complete", K.TERMINATION: "cancelled"}


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _day_end(day: Any) -> str:
    return _when(timezone.make_aware(datetime.combine(day, time(23, 59, 59))))


def _money(amount: Decimal) -> dict[str, Any]:
    value: int | float = int(amount) if amount == amount.to_integral_value() else float(amount)
    return {"amount": value, "currency": "CNY"}


def party_id(uscc: str) -> str:
    return f"{SCHEME}-{uscc}"


def _ref(party: Party) -> dict[str, str]:
    return {"id": party_id(party.uscc), "name": party.name}


class _Parties:
    """The organisations of a process met so far, each with every role it has had."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[Party, list[str]]] = {}

    def add(self, party: Party, role: str) -> dict[str, str]:
        known, roles = self.known.get(party.uscc, (party, []))
        if role not in roles:
            roles.append(role)
        self.known[party.uscc] = (known, roles)
        return _ref(known)

    def as_list(self) -> list[dict[str, Any]]:
        return [
            {
                "id": party_id(p.uscc),
                "name": p.name,
                "identifier": {"scheme": SCHEME, "id": p.uscc, "legalName": p.name},
                "roles": list(roles),
            }
            for p, roles in self.known.values()
        ]


def _items(process: Process) -> list[dict[str, Any]]:
    items = []
    for number, item in enumerate(process.item_list(), start=1):
        entry: dict[str, Any] = {
            "id": str(number), "description": item.description,
            "quantity": int(item.quantity) if item.quantity == item.quantity.to_integral_value() else float(item.quantity),
            "unit": {"name": item.unit},
        }  # fmt: skip
        if item.classification:
            entry["classification"] = {"scheme": ITEM_SCHEME, "id": item.classification}
        items.append(entry)
    return items


def _document(notice: Notice, base_url: str) -> dict[str, Any]:
    return {
        "id": str(notice.pk), "documentType": DOCUMENT_TYPES[K(notice.kind)], "title": notice.title,
        "url": base_url + notice.get_absolute_url(), "datePublished": _when(notice.publish_at),
        "format": "text/html", "language": "zh",
    }  # fmt: skip


def _documents(notice: Notice, base_url: str) -> list[dict[str, Any]]:
    """The notice itself, then each file it carries (招标文件, 合同 …) under its OCDS documentType."""
    documents = [_document(notice, base_url)]
    for item in notice.documents.all():
        entry = {
            "id": f"{notice.pk}-{item.pk}", "title": item.name, "url": base_url + item.get_absolute_url(),
            "datePublished": _when(notice.publish_at), "format": item.content_type, "language": "zh",
        }  # fmt: skip
        if item.document_type != DocumentType.OTHER:
            entry["documentType"] = item.document_type
        documents.append(entry)
    return documents


def process_releases(process: Process, notices: Iterable[Notice], base_url: str) -> list[dict[str, Any]]:
    """The releases of PROCESS, one per notice of NOTICES (its public ones, oldest first)."""
    parties = _Parties()
    buyer = parties.add(process.buyer(), "buyer")
    agency = process.agency()
    entity = (
        parties.add(agency, "procuringEntity") if agency else parties.add(process.buyer(), "procuringEntity")
    )
    releases, last_award = [], ""
    for notice in notices:
        kind = K(notice.kind)
        tender: dict[str, Any] = {"id": process.code, "title": process.title}
        release: dict[str, Any] = {
            "ocid": process.ocid, "id": f"{process.ocid}-{notice.pk}-{notice.version}",
            "date": _when(notice.publish_at), "tag": [TAGS[kind]], "initiationType": "tender", "language": "zh",
            "buyer": buyer,
        }  # fmt: skip
        if kind in TENDER_STATUS:
            tender["status"] = TENDER_STATUS[kind]
        if kind in (K.INTENTION, K.TENDER):
            tender.update(
                procuringEntity=entity, value=_money(process.budget), procurementMethod=METHODS[Method(process.method)],
                procurementMethodDetails=str(Method(process.method).label), mainProcurementCategory=process.category,
                items=_items(process),
            )  # fmt: skip
        documents = _documents(notice, base_url)
        if kind == K.INTENTION:
            release["planning"] = {
                "budget": {"description": process.title, "amount": _money(process.budget)}, "documents": documents,
            }  # fmt: skip
        elif kind in (K.TENDER, K.CORRECTION, K.TERMINATION):
            tender["documents"] = documents
            if notice.bid_deadline:
                tender["tenderPeriod"] = {"endDate": _day_end(notice.bid_deadline)}
                if kind == K.TENDER:
                    tender["tenderPeriod"]["startDate"] = _when(notice.publish_at)
            if kind == K.CORRECTION:
                tender["amendments"] = [
                    {"id": str(notice.pk), "date": _when(notice.publish_at), "description": notice.title,
                     "rationale": notice.body},
                ]  # fmt: skip
        elif kind == K.AWARD:
            bidders = [parties.add(p, "tenderer") for p in notice.bidder_list()]
            if bidders:
                tender.update(tenderers=bidders, numberOfTenderers=len(bidders))
            last_award = str(notice.pk)
            release["awards"] = [
                {
                    "id": last_award, "title": notice.title, "status": "active", "date": _when(notice.publish_at),
                    "value": _money(notice.amount or Decimal(0)),
                    "suppliers": [parties.add(p, "supplier") for p in notice.supplier_list()],
                    "documents": documents,
                }
            ]  # fmt: skip
        elif kind == K.CONTRACT:
            for supplier in notice.supplier_list():
                parties.add(supplier, "supplier")
            contract = {
                "id": notice.contract_no, "awardID": last_award, "title": notice.title, "status": "active",
                "value": _money(notice.amount or Decimal(0)), "documents": documents,
            }  # fmt: skip
            if notice.signed_on:
                contract["dateSigned"] = _day_end(notice.signed_on)
            release["contracts"] = [contract]
        release["tender"] = tender
        release["parties"] = parties.as_list()
        releases.append(release)
    return releases


@cache
def _merger() -> Any:
    import ocdsmerge

    return ocdsmerge.Merger(schema=json.loads(SCHEMA.read_text(encoding="utf-8")))


def compiled_release(releases: list[dict[str, Any]]) -> dict[str, Any]:
    """The process's current state, merged from its releases by the OCDS merge rules (ocdsmerge)."""
    return dict(_merger().create_compiled_release(releases))


def package(
    kind: str, items: list[dict[str, Any]], *, uri: str, publisher: str, published: datetime
) -> dict[str, Any]:
    """A release package (KIND "releases") or a record package (KIND "records") around ITEMS."""
    return {
        "uri": uri, "version": VERSION, "publishedDate": _when(published), "publisher": {"name": publisher},
        kind: items,
    }  # fmt: skip


def record(process: Process, releases: list[dict[str, Any]]) -> dict[str, Any]:
    return {"ocid": process.ocid, "releases": releases, "compiledRelease": compiled_release(releases)}


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
