"""`kb ingest`: notes + live registry -> a new index, built aside and swapped in atomically.

One function per stage, run in the order of `STAGES` over one `Build` that carries what the stages make.
Vectors come, in this order, from the previous build, KB_HOME's cache and the vectors shipped for the pinned timm
(`data/vectors`, made by scripts/ship_vectors.py); only text none of them has seen is embedded. A lock keeps
ingests one at a time; a failure or a kill at any stage leaves `current` on the last good build.

`KB_TEST_FAULT_AT=<stage>` (tests only) makes the process stop dead at the start of that stage, as `kill -9` would.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from ingest.encoding import read_note
from ingest.linking import check_notes, find_mentions, link_passage
from ingest.notes_dir import note_files
from ingest.parse import parse_source
from ingest.types import Mention, ParsedSource, SourceFile
from ingest.vector_cache import load_vectors, save_vectors
from kb.build import (
    NOTES_DIR,
    SHIPPED_VECTORS_DIR,
    TOKENIZER_VERSION,
    BadInput,
    CheckFinding,
    FileReport,
    IngestLock,
    IngestReport,
    KBError,
    Manifest,
    ModelNote,
    ModelRecord,
    NameIndex,
    Passage,
    cache_dir,
    describe_record,
    embed_model_id,
    embedding_key,
    kb_home,
    passage_index_text,
    refresh_programs,
    tokenize,
)

ProgressCallback = Callable[[str, float], None]
EMBED_BATCH = 64
MAX_PASSAGES_PER_NOTE = 2000  # about 3 minutes of embedding here; the rest of a larger note is reported, not kept
SHRINK_LIMIT = 0.5  # an ingest keeping under half of the live index's passages must be asked for (--allow-shrink)


class ShrinkRefused(KBError):
    """The new build would drop most of what the live index answers from (e.g. an empty notes directory)."""


@dataclass
class Build:
    """Everything one ingest makes, stage by stage."""

    notes_dir: Path
    home: Path
    model_id: str
    build_id: str
    allow_shrink: bool = False
    records: list[ModelRecord] = field(default_factory=list)
    reports: dict[str, FileReport] = field(default_factory=dict)  # by note name, in file order
    sources: list[SourceFile] = field(default_factory=list)
    parsed: list[ParsedSource] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    notes: list[ModelNote] = field(default_factory=list)
    findings: list[CheckFinding] = field(default_factory=list)
    passage_texts: list[str] = field(default_factory=list)
    passage_keys: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    model_keys: list[str] = field(default_factory=list)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    previous_tokens: dict[str, list[str]] = field(default_factory=dict)
    previous_sentences: dict[str, object] = field(default_factory=dict)  # passage id -> PassageSentences
    previous_passages: Optional[int] = None  # of the live build, for the shrink guard
    counts: dict[str, int] = field(default_factory=dict)
    dim: int = 384
    writer: object = None
    manifest: Optional[Manifest] = None


class _Clock:
    """Times each stage and reports progress as (label, fraction)."""

    def __init__(self, progress: Optional[ProgressCallback]):
        self.progress = progress
        self.timings: dict[str, float] = {}
        self._started = 0.0
        self._stage = ""

    def start(self, stage: str) -> None:
        self.finish()
        if os.environ.get("KB_TEST_FAULT_AT") == stage:
            os.kill(os.getpid(), signal.SIGKILL)
        self._stage, self._started = stage, time.perf_counter()
        self.report(0.0)

    def report(self, fraction: float) -> None:
        if self.progress:
            self.progress(self._stage, fraction)

    def finish(self) -> None:
        if self._stage:
            self.timings[self._stage] = round(time.perf_counter() - self._started, 3)
            self.report(1.0)
            self._stage = ""


# ---- the stages ------------------------------------------------------------------------------------------------


def _registry(build: Build, clock: _Clock) -> None:
    from kb.build import load_registry

    stats: dict = {}
    build.records = load_registry(home=build.home, stats=stats)
    build.counts.update(params_counted=stats.get("params_counted", 0), params_reused=stats.get("params_reused", 0))


def _read(build: Build, clock: _Clock) -> None:
    files, skipped = note_files(build.notes_dir)
    build.reports.update((s.source, s) for s in skipped)
    for number, path in enumerate(files, start=1):
        try:
            source = read_note(path, build.home)
            build.sources.append(source)
            build.reports[path.name] = FileReport(source=path.name, status="repaired" if source.repaired_lines else "ok",
                                                  message="; ".join(source.problems))
        except BadInput as error:
            build.reports[path.name] = FileReport(source=path.name, status="skipped", message=error.message)
        clock.report(number / max(len(files), 1))


def _parse(build: Build, clock: _Clock) -> None:
    for number, source in enumerate(build.sources, start=1):
        report = build.reports[source.name]
        try:
            parsed = parse_source(source)
        except Exception as error:  # one note's parser failure must not stop the others
            report.status, report.message = "error", f"could not parse: {error.__class__.__name__}: {error}"
            continue
        if len(parsed.passages) > MAX_PASSAGES_PER_NOTE:
            cap = f"kept the first {MAX_PASSAGES_PER_NOTE:,} of {len(parsed.passages):,} passages (per-note cap)"
            report.message = "; ".join(m for m in (report.message, cap) if m)
            parsed.passages = parsed.passages[:MAX_PASSAGES_PER_NOTE]
        build.parsed.append(parsed)
        clock.report(number / max(len(build.sources), 1))


def _link(build: Build, clock: _Clock) -> None:
    index = NameIndex.from_records(build.records)
    for number, item in enumerate(build.parsed, start=1):
        build.passages.extend(link_passage(p, index) for p in item.passages)
        build.mentions.extend(find_mentions(item.source.text, index, item.source.name))
        build.reports[item.source.name].passages = len(item.passages)
        clock.report(number / max(len(build.parsed), 1))
    build.notes = [n for item in build.parsed for n in item.model_notes]
    build.findings = check_notes(build.notes, build.mentions, {r.name: r for r in build.records})


def _describe(build: Build, clock: _Clock) -> None:
    build.descriptions = [describe_record(r) for r in build.records]
    build.passage_texts = [passage_index_text(p) for p in build.passages]
    build.passage_keys = [embedding_key(build.model_id, t) for t in build.passage_texts]
    build.model_keys = [embedding_key(build.model_id, t) for t in build.descriptions]


def _embed(build: Build, clock: _Clock) -> None:
    from kb.build import load_embedder, open_index

    previous: dict[str, np.ndarray] = {}
    try:
        reader = open_index(build.home, expected_embed_model=build.model_id)
        previous = reader.vectors_by_hash()
        build.previous_passages = len(reader.passages())
        if reader.tokens_current:
            build.previous_tokens = reader.tokens_by_hash()
        build.previous_sentences = {s.passage_id: s for s in reader.documents("sentences")}
    except KBError:
        pass  # no usable previous build: the cache and the shipped vectors still spare re-embedding
    shipped = load_vectors(SHIPPED_VECTORS_DIR, build.model_id)
    cached = load_vectors(cache_dir(build.home), build.model_id)
    known = {**shipped, **cached, **previous}
    wanted = dict(zip(build.passage_keys + build.model_keys, build.passage_texts + build.descriptions, strict=False))
    todo = [(key, text) for key, text in wanted.items() if key not in known]
    computed: dict[str, np.ndarray] = {}
    if todo:
        embedder = load_embedder(build.model_id, batch=True)
        build.dim = embedder.dim
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start:start + EMBED_BATCH]
            computed.update(zip((key for key, _ in batch), embedder.encode_passages([text for _, text in batch]), strict=False))
            clock.report(min(1.0, (start + len(batch)) / len(todo)))
        save_vectors(cache_dir(build.home), build.model_id, {**cached, **computed})
    elif known:
        build.dim = len(next(iter(known.values())))
    build.vectors = {key: computed[key] if key in computed else known[key] for key in wanted}
    build.counts.update(embedded=len(computed), reused_vectors=len(wanted) - len(computed),
                        shipped_vectors=sum(1 for key in wanted if key in shipped and key not in computed))


def _guard(build: Build, clock: _Clock) -> None:
    """Refuse to swap in a build that silently lost most of the notes (an empty or wrong --notes directory)."""
    before = build.previous_passages
    if build.allow_shrink or not before:
        return
    if not build.passages or len(build.passages) < SHRINK_LIMIT * before:
        raise ShrinkRefused(
            f"this ingest would keep {len(build.passages)} of the live index's {before} passages "
            f"({len(build.sources)} notes read from {build.notes_dir}); nothing was changed. "
            "Pass --allow-shrink if that is what you want."
        )


def _sentences(build: Build, passage: Passage):
    """The passage's sentence units for kb.retrieval.extract: the live build's when the passage and the rules are unchanged."""
    from kb.build import UNITS_VERSION, passage_sentences

    previous = build.previous_sentences.get(passage.id)
    if previous is not None and previous.version == UNITS_VERSION:
        return previous
    return passage_sentences(passage.id, passage.heading, passage.text)


def _write(build: Build, clock: _Clock) -> None:
    from kb.build import new_writer, timm_version

    build.writer = writer = new_writer(build.home, build.build_id)
    documents = (
        [("model_note", n.source, n) for n in build.notes]
        + [("suffix_term", "timm-suffix-guide", t) for item in build.parsed for t in item.suffix_terms]
        + [("convention_rule", item.source.name, r) for item in build.parsed for r in item.convention_rules]
        + [("table_row", r.source, r) for item in build.parsed for r in item.table_rows]
        + [("finding", f.source, f) for f in build.findings]
        + [("file_report", r.source, r) for r in build.reports.values()]
        + [("sentences", p.source, _sentences(build, p)) for p in build.passages]
    )

    def tokens(key: str, text: str) -> list[str]:
        return build.previous_tokens.get(key) or tokenize(text)

    writer.write(
        records=build.records,
        passages=build.passages,
        passage_hashes=build.passage_keys,
        passage_tokens=[tokens(k, t) for k, t in zip(build.passage_keys, build.passage_texts, strict=False)],
        passage_vectors=_matrix(build, build.passage_keys),
        model_hashes=build.model_keys,
        model_tokens=[tokens(k, t) for k, t in zip(build.model_keys, build.descriptions, strict=False)],
        model_vectors=_matrix(build, build.model_keys),
        documents=documents,
        dim=build.dim,
    )
    reports = list(build.reports.values())
    build.counts.update(
        notes_files=len(build.sources),
        skipped_files=sum(1 for r in reports if r.status in ("skipped", "error")),
        records=len(build.records),
        passages=len(build.passages),
        model_notes=len(build.notes),
        suffix_terms=sum(len(i.suffix_terms) for i in build.parsed),
        convention_rules=sum(len(i.convention_rules) for i in build.parsed),
        table_rows=sum(len(i.table_rows) for i in build.parsed),
        mentions=len(build.mentions),
        links=sum(len(p.linked_tags) for p in build.passages),
        unresolved_mentions=sum(1 for m in build.mentions if not m.resolved_tags),
    )
    manifest = Manifest(
        build_id=build.build_id,
        built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        embed_model=build.model_id,
        embed_dim=build.dim,
        timm_version=timm_version(),
        tokenizer=TOKENIZER_VERSION,
        source_hashes={s.name: s.sha256 for s in build.sources},
        counts=build.counts,
        timings_s=dict(clock.timings),
    )
    build.manifest = writer.finalize(manifest)


def _matrix(build: Build, keys: list[str]) -> np.ndarray:
    return np.array([build.vectors[k] for k in keys], dtype=np.float32).reshape(-1, build.dim)


def _swap(build: Build, clock: _Clock) -> None:
    build.writer.swap()


STAGES: list[tuple[str, Callable[[Build, _Clock], None]]] = [
    ("registry", _registry), ("read", _read), ("parse", _parse), ("link", _link), ("describe", _describe),
    ("embed", _embed), ("check", _guard), ("write", _write), ("swap", _swap),
]
STAGE_NAMES = tuple(name for name, _ in STAGES)


def build_index(
    notes_dir: Optional[Path] = None,
    home: Optional[Path] = None,
    progress: Optional[ProgressCallback] = None,
    embed_model: Optional[str] = None,
    before_swap: Optional[Callable[[Path], None]] = None,
    allow_shrink: bool = False,
) -> IngestReport:
    """Build and swap in a new index. Raises LockHeld (75) if another ingest runs, BadInput for a bad notes dir,
    ShrinkRefused when the build would drop most passages. `before_swap(directory)` may raise to keep the old one."""
    from kb.build import check_backend, describe_backend, new_build_id

    check_backend()
    notes_dir = Path(notes_dir) if notes_dir else NOTES_DIR
    home = Path(home) if home else kb_home()
    if not notes_dir.is_dir():
        raise BadInput(f"notes directory not found: {notes_dir}")
    home.mkdir(parents=True, exist_ok=True)
    with IngestLock(home):
        started = time.perf_counter()
        build = Build(notes_dir=notes_dir, home=home, model_id=embed_model or embed_model_id(),
                      build_id=new_build_id(), allow_shrink=allow_shrink)
        clock = _Clock(progress)
        try:
            for name, stage in STAGES:
                if name == "swap" and before_swap is not None:
                    before_swap(build.writer.directory)  # raises to keep the previous index (nightly canaries)
                clock.start(name)
                stage(build, clock)
            clock.finish()
        except BaseException:
            if build.writer is not None:
                build.writer.abort()
            raise
    recorded = time.perf_counter()
    refresh_programs(home, [r.name for r in build.records])  # the next cold queries skip the regex compiler
    timings = {**clock.timings, "patterns": round(time.perf_counter() - recorded, 3),
               "total": round(time.perf_counter() - started, 3)}
    return IngestReport(
        build_id=build.build_id,
        ok=True,
        backend=describe_backend(),
        files=list(build.reports.values()),
        counts=build.counts,
        embedded=build.counts["embedded"],
        reused=build.counts["reused_vectors"],
        timings_s=timings,
        message=f"index {build.build_id} is live",
    )
