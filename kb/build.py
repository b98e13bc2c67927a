"""What building an index needs from the core: the second, internal surface of kb, used by `ingest` alone.

`kb` (its `__init__`) is the API for asking; this module is the API for building. Every `ingest` module imports
kb through one of the two and nothing else (tests/test_layout.py checks it). Names resolve on first use, so an
ingest module that needs the schema does not load the embedder or the store.

    the stored types      Passage, PassageKind, ModelNote, Bullet, SuffixTerm, ConventionRule, TableRow,
                          ModelRecord, CheckFinding, FileReport, IngestReport, Manifest
    places and settings   NOTES_DIR, SHIPPED_VECTORS_DIR, kb_home, cache_dir, embed_model_id, write_cache
    errors and the lock   BadInput, KBError, IngestLock
    the registry          load_registry, timm_version, NameIndex, fact_source_problems
    what gets indexed     describe_record, passage_index_text, embedding_key, tokenize, TOKENIZER_VERSION, kiwi,
                          passage_sentences, UNITS_VERSION, load_embedder, printable
    the store             new_writer, open_index, new_build_id, check_backend, describe_backend
    after a swap          refresh_programs
"""

from __future__ import annotations

import importlib

_SURFACE: dict[str, str] = {
    **dict.fromkeys(("Passage", "PassageKind", "ModelNote", "Bullet", "SuffixTerm", "ConventionRule", "TableRow",
                     "ModelRecord", "CheckFinding", "FileReport", "IngestReport", "Manifest"), "kb.schema"),
    **dict.fromkeys(("NOTES_DIR", "SHIPPED_VECTORS_DIR", "kb_home", "cache_dir", "embed_model_id"), "kb.config"),
    "write_cache": "kb.files",
    "BadInput": "kb.errors", "KBError": "kb.errors",
    "IngestLock": "kb.lock",
    "load_registry": "kb.registry.records", "timm_version": "kb.registry.records",
    "fact_source_problems": "kb.registry.results",
    "NameIndex": "kb.naming.index",
    **dict.fromkeys(("describe_record", "passage_index_text", "embedding_key"), "kb.retrieval.index_text"),
    **dict.fromkeys(("tokenize", "TOKENIZER_VERSION", "kiwi"), "kb.retrieval.lexical"),
    **dict.fromkeys(("passage_sentences", "UNITS_VERSION"), "kb.retrieval.extract"),
    "load_embedder": "kb.retrieval.embed",
    "printable": "kb.language",
    **dict.fromkeys(("new_writer", "open_index", "new_build_id", "check_backend", "describe_backend"), "kb.store"),
    "refresh_programs": "kb.regex_record",
}

__all__ = sorted(_SURFACE)


def __getattr__(name: str):
    if name not in _SURFACE:
        raise AttributeError(f"module 'kb.build' has no attribute {name!r}")
    value = getattr(importlib.import_module(_SURFACE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
