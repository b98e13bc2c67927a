"""Which store answers: the one interface every backend implements, and KB_BACKEND's choice among them.

    KB_BACKEND=faiss   (default) SQLite + FAISS files under KB_HOME; BM25 in memory
    KB_BACKEND=qdrant  Qdrant does dense and sparse top-k: in-process over the same files (local mode), or a
                       server or cluster when KB_QDRANT_URL is set (kb.store.qdrant)

Fusion, filters and answers stay in kb.answering.ask, above this interface, so every backend ranks alike.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Protocol, Sequence

import numpy as np

from kb.errors import BackendUnavailable
from kb.schema import Manifest, ModelRecord, Passage

BACKENDS = ("faiss", "qdrant")


class StoreReader(Protocol):
    """One opened build."""

    manifest: Manifest
    model_names: list[str]
    passage_tokens: list[list[str]]
    model_tokens: list[list[str]]

    @property
    def build_id(self) -> str: ...
    @property
    def tokens_current(self) -> bool: ...
    @property
    def passage_idf(self) -> dict[str, float]: ...
    def records(self) -> list[ModelRecord]: ...
    def passages(self) -> list[Passage]: ...
    def documents(self, kind: str) -> list: ...
    def search_passages(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]: ...
    def search_models(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]: ...
    def sparse_passages(self, tokens: Sequence[str], k: int) -> list[tuple[str, float]]: ...
    def sparse_models(self, tokens: Sequence[str], k: int) -> list[tuple[str, float]]: ...
    def tokens_by_hash(self) -> dict[str, list[str]]: ...
    def vectors_by_hash(self) -> dict[str, np.ndarray]: ...
    def reload_if_changed(self) -> Optional["StoreReader"]: ...


class StoreWriter(Protocol):
    """One build being written: nothing is visible to readers before `swap()`."""

    build_id: str
    directory: Path  # after finalize: the handle `open_index(home, build=...)` opens (a nightly's canaries)

    def write(self, *, records, passages, passage_hashes, passage_tokens, passage_vectors, model_hashes,
              model_tokens, model_vectors, documents, dim: int) -> None: ...
    def finalize(self, manifest: Manifest) -> Manifest: ...
    def swap(self) -> None: ...
    def abort(self) -> None: ...


def backend_name() -> str:
    name = os.environ.get("KB_BACKEND", "faiss").strip().lower() or "faiss"
    if name not in BACKENDS:
        raise BackendUnavailable(f"KB_BACKEND={name!r} is not a backend; choose one of {', '.join(BACKENDS)}")
    return name


def server_mode() -> bool:
    return backend_name() == "qdrant" and bool(os.environ.get("KB_QDRANT_URL"))


def check_backend() -> None:
    """Fail early (BackendUnavailable, exit 69) on an unknown KB_BACKEND or a Qdrant server that does not answer,
    before an ingest spends minutes on work it could not store."""
    if server_mode():
        from kb.store.qdrant import aliased_builds, server_client

        aliased_builds(server_client())


def describe_backend() -> str:
    """For `kb status`: "faiss", "qdrant (local)" or "qdrant (<url>)"."""
    if backend_name() == "faiss":
        return "faiss"
    from kb.errors import redact

    return redact(f"qdrant ({os.environ['KB_QDRANT_URL']})") if server_mode() else "qdrant (local)"


def _reader_class():
    if backend_name() == "faiss":
        from kb.store.sqlite_faiss import IndexReader

        return IndexReader
    if server_mode():
        from kb.store.qdrant import QdrantServerReader

        return QdrantServerReader
    from kb.store.qdrant import QdrantLocalReader

    return QdrantLocalReader


def open_index(home: Path, build: Optional[Path] = None, expected_embed_model: Optional[str] = None,
               expected_timm: Optional[str] = None) -> StoreReader:
    """The live build of `home` (or the build directory `build`) through the configured backend."""
    reader = _reader_class()
    if build is not None:
        return reader.open_build(Path(home), Path(build), expected_embed_model=expected_embed_model,
                                 expected_timm=expected_timm)
    return reader.open(Path(home), expected_embed_model=expected_embed_model, expected_timm=expected_timm)


def new_writer(home: Path, build_id: Optional[str] = None) -> StoreWriter:
    if server_mode():
        from kb.store.qdrant import QdrantServerWriter

        return QdrantServerWriter(home, build_id)
    from kb.store.sqlite_faiss import IndexWriter

    return IndexWriter(home, build_id)  # local qdrant reads the same files


def rollback_build(home: Path) -> str:
    """Make the previous build live again; the caller holds the ingest lock."""
    if server_mode():
        from kb.store.qdrant import rollback_server

        return rollback_server(Path(home))
    from kb.store.layout import rollback

    return rollback(Path(home))
