"""What an answer holds (`kb query --json`, `kb compare --json`, `kb licenses --json`): the documented contract."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from kb.query.expression import Where
from kb.query.reading import Correction, FollowUp, QueryFilters, SortKey
from kb.schema import Lang, _Model


class LicenseClassRow(_Model):
    """`kb licenses`: one licence class with the registry's ids in it and how many weights use each."""

    license_class: str
    label_en: str
    label_ko: str
    licenses: dict[str, int] = Field(default_factory=dict)


class Preprocessing(_Model):
    """What a weight expects of its input, from its pretrained cfg (timm.data.resolve_data_config reads the same)."""

    input_size: tuple[int, int, int]
    interpolation: Optional[str] = None
    crop_pct: Optional[float] = None
    crop_mode: Optional[str] = None
    mean: Optional[tuple[float, ...]] = None
    std: Optional[tuple[float, ...]] = None
    normalization: Optional[str] = None  # IMAGENET_DEFAULT, IMAGENET_INCEPTION, OPENAI_CLIP … (timm.data.constants)


class ModelHit(_Model):
    name: str
    score: float
    why: list[str] = Field(default_factory=list)
    params_m: Optional[float] = None
    top1: Optional[float] = None
    resolution: Optional[int] = None
    test_resolution: Optional[int] = None
    license: Optional[str] = None
    hf_url: Optional[str] = None  # only where the cfg names a Hugging Face repo
    # added with the model facts (new keys)
    create_model: str = ""  # the line that loads it: timm.create_model("...", pretrained=True)
    top5: Optional[float] = None
    license_class: str = ""
    paper_urls: list[str] = Field(default_factory=list)
    preprocessing: Optional[Preprocessing] = None
    gmacs: Optional[float] = None  # None: timm's benchmark tables do not measure it
    images_per_sec_gpu: Optional[float] = None
    images_per_sec_cpu: Optional[float] = None


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


class Comparison(_Model):
    """`kb compare`, "compare A and B": the weights side by side and the passages that mention them."""

    names: list[str]
    rows: list[ComparisonRow] = Field(default_factory=list)
    passages: list["PassageHit"] = Field(default_factory=list)


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
