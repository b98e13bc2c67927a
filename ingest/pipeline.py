"""`kb ingest`: notes + live registry -> a new index, built aside and swapped in atomically.

Stages: registry, read, parse, link, describe, embed, write, swap. Unchanged passages and model descriptions
(same content hash, same embedding model) take their vectors from the previous build instead of re-embedding.
A lock keeps ingests one at a time; a failure or a kill at any stage leaves `current` on the last good build.

`KB_FAULT_AT=<stage>` (tests only) makes the process stop dead at the start of that stage, as `kill -9` would.
"""

from __future__ import annotations

import os
import signal
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from ingest.encoding import read_note
from ingest.linking import LiveIndex, check_notes, find_mentions, link_passage
from ingest.parse import parse_source
from ingest.vector_cache import load_vectors, save_vectors
from kb.config import NOTES_DIR, embed_model_id, kb_home
from kb.describe import content_hash, describe_record, passage_index_text
from kb.errors import BadInput, KBError
from kb.lexical import TOKENIZER_VERSION, tokenize
from kb.lock import IngestLock
from kb.schema import FileReport, IngestReport, Manifest, ParsedSource

ProgressCallback = Callable[[str, float], None]
STAGES = ("registry", "read", "parse", "link", "describe", "embed", "write", "swap")
EMBED_BATCH = 64
NOTE_SUFFIXES = {".md", ".markdown", ".txt", ".text", ""}


def _fault_point(stage: str) -> None:
    if os.environ.get("KB_FAULT_AT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def _note_files(notes_dir: Path) -> list[Path]:
    return sorted(p for p in notes_dir.iterdir() if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in NOTE_SUFFIXES)


class _Stages:
    """Times each stage and reports progress as (label, fraction)."""

    def __init__(self, progress: Optional[ProgressCallback]):
        self.progress = progress
        self.timings: dict[str, float] = {}
        self._started = 0.0
        self._stage = ""

    def start(self, stage: str) -> None:
        self.finish()
        _fault_point(stage)
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


def run_ingest(
    notes_dir: Optional[Path] = None,
    home: Optional[Path] = None,
    progress: Optional[ProgressCallback] = None,
    embed_model: Optional[str] = None,
    before_swap: Optional[Callable[[Path], None]] = None,
) -> IngestReport:
    """Build and swap in a new index. Raises LockHeld (75) if another ingest runs, BadInput for a bad notes dir."""
    notes_dir = Path(notes_dir) if notes_dir else NOTES_DIR
    home = Path(home) if home else kb_home()
    model_id = embed_model or embed_model_id()
    if not notes_dir.is_dir():
        raise BadInput(f"notes directory not found: {notes_dir}")
    home.mkdir(parents=True, exist_ok=True)
    with IngestLock(home):
        return _build(notes_dir, home, model_id, progress, before_swap)


def _build(notes_dir: Path, home: Path, model_id: str, progress: Optional[ProgressCallback],
           before_swap: Optional[Callable[[Path], None]]) -> IngestReport:
    from kb.embed import load_embedder
    from kb.registry import load_registry, timm_version
    from kb.store import IndexReader, IndexWriter, new_build_id

    started = time.perf_counter()
    stages = _Stages(progress)
    build_id = new_build_id()

    stages.start("registry")
    records = load_registry()
    records_by_name = {r.name: r for r in records}

    stages.start("read")
    files = _note_files(notes_dir)
    reports: list[FileReport] = []
    parsed: list[ParsedSource] = []
    sources = []
    for number, path in enumerate(files, start=1):
        try:
            source = read_note(path)
            sources.append(source)
            reports.append(FileReport(source=path.name, status="repaired" if source.repaired_lines else "ok",
                                      message="; ".join(source.problems)))
        except BadInput as error:
            reports.append(FileReport(source=path.name, status="skipped", message=error.message))
        stages.report(number / max(len(files), 1))

    stages.start("parse")
    for number, source in enumerate(sources, start=1):
        try:
            parsed.append(parse_source(source))
        except Exception as error:  # one note's parser failure must not stop the others
            report = next(r for r in reports if r.source == source.name)
            report.status, report.message = "error", f"could not parse: {error.__class__.__name__}: {error}"
        stages.report(number / max(len(sources), 1))

    stages.start("link")
    index = LiveIndex.from_records(records)
    passages = []
    mentions = []
    for item in parsed:
        for passage in item.passages:
            passages.append(link_passage(passage, index))
        mentions.extend(find_mentions(item.source.text, index, item.source.name))
        report = next(r for r in reports if r.source == item.source.name)
        report.passages = len(item.passages)
    notes = [n for item in parsed for n in item.model_notes]
    findings = check_notes(notes, mentions, records_by_name)

    stages.start("describe")
    descriptions = [describe_record(r) for r in records]
    passage_texts = [passage_index_text(p) for p in passages]
    passage_hashes = [content_hash(f"{model_id}\n{t}") for t in passage_texts]
    model_hashes = [content_hash(f"{model_id}\n{t}") for t in descriptions]

    stages.start("embed")
    previous: dict[str, np.ndarray] = {}
    previous_tokens: dict[str, list[str]] = {}
    try:
        reader = IndexReader.open(home, expected_embed_model=model_id)
        previous = reader.vectors_by_hash()
        if reader.tokens_current:
            previous_tokens = reader.tokens_by_hash()
    except KBError:
        pass  # no usable previous build: the vector cache still spares re-embedding
    cache_dir = kb_home() / "cache"
    previous = {**load_vectors(cache_dir, model_id), **previous}
    embedder = None
    todo = [(h, t) for h, t in zip(passage_hashes + model_hashes, passage_texts + descriptions) if h not in previous]
    todo = list(dict(todo).items())
    computed: dict[str, np.ndarray] = {}
    if todo:
        embedder = load_embedder(model_id, use_sentence_transformers=True)
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start:start + EMBED_BATCH]
            vectors = embedder.encode_passages([t for _, t in batch])
            computed.update(zip((h for h, _ in batch), vectors))
            stages.report(min(1.0, (start + len(batch)) / len(todo)))
    vectors = {**previous, **computed}
    if computed:
        save_vectors(cache_dir, model_id, {h: vectors[h] for h in set(passage_hashes + model_hashes)} | load_vectors(cache_dir, model_id))
    dim = embedder.dim if embedder else (len(next(iter(previous.values()))) if previous else 384)
    passage_matrix = np.array([vectors[h] for h in passage_hashes], dtype=np.float32).reshape(-1, dim)
    model_matrix = np.array([vectors[h] for h in model_hashes], dtype=np.float32).reshape(-1, dim)

    stages.start("write")
    writer = IndexWriter(home, build_id)
    try:
        documents = (
            [("model_note", n.source, n) for n in notes]
            + [("suffix_term", "timm-suffix-guide", t) for item in parsed for t in item.suffix_terms]
            + [("convention_rule", item.source.name, r) for item in parsed for r in item.convention_rules]
            + [("table_row", r.source, r) for item in parsed for r in item.table_rows]
            + [("finding", f.source, f) for f in findings]
            + [("file_report", r.source, r) for r in reports]
        )
        writer.write(
            records=records,
            passages=passages,
            passage_hashes=passage_hashes,
            passage_tokens=[previous_tokens.get(h) or tokenize(t) for h, t in zip(passage_hashes, passage_texts)],
            passage_vectors=passage_matrix,
            model_hashes=model_hashes,
            model_tokens=[previous_tokens.get(h) or tokenize(d) for h, d in zip(model_hashes, descriptions)],
            model_vectors=model_matrix,
            documents=documents,
            dim=dim,
        )
        counts = {
            "notes_files": len(sources),
            "skipped_files": sum(1 for r in reports if r.status in ("skipped", "error")),
            "records": len(records),
            "passages": len(passages),
            "model_notes": len(notes),
            "suffix_terms": sum(len(i.suffix_terms) for i in parsed),
            "convention_rules": sum(len(i.convention_rules) for i in parsed),
            "table_rows": sum(len(i.table_rows) for i in parsed),
            "mentions": len(mentions),
            "links": sum(len(p.linked_tags) for p in passages),
            "unresolved_mentions": sum(1 for m in mentions if not m.resolved_tags),
            "embedded": len(computed),
            "reused_vectors": len(set(passage_hashes + model_hashes) - computed.keys()),
        }
        manifest = Manifest(
            build_id=build_id,
            built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            embed_model=model_id,
            embed_dim=dim,
            timm_version=timm_version(),
            tokenizer=TOKENIZER_VERSION,
            source_hashes={s.name: s.sha256 for s in sources},
            counts=counts,
            timings_s=dict(stages.timings),
        )
        manifest = writer.finalize(manifest)
        if before_swap is not None:
            before_swap(writer.directory)  # raises to keep the previous index (nightly canaries)
        stages.start("swap")
        writer.swap()
        stages.finish()
        manifest.timings_s.update(stages.timings, total=round(time.perf_counter() - started, 3))
    except BaseException:
        writer.abort()
        raise
    return IngestReport(
        build_id=build_id,
        ok=True,
        files=reports,
        counts=counts,
        embedded=len(computed),
        reused=counts["reused_vectors"],
        timings_s=manifest.timings_s,
        message=f"index {build_id} is live",
    )
