"""Answering a question: structured filters over the registry, hybrid retrieval over the notes, evidence links.

- Structured part: the rules in kb.query_parse read filters; kb.filters selects every matching record (set
  semantics) and ranks them by the ranking intent.
- Note part: BM25 over kiwi morphemes (plus the question's words translated by kb.glossary) and dense e5 vectors,
  fused by weighted relative scores. Weighted RRF is kept as the alternative; ranks alone level a wide BM25 margin
  with a narrow one, and on every eval set it had the lower MRR (`bench/fusion.py` measures both).
- Weights: plain BM25 cannot match an English question to a Korean note, so dense once had to weigh more. With the
  glossary it can: over the 72 note questions of data/eval, BM25 at 0.6 / 1.0 / 1.3 / 2.0 against dense at 1.0
  gave 68 / 71 / 72 / 72 hits@5 (MRR 0.82 / 0.85 / 0.87 / 0.87), and all 31 English questions about Korean notes
  hit from 1.0 up. 1.3 is the start of that plateau.
- Evidence: passages linked to the returned models are ranked by the same fused score and come along.
"""

from __future__ import annotations

from functools import cached_property
from typing import Optional

import numpy as np

from kb.answer import compose_answer
from kb.describe import describe_record, passage_index_text
from kb.glossary import translate_tokens
from kb.filters import apply_filters, rank, relaxations, why_matched
from kb.language import detect_language, validate_question
from kb.lexical import BM25Index, relative_score_fusion, tokenize, weighted_rrf
from kb.query_parse import FamilyIndex, parse_question
from kb.schema import Answer, Lang, ModelHit, ModelRecord, Passage, PassageHit, QueryFilters

DENSE_WEIGHT = 1.0
BM25_WEIGHT = 1.3
RRF_K = 60
CANDIDATES = 50  # per retriever, before fusion
MAX_PASSAGES = 5
MAX_FREE_TEXT_MODELS = 10
# A passage linked to a returned model gains about half of what a first place in the dense list is worth.
LINK_BONUS = {"relative": 0.5 * DENSE_WEIGHT, "rrf": 0.5 * DENSE_WEIGHT / (RRF_K + 1)}
FUSIONS = tuple(LINK_BONUS)
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

    def __init__(self, reader, fusion: str = "relative"):
        if fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {FUSIONS}")
        self.reader = reader
        self.fusion = fusion
        self.records: list[ModelRecord] = reader.records()
        self.records_by_name: dict[str, ModelRecord] = {r.name: r for r in self.records}
        self.passages: list[Passage] = reader.passages()
        self.passage_by_id: dict[str, Passage] = {p.id: p for p in self.passages}
        self.family_index = FamilyIndex.from_records(self.records)
        # tokens were computed at ingest: no kiwi start-up here unless the question itself is Korean. An index
        # tokenised by another tokenizer version is re-tokenised in memory until the next ingest rewrites it.
        passage_tokens = reader.passage_tokens if reader.tokens_current else [tokenize(passage_index_text(p)) for p in self.passages]
        self.bm25 = BM25Index.build([p.id for p in self.passages], passage_tokens)
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
        tokens = tokenize(text)
        # the question's words in the notes' other language count like typed ones (on the 32 dev and held-out note
        # questions, weight 1 beat 0.5: 29 against 28 hits@5)
        return self.bm25.top(tokens + translate_tokens(tokens), k)

    def bm25_models(self, text: str, k: int = MAX_FREE_TEXT_MODELS) -> list[tuple[str, float]]:
        if self._model_bm25 is None:
            if self.reader.tokens_current:
                model_tokens = self.reader.model_tokens
            else:
                model_tokens = [tokenize(describe_record(self.records_by_name[n])) for n in self.reader.model_names]
            self._model_bm25 = BM25Index.build(self.reader.model_names, model_tokens)
        return self._model_bm25.top(tokenize(text), k)

    def dense_passages(self, text: str, k: int = CANDIDATES, vector: Optional[np.ndarray] = None) -> list[tuple[str, float]]:
        vector = self.query_vector(text) if vector is None else vector
        return self.reader.search_passages(vector, k)

    def dense_models(self, text: str, k: int = MAX_FREE_TEXT_MODELS, vector: Optional[np.ndarray] = None) -> list[tuple[str, float]]:
        vector = self.query_vector(text) if vector is None else vector
        return self.reader.search_models(vector, k)

    def hybrid_passages(self, text: str, k: int = CANDIDATES) -> list[tuple[str, float]]:
        vector = self.query_vector(text)
        dense, lexical = self.dense_passages(text, k, vector), self.bm25_passages(text, k)
        if self.fusion == "relative":
            return relative_score_fusion([(dense, DENSE_WEIGHT), (lexical, BM25_WEIGHT)])
        return weighted_rrf([([pid for pid, _ in dense], DENSE_WEIGHT), ([pid for pid, _ in lexical], BM25_WEIGHT)], k=RRF_K)

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
        bonus = LINK_BONUS[self.fusion] * min(1.0, SPECIFIC_ANSWER_SET / max(len(model_names), 1))
        for passage in self.passages:
            if model_names.intersection(passage.linked_tags):
                scores[passage.id] = scores.get(passage.id, 0.0) + bonus
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:MAX_PASSAGES]
        return self._passage_hits(best)
