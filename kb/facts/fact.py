"""One fact of a weight, as data: what it is called in both languages, where a record holds it, how it is compared,
ordered and shown. The table of every fact is kb.facts.table; everything that filters, sorts or shows a fact reads
it from there."""

from __future__ import annotations

import re
from typing import Any, Callable, Literal, Optional

from pydantic import BaseModel, ConfigDict

from kb.schema import Lang, ModelRecord

Kind = Literal["number", "text", "flag", "name", "display"]
Place = Literal["table", "compare", "detail", "csv", "widget"]


class Fact(BaseModel):
    """A row of the fact table.

    kind: number (compared and ordered), text (one of its values, or a pattern), flag (yes / no), name (read from
    the weight's name by kb.naming: family, size, datasets …; matched by kb.retrieval.filters' postings), display
    (shown only: create_model, links)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    key: str  # the --where field, the sort key (key_asc / key_desc) and the name `kb fields` lists
    kind: Kind
    label_en: str
    label_ko: str
    read: Callable[[ModelRecord], object]  # the value of a record (None: timm has none)
    about_en: str = ""  # one line for `kb fields`: where the value comes from
    about_ko: str = ""
    unit: str = ""  # written after a number: "M", "%", "px", "GMACs", "img/s"
    digits: Optional[int] = None  # decimals shown (None: as stored)
    measured: bool = False  # a missing value is "not measured" (benchmarks), not unknown
    hit_key: Optional[str] = None  # its key in an answer's models (`kb query --json`); None: not in a hit
    group: Optional[str] = None  # "preprocessing": nested under that key in the hit
    syntax: tuple[str, ...] = ()  # further --where names for it
    words: tuple[str, ...] = ()  # regexes that name the fact in a question, Korean and English
    more: tuple[str, ...] = ()  # regexes of words meaning a higher value ("faster", "더 빠른")
    less: tuple[str, ...] = ()  # regexes of words meaning a lower value ("lighter", "가벼운")
    better: Optional[Literal["high", "low"]] = None  # which way "best" / "top" / "worst" rank it
    values: dict[str, tuple[str, ...]] = {}  # text facts: each value and the regexes that name it
    percent: bool = False  # a number in % ("80%" and "80" are the same)
    places: frozenset[Place] = frozenset()
    column: Optional[tuple[str, str]] = None  # a short header for tables (en, ko); else the label
    drop: int = 0  # a narrow terminal drops its columns in this order (1 first); 0: only after those, from the right
    type_: Any = None  # the hit field's type when the kind's default does not fit (int, tuple, list)
    ways: tuple[str, str, str, str] = ("highest", "lowest", "높은", "낮은")  # a ranking's words: en high, low, ko high, low

    def hit_type(self) -> Any:
        """The type of this fact's field in an answer's models."""
        if self.type_ is not None:
            return self.type_
        return {"number": Optional[float], "text": Optional[str], "flag": Optional[bool]}.get(self.kind, Any)

    def label(self, lang: Lang) -> str:
        return self.label_ko if lang == "ko" else self.label_en

    def header(self, lang: Lang) -> str:
        return (self.column[1] if lang == "ko" else self.column[0]) if self.column else self.label(lang)

    def way(self, high: bool, lang: Lang) -> str:
        return self.ways[(0 if high else 1) + (2 if lang == "ko" else 0)]

    def plain(self, lang: Lang) -> str:
        """The label without its unit, for a line that shows the value with its unit ("GMACs: 4.11 GMACs" no more)."""
        return re.sub(r"\s*\((?:%|M)\)$", "", self.label(lang)).removesuffix(" GMACs") or self.label(lang)

    def short(self, lang: Lang) -> str:
        """The header without its unit: what a condition on the fact is called in words ("GMACs < 5")."""
        return re.sub(r"\s*\((?:%|M)\)$", "", self.header(lang))

    def about(self, lang: Lang) -> str:
        return self.about_ko if lang == "ko" and self.about_ko else self.about_en

    def shown(self, value: object, lang: Lang = "en", unit: bool = False) -> str:
        """The value as text: numbers to their digits, lists joined, a missing value said as such."""
        if value is None or value == [] or value == ():
            return ("측정 없음" if lang == "ko" else "not measured") if self.measured else "-"
        if isinstance(value, bool):
            return ("예" if value else "아니요") if lang == "ko" else ("yes" if value else "no")
        if isinstance(value, float):
            text = f"{value:.{self.digits}f}" if self.digits is not None else f"{value:g}"
        elif isinstance(value, (list, tuple)):
            text = ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value)
        else:
            text = str(value)
        return f"{text}{self.unit if self.unit in ('%', 'M', 'px') else ' ' + self.unit}" if unit and self.unit else text

    def of(self, record: ModelRecord, lang: Lang = "en", unit: bool = False) -> str:
        return self.shown(self.read(record), lang, unit)

    def value(self, item) -> object:
        """The fact of a record, or of an answer's hit (through its record, else its own fields)."""
        if isinstance(item, ModelRecord):
            return self.read(item)
        if getattr(item, "record", None) is not None:
            return self.read(item.record)
        holder = getattr(item, self.group, None) if self.group else item
        return getattr(holder, self.hit_key or self.key, None)
