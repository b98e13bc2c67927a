"""How a question was read: the filter expression, the ranking, and where every word went (kb.query.parse), plus
the flat `filters` record of the JSON contract (kb.query.flat) and a conversation turn's relation to the one before."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, Field

from kb.facts import sort_order
from kb.query.expression import Where
from kb.schema import _Model


def _known_sort(sort: str) -> str:
    sort_order(sort)  # ValueError for a sort no fact gives
    return sort


# "relevance", or a numeric fact of the fact table and a direction: "gmacs_asc", "images_per_sec_cpu_desc" ("top1"
# is top1_desc, as older answers wrote it)
SortKey = Annotated[str, AfterValidator(_known_sort)]


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


class Correction(_Model):
    written: str  # as typed: "convnxt"
    read_as: str  # what it was read as: "convnext"


class Understanding(_Model):
    """What a question asks for: a filter expression (kb.query.expression), a ranking, and where every word went."""

    where: Optional[Where] = None  # None: no structured condition (a question for the notes)
    sort: SortKey = "relevance"
    top_n: Optional[int] = None  # "the lightest", "top 3 by top-5": the n first by `sort`, ties shown
    asked: list[str] = Field(default_factory=list)  # facts the question asks to be told ("its licence?"): fact keys
    free_text: str = ""  # what the rules did not consume, for semantic search
    wants_explanation: bool = False
    matched_phrases: list[str] = Field(default_factory=list)
    ignored_words: list[str] = Field(default_factory=list)  # used by no rule, known to no stop list
    unapplied: list[str] = Field(default_factory=list)  # words that would narrow the answer but could not be applied
    unapplied_why: list[str] = Field(default_factory=list)  # for each, why (no such fact in timm's data …), if known
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
