"""The structures that cross a package boundary in timm-kb: registry records, what ingest stores and the index
serves, answers. `--json` output is their `model_dump(mode="json")`.

Types that one side alone uses live with it: ingest's notes-as-read and nightly report in ingest.types, the
evaluation's items and scores in kb.evaluate.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 3  # 2: preprocessing, speed and paper facts in records; 3: activations, test-size accuracy, fixed size

Lang = Literal["ko", "en"]
Stage = Literal["pretrain", "intermediate", "finetune", "train"]
Convention = Literal["timm", "mmpretrain"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------------------------------------------
# Name decoding (kb.naming.timm)
# --------------------------------------------------------------------------------------------------------------


class DatasetUse(_Model):
    """One dataset in a weight's training chain, e.g. in22k as `pretrain` then in1k as `finetune`."""

    name: str  # canonical id: in1k, in12k, in22k (in21k is the same dataset), laion2b, openai, webli, ...
    stage: Stage
    raw: str  # as written in the name: in21k stays "in21k" here while `name` is "in22k"


class NamePart(_Model):
    """One piece of a model name and what it means, for `kb explain`."""

    token: str
    role: str  # family | size | variant | patch | window | resolution | method | source | dataset | stage | epochs | ...
    meaning_en: str
    meaning_ko: str


class ParsedName(_Model):
    """A model name read the way the suffix guide and the MMPretrain conventions teach. Pure data: no registry."""

    name: str
    convention: Convention
    arch: str  # timm architecture (part before the dot); for mmpretrain the module info, e.g. vit-base-p16
    tag: str = ""  # pretrained tag (after the dot), "" when absent
    family: str  # e.g. convnextv2, vit, deit3, eva02, swinv2
    size: Optional[str] = None  # canonical size class: atto femto pico nano tiny small base medium large huge giant gigantic
    size_token: Optional[str] = None  # as written: xxs, s, m36, small ...
    variant_tokens: list[str] = Field(default_factory=list)  # arch tokens that are neither family, size, patch nor res
    patch_size: Optional[int] = None
    window_size: Optional[int] = None
    name_resolution: Optional[int] = None  # resolution stated in the name (_384, r256, 192to256 -> 256)
    methods: list[str] = Field(default_factory=list)  # fb, augreg, clip, mae, fcmae, mim, dist, soup, ...
    datasets: list[DatasetUse] = Field(default_factory=list)
    epochs: Optional[int] = None
    parts: list[NamePart] = Field(default_factory=list)  # every token with its meaning, in name order
    unknown_tokens: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------------------------
# Registry (kb.registry.records)
# --------------------------------------------------------------------------------------------------------------


class EvalResult(_Model):
    """One row of a timm results CSV for one tag."""

    benchmark: str  # imagenet, imagenet-real, imagenetv2-matched-frequency, sketch, imagenet-a, imagenet-r, ...
    img_size: int
    top1: float
    top5: float
    param_count_m: Optional[float] = None
    crop_pct: Optional[float] = None


class ModelRecord(_Model):
    """One live pretrained timm weight (`arch.tag`) with its decoded name and its facts."""

    name: str
    arch: str
    tag: str
    family: str
    size: Optional[str] = None
    size_token: Optional[str] = None
    variant_tokens: list[str] = Field(default_factory=list)
    patch_size: Optional[int] = None
    methods: list[str] = Field(default_factory=list)
    datasets: list[DatasetUse] = Field(default_factory=list)
    name_resolution: Optional[int] = None
    input_size: tuple[int, int, int]
    test_input_size: Optional[tuple[int, int, int]] = None
    crop_pct: Optional[float] = None
    test_crop_pct: Optional[float] = None
    crop_mode: Optional[str] = None
    interpolation: Optional[str] = None
    mean: Optional[tuple[float, ...]] = None
    std: Optional[tuple[float, ...]] = None
    normalization: Optional[str] = None  # the timm constant mean/std equal, e.g. IMAGENET_DEFAULT, OPENAI_CLIP
    fixed_input_size: bool = False  # the model cannot take another input size (most ViTs)
    gmacs: Optional[float] = None  # from timm's inference benchmarks, at the input size (None: not measured there)
    macts: Optional[float] = None  # activations (millions), the same benchmark row
    images_per_sec_gpu: Optional[float] = None  # RTX 4090, AMP, batch 1024, at the input size
    images_per_sec_cpu: Optional[float] = None  # i7-12700H, fp32, batch 1, at the input size
    num_classes: Optional[int] = None  # the classifier head's classes; 0: no head (a feature extractor)
    license: Optional[str] = None
    hf_hub_id: Optional[str] = None
    hf_url: Optional[str] = None
    paper_ids: list[str] = Field(default_factory=list)
    paper_name: Optional[str] = None
    params_m: Optional[float] = None
    top1: Optional[float] = None  # ImageNet-1k val top-1 at the native input size
    top5: Optional[float] = None
    top1_test: Optional[float] = None  # ImageNet-1k val top-1 at the test input size, where timm measured it
    top5_test: Optional[float] = None
    top1_real: Optional[float] = None
    top1_v2: Optional[float] = None
    top1_sketch: Optional[float] = None
    top1_a: Optional[float] = None
    top1_r: Optional[float] = None
    results: list[EvalResult] = Field(default_factory=list)  # every CSV row, native and test resolutions
    timm_version: str
    default_tag: bool = False  # timm's default pretrained tag of its architecture (what a bare "resnet50" loads)

    @property
    def resolution(self) -> int:
        return self.input_size[-1]

    @property
    def test_resolution(self) -> Optional[int]:
        return self.test_input_size[-1] if self.test_input_size else None

    @property
    def dataset_names(self) -> list[str]:
        return [d.name for d in self.datasets]


class Explanation(_Model):
    """`kb explain NAME --json`: the keys are the documented contract."""

    name: str
    convention: Convention
    arch: str
    family: str
    size: Optional[str] = None
    datasets: list[DatasetUse] = Field(default_factory=list)
    methods: list[str] = Field(default_factory=list)
    resolution: Optional[int] = None
    params_m: Optional[float] = None
    top1: Optional[float] = None
    license: Optional[str] = None
    hf_url: Optional[str] = None
    timm_matches: list[str] = Field(default_factory=list)
    parts: list[NamePart] = Field(default_factory=list)
    test_resolution: Optional[int] = None
    notes: list[str] = Field(default_factory=list)  # e.g. "in21k and in22k name the same dataset"
    loads: Optional[str] = None  # a bare architecture: the weight timm loads for it (its default tag)
    facts: dict[str, object] = Field(default_factory=dict)  # the weight's facts (kb.facts keys), where it is live


# --------------------------------------------------------------------------------------------------------------
# What ingest stores and the index serves (written by ingest.*, read by kb.store)
# --------------------------------------------------------------------------------------------------------------

PassageKind = Literal["text", "code", "table", "table_row", "list", "model_note", "suffix_term", "convention_rule"]


class Passage(_Model):
    id: str  # stable: sha1 of source + heading + text
    source: str
    heading: str
    text: str
    kind: PassageKind = "text"
    line_start: int = 0
    mentions: list[str] = Field(default_factory=list)  # model names as written in the text
    linked_tags: list[str] = Field(default_factory=list)  # live timm tags those mentions resolve to


class Bullet(_Model):
    depth: int
    text: str


class ModelNote(_Model):
    """One model entry of timm-model-notes.ko.md."""

    source: str
    year_heading: Optional[str] = None
    link_text: str
    hf_url: Optional[str] = None
    linked_tag: Optional[str] = None
    image_size_train: Optional[int] = None
    image_size_test: Optional[int] = None
    paper_date: Optional[str] = None  # YYYY.MM.DD as written
    bullets: list[Bullet] = Field(default_factory=list)
    siblings: list[str] = Field(default_factory=list)  # coatnet_*, cs3darknet_* lists
    flags: list[str] = Field(default_factory=list)  # irregularities, kept not dropped
    line_start: int = 0


class SuffixTerm(_Model):
    token: str
    category: str
    meaning: str
    examples: list[str] = Field(default_factory=list)


class ConventionRule(_Model):
    part: str  # algorithm | module | pretrain | training | data | config | checkpoint | example
    description: str
    examples: list[str] = Field(default_factory=list)


class TableRow(_Model):
    source: str
    heading: str
    cells: dict[str, str]



class CheckFinding(_Model):
    kind: Literal["unresolved", "disagreement", "irregular"]
    source: str
    subject: str
    message: str
    suggestions: list[str] = Field(default_factory=list)



class FileReport(_Model):
    source: str
    status: Literal["ok", "repaired", "skipped", "error", "unchanged"]
    message: str = ""
    passages: int = 0


class Manifest(_Model):
    schema_version: int = SCHEMA_VERSION
    build_id: str
    built_at: str  # ISO 8601 UTC
    embed_model: str
    embed_dim: int
    timm_version: str
    tokenizer: str = ""  # kb.retrieval.lexical.TOKENIZER_VERSION of the stored BM25 tokens ("" = before versioning)
    source_hashes: dict[str, str] = Field(default_factory=dict)
    file_checksums: dict[str, str] = Field(default_factory=dict)  # index file name -> sha256
    file_sizes: dict[str, int] = Field(default_factory=dict)  # index file name -> bytes
    counts: dict[str, int] = Field(default_factory=dict)
    timings_s: dict[str, float] = Field(default_factory=dict)
    backend: str = "files"  # "files": SQLite + FAISS under KB_HOME (read by faiss or qdrant-local); "qdrant-server"
    points: dict[str, int] = Field(default_factory=dict)  # qdrant-server: points per collection, checked on open


class SentenceUnit(_Model):
    text: str
    code: bool = False
    stems: list[str] = Field(default_factory=list)


class PassageSentences(_Model):
    """A passage cut into sentences with their stemmed tokens, at ingest (kb.retrieval.extract), so a query needs no kiwi."""

    passage_id: str
    version: str  # kb.retrieval.extract.UNITS_VERSION: stale units are cut again at query time
    heading: list[str] = Field(default_factory=list)
    units: list[SentenceUnit] = Field(default_factory=list)
    # each run of Hangul in the heading and text -> kiwi's content morphemes for it (kb.retrieval.korean_cut)
    runs: dict[str, list[str]] = Field(default_factory=dict)


class IngestReport(_Model):
    build_id: str
    ok: bool
    files: list[FileReport] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    embedded: int = 0  # vectors computed in this run
    reused: int = 0  # vectors taken over unchanged from the previous index
    timings_s: dict[str, float] = Field(default_factory=dict)
    message: str = ""
    backend: str = "faiss"  # kb.store.describe_backend(): "faiss", "qdrant (local)", "qdrant (<url>)"
