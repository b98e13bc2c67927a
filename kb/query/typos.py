"""Did-you-mean: a Latin word no table knows, one or two edits away from exactly one registry or language word.

"convnxt" -> convnext, "effcientnet" -> efficientnet, "smal" -> small, "hybird" -> hybrid, "torchvison" ->
torchvision. Applied only when the nearest word is unique (a tie is reported, not guessed); every correction is
said in the answer and listed in `--json` as `corrections`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.query import words as language

_WORD = re.compile(r"(?<![A-Za-z0-9_.\-/*])[A-Za-z][A-Za-z]{3,}(?:v?\d)?(?![A-Za-z0-9_*]|\.[A-Za-z0-9])")
_PATTERN_WORD = re.compile(r"[a-z]{3,}")


@lru_cache(maxsize=1)
def language_words() -> frozenset[str]:
    """Every English word the language tables spell out (in their regexes), plus stop and common words."""
    found: set[str] = set(language.STOPWORDS) | set(language.COMMON_WORDS)

    def walk(value) -> None:
        if isinstance(value, str):
            joined = re.sub(r"\[\\s\\-\]\??|\[\\s\\-_\]\??|\\s[*?]|\[\\s\\-\]\*", "", value.lower())  # torch\s*vision
            for text in (value.lower(), joined):
                found.update(w for w in _PATTERN_WORD.findall(text) if not w.startswith(("nb", "na")))
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)

    for name in dir(language):
        if name.isupper():
            walk(getattr(language, name))
    return frozenset(found)


def _max_edits(word: str) -> int:
    return 1 if len(word) <= 6 else 2


def correct(text: str, vocabulary: set[str]) -> tuple[str, list[tuple[str, str]]]:
    """(the text with unambiguous misspellings replaced, [(as written, read as)])."""
    from rapidfuzz.distance import OSA
    from rapidfuzz import process

    known = vocabulary | language_words()
    targets = sorted(vocabulary | {w for w in language_words() if len(w) >= 4})
    corrections: list[tuple[str, str]] = []
    pieces: list[str] = []
    position = 0
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        stem = re.sub(r"v?\d+$", "", word)
        if word in known or (word.endswith("s") and word[:-1] in known) or (stem != word and stem in known):
            continue  # patch8, e300: a known word with its number
        limit = _max_edits(word)
        found = process.extract(word, targets, scorer=OSA.distance, score_cutoff=limit, limit=3)
        if not found or (len(found) > 1 and found[1][1] == found[0][1]):
            continue
        best = found[0][0]
        pieces.append(text[position:m.start()] + best)
        position = m.end()
        corrections.append((m.group(0), best))
    pieces.append(text[position:])
    return "".join(pieces), corrections
