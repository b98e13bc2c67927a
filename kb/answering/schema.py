"""What an answer holds (`kb query --json`, `kb compare --json`, `kb licenses --json`): the documented contract."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, PrivateAttr, create_model

from kb.facts import hit_facts
from kb.query.expression import Where
from kb.query.reading import Correction, FollowUp, QueryFilters, SortKey
from kb.schema import Lang, ModelRecord, _Model


class LicenseClassRow(_Model):
    """`kb licenses`: one licence class with the registry's ids in it and how many weights use each."""

    license_class: str
    label_en: str
    label_ko: str
    licenses: dict[str, int] = Field(default_factory=dict)


def _fields(facts) -> dict:
    """Pydantic field definitions for facts: the hit key, the fact's type, empty by default."""
    return {f.hit_key: (f.hit_type(), Field(default_factory=list) if "list" in str(f.hit_type()) else None)
            for f in facts}


# What a weight expects of its input, from its pretrained cfg (timm.data.resolve_data_config reads the same): the
# facts of the table's "preprocessing" group.
Preprocessing = create_model("Preprocessing", __base__=_Model,
                             **_fields(f for f in hit_facts() if f.group == "preprocessing"))


class _Hit(_Model):
    """One matching weight: its name, why it matched, and every fact the table puts in a hit (kb.facts)."""

    name: str
    score: float
    why: list[str] = Field(default_factory=list)
    preprocessing: Optional[Preprocessing] = None  # type: ignore[valid-type]
    _record: Optional[ModelRecord] = PrivateAttr(default=None)

    @classmethod
    def of(cls, record: ModelRecord, score: float, why: list[str]) -> "ModelHit":
        """The hit of a record: each fact read once, through the table."""
        facts = hit_facts()
        hit = cls(name=record.name, score=round(float(score), 4), why=why,
                  preprocessing=Preprocessing(**{f.hit_key: f.read(record) for f in facts if f.group == "preprocessing"}),
                  **{f.hit_key: f.read(record) for f in facts if f.group is None})
        hit._record = record
        return hit

    @property
    def record(self) -> Optional[ModelRecord]:
        """The record this hit was made from (None for a hit read back from JSON)."""
        return self._record


ModelHit = create_model("ModelHit", __base__=_Hit, **_fields(f for f in hit_facts() if f.group is None))


class PassageHit(_Model):
    source: str
    heading: str
    text: str
    score: float
    models: list[str] = Field(default_factory=list)


class Relaxation(_Model):
    dropped: str  # which filter was relaxed, e.g. "resolution=448"
    description: str
    description_ko: str = ""
    total_matches: int
    examples: list[str] = Field(default_factory=list)


class ComparisonRow(_Model):
    key: str
    label: str  # in the answer's language
    values: list[str]  # one per compared weight, in order
    differs: bool


class DefaultTag(_Model):
    """A bare architecture name read as the weight timm loads for it ("resnet50" -> resnet50.a1_in1k)."""

    written: str
    tag: str
    others: int  # the architecture's other live weights


class Comparison(_Model):
    """`kb compare`, "compare A and B": the weights side by side and the passages that mention them."""

    names: list[str]
    rows: list[ComparisonRow] = Field(default_factory=list)
    passages: list["PassageHit"] = Field(default_factory=list)
    defaults: list[DefaultTag] = Field(default_factory=list)  # the names given as bare architectures


class NoteQuote(_Model):
    """The sentence of the notes that answers a note question, the answer's first line."""

    text: str
    code: bool = False  # a line of code: shown as code, never as prose
    source: str
    heading: str


class Answer(_Model):
    """`kb query --json`: the documented, stable contract."""

    query: str
    language: Lang
    filters: QueryFilters
    models: list[ModelHit] = Field(default_factory=list)
    total_matches: int = 0
    passages: list[PassageHit] = Field(default_factory=list)
    answer: str = ""
    relaxations: list[Relaxation] = Field(default_factory=list)
    # added with the filter expression (the keys above are the stable contract; these are new keys)
    where: Optional[Where] = None  # the expression the answer matched, AND / OR / NOT of conditions
    where_text: str = ""  # the same in the --where syntax
    where_words: str = ""  # the same in words, in the answer's language
    sort: SortKey = "relevance"
    ignored_words: list[str] = Field(default_factory=list)
    corrections: list[Correction] = Field(default_factory=list)
    follow_up: Optional[FollowUp] = None
    comparison: Optional[Comparison] = None
    quote: Optional[NoteQuote] = None  # the best one
    quotes: list[NoteQuote] = Field(default_factory=list)  # the sentences the answer leads with, best first
    top_n: Optional[int] = None  # the answer is the n first by `sort` (with ties)
    asked: list[str] = Field(default_factory=list)  # facts the question asked to be told (fact keys, kb.facts)
    partial: bool = False  # a word of the question that would narrow the answer could not be applied
    unapplied: list[str] = Field(default_factory=list)  # those words, as written
