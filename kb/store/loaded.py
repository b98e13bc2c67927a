"""What every backend's reader holds in memory, and the manifest checks every backend makes when it opens a build.

The store protocol (kb.store.backend) asks a reader for records, passages, documents and their stored tokens,
dense top-k and sparse (BM25) top-k. `LoadedBuild` gives the in-memory part and a BM25 over the stored tokens;
a backend with its own sparse index (Qdrant) overrides `sparse_passages` / `sparse_models`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Optional, Sequence

import orjson

from kb.errors import StaleIndex
from kb.retrieval.lexical import TOKENIZER_VERSION, BM25Index
from kb.schema import SCHEMA_VERSION, Manifest, ModelRecord, Passage


def check_manifest(manifest: Manifest, expected_embed_model: Optional[str] = None,
                   expected_timm: Optional[str] = None) -> Manifest:
    """StaleIndex unless this code can read the build and it matches the configured embedder and timm."""
    if manifest.schema_version != SCHEMA_VERSION:
        raise StaleIndex(
            f"the index uses schema {manifest.schema_version}, this timm-kb reads schema {SCHEMA_VERSION}: "
            "re-ingest with `kb ingest`"
        )
    if expected_timm and manifest.timm_version != expected_timm:
        raise StaleIndex(
            f"the index was built with timm {manifest.timm_version}, timm {expected_timm} is installed: "
            "re-ingest with `kb ingest` (or `kb nightly`)"
        )
    if expected_embed_model and manifest.embed_model != expected_embed_model:
        raise StaleIndex(
            f"the index was embedded with {manifest.embed_model}, but {expected_embed_model} is configured: "
            "re-ingest with `kb ingest`"
        )
    return manifest


def stored_record_json(record: ModelRecord) -> str:
    """A record as an index stores it: without its per-benchmark result rows, which answering never reads (half
    of the records' bytes: a cold query parses 1.6 MB instead of 3.1)."""
    return record.model_dump_json(exclude={"results"})


def record_for_queries(text: str) -> ModelRecord:
    """A stored record without its per-benchmark result rows: answering never reads them (`kb models --json`
    lists them, from the registry cache), and validating them was half of opening an index (~40 ms cold). Indexes
    written before `stored_record_json` still hold them. orjson parses the records in a third of json's time."""
    data = orjson.loads(text)
    data.pop("results", None)
    return ModelRecord.model_validate(data)


class LoadedBuild:
    """Records, passages, documents and stored tokens of one build, in memory; BM25 over the stored tokens."""

    manifest: Manifest

    def load(self, *, records: list[ModelRecord], passages: list[Passage], passage_hashes: list[str],
             passage_tokens: list[list[str]], model_names: list[str], model_hashes: list[str],
             model_tokens: list[list[str]], documents: dict[str, list]) -> None:
        self._records = records
        self._passages = passages
        self.passage_ids = [p.id for p in passages]
        self.passage_hashes = passage_hashes
        self.passage_tokens = passage_tokens
        self.model_names = model_names
        self.model_hashes = model_hashes
        self.model_tokens = model_tokens
        self._documents = documents

    @property
    def build_id(self) -> str:
        return self.manifest.build_id

    @property
    def tokens_current(self) -> bool:
        """The stored BM25 tokens come from this code's tokenizer (else they must be recomputed)."""
        return self.manifest.tokenizer == TOKENIZER_VERSION

    def records(self) -> list[ModelRecord]:
        return self._records

    def passages(self) -> list[Passage]:
        return self._passages

    def documents(self, kind: str) -> list:
        return self._documents.get(kind, [])

    def tokens_by_hash(self) -> dict[str, list[str]]:
        return dict(zip(self.passage_hashes + self.model_hashes, self.passage_tokens + self.model_tokens, strict=False))

    @cached_property
    def passage_bm25(self) -> BM25Index:
        return BM25Index.build(self.passage_ids, self.passage_tokens)

    @cached_property
    def model_bm25(self) -> BM25Index:
        return BM25Index.build(self.model_names, self.model_tokens)

    @property
    def passage_idf(self) -> dict[str, float]:
        return self.passage_bm25.idf

    def sparse_passages(self, tokens: Sequence[str], k: int) -> list[tuple[str, float]]:
        return self.passage_bm25.top(tokens, k)

    def sparse_models(self, tokens: Sequence[str], k: int) -> list[tuple[str, float]]:
        return self.model_bm25.top(tokens, k)
