"""Answering a question: structured filters over the registry, hybrid retrieval over the notes, evidence links.

- Structured part: kb.query reads a filter expression; kb.retrieval.filters selects every matching record (set
  semantics) and ranks them by the ranking intent.
- Note part: BM25 over kiwi morphemes (plus the question's words translated by kb.retrieval.glossary) and dense e5 vectors,
  fused by weighted relative scores. Weighted RRF is kept as the alternative; ranks alone level a wide BM25 margin
  with a narrow one, and on every eval set it had the lower MRR (`bench/fusion.py` measures both).
- Weights: plain BM25 cannot match an English question to a Korean note, so dense once had to weigh more. With the
  glossary it can: over the 72 note questions of data/eval, BM25 at 0.6 / 1.0 / 1.3 / 2.0 against dense at 1.0
  gave 68 / 71 / 72 / 72 hits@5 (MRR 0.82 / 0.85 / 0.87 / 0.87), and all 31 English questions about Korean notes
  hit from 1.0 up. 1.3 is the start of that plateau.
- Evidence: passages linked to the returned models are ranked by the same fused score and come along.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property
from typing import Optional

import numpy as np

from kb.answering.quotes import knows_asked, quotes_of, related, says_any, statement, wants_code
from kb.answering.relax import relaxations, repair_empty, why_matched
from kb.answering.schema import Answer, Comparison, ModelHit, PassageHit
from kb.answering.text import compose_answer
from kb.facts import BY_KEY
from kb.language import detect_language, has_hangul, validate_question
from kb.query.describe import describe, first_version_notes
from kb.query.expression import conds, positive_conds, to_syntax
from kb.query.flat import filters_of, where_of
from kb.query.lexicon import Lexicon
from kb.query.parse import understand
from kb.query.reading import FollowUp, QueryFilters, Understanding
from kb.query.stopwords import narrows
from kb.retrieval.extract import SentenceIndex, best_sentences
from kb.retrieval.filters import Matcher
from kb.retrieval.glossary import translate_tokens, translation_table
from kb.retrieval.index_text import describe_record, passage_index_text
from kb.retrieval.korean_cut import KoreanVocabulary
from kb.retrieval.lexical import BM25Index, relative_score_fusion, tokenize, weighted_rrf
from kb.retrieval.rank import ranked_matches, tied_at
from kb.schema import Lang, ModelRecord, Passage

_EMBEDDING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-embed")
_ENGINE_LOCK = threading.Lock()
DENSE_WEIGHT = 1.0
BM25_WEIGHT = 1.3
RRF_K = 60
CANDIDATES = 50  # per retriever, before fusion
MAX_PASSAGES = 5
SUBJECT_CANDIDATES = 20  # of the fused ranking, how deep a section about the named family is looked for
MAX_FREE_TEXT_MODELS = 10
# A passage linked to a returned model gains about half of what a first place in the dense list is worth.
LINK_BONUS = {"relative": 0.5 * DENSE_WEIGHT, "rrf": 0.5 * DENSE_WEIGHT / (RRF_K + 1)}
FUSIONS = tuple(LINK_BONUS)
SPECIFIC_ANSWER_SET = 20  # answer sets up to this size give linked passages the full bonus
QUOTES = 3  # sentences a note answer leads with (at most)
QUOTE_SHARE = 0.25  # a structured answer also quotes the notes when a sentence holds a quarter of the question's terms


def asks_the_notes(read) -> bool:
    """A question about meaning ("what does … mean", "왜", "얼마"), or one with words no filter used ("which
    technique does BEiT v2 propose", "DINOv2에서 레지스터 토큰은 무슨 역할"): the notes answer it, beside the matches."""
    return read.wants_explanation or bool(read.ignored_words)


class Searcher:
    """Answers over one opened build (any kb.store backend): records and passages in memory, the embedder, and the
    store's dense and sparse top-k."""

    def __init__(self, reader, fusion: str = "relative"):
        if fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {FUSIONS}")
        self.reader = reader
        self.fusion = fusion
        self.records: list[ModelRecord] = reader.records()
        self.records_by_name: dict[str, ModelRecord] = {r.name: r for r in self.records}
        self.passages: list[Passage] = reader.passages()
        self.passage_by_id: dict[str, Passage] = {p.id: p for p in self.passages}
        self.passages_of_tag: dict[str, list[int]] = {}  # live tag -> the passages linked to it (evidence)
        for row, passage in enumerate(self.passages):
            for tag in passage.linked_tags:
                self.passages_of_tag.setdefault(tag, []).append(row)
        self.lexicon = Lexicon.from_records(self.records)
        self.matcher = Matcher(self.records)
        # tokens were computed at ingest, and the store's sparse index holds them: no kiwi start-up here unless the
        # question itself is Korean. An index tokenised by another tokenizer version is re-tokenised into an
        # in-memory BM25 until the next ingest rewrites it.
        self._retokenised: Optional[BM25Index] = None if reader.tokens_current else BM25Index.build(
            [p.id for p in self.passages], [tokenize(passage_index_text(p)) for p in self.passages])
        self._retokenised_models: Optional[BM25Index] = None
        stored = {s.passage_id: s for s in reader.documents("sentences")}
        self.sentences = SentenceIndex({(p.source, p.heading, p.text): stored[p.id] for p in self.passages if p.id in stored})

    @cached_property
    def embedder(self):
        from kb.retrieval.embed import load_embedder

        return load_embedder(self.reader.manifest.embed_model)

    @cached_property
    def live_parsed(self):
        from kb.naming.timm import parse_timm_name

        return [parse_timm_name(r.name) for r in self.records]

    # ---- retrieval primitives (also used by the eval baselines) ------------------------------------------------

    def query_vector(self, text: str) -> np.ndarray:
        with _ENGINE_LOCK:  # one engine, one embedding at a time (the app answers sessions on threads)
            return self.embedder.encode_queries([text])[0]

    def start_query_vector(self, text: str) -> Future:
        """The question's vector, computed beside the parse: the engine releases the GIL, so reading the question
        (regex work, ~5 ms warm, ~70 ms cold) and embedding it (~15 ms) overlap on a second core."""
        return _EMBEDDING.submit(self.query_vector, text)

    @cached_property
    def korean_vocabulary(self) -> KoreanVocabulary:
        """What kiwi made of the notes' Hangul at ingest, and the Korean words retrieval can use (the notes' tokens
        and the glossary's, which translates them): a question's Korean is cut by them, without kiwi."""
        return KoreanVocabulary(runs=self.sentences.korean_runs(), morphemes=frozenset(
            t for t in list(self.passage_idf) + list(translation_table()) if has_hangul(t)))

    def bm25_passages(self, text: str, k: int = CANDIDATES, vocabulary: Optional[frozenset[str]] = None) -> list[tuple[str, float]]:
        tokens = tokenize(text, vocabulary)  # vocabulary: Korean cut without kiwi (kb.retrieval.lexical.tokenize)
        # the question's words in the notes' other language count like typed ones (on the 32 dev and held-out note
        # questions, weight 1 beat 0.5: 29 against 28 hits@5)
        query = tokens + translate_tokens(tokens)
        return self.reader.sparse_passages(query, k) if self._retokenised is None else self._retokenised.top(query, k)

    @property
    def passage_idf(self) -> dict[str, float]:
        return self.reader.passage_idf if self._retokenised is None else self._retokenised.idf

    def bm25_models(self, text: str, k: int = MAX_FREE_TEXT_MODELS) -> list[tuple[str, float]]:
        if self.reader.tokens_current:
            return self.reader.sparse_models(tokenize(text, self.korean_vocabulary if has_hangul(text) else None), k)
        if self._retokenised_models is None:
            self._retokenised_models = BM25Index.build(self.reader.model_names, [
                tokenize(describe_record(self.records_by_name[n])) for n in self.reader.model_names])
        return self._retokenised_models.top(tokenize(text), k)

    def dense_passages(self, text: str, k: int = CANDIDATES, vector: Optional[np.ndarray] = None) -> list[tuple[str, float]]:
        vector = self.query_vector(text) if vector is None else vector
        return self.reader.search_passages(vector, k)

    def dense_models(self, text: str, k: int = MAX_FREE_TEXT_MODELS, vector: Optional[np.ndarray] = None) -> list[tuple[str, float]]:
        vector = self.query_vector(text) if vector is None else vector
        return self.reader.search_models(vector, k)

    def hybrid_passages(self, text: str, k: int = CANDIDATES, vocabulary: Optional[frozenset[str]] = None,
                        vector: Optional[np.ndarray] = None,
                        lexical: Optional[list[tuple[str, float]]] = None) -> list[tuple[str, float]]:
        vector = self.query_vector(text) if vector is None else vector
        dense = self.dense_passages(text, k, vector)
        lexical = self.bm25_passages(text, k, vocabulary) if lexical is None else lexical
        if self.fusion == "relative":
            return relative_score_fusion([(dense, DENSE_WEIGHT), (lexical, BM25_WEIGHT)])
        return weighted_rrf([([pid for pid, _ in dense], DENSE_WEIGHT), ([pid for pid, _ in lexical], BM25_WEIGHT)], k=RRF_K)

    # ---- answering ---------------------------------------------------------------------------------------------

    def understand(self, question: str, filters: Optional[QueryFilters] = None) -> Understanding:
        """What the question asks for; `filters` (a flat record, e.g. the sidebar's) replace the rules' reading."""
        question = validate_question(question)
        if filters is not None:
            read = understand(question, self.lexicon)
            return read.model_copy(update={"where": where_of(filters), "sort": filters.sort})
        return understand(question, self.lexicon)

    def ask(
        self,
        question: str,
        *,
        limit: int = 50,
        lang: Optional[Lang] = None,
        filters: Optional[QueryFilters] = None,
        understanding: Optional[Understanding] = None,
        follow_up: Optional[FollowUp] = None,
    ) -> Answer:
        """Answer a question; `understanding` (a follow-up's merged reading, a --where) replaces the parse."""
        question = validate_question(question)
        vector = self.start_query_vector(question)
        language: Lang = lang or detect_language(question)
        read = understanding or self.understand(question, filters)

        # Korean is cut by what kiwi made of the notes at ingest: no kiwi at query time (kb.retrieval.korean_cut)
        vocabulary = self.korean_vocabulary if has_hangul(question) else None
        lexical = self.bm25_passages(question, vocabulary=vocabulary)  # what needs no vector runs beside the engine
        models: list[ModelHit] = []
        total = among = 0
        relaxed, others = [], []
        if read.is_structured():
            matches = ranked_matches(self.matcher, read.where, read.sort)
            repaired = repair_empty(self.matcher, self.lexicon.family_set, read.where, read.asides) if not matches and read.where else None
            if repaired:  # said in the answer, never silent
                where, note_en, note_ko = repaired
                # a fact a dropped condition named is told instead ("X 고정 입력임?": its fixed input size)
                fields = {c.field for c in conds(read.where)} - {c.field for c in conds(where)}
                dropped = [f for f in fields if f in BY_KEY and BY_KEY[f].hit_key]
                read = read.model_copy(update={"where": where, "notes": read.notes + [note_ko if language == "ko" else note_en],
                                               "asked": list(dict.fromkeys(read.asked + sorted(dropped)))})
                matches = ranked_matches(self.matcher, where, read.sort)
            versions = first_version_notes(read.where, self.lexicon.family_set, language)
            if versions:  # "swin" is Swin V1 here: said, since people read it both ways
                read = read.model_copy(update={"notes": read.notes + versions})
            flags = [c.field for c in positive_conds(read.where) if c.field in BY_KEY and BY_KEY[c.field].kind == "flag"]
            if read.asked and flags:  # "crop pct 몇이고 입력 사이즈 고정임?": a yes/no asked beside facts is told too
                read = read.model_copy(update={"asked": list(dict.fromkeys(read.asked + flags))})
            among, ranked = len(matches), matches
            if read.top_n:  # "the lightest", "top 3 by top-5": the first n, and every weight tied with the n-th
                matches = tied_at(matches, read.sort, read.top_n)
                # a ranking among a few named weights says the others' figures too
                others = [ModelHit.of(r, 0.0, []) for r in ranked[len(matches):]] if among <= 4 else []
            total = len(matches)
            models = [
                ModelHit.of(r, score=1.0 - i / max(total, 1), why=why_matched(r, read.where))
                for i, r in enumerate(matches[: max(limit, 0)])
            ]
            if total == 0 and read.where is not None:
                relaxed = relaxations(self.matcher, read.where, read.sort)
        query_vector = vector.result()
        ranked_passages = self.hybrid_passages(question, vocabulary=vocabulary, vector=query_vector, lexical=lexical)
        if read.is_structured():
            if read.wants_explanation:  # a question about meaning: the notes' own ranking, not model links, the
                # sections about the family it names first ("DINOv2 pretrain에 쓴 데이터셋")
                about = ranked_passages if wants_code(question, read) else self._about_subject(ranked_passages, read.where)
                passages = self._passage_hits(about[:MAX_PASSAGES])  # a how-to's code may sit in any section
            else:
                passages = self._evidence(ranked_passages, {m.name for m in models})
        else:
            passages = self._passage_hits(ranked_passages[:MAX_PASSAGES])
            for name, score in self.dense_models(question, k=min(limit, MAX_FREE_TEXT_MODELS), vector=query_vector):
                record = self.records_by_name.get(name)
                if record is not None:
                    models.append(ModelHit.of(record, score, ["semantic match"]))
            total = 0  # free-text model hits are suggestions, not a matched set

        comparison = self._comparison(question, read, language)
        note_question = not read.is_structured() or asks_the_notes(read)
        # a note question leads with the sentences that answer; a structured one adds them when they fit well
        found = [] if comparison is not None else best_sentences(
            question, passages, self.sentences, 0.0 if note_question else QUOTE_SHARE, self.passage_idf,
            QUOTES if note_question else 1, vocabulary)
        # what could not be applied: a fact timm's data lacks, always; words no rule read that could narrow the
        # answer, unless the question is about meaning (the notes answer those words)
        leftover = [w for w in read.ignored_words if narrows(w)]
        unread = [] if read.wants_explanation else leftover
        # a structured answer quotes what is about its weights, or a statement that says a word of the question the
        # filters could not apply ("lr", "CIFAR10", "latency"); a question about meaning quotes what answers it,
        # unless it asks facts timm's data holds
        if read.is_structured() and (knows_asked(read, models) or not read.wants_explanation):
            named = leftover + [w for w in read.ignored_words if re.search(r"[a-z]", w.lower())]  # "cifar10", "1e-5"
            found = [q for q in found if (wants_code(question, read) if q.code else True) and (
                related(q, models, read.where) or (says_any(q, named) and statement(q)))]  # code: asked for
        quotes = quotes_of(found)
        if note_question and found and not found[0].code:  # the passage of the answering sentence leads the evidence
            passages = [found[0].passage] + [p for p in passages if p is not found[0].passage]
        unapplied = read.unapplied + unread if read.is_structured() else []
        text = compose_answer(language, read, models, total, passages, relaxed, follow_up, comparison, quotes, among, others,
                              unread)
        return Answer(
            query=question,
            language=language,
            filters=filters_of(read, self.lexicon.licenses),
            models=models,
            total_matches=total,
            passages=passages,
            answer=text,
            relaxations=relaxed,
            where=read.where,
            where_text=to_syntax(read.where),
            where_words=describe(read.where, language),
            sort=read.sort,
            ignored_words=read.ignored_words,
            corrections=read.corrections,
            follow_up=follow_up,
            comparison=comparison,
            quote=quotes[0] if quotes else None,
            quotes=quotes,
            top_n=read.top_n,
            asked=read.asked,
            partial=bool(unapplied),
            unapplied=unapplied,
        )

    def compare(self, names: list[str], lang: Lang = "en") -> Comparison:
        from kb.answering.compare import compare, resolve

        defaults: list = []
        chosen = resolve(names, self.records_by_name, self.lexicon.names.arch_tags, defaults)
        return compare(chosen, self.passages, lang, defaults)

    def _comparison(self, question: str, read: Understanding, lang: Lang) -> Optional[Comparison]:
        """"compare A and B", "A랑 B 차이": the names the question gives, side by side."""
        from kb.answering.compare import names_to_compare

        named = [str(c.value) for c in positive_conds(read.where) if c.field in ("name", "arch") and "*" not in str(c.value)]
        chosen = names_to_compare(question, named)
        return self.compare(chosen, lang) if chosen else None

    def _about_subject(self, ranked: list[tuple[str, float]], where) -> list[tuple[str, float]]:
        """The candidates whose heading names a family the question named, ahead of the others, each group in its
        order (a heading that names it is what the section is about)."""
        subjects = {str(c.value).lower() for c in positive_conds(where) if c.field == "family" and c.op == "="}
        if not subjects:
            return ranked
        top = ranked[:SUBJECT_CANDIDATES]

        def about(pid: str) -> bool:
            passage = self.passage_by_id.get(pid)
            heading = re.sub(r"[\s\-_]", "", passage.heading.lower()) if passage is not None else ""
            return any(re.search(rf"(?<![a-z0-9]){re.escape(s)}(?![a-z0-9])", heading) for s in subjects)
        return [r for r in top if about(r[0])] + [r for r in top if not about(r[0])] + ranked[SUBJECT_CANDIDATES:]

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
        linked = {row for name in model_names for row in self.passages_of_tag.get(name, ())}
        for row in sorted(linked):
            passage = self.passages[row]
            scores[passage.id] = scores.get(passage.id, 0.0) + bonus
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:MAX_PASSAGES]
        return self._passage_hits(best)
