"""Answering a question: structured filters over the registry, hybrid retrieval over the notes, evidence links.

- Structured part: the rules in kb.query_parse read filters; kb.filters selects every matching record (set
  semantics) and ranks them by the ranking intent.
- Note part: BM25 over kiwi morphemes and dense e5 vectors, fused with weighted RRF (dense weighted higher:
  equal weights hurt English questions about Korean notes).
- Evidence: passages linked to the returned models are ranked by the same fused score and come along.
"""

from __future__ import annotations

from functools import cached_property
from typing import Optional

import numpy as np

from kb.answer import compose_answer
from kb.filters import apply_filters, rank, relaxations
from kb.language import detect_language, validate_question
from kb.lexical import BM25Index, tokenize, weighted_rrf
from kb.query_parse import FamilyIndex, parse_question
from kb.schema import Answer, Lang, ModelHit, ModelRecord, Passage, PassageHit, QueryFilters

DENSE_WEIGHT = 1.0
BM25_WEIGHT = 0.6
RRF_K = 60
CANDIDATES = 50  # per retriever, before fusion
MAX_PASSAGES = 5
MAX_FREE_TEXT_MODELS = 10


def model_why(record: ModelRecord, filters: QueryFilters) -> list[str]:
    """Why a record matched: one short fact per filter that selected it."""
    why: list[str] = []
    arch_tokens = record.arch.split("_")
    for size in filters.sizes:
        if size in arch_tokens:
            why.append(f"size {size}")
    tag_tokens = set(record.tag.split("_"))
    for dataset in filters.datasets + filters.pretrain_datasets + filters.finetune_datasets:
        written = [d.raw for d in record.datasets if d.name == dataset] or [t for t in tag_tokens if t == dataset]
        if written:
            stage = next((d.stage for d in record.datasets if d.name == dataset), "")
            why.append(f"{'/'.join(dict.fromkeys(written))} {stage}".strip())
    if filters.in1k_only:
        why.append("in1k only")
    if filters.resolution:
        why.append(f"input {record.resolution}px")
    if filters.max_params_m is not None or filters.min_params_m is not None:
        why.append(f"{record.params_m}M params")
    if filters.min_top1 is not None:
        why.append(f"top-1 {record.top1}%")
    if filters.families:
        why.append(f"family {record.family}")
    why.extend(f"method {m}" for m in filters.methods if m in record.methods or m in tag_tokens)
    if filters.licenses:
        why.append(f"licence {record.license}")
    if filters.archs and record.arch in filters.archs:
        why.append(f"architecture {record.arch}")
    return why


def to_model_hit(record: ModelRecord, score: float, why: list[str]) -> ModelHit:
    return ModelHit(
        name=record.name,
        score=round(float(score), 4),
        why=why,
        params_m=record.params_m,
        top1=record.top1,
        resolution=record.resolution,
        test_resolution=record.test_resolution,
        license=record.license,
        hf_url=record.hf_url,
    )


class Searcher:
    """Holds what answering needs in memory: records, passages, BM25, the embedder and the FAISS indexes."""

    def __init__(self, reader):
        self.reader = reader
        self.records: list[ModelRecord] = reader.records()
        self.records_by_name: dict[str, ModelRecord] = {r.name: r for r in self.records}
        self.passages: list[Passage] = reader.passages()
        self.passage_by_id: dict[str, Passage] = {p.id: p for p in self.passages}
        self.family_index = FamilyIndex.from_records(self.records)
        self.bm25 = BM25Index.build([p.id for p in self.passages], [tokenize(self._passage_doc(p)) for p in self.passages])

    @staticmethod
    def _passage_doc(passage: Passage) -> str:
        return f"{passage.heading}\n{passage.text}"

    @cached_property
    def embedder(self):
        from kb.embed import load_embedder

        return load_embedder(self.reader.manifest.embed_model)

    @cached_property
    def live_parsed(self):
        from kb.naming import parse_timm_name

        return [parse_timm_name(r.name) for r in self.records]

    # ---- retrieval primitives (also used by the eval baselines) ------------------------------------------------

    def query_vector(self, text: str) -> np.ndarray:
        return self.embedder.encode_queries([text])[0]

    def bm25_passages(self, text: str, k: int = CANDIDATES) -> list[tuple[str, float]]:
        return self.bm25.top(tokenize(text), k)

    def dense_passages(self, text: str, k: int = CANDIDATES, vector: Optional[np.ndarray] = None) -> list[tuple[str, float]]:
        vector = self.query_vector(text) if vector is None else vector
        return self.reader.search_passages(vector, k)

    def dense_models(self, text: str, k: int = MAX_FREE_TEXT_MODELS, vector: Optional[np.ndarray] = None) -> list[tuple[str, float]]:
        vector = self.query_vector(text) if vector is None else vector
        return self.reader.search_models(vector, k)

    def hybrid_passages(self, text: str, k: int = CANDIDATES) -> list[tuple[str, float]]:
        vector = self.query_vector(text)
        return weighted_rrf(
            [([pid for pid, _ in self.dense_passages(text, k, vector)], DENSE_WEIGHT),
             ([pid for pid, _ in self.bm25_passages(text, k)], BM25_WEIGHT)],
            k=RRF_K,
        )

    # ---- answering ---------------------------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        *,
        limit: int = 50,
        lang: Optional[Lang] = None,
        filters: Optional[QueryFilters] = None,
    ) -> Answer:
        question = validate_question(question)
        language: Lang = lang or detect_language(question)
        if filters is None:
            filters = parse_question(question, self.family_index)

        ranked_passages = self.hybrid_passages(question)
        models: list[ModelHit] = []
        total = 0
        relaxed = []
        if filters.is_structured():
            matches = rank(apply_filters(self.records, filters), filters)
            total = len(matches)
            count = len(matches)
            models = [
                to_model_hit(r, score=1.0 - i / max(count, 1), why=model_why(r, filters))
                for i, r in enumerate(matches[: max(limit, 0)])
            ]
            if total == 0:
                relaxed = relaxations(self.records, filters)
            passages = self._evidence(ranked_passages, {m.name for m in models})
        else:
            passages = self._passage_hits(ranked_passages[:MAX_PASSAGES])
            for name, score in self.dense_models(question, k=min(limit, MAX_FREE_TEXT_MODELS)):
                record = self.records_by_name.get(name)
                if record is not None:
                    models.append(to_model_hit(record, score, ["semantic match"]))
            total = 0  # free-text model hits are suggestions, not a matched set

        text = compose_answer(language, filters, models, total, passages, relaxed)
        return Answer(
            query=question,
            language=language,
            filters=filters,
            models=models,
            total_matches=total,
            passages=passages,
            answer=text,
            relaxations=relaxed,
        )

    def _passage_hits(self, scored: list[tuple[str, float]]) -> list[PassageHit]:
        hits = []
        for pid, score in scored:
            p = self.passage_by_id.get(pid)
            if p is not None:
                hits.append(PassageHit(source=p.source, heading=p.heading, text=p.text, score=round(score, 5), models=p.linked_tags[:20]))
        return hits

    def _evidence(self, ranked: list[tuple[str, float]], model_names: set[str]) -> list[PassageHit]:
        """Passages that explain the returned models first, then the best-ranked passages for the question."""
        linked = [(pid, s) for pid, s in ranked if model_names & set(self.passage_by_id[pid].linked_tags)]
        if len(linked) < MAX_PASSAGES:
            seen = {pid for pid, _ in ranked}
            extra = [
                (p.id, 0.0) for p in self.passages if p.id not in seen and model_names & set(p.linked_tags)
            ]
            linked.extend(extra[: MAX_PASSAGES - len(linked)])
        chosen = linked[:MAX_PASSAGES]
        if len(chosen) < MAX_PASSAGES:
            used = {pid for pid, _ in chosen}
            chosen += [(pid, s) for pid, s in ranked if pid not in used][: MAX_PASSAGES - len(chosen)]
        return self._passage_hits(chosen)
