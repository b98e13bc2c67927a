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
from kb.filters import apply_filters, rank, relaxations, why_matched
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
LINK_BONUS = 0.5 * DENSE_WEIGHT / (RRF_K + 1)  # about half of a first place in one retriever
SPECIFIC_ANSWER_SET = 20  # answer sets up to this size give linked passages the full bonus


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
        # tokens were computed at ingest: no kiwi start-up here unless the question itself is Korean
        self.bm25 = BM25Index.build([p.id for p in self.passages], reader.passage_tokens)
        self._model_bm25: Optional[BM25Index] = None

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

    def bm25_models(self, text: str, k: int = MAX_FREE_TEXT_MODELS) -> list[tuple[str, float]]:
        if self._model_bm25 is None:
            self._model_bm25 = BM25Index.build(self.reader.model_names, self.reader.model_tokens)
        return self._model_bm25.top(tokenize(text), k)

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
            models = [
                to_model_hit(r, score=1.0 - i / max(total, 1), why=why_matched(r, filters))
                for i, r in enumerate(matches[: max(limit, 0)])
            ]
            if total == 0:
                relaxed = relaxations(self.records, filters)
            if filters.wants_explanation:  # a question about meaning: the notes' own ranking, not model links
                passages = self._passage_hits(ranked_passages[:MAX_PASSAGES])
            else:
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
        """The fused ranking, with passages that mention a returned model moved up. A link to one of five answers
        is strong evidence, a link to one of five hundred is not: the bonus shrinks as the answer set grows."""
        scores = dict(ranked)
        bonus = LINK_BONUS * min(1.0, SPECIFIC_ANSWER_SET / max(len(model_names), 1))
        for passage in self.passages:
            if model_names.intersection(passage.linked_tags):
                scores[passage.id] = scores.get(passage.id, 0.0) + bonus
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:MAX_PASSAGES]
        return self._passage_hits(best)
