"""Writing files so that a reader never sees half of one: write aside, fsync, rename."""

from __future__ import annotations

import os
from pathlib import Path


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step; on failure nothing is left behind but the old file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_cache(path: Path, text: str) -> bool:
    """A cache entry is worth keeping, never worth failing for: a read-only or full KB_HOME just skips it."""
    try:
        atomic_write_text(path, text)
        return True
    except OSError:
        return False
