"""Reading a faiss flat inner-product index without importing faiss.

An `IndexFlatIP` file is a fixed header and the raw float32 vectors. Its search is exhaustive, so numpy gives the
same neighbours (scores equal to float rounding); importing faiss's bindings costs a cold `kb query` about 80 ms
of its half-second budget, and a flat index of a few thousand notes and model descriptions needs none of it. Any
other file (another index type, another layout) is read by faiss itself.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

_FOURCC = b"IxFI"  # faiss's tag for IndexFlatIP (index_write.cpp)
_HEADER = 45  # fourcc, d:int32, ntotal:int64, two int64 fields, is_trained:uint8, metric:int32, count:uint64


class FlatVectors:
    """The part of faiss's Index API the store uses: ntotal, search, reconstruct_n."""

    def __init__(self, vectors: np.ndarray):
        self.vectors = vectors
        self.ntotal = len(vectors)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores = np.asarray(queries, dtype=np.float32) @ self.vectors.T
        k = min(k, self.ntotal)
        if k <= 0:
            return np.zeros((len(scores), 0), np.float32), np.zeros((len(scores), 0), np.int64)
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < self.ntotal else np.tile(np.arange(self.ntotal), (len(scores), 1))
        picked = np.take_along_axis(scores, top, axis=1)
        order = np.argsort(-picked, axis=1, kind="stable")
        return np.take_along_axis(picked, order, axis=1), np.take_along_axis(top, order, axis=1)

    def reconstruct_n(self, start: int, count: int) -> np.ndarray:
        return np.array(self.vectors[start:start + count])


def read_flat(path: Path) -> FlatVectors | None:
    """The vectors of an IndexFlatIP file, or None when the file is anything else."""
    raw = Path(path).read_bytes()
    if len(raw) < _HEADER or raw[:4] != _FOURCC:
        return None
    dim = int(np.frombuffer(raw, np.int32, 1, 4)[0])
    total = int(np.frombuffer(raw, np.int64, 1, 8)[0])
    metric = int(np.frombuffer(raw, np.int32, 1, 33)[0])
    count = int(np.frombuffer(raw, np.uint64, 1, 37)[0])
    if metric != 0 or dim <= 0 or count != dim * total or len(raw) != _HEADER + 4 * count:
        return None
    return FlatVectors(np.frombuffer(raw, np.float32, count, _HEADER).reshape(total, dim))
