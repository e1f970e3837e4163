"""`gongkai import places FILE`: the county's place names, townships before their villages, by 区划代码."""

from __future__ import annotations

from gongkai.core.importing import CLI, Context, RowError

from . import services
from .errors import LandError
from .models import Place

KINDS = {"乡镇": Place.Kind.TOWNSHIP, "镇": Place.Kind.TOWNSHIP, "乡": Place.Kind.TOWNSHIP, "township": Place.Kind.TOWNSHIP,
         "村": Place.Kind.VILLAGE, "社区": Place.Kind.VILLAGE, "村（社区）": Place.Kind.VILLAGE, "village": Place.Kind.VILLAGE}  # fmt: skip


class PlaceImporter:
    """Columns: code (区划代码), name (名称), kind (类别: 乡镇/村) and, for a village, township (所属乡镇: its
    区划代码 or name). A township is a row without a township. Re-importing a row changes nothing."""

    columns: tuple[str, ...] = ("code", "name")
    rows_refer_to_earlier_rows = True  # townships before their villages
    context: Context = CLI
    aliases = {"code": "code", "区划代码": "code", "name": "name", "名称": "name", "kind": "kind", "类别": "kind",
               "township": "township", "所属乡镇": "township", "parent": "township"}  # fmt: skip
    labels = {"code": "区划代码", "name": "名称", "kind": "类别", "township": "所属乡镇"}

    def missing_columns(self, headers: set[str]) -> list[str]:
        present = {self.aliases.get(h.strip()) for h in headers}
        return [c for c in self.columns if c not in present]

    def template_columns(self) -> list[str]:
        return ["区划代码", "名称", "类别", "所属乡镇"]

    def load(self, row: dict[str, str]) -> str:
        named = {
            self.aliases[h.strip()]: (v or "").strip() for h, v in row.items() if h.strip() in self.aliases
        }
        code, name, township_text = named.get("code", ""), named.get("name", ""), named.get("township", "")
        if not code:
            raise RowError("the code (区划代码) is empty", field="code", zh="区划代码为空。")
        if not name:
            raise RowError("the name (名称) is empty", field="name", zh="名称为空。")
        kind_text = named.get("kind", "")
        kind = (
            KINDS.get(kind_text)
            if kind_text
            else (Place.Kind.VILLAGE if township_text else Place.Kind.TOWNSHIP)
        )
        if kind is None:
            raise RowError(
                f"{kind_text!r} is not 乡镇 or 村", field="kind", zh=f"类别“{kind_text}”应为“乡镇”或“村”。"
            )
        parent = None
        if kind == Place.Kind.VILLAGE:
            townships = Place.objects.filter(kind=Place.Kind.TOWNSHIP)
            parent = (
                townships.filter(code=township_text).first() or townships.filter(name=township_text).first()
            )
            if parent is None:
                raise RowError(
                    f"no township {township_text!r} (import townships first)",
                    field="township",
                    zh=f"找不到所属乡镇“{township_text}”（请先导入乡镇）。",
                )
        try:
            _place, created = services.place_save(
                by=self.context.by, code=code, name=name, kind=kind, parent=parent
            )
        except LandError as exc:
            raise RowError(exc.message, field=exc.field or "", zh=exc.message) from None
        return "created" if created else "unchanged"
