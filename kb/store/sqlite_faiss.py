"""The embedded backend: SQLite for records, passages and notes; FAISS for vectors; inside one build directory.

    indexes/<build_id>/kb.sqlite, passages.faiss, models.faiss, manifest.json (see kb.store.layout)
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np
import orjson

from kb.errors import CorruptIndex, NoIndex, StaleIndex
from kb.schema import (
    CheckFinding,
    ConventionRule,
    FileReport,
    Manifest,
    ModelNote,
    ModelRecord,
    Passage,
    PassageSentences,
    SuffixTerm,
    TableRow,
)
from kb.store.flat import read_flat
from kb.store.layout import (
    MANIFEST,
    build_dir,
    fsync_dir,
    new_build_id,
    prune_builds,
    read_manifest,
    read_pointer,
    sha256_file,
    swap_current,
    verify_build,
)
from kb.store.loaded import LoadedBuild, check_manifest, record_for_queries, stored_record_json

DB_FILE = "kb.sqlite"
PASSAGE_VECTORS = "passages.faiss"
MODEL_VECTORS = "models.faiss"
INDEX_FILES = (DB_FILE, PASSAGE_VECTORS, MODEL_VECTORS)

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
    "sentences": PassageSentences,
}


def _save_faiss(vectors: np.ndarray, dim: int, path: Path) -> None:
    import faiss

    index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(path))


def _load_faiss(path: Path):
    flat = read_flat(path)  # the usual case, without importing faiss (kb.store.flat)
    if flat is not None:
        return flat
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
            db.executemany("INSERT INTO records VALUES (?, ?)", ((r.name, stored_record_json(r)) for r in records))
            db.executemany(
                "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)",
                ((row, p.id, p.source, h, json.dumps(t, ensure_ascii=False), p.model_dump_json())
                 for row, (p, h, t) in enumerate(zip(passages, passage_hashes, passage_tokens, strict=False))),
            )
            db.executemany(
                "INSERT INTO model_vectors VALUES (?, ?, ?, ?)",
                ((row, r.name, h, json.dumps(t)) for row, (r, h, t) in enumerate(zip(records, model_hashes, model_tokens, strict=False))),
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
        fsync_dir(self.partial)
        final = build_dir(self.home, self.build_id)
        os.rename(self.partial, final)
        fsync_dir(final.parent)
        self.directory = final
        return manifest

    def swap(self) -> None:
        swap_current(self.home, self.build_id)
        prune_builds(self.home)

    def abort(self) -> None:
        """Forget an unswapped build: the partial directory, or the finalized one that failed its checks."""
        shutil.rmtree(self.partial, ignore_errors=True)
        final = build_dir(self.home, self.build_id)
        if read_pointer(self.home, "current") != self.build_id:
            shutil.rmtree(final, ignore_errors=True)


class IndexReader(LoadedBuild):
    """One verified build, loaded into memory."""

    backend = "faiss"

    def __init__(self, home: Path, directory: Path, manifest: Manifest):
        self.home = Path(home)
        self.directory = directory
        self.manifest = manifest
        db = sqlite3.connect(f"file:{directory / DB_FILE}?mode=ro", uri=True)
        try:
            records = [record_for_queries(j) for (j,) in db.execute("SELECT json FROM records ORDER BY rowid")]
            rows = db.execute("SELECT id, hash, tokens, json FROM passages ORDER BY row").fetchall()
            model_rows = db.execute("SELECT name, hash, tokens FROM model_vectors ORDER BY row").fetchall()
            documents: dict[str, list] = {}
            for kind, _source, payload in db.execute("SELECT kind, source, json FROM documents ORDER BY rowid"):
                model = DOCUMENT_KINDS.get(kind)
                if model is not None:
                    documents.setdefault(kind, []).append(model.model_validate_json(payload))
        except sqlite3.DatabaseError as error:
            raise CorruptIndex(f"the index database is unreadable ({error}): run `kb ingest` or `kb rollback`") from None
        finally:
            db.close()
        self.load(records=records, passages=[Passage.model_validate_json(j) for _, _, _, j in rows],
                  passage_hashes=[h for _, h, _, _ in rows], passage_tokens=[orjson.loads(t) for _, _, t, _ in rows],
                  model_names=[n for n, _, _ in model_rows], model_hashes=[h for _, h, _ in model_rows],
                  model_tokens=[orjson.loads(t) for _, _, t in model_rows], documents=documents)
        self._passage_index = _load_faiss(directory / PASSAGE_VECTORS)
        self._model_index = _load_faiss(directory / MODEL_VECTORS)

    @classmethod
    def open(cls, home: Path, expected_embed_model: Optional[str] = None, verify: bool = True,
             expected_timm: Optional[str] = None) -> "IndexReader":
        home = Path(home)
        build_id = read_pointer(home, "current", strict=True)
        if not build_id:
            raise NoIndex(f"no index in {home}: run `kb ingest` first")
        return cls.open_build(home, build_dir(home, build_id), expected_embed_model, verify, expected_timm)

    @classmethod
    def open_build(cls, home: Path, directory: Path, expected_embed_model: Optional[str] = None,
                   verify: bool = True, expected_timm: Optional[str] = None) -> "IndexReader":
        """A specific build directory, e.g. a finalized build not yet swapped in (nightly canaries)."""
        manifest = check_manifest(read_manifest(directory), expected_embed_model, expected_timm)
        if manifest.backend == "qdrant-server":
            raise StaleIndex(f"build {manifest.build_id} lives on a Qdrant server: set KB_BACKEND=qdrant and "
                             "KB_QDRANT_URL, or re-ingest with `kb ingest`")
        if not verify:
            return cls(home, directory, manifest)
        # hashing the files (~10 MB) releases the interpreter: it runs beside the loading, and a damaged file still
        # answers with its own error before any reader is returned
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-verify") as pool:
            verified = pool.submit(verify_build, directory, manifest)
            try:
                reader = cls(home, directory, manifest)
            except BaseException:
                verified.result()
                raise
            verified.result()
        return reader

    def reload_if_changed(self) -> Optional["IndexReader"]:
        """A reader of the new build when `current` moved on, else None."""
        current = read_pointer(self.home, "current", strict=True)
        if not current or current == self.build_id:
            return None
        return type(self).open(self.home, expected_embed_model=self.manifest.embed_model,
                               expected_timm=self.manifest.timm_version)

    def _search(self, index, ids: list[str], vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        if index.ntotal == 0:
            return []
        scores, rows = index.search(np.asarray(vector, dtype=np.float32).reshape(1, -1), min(k, index.ntotal))
        return [(ids[r], float(s)) for s, r in zip(scores[0], rows[0], strict=False) if r >= 0]

    def search_passages(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        return self._search(self._passage_index, self.passage_ids, vector, k)

    def search_models(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        return self._search(self._model_index, self.model_names, vector, k)

    def vectors_by_hash(self) -> dict[str, np.ndarray]:
        """Every stored vector keyed by its content hash, so an incremental ingest re-embeds only what changed."""
        found: dict[str, np.ndarray] = {}
        for index, hashes in ((self._passage_index, self.passage_hashes), (self._model_index, self.model_hashes)):
            if index.ntotal:
                vectors = index.reconstruct_n(0, index.ntotal)
                found.update(zip(hashes, vectors, strict=False))
        return found
