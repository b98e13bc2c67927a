"""The answer side of kb.schema: how a question was understood and what an answer holds (`kb query --json`).
Imported by and re-exported from kb.schema; import these from there."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from kb.query.expression import Where
from kb.schema import Lang, _Model

# --------------------------------------------------------------------------------------------------------------
# Questions and answers (kb.query, kb.search, kb.answer)
# --------------------------------------------------------------------------------------------------------------

SortKey = Literal["relevance", "top1", "params_asc", "params_desc", "resolution_desc"]


class QueryFilters(_Model):
    """What the rules understood of a question. Empty lists mean "no constraint"."""

    sizes: list[str] = Field(default_factory=list)  # any of
    datasets: list[str] = Field(default_factory=list)  # all of these must appear anywhere in the chain
    any_datasets: list[str] = Field(default_factory=list)  # "Instagram or YFCC": at least one of these
    pretrain_datasets: list[str] = Field(default_factory=list)
    finetune_datasets: list[str] = Field(default_factory=list)
    in1k_only: bool = False
    not_finetuned: bool = False  # "pretrained only", "파인튜닝 안 한": no fine-tune step in the tag
    epochs: Optional[int] = None  # "the 450-epoch schedule": a 450e / e450 token in the tag
    patch_size: Optional[int] = None  # "patch16", "ViT-B/16": a patch16 / p16 token in the architecture
    resolution: Optional[int] = None
    min_params_m: Optional[float] = None
    max_params_m: Optional[float] = None
    min_top1: Optional[float] = None
    families: list[str] = Field(default_factory=list)  # any of
    archs: list[str] = Field(default_factory=list)  # explicit architectures, any of
    names: list[str] = Field(default_factory=list)  # explicit full tags, any of
    methods: list[str] = Field(default_factory=list)  # all of
    licenses: list[str] = Field(default_factory=list)  # any of
    sort: SortKey = "relevance"
    free_text: str = ""  # what the rules did not consume, for semantic search
    wants_explanation: bool = False  # "what does X mean", "X는 무엇": lead the answer with the notes
    matched_phrases: list[str] = Field(default_factory=list)  # the words the rules recognised, for display

    def is_structured(self) -> bool:
        return bool(
            self.sizes or self.datasets or self.any_datasets or self.pretrain_datasets or self.finetune_datasets
            or self.in1k_only or self.not_finetuned or self.epochs is not None or self.patch_size is not None
            or self.resolution or self.min_params_m is not None or self.max_params_m is not None
            or self.min_top1 is not None or self.families or self.archs or self.names or self.methods
            or self.licenses or self.sort != "relevance"
        )


class LicenseClassRow(_Model):
    """`kb licenses`: one licence class with the registry's ids in it and how many weights use each."""

    license_class: str
    label_en: str
    label_ko: str
    licenses: dict[str, int] = Field(default_factory=dict)


class Correction(_Model):
    written: str  # as typed: "convnxt"
    read_as: str  # what it was read as: "convnext"


class Understanding(_Model):
    """What a question asks for: a filter expression (kb.query.expression), a ranking, and where every word went."""

    where: Optional[Where] = None  # None: no structured condition (a question for the notes)
    sort: SortKey = "relevance"
    free_text: str = ""  # what the rules did not consume, for semantic search
    wants_explanation: bool = False
    matched_phrases: list[str] = Field(default_factory=list)
    ignored_words: list[str] = Field(default_factory=list)  # used by no rule, known to no stop list
    corrections: list[Correction] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # how operators were read ("widened: fine-tuned or not")
    additions: list[Where] = Field(default_factory=list)  # "include nano as well": what to add to a previous turn
    asides: list[Where] = Field(default_factory=list)  # conditions read inside parentheses
    drops: list[str] = Field(default_factory=list)  # "any resolution is fine": fields to let go of
    syntax: bool = False  # written in the --where syntax

    def is_structured(self) -> bool:
        return self.where is not None or self.sort != "relevance"


class FollowUp(_Model):
    """How a conversation turn related to the one before it."""

    mode: Literal["first", "refine", "new"]
    previous: str = ""  # the previous turn's expression, in the --where syntax
    reason: str = ""


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
