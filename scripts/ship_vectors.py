#!/usr/bin/env python
"""Write data/vectors/: the vector of every registry description of the installed (pinned) timm.

A cold ingest then embeds only the notes (~200 texts instead of ~2,000). Re-run after a timm upgrade or a
change to kb.retrieval.index_text: vectors already known (the shipped file, KB_HOME's cache) are reused, so only new or
changed descriptions are embedded; keys no description uses any more are dropped.

    .venv/bin/python scripts/ship_vectors.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.vector_cache import load_vectors, save_vectors  # noqa: E402
from kb.config import SHIPPED_VECTORS_DIR, cache_dir, embed_model_id  # noqa: E402
from kb.registry.records import load_registry  # noqa: E402
from kb.retrieval.index_text import describe_record, embedding_key  # noqa: E402


def main() -> None:
    from kb.retrieval.embed import load_embedder

    model_id = embed_model_id()
    descriptions = {embedding_key(model_id, describe_record(r)): describe_record(r) for r in load_registry()}
    known = {**load_vectors(cache_dir(), model_id), **load_vectors(SHIPPED_VECTORS_DIR, model_id)}
    todo = [(key, text) for key, text in descriptions.items() if key not in known]
    started = time.perf_counter()
    if todo:
        embedder = load_embedder(model_id)
        for start in range(0, len(todo), 64):
            batch = todo[start:start + 64]
            known.update(zip((k for k, _ in batch), embedder.encode_passages([t for _, t in batch]), strict=False))
            print(f"embedded {start + len(batch)}/{len(todo)}", file=sys.stderr)
    save_vectors(SHIPPED_VECTORS_DIR, model_id, {key: known[key] for key in descriptions})
    print(f"{len(descriptions)} description vectors in {SHIPPED_VECTORS_DIR} "
          f"({len(todo)} embedded in {time.perf_counter() - started:.1f} s, {len(descriptions) - len(todo)} reused)")


if __name__ == "__main__":
    main()
