"""Model names written in Hangul ("레즈넷50", "모바일넷v3", "에피션트넷", "스윈v2", "컨브넥스트"), read as the registry
names they sound like.

Korean writes an English loanword by its sound, and loses distinctions English spelling keeps (f / p, v / b, r / l,
z / j / s, c / k / g) while adding vowels English does not write (the ㅡ of 스, 트, 즈). So both sides are reduced to
one phonetic key: the consonant classes Korean keeps, and the vowels it writes. A Hangul word is the registry word
whose key is nearest, when one is clearly nearest; numbers and versions attached to it stay attached ("레즈넷50" is
resnet50, "에바02" eva02). Spellings no rule reaches (비전 트랜스포머, 딥잇) are data: kb.query.words' aliases.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

_SYLLABLE_BASE, _MEDIALS, _FINALS = 0xAC00, 21, 28
# each jamo as a key: consonants by the class Korean keeps, vowels by their sound; "" is silent or epenthetic
_INITIAL = ["K", "K", "N", "T", "T", "L", "M", "B", "B", "S", "S", "", "S", "S", "C", "K", "T", "P", "H"]
_MEDIAL = ["a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we", "we", "yo", "u", "wo", "we", "wi", "yu", "",
           "ui", "i"]
# a final ㅅ is the t of "net" (넷); a final ㅇ is ng
_FINAL = ["", "K", "K", "KS", "N", "N", "N", "T", "L", "LK", "LM", "LP", "LS", "LT", "LP", "L", "M", "P", "PS", "T", "T",
          "NG", "T", "T", "K", "T", "P", "T"]
_LATIN = [  # (spelling, key) tried longest first; c is s before e, i and y; an r before a consonant is not said
    ("tion", "Son"), ("sion", "Son"), ("dge", "S"), ("gh", "K"), ("ph", "P"), ("th", "T"), ("ch", "C"), ("sh", "S"),
    ("ck", "K"), ("ng", "NG"),
    ("qu", "Kw"), ("x", "KS"), ("ee", "i"), ("oo", "u"), ("ea", "i"), ("ai", "ai"), ("ei", "ei"), ("ie", "i"),
    ("f", "P"), ("p", "P"), ("v", "B"), ("b", "B"), ("t", "T"), ("d", "T"), ("k", "K"), ("g", "K"), ("q", "K"),
    ("s", "S"), ("z", "S"), ("j", "S"), ("l", "L"), ("r", "L"), ("m", "M"), ("n", "N"), ("h", "H"), ("w", "w"),
    ("y", "i"), ("a", "a"), ("e", "e"), ("i", "i"), ("o", "o"), ("u", "u"),
]
HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
# particles and endings that stick to a name in a sentence ("레즈넷50을", "모바일넷은", "스윈이랑")
PARTICLES = ("이랑", "랑", "하고", "에서", "으로", "로", "은", "는", "이", "가", "을", "를", "의", "도", "만", "과", "와",
             "중에", "중", "들", "계열", "모델", "처럼", "보다", "까지", "부터")


def hangul_key(word: str) -> str:
    """The phonetic key of a Hangul word: 레즈넷 -> LeSNeT, 스윈 -> Swin."""
    key = []
    for char in word:
        code = ord(char) - _SYLLABLE_BASE
        if not 0 <= code < 11172:
            continue
        initial, rest = divmod(code, _MEDIALS * _FINALS)
        medial, final = divmod(rest, _FINALS)
        if key and key[-1] == "T" and _INITIAL[initial] in ("S", "C"):
            key[-1] = ""  # 엣지 is e-dge: a final ㅅ before ㅈ / ㅊ / ㅅ doubles the consonant, it is not a t
        key += [_INITIAL[initial], _MEDIAL[medial], _FINAL[final]]
    return re.sub(r"([A-Z])\1+", r"\1", "".join(key))  # 볼로 is vo-lo: a consonant said twice is one


def latin_key(word: str) -> str:
    """The phonetic key of a registry word: resnet -> LeSNeT, swin -> Swin, efficientnet -> ePiSieNTNeT."""
    word = re.sub(r"[^a-z]", "", word.lower())
    word = re.sub(r"c(?=[eiy])", "s", word).replace("c", "k")
    word = re.sub(r"er(?![aeiouy])", "o", word)  # mixer -> mikso: Korean writes a final -er as 어 (믹서)
    word = re.sub(r"(?<=[aeiou])r(?![aeiouy])", "", word)  # former -> fomo, as Korean writes it (포머)
    key, position = [], 0
    while position < len(word):
        for spelling, sound in _LATIN:
            if word.startswith(spelling, position):
                key.append(sound)
                position += len(spelling)
                break
        else:
            position += 1
    return re.sub(r"([A-Z])\1+", r"\1", "".join(key))  # a doubled consonant is said once (ff, ll)


def _consonants(key: str) -> str:
    return re.sub(r"[^A-Z]", "", key)


def _distance(a: str, b: str) -> float:
    """Consonants weigh fully, vowels a quarter: Korean writes vowels English spells otherwise. More than two
    vowel edits (three in a long name whose consonants all agree) is another word ("시리즈인데" is not seresnet,
    however alike their consonants)."""
    from rapidfuzz.distance import Levenshtein

    consonants = Levenshtein.distance(_consonants(a), _consonants(b))
    letters = Levenshtein.distance(a.lower(), b.lower())
    # a long name whose every consonant agrees may miss a vowel more ("이피션트넷": i-/e-, -syo-/-ci-)
    vowels = 3 if consonants == 0 and len(_consonants(a)) >= 6 else 2
    return consonants + 0.25 * letters if letters - consonants <= vowels else 99.0


@lru_cache(maxsize=4)
def _keys(words: tuple[str, ...]) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for word in words:
        keys.setdefault(latin_key(word), []).append(word)
    return keys


def nearest_name(hangul: str, words: Iterable[str]) -> Optional[str]:
    """The registry word a Hangul spelling sounds like, or None when none is close or two are equally close.
    `words` are letters only (a family's digits stay with the Hangul: 에바02 -> eva + 02). A short name must sound
    exactly alike (스윈 -> swin, 레빗 -> levit; 디노 is not tiny); a longer one may miss a sound (에피션넷)."""
    key = hangul_key(hangul)
    if len(_consonants(key)) < 2:
        return None  # one consonant says too little (에바 is data: an alias)
    scored = sorted((_distance(key, k), ws) for k, ws in _keys(tuple(sorted(set(words)))).items())
    if not scored:
        return None
    best, names = scored[0]
    if len(names) > 1:
        return None  # 비트: vit and bit sound alike
    if best == 0:
        return names[0]
    if len(_consonants(key)) <= 3 or best > 1.5 or (len(scored) > 1 and scored[1][0] - best < 0.5):
        return None
    return names[0]


def strip_particle(word: str) -> tuple[str, str]:
    """(the name, the particle after it): 모바일넷은 -> (모바일넷, 은)."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) > len(particle) + 1:
            return word[: -len(particle)], particle
    return word, ""
