"""Embeddings already computed, by content hash, kept in KB_HOME/cache across builds and index homes.

Embedding is most of a full ingest (about 0.07 s per text here), so every vector is kept once computed: a
rebuild after a crash, a rollback or a new index home re-embeds only text it has never seen. Stored as a
float32 .npy matrix plus a JSON list of keys (no pickle). The vectors shipped in data/vectors use the same format.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import numpy as np


def _paths(cache_dir: Path, model_id: str) -> tuple[Path, Path]:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", model_id)
    return cache_dir / f"vectors-{slug}.npy", cache_dir / f"vectors-{slug}.json"


def load_vectors(cache_dir: Path, model_id: str) -> dict[str, np.ndarray]:
    matrix_path, hashes_path = _paths(cache_dir, model_id)
    try:
        hashes = json.loads(hashes_path.read_text(encoding="utf-8"))
        matrix = np.load(matrix_path, allow_pickle=False)
    except (OSError, ValueError):
        return {}
    if len(hashes) != len(matrix):
        return {}  # a half-written pair: start over rather than trust it
    return dict(zip(hashes, matrix, strict=False))


def save_vectors(cache_dir: Path, model_id: str, vectors: dict[str, np.ndarray]) -> None:
    """Replace the cache with `vectors`. Written aside and renamed; a failed write (a full disk) leaves the old
    cache and no temporary file behind."""
    if not vectors:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    matrix_path, hashes_path = _paths(cache_dir, model_id)
    hashes = list(vectors)
    matrix = np.stack([vectors[h] for h in hashes]).astype(np.float32)
    tmp_matrix = matrix_path.with_name(f".{matrix_path.name}.{os.getpid()}.npy")
    tmp_hashes = hashes_path.with_name(f".{hashes_path.name}.{os.getpid()}.tmp")
    try:
        np.save(tmp_matrix, matrix, allow_pickle=False)
        tmp_hashes.write_text(json.dumps(hashes), encoding="utf-8")
        os.replace(tmp_matrix, matrix_path)
        os.replace(tmp_hashes, hashes_path)
    finally:
        tmp_matrix.unlink(missing_ok=True)
        tmp_hashes.unlink(missing_ok=True)
