"""`records.register(Model, RecordType(...))`: one registration gives a record type its public list
and detail pages, feed, sitemap, API, CSV/XLSX export, import and staff screens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language

from gongkai.core import workflow

from .kind import RecordKind
from .models import PublishedRecord

Masker = Callable[[Any], str]


@dataclass(frozen=True)
class Enterprises:
    """Which field of a record names the enterprises it concerns, by 统一社会信用代码: what joins the record
    to the enterprise's profile (`/enterprises/<code>/`). A kind joins by declaring this, nothing else.

    One party per record: `code_field` holds the code and `name_field` the name. A field that lists
    several parties (a procurement result's suppliers) holds their codes in its text: give `listed`,
    returning the (code, name) of each. `title_fields` title the record on the profile (its type's
    title, a party's name, says nothing there). Records matching `persons` are about natural persons
    and never joined, whatever they hold."""

    code_field: str
    name_field: str = ""
    listed: Callable[[Any], Iterable[tuple[str, str]]] | None = None
    title_fields: tuple[str, ...] = ()
    persons: Q | None = None
    rank: int = 50  # where its section sits on the profile, lower first (许可 10, 处罚 20 …)

    def fields(self) -> tuple[str, ...]:
        return tuple(n for n in (self.code_field, self.name_field, *self.title_fields) if n)


def as_text(value: Any) -> str:
    """Format one public value: dates as ISO, amounts without trailing zeros, yes/no in Chinese."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


@dataclass
class RecordType:
    """How one kind of record is shown, filtered, masked, exported and imported."""

    slug: str
    name: str
    title_field: str
    date_field: str  # the date the information was formed (decision date); years, sorting, deadlines
    list_columns: tuple[str, ...]
    description: str = ""
    filters: tuple[str, ...] = ()  # fields with choices, offered as exact filters
    search_fields: tuple[str, ...] = ()
    number_fields: tuple[str, ...] = ()  # numbers the search finds exactly (决定书文号, 事项编码 …)
    private_fields: tuple[str, ...] = ()  # never public: not on pages, API, exports, feeds or search
    masks: Mapping[str, Masker] = field(default_factory=dict)  # field -> public value of a record
    # Fields holding official contact data (a service window's phone): not scanned for personal data.
    official_fields: tuple[str, ...] = ()
    field_order: tuple[
        str, ...
    ] = ()  # these public fields first, in this order; the rest as the model has them
    deadline_days: int | None = None  # publish within this many working days of date_field
    display_until: Callable[[Any], date | None] | None = None  # first day the record is no longer shown
    publish_check: Callable[[Any], str | None] | None = None  # why RECORD may not go public, or None
    removal_check: Callable[[Any, str], str | None] | None = None  # why RECORD may not be removed so, or None
    import_key: tuple[str, ...] = ()  # natural key of `gongkai import`; re-importing a row changes nothing
    exchange: tuple[tuple[str, str], ...] = ()  # (field code, field) of an exchange format, e.g. 双公示
    exchange_name: str = ""
    nav_group: str = "信息公示"
    home_column: bool = True  # among the home page's 公示公告 (双公示 and the like; not catalogs, figures or
    # kinds with a column or section of their own)
    # How much a match in one of its records weighs against one in a document (1.0; decision 0015):
    # a decision published with its facts weighs as much, a register of metadata (a licence's
    # certificate, a matter's code and basis) less, so that hundreds of its records carrying a word do
    # not bury the documents about it.
    search_weight: float = 0.4
    # The query words that find every record of the type by type (行政, 处罚); None: the words of its
    # name. Leave out generic words (公开, 目录, 公告), which would otherwise match every record.
    search_words: tuple[str, ...] | None = None
    detail_template: str = "records/detail.html"  # a type may extend the detail page
    detail_context: Callable[[Any], dict[str, Any]] | None = None  # extra context for that template
    staff_extra_template: str = ""  # a section the type adds to its staff detail page (gets detail_context)
    log_extra: Callable[[Any], dict[str, Any]] | None = (
        None  # more the publication log holds (a notice's files)
    )
    enterprises: Enterprises | None = None  # joins its records to the enterprises' profiles
    model: type[PublishedRecord] = field(init=False, repr=False)
    _labels: dict[tuple[str, str], dict[Any, str]] = field(init=False, repr=False, default_factory=dict)

    # --- fields -----------------------------------------------------------------------------
    def own_fields(self) -> list[models.Field[Any, Any]]:
        return [f for f in self.model._meta.concrete_fields if f.name not in PublishedRecord.FRAMEWORK_FIELDS]

    def public_fields(self) -> list[models.Field[Any, Any]]:
        """The public fields, those named in `field_order` first (pages, exports and the API use this order)."""
        fields = [f for f in self.own_fields() if f.name not in self.private_fields]
        rank = {name: i for i, name in enumerate(self.field_order)}
        return sorted(fields, key=lambda f: rank.get(f.name, len(rank)))

    def label(self, name: str) -> str:
        if name == "unit":
            return "公开单位"
        if name == "index_no":
            return "索引号"
        return str(self.model._meta.get_field(name).verbose_name)

    def title_of(self, record: Any) -> str:
        return str(self.public_value(record, self.title_field))

    # --- values the public sees ----------------------------------------------------------------
    def public_value(self, record: Any, name: str) -> Any:
        """Return the value of NAME as the public sees it: masked, choices as labels, never private."""
        if name in self.private_fields:
            raise KeyError(f"{name} is private")
        if name in self.masks:
            return self.masks[name](record)
        if name == "unit":
            return record.unit.name
        if name == "index_no":
            return record.index_no
        model_field = self.model._meta.get_field(name)
        value = getattr(record, name)
        if getattr(model_field, "choices", None):
            return self._choice_labels(name).get(value, value)
        if isinstance(model_field, models.ForeignKey):
            return str(value) if value is not None else ""
        return value

    def _choice_labels(self, name: str) -> dict[Any, str]:
        """The labels of a choice field in the active language, computed once (exports call this a lot)."""
        key = (name, get_language())
        labels = self._labels.get(key)
        if labels is None:
            choices = self.model._meta.get_field(name).flatchoices  # type: ignore[union-attr]
            labels = self._labels[key] = {value: str(label) for value, label in choices}
        return labels

    def public_text(self, record: Any, name: str) -> str:
        """Return NAME of RECORD as public text (what pages, exports, the API and the log show)."""
        return as_text(self.public_value(record, name))

    def public_content(self, record: Any) -> dict[str, Any]:
        """Return what the publication log hashes and the API shows of RECORD."""
        return {
            "type": self.slug,
            "index_no": record.index_no,
            "version": record.version,
            "unit": record.unit.code,
            "fields": {f.name: self.public_text(record, f.name) for f in self.public_fields()},
        }

    def search_text(self, record: Any) -> str:
        """Return the text the search index holds for RECORD (public values only)."""
        names = self.search_fields or tuple(f.name for f in self.public_fields())
        return "\n".join(self.public_text(record, n) for n in names)

    @property
    def log_type(self) -> str:
        return f"record.{self.slug}"


_types: dict[str, RecordType] = {}
_by_model: dict[type[Any], RecordType] = {}
_listeners: list[Callable[[RecordType], None]] = []


def register(model: type[PublishedRecord], record_type: RecordType) -> RecordType:
    """Register MODEL as a published record type; call from the owning app's `ready()`."""
    if record_type.slug in _types:
        raise ValueError(f"record type {record_type.slug!r} is registered twice")
    if not issubclass(model, PublishedRecord):
        raise TypeError(f"{model.__name__} does not derive from PublishedRecord")
    record_type.model = model
    names = {f.name for f in model._meta.concrete_fields}
    for name in (record_type.title_field, record_type.date_field, *record_type.list_columns,
                 *record_type.filters, *record_type.search_fields, *record_type.number_fields, *record_type.private_fields, *record_type.official_fields, *record_type.field_order,
                 *record_type.masks, *record_type.import_key, *(f for _c, f in record_type.exchange),
                 *(record_type.enterprises.fields() if record_type.enterprises else ())):  # fmt: skip
        if name not in names:
            raise ValueError(f"{model.__name__} has no field {name!r} (record type {record_type.slug})")
    workflow.register(RecordKind(record_type))
    _types[record_type.slug] = record_type
    _by_model[model] = record_type
    for listener in _listeners:
        listener(record_type)
    return record_type


def unregister(slug: str) -> None:
    """Remove a type (tests register throw-away types)."""
    record_type = _types.pop(slug, None)
    if record_type is not None:
        workflow.unregister(slug)
        _by_model.pop(record_type.model, None)
        for listener in _removers:
            listener(record_type)


_removers: list[Callable[[RecordType], None]] = []


def on_register(listener: Callable[[RecordType], None], remover: Callable[[RecordType], None]) -> None:
    """Call LISTENER for every type registered now or later (feeds, sitemaps, importers, search)."""
    _listeners.append(listener)
    _removers.append(remover)
    for record_type in list(_types.values()):
        listener(record_type)


def types() -> list[RecordType]:
    return list(_types.values())


def get(slug: str) -> RecordType | None:
    return _types.get(slug)


def type_of(model: type[Any]) -> RecordType:
    return _by_model[model]
