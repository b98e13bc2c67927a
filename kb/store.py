"""The on-disk index: SQLite for records, passages and notes; FAISS for vectors; a manifest that vouches for both.

Layout under KB_HOME:
    indexes/<build_id>/kb.sqlite, passages.faiss, models.faiss, manifest.json
    current   - the live build id (replaced atomically with os.replace)
    previous  - the build before it, for `kb rollback`

A build is written into `indexes/.partial-<build_id>/`, checked, renamed into place and only then named in
`current`. A crash at any point leaves `current` naming the last complete build. Readers load everything they
need into memory when they open, so swapping or pruning builds never breaks a running reader.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

from kb.errors import CorruptIndex, NoIndex, StaleIndex
from kb.lexical import TOKENIZER_VERSION
from kb.schema import (
    SCHEMA_VERSION,
    CheckFinding,
    ConventionRule,
    FileReport,
    Manifest,
    ModelNote,
    ModelRecord,
    Passage,
    SuffixTerm,
    TableRow,
)

DB_FILE = "kb.sqlite"
PASSAGE_VECTORS = "passages.faiss"
MODEL_VECTORS = "models.faiss"
MANIFEST = "manifest.json"
INDEX_FILES = (DB_FILE, PASSAGE_VECTORS, MODEL_VECTORS)
KEEP_BUILDS = 3

SCHEMA_SQL = """
CREATE TABLE records (name TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE passages (row INTEGER PRIMARY KEY, id TEXT NOT NULL, source TEXT NOT NULL, hash TEXT NOT NULL,
                       tokens TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE model_vectors (row INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, tokens TEXT NOT NULL);
CREATE TABLE documents (kind TEXT NOT NULL, source TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX documents_kind ON documents(kind);
"""

# documents.kind -> model stored as JSON there
DOCUMENT_KINDS = {
    "model_note": ModelNote,
    "suffix_term": SuffixTerm,
    "convention_rule": ConventionRule,
    "table_row": TableRow,
    "finding": CheckFinding,
    "file_report": FileReport,
}


def new_build_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_pointer(home: Path, name: str, build_id: str) -> None:
    tmp = home / f".{name}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(build_id + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, home / name)
    _fsync_dir(home)


def _read_pointer(home: Path, name: str) -> Optional[str]:
    path = Path(home) / name
    try:
        value = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return value or None


def build_dir(home: Path, build_id: str) -> Path:
    return Path(home) / "indexes" / build_id


def _save_faiss(vectors: np.ndarray, dim: int, path: Path) -> None:
    import faiss

    index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(path))


def _load_faiss(path: Path):
    import faiss

    return faiss.read_index(str(path))


class IndexWriter:
    """Writes one complete build, then `commit()` swaps it in. Nothing is visible to readers before commit."""

    def __init__(self, home: Path, build_id: Optional[str] = None):
        self.home = Path(home)
        self.build_id = build_id or new_build_id()
        self.partial = self.home / "indexes" / f".partial-{self.build_id}"
        self.partial.mkdir(parents=True, exist_ok=False)

    def write(
        self,
        *,
        records: Sequence[ModelRecord],
        passages: Sequence[Passage],
        passage_hashes: Sequence[str],
        passage_tokens: Sequence[list[str]],
        passage_vectors: np.ndarray,
        model_hashes: Sequence[str],
        model_tokens: Sequence[list[str]],
        model_vectors: np.ndarray,
        documents: Iterable[tuple[str, str, object]],  # (kind, source, pydantic model)
        dim: int,
    ) -> None:
        db = sqlite3.connect(self.partial / DB_FILE)
        try:
            db.executescript(SCHEMA_SQL)
            db.executemany("INSERT INTO records VALUES (?, ?)", ((r.name, r.model_dump_json()) for r in records))
            db.executemany(
                "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)",
                ((row, p.id, p.source, h, json.dumps(t, ensure_ascii=False), p.model_dump_json())
                 for row, (p, h, t) in enumerate(zip(passages, passage_hashes, passage_tokens))),
            )
            db.executemany(
                "INSERT INTO model_vectors VALUES (?, ?, ?, ?)",
                ((row, r.name, h, json.dumps(t)) for row, (r, h, t) in enumerate(zip(records, model_hashes, model_tokens))),
            )
            db.executemany(
                "INSERT INTO documents VALUES (?, ?, ?)",
                ((kind, source, item.model_dump_json()) for kind, source, item in documents),
            )
            db.commit()
        finally:
            db.close()
        _save_faiss(passage_vectors, dim, self.partial / PASSAGE_VECTORS)
        _save_faiss(model_vectors, dim, self.partial / MODEL_VECTORS)

    def commit(self, manifest: Manifest) -> Manifest:
        """Finalize, then point `current` at the new build."""
        manifest = self.finalize(manifest)
        self.swap()
        return manifest

    def finalize(self, manifest: Manifest) -> Manifest:
        """Checksum, write the manifest last and rename into place. Readers still see the old build."""
        for name in INDEX_FILES:
            with open(self.partial / name, "rb") as handle:
                os.fsync(handle.fileno())
        manifest = manifest.model_copy(
            update={
                "build_id": self.build_id,
                "file_checksums": {n: sha256_file(self.partial / n) for n in INDEX_FILES},
                "file_sizes": {n: (self.partial / n).stat().st_size for n in INDEX_FILES},
            }
        )
        (self.partial / MANIFEST).write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
        _fsync_dir(self.partial)
        final = build_dir(self.home, self.build_id)
        os.rename(self.partial, final)
        _fsync_dir(final.parent)
        self.directory = final
        return manifest

    def swap(self) -> None:
        swap_current(self.home, self.build_id)
        prune_builds(self.home)

    def abort(self) -> None:
        """Forget an unswapped build: the partial directory, or the finalized one that failed its checks."""
        shutil.rmtree(self.partial, ignore_errors=True)
        final = build_dir(self.home, self.build_id)
        if _read_pointer(self.home, "current") != self.build_id:
            shutil.rmtree(final, ignore_errors=True)


def swap_current(home: Path, build_id: str) -> None:
    old = _read_pointer(home, "current")
    if old and old != build_id:
        _write_pointer(home, "previous", old)
    _write_pointer(home, "current", build_id)


def rollback(home: Path) -> str:
    """Make the previous build current again (and the current one previous). Returns the build now live."""
    home = Path(home)
    previous = _read_pointer(home, "previous")
    if not previous or not (build_dir(home, previous) / MANIFEST).is_file():
        raise NoIndex("there is no previous index to roll back to")
    verify_build(build_dir(home, previous))
    current = _read_pointer(home, "current")
    _write_pointer(home, "current", previous)
    if current:
        _write_pointer(home, "previous", current)
    return previous


def prune_builds(home: Path, keep: int = KEEP_BUILDS, keep_partial: Optional[str] = None) -> None:
    """Remove old builds and abandoned partial ones; never the current or previous build."""
    root = Path(home) / "indexes"
    protected = {_read_pointer(home, "current"), _read_pointer(home, "previous")}
    complete = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for path in complete[:-keep]:
        if path.name not in protected:
            shutil.rmtree(path, ignore_errors=True)
    # only the writer holding the ingest lock prunes, so any other partial build was abandoned by a crash
    for path in root.glob(".partial-*"):
        if path.name != keep_partial:
            shutil.rmtree(path, ignore_errors=True)


def read_manifest(directory: Path) -> Manifest:
    try:
        return Manifest.model_validate_json((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NoIndex(f"no manifest in {directory}: run `kb ingest`") from None
    except ValueError as error:
        raise CorruptIndex(f"the manifest in {directory} is unreadable ({error.__class__.__name__}): run `kb ingest`") from None


def verify_build(directory: Path, manifest: Optional[Manifest] = None) -> Manifest:
    """Raise CorruptIndex unless every index file matches the manifest's size and sha256."""
    manifest = manifest or read_manifest(directory)
    for name in INDEX_FILES:
        path = directory / name
        if not path.is_file():
            raise CorruptIndex(f"index file {name} is missing in {directory}: run `kb ingest` or `kb rollback`")
        if path.stat().st_size != manifest.file_sizes.get(name) or sha256_file(path) != manifest.file_checksums.get(name):
            raise CorruptIndex(
                f"index file {name} does not match its manifest checksum (truncated or corrupted): "
                "run `kb ingest` to rebuild or `kb rollback`"
            )
    return manifest


def read_current_manifest(home: Path) -> Optional[Manifest]:
    build_id = _read_pointer(home, "current")
    if not build_id:
        return None
    try:
        return read_manifest(build_dir(home, build_id))
    except (NoIndex, CorruptIndex):
        return None


class IndexReader:
    """One verified build, loaded into memory."""

    def __init__(self, home: Path, directory: Path, manifest: Manifest):
        self.home = Path(home)
        self.directory = directory
        self.manifest = manifest
        db = sqlite3.connect(f"file:{directory / DB_FILE}?mode=ro", uri=True)
        try:
            self._records = [ModelRecord.model_validate_json(j) for (j,) in db.execute("SELECT json FROM records ORDER BY rowid")]
            rows = db.execute("SELECT id, hash, tokens, json FROM passages ORDER BY row").fetchall()
            self._passages = [Passage.model_validate_json(j) for _, _, _, j in rows]
            self.passage_hashes = [h for _, h, _, _ in rows]
            self.passage_tokens = [json.loads(t) for _, _, t, _ in rows]
            model_rows = db.execute("SELECT name, hash, tokens FROM model_vectors ORDER BY row").fetchall()
            self.model_names = [n for n, _, _ in model_rows]
            self.model_hashes = [h for _, h, _ in model_rows]
            self.model_tokens = [json.loads(t) for _, _, t in model_rows]
            self._documents: dict[str, list] = {}
            for kind, source, payload in db.execute("SELECT kind, source, json FROM documents ORDER BY rowid"):
                model = DOCUMENT_KINDS.get(kind)
                if model is not None:
                    self._documents.setdefault(kind, []).append(model.model_validate_json(payload))
        except sqlite3.DatabaseError as error:
            raise CorruptIndex(f"the index database is unreadable ({error}): run `kb ingest` or `kb rollback`") from None
        finally:
            db.close()
        self._passage_index = _load_faiss(directory / PASSAGE_VECTORS)
        self._model_index = _load_faiss(directory / MODEL_VECTORS)

    @classmethod
    def open(cls, home: Path, expected_embed_model: Optional[str] = None, verify: bool = True) -> "IndexReader":
        home = Path(home)
        build_id = _read_pointer(home, "current")
        if not build_id:
            raise NoIndex(f"no index in {home}: run `kb ingest` first")
        return cls.open_build(home, build_dir(home, build_id), expected_embed_model, verify)

    @classmethod
    def open_build(cls, home: Path, directory: Path, expected_embed_model: Optional[str] = None,
                   verify: bool = True) -> "IndexReader":
        """A specific build directory, e.g. a finalized build not yet swapped in (nightly canaries)."""
        manifest = read_manifest(directory)
        if manifest.schema_version != SCHEMA_VERSION:
            raise StaleIndex(
                f"the index uses schema {manifest.schema_version}, this timm-kb reads schema {SCHEMA_VERSION}: "
                "re-ingest with `kb ingest`"
            )
        if expected_embed_model and manifest.embed_model != expected_embed_model:
            raise StaleIndex(
                f"the index was embedded with {manifest.embed_model}, but {expected_embed_model} is configured: "
                "re-ingest with `kb ingest`"
            )
        if verify:
            verify_build(directory, manifest)
        return cls(home, directory, manifest)

    @property
    def build_id(self) -> str:
        return self.manifest.build_id

    @property
    def tokens_current(self) -> bool:
        """The stored BM25 tokens come from this code's tokenizer (else they must be recomputed)."""
        return self.manifest.tokenizer == TOKENIZER_VERSION

    def reload_if_changed(self) -> Optional["IndexReader"]:
        """A reader of the new build when `current` moved on, else None."""
        current = _read_pointer(self.home, "current")
        if not current or current == self.build_id:
            return None
        return IndexReader.open(self.home, expected_embed_model=self.manifest.embed_model)

    def records(self) -> list[ModelRecord]:
        return self._records

    def passages(self) -> list[Passage]:
        return self._passages

    def documents(self, kind: str) -> list:
        return self._documents.get(kind, [])

    def _search(self, index, ids: list[str], vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        if index.ntotal == 0:
            return []
        scores, rows = index.search(np.asarray(vector, dtype=np.float32).reshape(1, -1), min(k, index.ntotal))
        return [(ids[r], float(s)) for s, r in zip(scores[0], rows[0]) if r >= 0]

    def search_passages(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        return self._search(self._passage_index, [p.id for p in self._passages], vector, k)

    def search_models(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        return self._search(self._model_index, self.model_names, vector, k)

    def tokens_by_hash(self) -> dict[str, list[str]]:
        return dict(zip(self.passage_hashes + self.model_hashes, self.passage_tokens + self.model_tokens))

    def vectors_by_hash(self) -> dict[str, np.ndarray]:
        """Every stored vector keyed by its content hash, so an incremental ingest re-embeds only what changed."""
        found: dict[str, np.ndarray] = {}
        for index, hashes in ((self._passage_index, self.passage_hashes), (self._model_index, self.model_hashes)):
            if index.ntotal:
                vectors = index.reconstruct_n(0, index.ntotal)
                found.update(zip(hashes, vectors))
        return found
