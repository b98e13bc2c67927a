"""Korean-aware lexical search: identifier-preserving tokens, kiwipiepy morphemes, BM25 and weighted RRF.

kiwi splits identifiers (in22k -> in/22/k, beitv2 -> beitv/2), so model names and `_`/`.`/`-` identifiers are cut
out first and kept whole (plus their parts); only the prose between them goes to kiwi. Kiwi cuts the notes at
ingest; a question's Korean is cut by what it made of them (kb.retrieval.korean_cut), so no query loads kiwi.

English prose words (in English text and inside Korean sentences) are Snowball-stemmed, so "blocks" in a question
meets "block" in a note. Identifiers are never stemmed: `blocks_in22k` stays what it is.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from kb.language import has_hangul
from kb.retrieval.korean_cut import HANGUL_RUN, KoreanVocabulary, cut, runs_of

_IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[._\-/×][A-Za-z0-9]+)+|[A-Za-z]+[0-9][A-Za-z0-9]*|[0-9]+(?:\.[0-9]+)?%?")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']*")

# Kiwi tags worth indexing: nouns, verb/adjective stems, roots, foreign words, numbers, Hanja
CONTENT_TAGS = ("NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "XR", "SL", "SN", "SH", "MAG")
EN_STOPWORDS = set(
    "a an the of on in at for to and or is are was were be been do does did what which who whom how why when where "
    "that this these those it its with by from as into than then there their them they you your i me my we our "
    "can could should would will shall may might must about over under".split()
)

# Stored tokens carry this version: an index tokenised differently is re-tokenised, never silently mismatched.
TOKENIZER_VERSION = "kiwi-0.24-model-only+snowball-en-1"

_kiwi_lock = threading.Lock()


@lru_cache(maxsize=1)
def _english_stemmer():
    """PyStemmer: Snowball's English stemmer in C (the same stems as the pure-Python snowballstemmer on every
    word of the notes, the registry and the eval sets; 20x faster, and a cold query imports one module, not 30)."""
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    return _english_stemmer().stemWord(word)


_kiwi_instance = None
_kiwi_loading = threading.Lock()


def kiwi():
    """The one Kiwi of the process (ingest, queries, the mojibake repair), loaded once, thread-safely.

    Without its typo, multi-word and default user dictionaries: they cost 1.5 s and 110 MB of a cold Korean
    query here, and on every evaluation set the note retrieval scores are the same without them. Index and
    query tokens come from this same configuration (TOKENIZER_VERSION)."""
    global _kiwi_instance
    if _kiwi_instance is None:
        with _kiwi_loading:
            if _kiwi_instance is None:
                from kiwipiepy import Kiwi

                _kiwi_instance = Kiwi(load_typo_dict=False, load_multi_dict=False, load_default_dict=False)
    return _kiwi_instance


def _identifier_tokens(identifier: str) -> list[str]:
    whole = identifier.lower()
    parts = [p for p in re.split(r"[._\-/×]", whole) if p]
    return [whole] + [p for p in parts if p != whole and len(parts) > 1]


def _prose_tokens(text: str, vocabulary: Optional[KoreanVocabulary] = None) -> list[str]:
    if vocabulary is not None and has_hangul(text):
        return _vocabulary_tokens(text, vocabulary)
    return list(_prose_tokens_cached(text))


def _vocabulary_tokens(text: str, vocabulary: KoreanVocabulary) -> list[str]:
    """Korean prose cut by what kiwi made of the notes at ingest (kb.retrieval.korean_cut), not by kiwi: its
    model and start-up are most of a cold Korean question."""
    tokens = _latin_tokens(HANGUL_RUN.sub(" ", text))
    for run in HANGUL_RUN.findall(text):
        tokens.extend(cut(run, vocabulary))
    return tokens


def hangul_runs(text: str) -> dict[str, list[str]]:
    """At ingest: each run of Hangul in `text` with kiwi's content morphemes for it, cut in its sentence."""
    if not has_hangul(text):
        return {}
    with _kiwi_lock:
        morphemes = [m for m in kiwi().tokenize(text) if m.tag.startswith(CONTENT_TAGS) and m.tag != "SL"]
    return {run: list(tokens) for run, tokens in runs_of(text, morphemes).items()}


def _latin_tokens(text: str) -> list[str]:
    words = (w.lower() for w in _LATIN_WORD.findall(text))
    return [stem(w) for w in words if w not in EN_STOPWORDS and len(w) > 1]


@lru_cache(maxsize=4096)
def _prose_tokens_cached(text: str) -> tuple[str, ...]:
    """Cached: a question is tokenised for BM25, for the answering sentence and for its leftover words."""
    return tuple(_prose_tokens_uncached(text))


def _prose_tokens_uncached(text: str) -> list[str]:
    if not text.strip():
        return []
    if not has_hangul(text):
        return _latin_tokens(text)
    with _kiwi_lock:
        morphemes = kiwi().tokenize(text)
    tokens = []
    for m in morphemes:
        if m.tag.startswith(CONTENT_TAGS):
            form = m.form.lower()
            if m.tag == "SL":
                if form in EN_STOPWORDS or len(form) < 2:
                    continue
                form = stem(form)
            tokens.append(form)
    return tokens


def tokenize(text: str, vocabulary: Optional[KoreanVocabulary] = None) -> list[str]:
    """Index/query tokens: identifiers whole (and split), Korean morphemes, English words. With `vocabulary` (the
    index's Korean tokens), Korean prose is cut by it instead of by kiwi (`_vocabulary_tokens`)."""
    tokens: list[str] = []
    position = 0
    for match in _IDENTIFIER.finditer(text):
        tokens.extend(_prose_tokens(text[position:match.start()], vocabulary))
        tokens.extend(_identifier_tokens(match.group(0)))
        position = match.end()
    tokens.extend(_prose_tokens(text[position:], vocabulary))
    return tokens


# k1 and b are the Anserini/Pyserini defaults. With Okapi's 1.5 / 0.75 a passage that repeats a family name
# ten times outranked the one that answers; 0.9 / 0.4 kept 68 of 72 eval hits@5 and fixed that.
BM25_K1, BM25_B = 0.9, 0.4


def bm25_idf(document_frequency: int, documents: int) -> float:
    """Lucene's BM25 idf, the one Qdrant's IDF modifier applies: ln(1 + (N - df + 0.5) / (df + 0.5))."""
    return math.log(1 + (documents - document_frequency + 0.5) / (document_frequency + 0.5))


def bm25_term_weight(tf: int, length: int, avg_length: float, k1: float = BM25_K1, b: float = BM25_B) -> float:
    """A term's BM25 weight in one document, without the idf: a backend stores it as a sparse vector value."""
    return tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / (avg_length or 1)))


class BM25Index:
    """BM25 over pre-tokenised documents. State is plain lists and dicts: rebuilt from stored tokens."""

    def __init__(self, ids: list[str], docs: list[list[str]], k1: float = BM25_K1, b: float = BM25_B):
        self.ids = ids
        self.k1, self.b = k1, b
        self.term_freqs = [Counter(doc) for doc in docs]
        self.lengths = [len(doc) for doc in docs]
        self.avg_length = (sum(self.lengths) / len(docs)) if docs else 0.0
        document_freq: Counter = Counter()
        for doc in self.term_freqs:
            document_freq.update(doc.keys())
        n = len(docs)
        self.idf = {term: bm25_idf(df, n) for term, df in document_freq.items()}
        self.postings: dict[str, list[int]] = {}
        for index, doc in enumerate(self.term_freqs):
            for term in doc:
                self.postings.setdefault(term, []).append(index)

    @classmethod
    def build(cls, ids: list[str], docs: list[list[str]]) -> "BM25Index":
        return cls(ids, docs)

    def scores(self, query: Sequence[str]) -> dict[int, float]:
        result: dict[int, float] = {}
        for term in set(query):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for index in self.postings[term]:
                weight = bm25_term_weight(self.term_freqs[index][term], self.lengths[index], self.avg_length, self.k1, self.b)
                result[index] = result.get(index, 0.0) + idf * weight
        return result

    def top(self, query: Sequence[str], k: int) -> list[tuple[str, float]]:
        scored = sorted(self.scores(query).items(), key=lambda item: (-item[1], item[0]))
        return [(self.ids[i], s) for i, s in scored[:k]]


def weighted_rrf(rankings: Iterable[tuple[list[str], float]], k: int = 60) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: each list adds weight / (k + rank) to its items."""
    fused: dict[str, float] = {}
    for ranked_ids, weight in rankings:
        for rank, item in enumerate(ranked_ids, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def relative_score_fusion(results: Iterable[tuple[list[tuple[str, float]], float]]) -> list[tuple[str, float]]:
    """Weighted sum of min-max normalised scores (each list's best is 1, its worst 0).

    Unlike RRF it keeps how far ahead a retriever's first hit is: a passage BM25 finds with a wide margin is not
    levelled with one it ranks first by a hair."""
    fused: dict[str, float] = {}
    for scored, weight in results:
        if not scored:
            continue
        values = [score for _, score in scored]
        low, span = min(values), (max(values) - min(values)) or 1.0
        for item, score in scored:
            fused[item] = fused.get(item, 0.0) + weight * (score - low) / span
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))
