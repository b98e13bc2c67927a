"""Korean cut without kiwi at query time: the question's Hangul is cut by what kiwi made of the notes at ingest.

At ingest every run of Hangul syllables in the notes ("정확도가", "키웠어") is stored with the content morphemes kiwi
gave it in its sentence (`runs_of`). A question's run is read from that table when the notes hold it; otherwise
its longest known beginning is, then the longest morpheme the notes use; a verb written in a contracted past
("바꿨", "나왔", "적혀") is opened to its stem ("바꾸", "나오", "적히") the way the Hangul syllable spells it. What
remains (a particle, an ending) adds nothing. So a cold Korean note question needs neither kiwi's model nor its
start-up; the answers agree with kiwi's cut (measured in docs/speed.md).
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from kb.language import HANGUL_SYLLABLES

HANGUL_RUN = re.compile(f"[{HANGUL_SYLLABLES}]+")
_BASE, _MEDIALS, _FINALS = 0xAC00, 21, 28
_FINAL_SS = 20  # ㅆ: the past tense glued to a stem ("바꿨" = 바꾸 + 었)
# the vowel a contracted syllable spells, opened to the stem's own vowel: ㅝ -> ㅜ (꿨 -> 꾸), ㅘ -> ㅗ (왔 -> 오),
# ㅙ -> ㅚ (됐 -> 되), ㅕ -> ㅣ (혀 -> 히), ㅐ -> ㅏ (했 -> 하)
_OPENED = {14: 13, 9: 8, 10: 11, 6: 20, 1: 0}


class KoreanVocabulary(NamedTuple):
    runs: dict[str, tuple[str, ...]]  # a Hangul run of the notes -> kiwi's content morphemes for it
    morphemes: frozenset[str]  # every Korean token the index and the glossary use


def runs_of(text: str, morphemes: list) -> dict[str, tuple[str, ...]]:
    """Each Hangul run of `text` with the content morphemes (kiwi tokens with .form/.start/.len, already filtered to
    content tags) that fall inside it."""
    runs: dict[str, tuple[str, ...]] = {}
    for m in HANGUL_RUN.finditer(text):
        inside = tuple(t.form.lower() for t in morphemes if m.start() <= t.start and t.start + t.len <= m.end())
        runs.setdefault(m.group(0), inside)
    return runs


def _opened(syllable: str) -> Optional[str]:
    """"꿨" -> "꾸", "왔" -> "오", "혀" -> "히": the stem's last syllable inside a contraction, or None."""
    code = ord(syllable) - _BASE
    if not 0 <= code < 11172:
        return None
    initial, medial, final = code // (_MEDIALS * _FINALS), (code // _FINALS) % _MEDIALS, code % _FINALS
    if medial not in _OPENED or final not in (0, _FINAL_SS):
        return None
    return chr(_BASE + (initial * _MEDIALS + _OPENED[medial]) * _FINALS)


# a particle glued to a Latin word ("nfnet은", "CIFAR10에서") is its whole run: no word of its own
PARTICLES = frozenset("은 는 이 가 을 를 의 도 만 와 과 로 으로 에 에서 에게 랑 이랑 하고 보다 까지 부터 처럼 이란 란 이나 나 들".split())


# what may follow a one-syllable stem ("쓰는", "할 때"): an ending, never the rest of a longer word ("어떻게")
_ENDING_START = frozenset("는은을를고게면지어아서다요니던기며도이가의에로와과랑했한할함된될됨려러")


def _longest(rest: str, known, shortest: int) -> Optional[str]:
    return next((rest[:end] for end in range(len(rest), shortest - 1, -1) if rest[:end] in known), None)


def cut(run: str, vocabulary: KoreanVocabulary) -> list[str]:
    """A question's Hangul run as the notes' morphemes, left to right: the longest beginning the notes hold as a
    run or as a morpheme, a contracted verb opened to its stem; a syllable nothing explains is skipped."""
    if run in PARTICLES:
        return []
    if run in vocabulary.runs:
        return list(vocabulary.runs[run])
    tokens: list[str] = []
    start = 0
    while start < len(run):
        rest = run[start:]
        known = _longest(rest, vocabulary.runs, 2)  # "전이학습에서": the notes' "전이학습", then "에서"
        word = _longest(rest, vocabulary.morphemes, 1 if start == 0 else 2)
        if word and len(word) == 1 and rest[1:2] and rest[1] not in _ENDING_START:
            word = None  # "어떻게" is no 어
        if known and (not word or len(known) >= len(word)):
            tokens.extend(vocabulary.runs[known])
            start += len(known)
            continue
        if word is None:  # "바꿨었지" -> 바꾸: the stem a contraction spells, the ending dropped
            word = next((stem for end in range(len(rest), 0, -1) if (opened := _opened(rest[end - 1]))
                         and (stem := rest[:end - 1] + opened) in vocabulary.morphemes and len(stem) >= 2), None)
        if word:
            tokens.append(word)
        start += len(word) if word else 1
    return tokens
