"""What the Qdrant backend keeps in Qdrant: one collection of registry records and one of note passages, each
point with a dense e5 vector, a sparse BM25 vector and its payload, plus (server mode) a collection of documents.

Sparse vectors hold each term's BM25 weight without the idf (kb.retrieval.lexical.bm25_term_weight); Qdrant's IDF modifier
multiplies in Lucene's idf at query time, the same formula kb.retrieval.lexical uses, so Qdrant's BM25 ranks like the
in-memory one. Term ids come from the build's sorted vocabulary, so they never collide.
Point ids are the rows of the build (the order the writer was given), so results map back without a payload read.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator, Optional, Sequence

import numpy as np

from kb.retrieval.lexical import bm25_term_weight
from kb.store.loaded import stored_record_json

DENSE = "dense"
SPARSE = "bm25"
UPSERT_BATCH = 256
SCROLL_BATCH = 1024
# registry fields a server-side filter would use: keyword, float or integer payload indexes
PAYLOAD_INDEXES = {"name": "keyword", "arch": "keyword", "family": "keyword", "size": "keyword", "tag_tokens": "keyword",
                   "license": "keyword", "params_m": "float", "top1": "float", "resolution": "integer"}


def vocabulary(*token_lists: Iterable[Sequence[str]]) -> dict[str, int]:
    terms = sorted({term for tokens in token_lists for doc in tokens for term in doc})
    return {term: index for index, term in enumerate(terms)}


def sparse_vectors(docs: Sequence[Sequence[str]], vocab: dict[str, int]):
    """BM25 term weights of each document (idf left to Qdrant's modifier)."""
    from qdrant_client import models

    lengths = [len(doc) for doc in docs]
    average = sum(lengths) / len(docs) if docs else 0.0
    vectors = []
    for doc, length in zip(docs, lengths, strict=False):
        counts = sorted((vocab[term], tf) for term, tf in Counter(doc).items())
        vectors.append(models.SparseVector(indices=[i for i, _ in counts],
                                           values=[bm25_term_weight(tf, length, average) for _, tf in counts]))
    return vectors


def query_sparse(tokens: Sequence[str], vocab: dict[str, int]):
    """A BM25 query: weight 1 per distinct known term (as kb.retrieval.lexical.BM25Index counts a repeated term once)."""
    from qdrant_client import models

    indices = sorted({vocab[t] for t in tokens if t in vocab})
    return models.SparseVector(indices=indices, values=[1.0] * len(indices)) if indices else None


def create_collection(client, name: str, dim: int, layout: Optional[dict] = None) -> None:
    """`layout`: shard_number / replication_factor on a cluster (kb.store.qdrant.cluster_layout)."""
    from qdrant_client import models

    client.create_collection(
        name,
        **(layout or {}),
        vectors_config={DENSE: models.VectorParams(size=dim, distance=models.Distance.DOT)},  # e5 vectors are unit length
        sparse_vectors_config={SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)},
    )


def create_documents_collection(client, name: str, layout: Optional[dict] = None) -> None:
    client.create_collection(name, vectors_config={}, **(layout or {}))


def index_registry_fields(client, name: str) -> None:
    """Payload indexes for the registry fields (a server uses them for filtered search; local mode has none)."""
    from qdrant_client import models

    kinds = {"keyword": models.PayloadSchemaType.KEYWORD, "float": models.PayloadSchemaType.FLOAT,
             "integer": models.PayloadSchemaType.INTEGER}
    for field, kind in PAYLOAD_INDEXES.items():
        client.create_payload_index(name, field, kinds[kind])


def upsert(client, name: str, vectors: np.ndarray, sparse: list, payloads: Sequence[dict], progress=None) -> None:
    from qdrant_client import models

    for start in range(0, len(payloads), UPSERT_BATCH):
        points = [
            models.PointStruct(id=row, vector={DENSE: vectors[row].tolist(), SPARSE: sparse[row]}, payload=payloads[row])
            for row in range(start, min(start + UPSERT_BATCH, len(payloads)))
        ]
        client.upsert(name, points=points, wait=True)
        if progress:
            progress(min(len(payloads), start + UPSERT_BATCH))


def upsert_payloads(client, name: str, payloads: Sequence[dict], first_id: int = 0) -> None:
    from qdrant_client import models

    for start in range(0, len(payloads), UPSERT_BATCH):
        client.upsert(name, wait=True, points=[models.PointStruct(id=first_id + start + i, vector={}, payload=p)
                                               for i, p in enumerate(payloads[start:start + UPSERT_BATCH])])


def record_payload(record, hash_: str, tokens: list[str]) -> dict:
    return {"name": record.name, "arch": record.arch, "family": record.family, "size": record.size,
            "tag_tokens": record.tag.split("_"), "license": record.license, "params_m": record.params_m,
            "top1": record.top1, "resolution": record.resolution, "hash": hash_, "tokens": tokens,
            "json": stored_record_json(record)}


def passage_payload(passage, hash_: str, tokens: list[str]) -> dict:
    return {"id": passage.id, "source": passage.source, "hash": hash_, "tokens": tokens, "json": passage.model_dump_json()}


def scroll(client, name: str, with_vectors: bool = False) -> Iterator:
    """Every point of a collection in id order."""
    offset = None
    while True:
        points, offset = client.scroll(name, limit=SCROLL_BATCH, offset=offset, with_payload=True,
                                       with_vectors=[DENSE] if with_vectors else False)
        yield from sorted(points, key=lambda p: p.id)
        if offset is None:
            return


def dense_top(client, name: str, ids: list[str], vector: np.ndarray, k: int) -> list[tuple[str, float]]:
    if not ids:
        return []
    found = client.query_points(name, query=np.asarray(vector, dtype=np.float32).tolist(), using=DENSE,
                                limit=min(k, len(ids)), with_payload=False)
    return [(ids[p.id], float(p.score)) for p in found.points]


def sparse_top(client, name: str, ids: list[str], vocab: dict[str, int], tokens: Sequence[str], k: int,
               ) -> list[tuple[str, float]]:
    query = query_sparse(tokens, vocab)
    if query is None or not ids:
        return []
    found = client.query_points(name, query=query, using=SPARSE, limit=min(k, len(ids)), with_payload=False)
    # ties in Python's order (score, then row), as kb.retrieval.lexical.BM25Index.top breaks them
    return [(ids[p.id], float(p.score)) for p in sorted(found.points, key=lambda p: (-p.score, p.id))]


def documents_payloads(documents: Iterable[tuple[str, str, object]]) -> list[dict]:
    return [{"kind": kind, "source": source, "json": item.model_dump_json()} for kind, source, item in documents]


def vocabulary_payloads(vocab: dict[str, int], per_point: int = 5000) -> list[dict]:
    terms = sorted(vocab, key=vocab.get)
    return [{"kind": "vocabulary", "start": s, "terms": terms[s:s + per_point]} for s in range(0, len(terms), per_point)]


def vocabulary_from(payloads: Iterable[dict]) -> dict[str, int]:
    vocab: dict[str, int] = {}
    for payload in sorted(payloads, key=lambda p: p["start"]):
        vocab.update((term, payload["start"] + i) for i, term in enumerate(payload["terms"]))
    return vocab


def manifest_payload(manifest) -> dict:
    return {"kind": "manifest", "json": manifest.model_dump_json()}

