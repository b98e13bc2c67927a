"""The sentence that answers: chosen inside the best passages, so a note answer leads with it, not with a block.

Each passage of the top five is cut into sentences (lines, list items, and sentence ends in both languages;
code lines apart). A sentence scores by its passage's fused retrieval score (relative to the best passage) plus
how many of the question's terms it holds (the question's tokens and their glossary translations, the same
tokens BM25 uses). Code is never quoted as prose: a code line wins only when no sentence holds a question term,
and then it is returned as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from kb.answering.schema import PassageHit
from kb.retrieval.glossary import SIZE_LETTERS, translate_tokens
from kb.retrieval.lexical import hangul_runs, stem, tokenize
from kb.schema import PassageSentences, SentenceUnit

PASSAGES = 5
PER_PASSAGE = 2
TERM_WEIGHT = 1.0  # a sentence with every question term outweighs a better-ranked passage without them
PASSAGE_WEIGHT = 0.6
MAX_CHARS = 320
_MARKUP = re.compile(r"\*\*|__|(?<!\w)`|`(?!\w)|^#+\s*|^\s*(?:[-*+]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+(?=[A-Z가-힣\"'(\[])|(?<=[다요])\.\s+")
_STOP_TERMS = {"timm", "모델", "model", "weight"}
# what kind of answer the question asks for, and what such an answer looks like
ANSWER_SHAPES = [
    (re.compile(r"\bwhen\b|언제|날짜|발표", re.I), re.compile(r"\b\d{4}[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?\b|\b(?:19|20)\d{2}\b")),
    (re.compile(r"how (?:many|much|big|large|fast)|what (?:accuracy|size|resolution|top-?1)"
                r"|몇|얼마|정확도|크기|사이즈|파라미터|배\b", re.I),
     re.compile(r"\d")),
    # "what maximum length was used", "lr 몇으로": a value set in code or a table (MAX_LEN = 128, lr=1e-3)
    (CODE_VALUE_ASKED := re.compile(r"what (?:maximum|max|minimum|value|length|learning rate|lr|batch size)"
                                    r"|(?:몇|얼마)\s*(?:으로|로)\s*(?:잡|설정|두|정|주|했|하라|쓰)", re.I),
     CODE_VALUE := re.compile(r"\b[A-Za-z_]+\s*[=:]\s*[\d.]+(?:e-?\d+)?\b|\d(?:e-?\d+)?\s*~\s*\d")),
    # "how is it named", "이름을 어떻게 지어", "어떤 형식": a name pattern or a file name
    (re.compile(r"how (?:is|are|do|does|should) .{0,40}\bnam(?:e|ed)\b|naming|file ?name"
                r"|이름을?\s*(?:어떻게|뭐라고)|어떤\s*형식|형식으로", re.I),
     re.compile(r"\{[^{}]+\}|\b[\w\-]+\.(?:py|pth|pt|json|yaml|safetensors)\b")),
    # "token IDs", "토큰 ID로": a list of numbers
    (re.compile(r"\bids?\b|아이디|\bID", re.I), re.compile(r"\[\s*\d+(?:\s*,\s*\d+){2,}")),
    # "which checkpoint / which bert model was used": a model name
    (re.compile(r"which (?:\w+ )?(?:checkpoint|model|backbone|weights?)|어떤\s*(?:체크포인트|모델|백본)", re.I),
     re.compile(r"\b[a-z][a-z0-9]*(?:[_\-.][a-z0-9]+){2,}\b")),
]
SHAPE_BONUS = 0.3
HOW_TO = re.compile(r"how (?:do|can|should|to|would)\b|어떻게\s*(?:해|하|하나|하면|하지|써|쓰|구현|작성|짜)"
                    r"|방법|예제|코드|code|snippet", re.I)
CODE_BONUS = 0.2
# a term the question writes literally, as it appears in names ("-pre", ".soup", `_headless`): the sentence that
# spells it exactly is likely the one that defines it
_LITERAL = re.compile(r"(?<![\w\-.])[\-._][A-Za-z0-9][\w\-]*|`([^`]+)`|\(([A-Za-z0-9]{1,4})\)")  # … "모델(g)" too
LITERAL_BONUS = 0.4
_SIZE_LETTER_OF = {stem(word): letter for word, letter in SIZE_LETTERS.items()}
EXTRA_QUOTE_MARGIN = 0.5  # a second quote within this score of the first: it answers too, it is not filler
LEAD_IN_PENALTY = 0.4


@dataclass
class Quote:
    text: str
    passage: PassageHit
    code: bool = False


_CODE_SYNTAX = re.compile(r"^\s*(?:def|class|import|from|return|for|if|with|print|pip|python)\b|[=;{}]|\w\(|^\s*[$>]")
_IDENTIFIER = re.compile(r"(?=.*[A-Za-z])[\w./-]*[_\-/][\w./-]*")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_BOX_DRAWING = re.compile(r"[\u2500-\u259f\u25b2-\u25bc\u25c0-\u25c4]+")  # ─│┌└├ ▼▲: a diagram's frame


def _looks_like_code(line: str) -> bool:
    """In a fence without a language the notes draw diagrams and step lists ("Step 5: Large kernel sizes
    (3×3 → 7×7)"): such lines are prose; `x = self.norm(x)` or `model.eval()` are code."""
    return bool(_CODE_SYNTAX.search(line))


def _units(text: str) -> list[tuple[str, bool]]:
    """(sentence, is code) for a passage's text, markup removed from prose."""
    units: list[tuple[str, bool]] = []
    fence: Optional[str] = None  # the language of the open fence ("" for a bare one), None outside
    header: Optional[list[str]] = None  # the open markdown table's column names
    for line in text.splitlines():
        if fence is None and _TABLE_ROW.match(line):  # a table row reads "column: value; …", its header not at all
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if header is None:
                header = cells
            elif not all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                units.append(("; ".join(f"{h}: {c}" for h, c in zip(header, cells, strict=False) if c), False))
            continue
        header = None
        if line.strip().startswith("```"):
            fence = line.strip()[3:].strip().lower() if fence is None else None
            continue
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(("#", "//")):  # "# Step 5: Large kernel sizes (3×3 → 7×7)" in a bare fence is prose;
                # in a code fence ("# Fine-tune on custom dataset") it describes the code next to it: shown as code
                units.append((stripped.lstrip("#/ ").strip(), bool(fence)))
            elif not fence:  # a diagram or a step list: its words, without the frame
                words = " ".join(_BOX_DRAWING.sub(" ", stripped).split())
                if len(words) > 3:
                    units.append((words, _looks_like_code(words)))
            elif stripped:
                units.append((stripped, True))
            continue
        clean = _MARKUP.sub("", line).strip()
        for part in (p.strip() for p in _SENTENCE_END.split(clean)):
            if len(part) > 3:  # a bare identifier ("vit-base-p32_clip-openai-pre_3rdparty_in1k") is an example, not prose
                units.append((part, bool(_IDENTIFIER.fullmatch(part))))
    return units


_FENCED = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)


def code_block(quote: Quote) -> Optional[tuple[Optional[str], str]]:
    """A code line quoted alone says little: (the prose line that introduces its fenced block, the whole block),
    or None when the line is in no block of its passage."""
    line = quote.text.strip().lstrip("#/ ").strip()
    for m in _FENCED.finditer(quote.passage.text):
        if line and line in m.group(1):
            before = [b.strip() for b in quote.passage.text[:m.start()].splitlines() if b.strip() and not b.strip().startswith("```")]
            lead = _MARKUP.sub("", before[-1]).strip() if before else None
            return (lead if lead and not _looks_like_code(lead) else None), m.group(1).rstrip()
    return None


def _stems(tokens) -> frozenset[str]:
    """Tokens compared by stem: a name's parts are kept whole by the tokenizer ("convmixer" in
    "timm/convmixer_768_32") while prose is stemmed ("ConvMixer는" -> "convmix")."""
    return frozenset(stem(t) for t in tokens)


def _units_version() -> str:
    """The cutting rules (not the scoring, which may change without re-cutting) and the tokenizer."""
    import hashlib
    import inspect

    from kb.retrieval.lexical import TOKENIZER_VERSION

    rules = [inspect.getsource(f) for f in (_looks_like_code, _units, _stems)]
    rules += [r.pattern for r in (_MARKUP, _SENTENCE_END, _CODE_SYNTAX, _IDENTIFIER, _TABLE_ROW, _BOX_DRAWING)]
    return TOKENIZER_VERSION + "+runs-1+" + hashlib.sha1("\n".join(rules).encode()).hexdigest()[:12]


UNITS_VERSION = _units_version()  # what stored units were cut with


def passage_sentences(passage_id: str, heading: str, text: str) -> PassageSentences:
    """A passage's sentences with stemmed tokens, cut at ingest and stored with the index."""
    return PassageSentences(passage_id=passage_id, version=UNITS_VERSION, heading=sorted(_stems(tokenize(heading))),
                            units=[SentenceUnit(text=t, code=c, stems=sorted(_stems(tokenize(t)))) for t, c in _units(text)],
                            runs={**hangul_runs(heading), **hangul_runs(text)})


class SentenceIndex:
    """Sentences and their tokens per passage: the ones stored at ingest, else cut once and kept (warm questions
    pay nothing for them, and an English question on Korean notes never starts kiwi)."""

    def __init__(self, stored: Optional[dict[tuple[str, str, str], PassageSentences]] = None):
        self._stored = {key: s for key, s in (stored or {}).items() if s.version == UNITS_VERSION}
        self._units: dict[tuple[str, str, str], list[tuple[str, bool, frozenset[str]]]] = {}

    def _sentences(self, passage: PassageHit) -> PassageSentences:
        key = (passage.source, passage.heading, passage.text)
        if key not in self._stored:
            self._stored[key] = passage_sentences("", passage.heading, passage.text)
        return self._stored[key]

    def units(self, passage: PassageHit) -> list[tuple[str, bool, frozenset[str]]]:
        key = (passage.source, passage.heading, passage.text)
        if key not in self._units:
            self._units[key] = [(u.text, u.code, frozenset(u.stems)) for u in self._sentences(passage).units]
        return self._units[key]

    def korean_runs(self) -> dict[str, tuple[str, ...]]:
        """What kiwi made of every Hangul run of the notes at ingest (kb.retrieval.korean_cut)."""
        return {run: tuple(tokens) for s in self._stored.values() for run, tokens in s.runs.items()}

    def heading_tokens(self, passage: PassageHit) -> frozenset[str]:
        return frozenset(self._sentences(passage).heading)


_ANAPHOR = re.compile(r"(?:이는|이것은|이건|즉|따라서|This|It|That|These|i\.e\.)\s", re.IGNORECASE)


def _goes_on(sentence: str, tokens: frozenset[str], following: tuple) -> bool:
    """Whether the unit after a sentence finishes what it says: a label of a diagram or a step list ("Low
    latency (< 10ms)" then "ConvNeXt-T, EfficientNetV2-S"; "Step 5: Large kernel sizes" then "Accuracy: 80.6% →
    81.0%"), or a short definition the next sentence explains ("'Model Souping'을 나타낼 수 있습니다." then "이는 …")."""
    # a label ends with what it qualifies in parentheses; what follows it is no label of its own
    label = (sentence.rstrip().endswith(")") and not following[0].rstrip().endswith(")") and len(tokens) <= 10
             and len(following[2]) <= 8 and not re.match(r"\d+(?:\.\d+)*\.?\s", following[0]))  # never the next heading
    return label or (len(sentence) < 120 and bool(_ANAPHOR.match(following[0])))


def best_sentences(question: str, passages: list[PassageHit], index: Optional[SentenceIndex] = None,
                   min_share: float = 0.0, idf: Optional[dict[str, float]] = None, limit: int = 2,
                   vocabulary: Optional[frozenset[str]] = None) -> list[Quote]:
    """The best sentences of the top passages (at most two per passage), or none when no sentence holds a
    question term (or holds under `min_share` of them, the passage's heading counting half). Terms weigh by
    their IDF over the notes when `idf` is given: "Blur Pooling" matters more than "모델"."""
    index = index or SentenceIndex()
    tokens = [t for t in tokenize(question, vocabulary) if t not in _STOP_TERMS]  # vocabulary: kb.retrieval.lexical.tokenize
    weight_of: dict[str, float] = {}
    for token in set(tokens) | set(translate_tokens(tokens)):
        weight = (idf or {}).get(token, 1.0 if not idf else 0.5)
        weight_of[stem(token)] = max(weight, weight_of.get(stem(token), 0.0))
        letter = _SIZE_LETTER_OF.get(token)
        if min_share == 0.0 and letter:  # a note question: "the large variant" is the row "DINOv2-L"
            weight_of.setdefault(letter, weight)
    terms = set(weight_of)
    if not passages or not terms:
        return []
    total = sum(weight_of.values()) or 1.0
    top = max(p.score for p in passages[:PASSAGES]) or 1.0
    shapes = [shape for asks, shape in ANSWER_SHAPES if asks.search(question)]
    literals = [(m.group(1) or m.group(2) or m.group(0)).lower() for m in _LITERAL.finditer(question)]
    code_asked = CODE_VALUE in shapes  # "what maximum length was used": the code line that sets it may answer
    how_to = bool(HOW_TO.search(question))  # "how do I freeze layers", "레이어 동결은 어떻게 해": the code answers
    scored: list[tuple[float, int, Quote]] = []
    for rank, passage in enumerate(passages[:PASSAGES]):
        weight = PASSAGE_WEIGHT * max(passage.score, 0.0) / top
        heading = terms & index.heading_tokens(passage)
        candidates: list[tuple[float, int, Quote]] = []
        units = index.units(passage)
        for order, (sentence, code, sentence_tokens) in enumerate(units):
            following = units[order + 1] if order + 1 < len(units) else None
            lead_in = sentence.rstrip().endswith(":") or len(sentence_tokens) < 3
            found = terms & sentence_tokens
            shaped = any(shape.search(sentence) for shape in shapes)
            if not found and not (shaped and heading):  # "- 2022.01.24" under "convmixer_768_32": a date, asked when
                continue
            share = (sum(weight_of[t] for t in found) + 0.5 * sum(weight_of[t] for t in heading - found)) / total
            if share < min_share:
                continue
            if code and how_to:
                code_weight = CODE_BONUS
            else:
                code_weight = -0.5 if code and not (code_asked and CODE_VALUE.search(sentence)) else 0.0
            score = weight + TERM_WEIGHT * share + code_weight
            score += SHAPE_BONUS * shaped
            if any(re.search(rf"(?<![A-Za-z0-9]){re.escape(lit)}(?![A-Za-z0-9])", sentence.lower()) for lit in literals):
                score += LITERAL_BONUS
            if lead_in:
                score -= LEAD_IN_PENALTY  # "ResNet-50에서 시작하여 …:" introduces an answer, it is not one
                if sentence.rstrip().endswith(":") and following is not None and not following[1] and not code:
                    sentence = f"{sentence.rstrip()} {following[0]}"  # should it still win, with what it introduces
            elif following is not None and not following[1] and not code and _goes_on(sentence, sentence_tokens, following):
                sentence = f"{sentence.rstrip()} {following[0]}"
            candidates.append((score, -(rank * 1000 + order), Quote(sentence[:MAX_CHARS], passage, code)))
        scored += sorted(candidates, key=lambda item: item[:2], reverse=True)[:PER_PASSAGE]
    scored.sort(key=lambda item: item[:2], reverse=True)
    unique: list[Quote] = []
    for score, _, quote in scored:
        if unique and score < scored[0][0] - EXTRA_QUOTE_MARGIN:
            break  # a second quote only when it answers nearly as well as the first
        if quote.text not in {q.text for q in unique}:  # the suffix guide says some things twice
            unique.append(quote)
    return unique[:limit]
