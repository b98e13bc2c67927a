"""Did-you-mean: a Latin word no table knows, one or two edits away from exactly one registry or language word.

"convnxt" -> convnext, "effcientnet" -> efficientnet, "smal" -> small, "hybird" -> hybrid, "torchvison" ->
torchvision. Applied only when the nearest word is unique (a tie is reported, not guessed); every correction is
said in the answer and listed in `--json` as `corrections`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from kb.query import stopwords
from kb.query import words as language

_WORD = re.compile(r"(?<![A-Za-z0-9_.\-/*])[A-Za-z][A-Za-z]{3,}(?:v?\d)?(?![A-Za-z0-9_*]|\.[A-Za-z0-9])")
_PATTERN_WORD = re.compile(r"[a-z]{3,}")


def _strings(value):
    """Every string inside nested lists, tuples, sets and dicts (keys and values): the language tables' words."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


def _words_in(values) -> set[str]:
    found: set[str] = set()
    for value in _strings(values):
        joined = re.sub(r"\[\\s\\-\]\??|\[\\s\\-_\]\??|\\s[*?]|\[\\s\\-\]\*", "", value.lower())  # torch\s*vision
        for text in (value.lower(), joined):
            found.update(w for w in _PATTERN_WORD.findall(text) if not w.startswith(("nb", "na")))
    return found


@lru_cache(maxsize=1)
def language_words() -> frozenset[str]:
    """Every English word the language tables spell out (in their regexes), plus stop and common words: words
    that need no correction."""
    from kb.facts import FACTS

    tables = [getattr(language, name) for name in dir(language) if name.isupper()]
    tables += [(f.words, f.more, f.less, f.values) for f in FACTS]  # "crop", "fixed", "activations"
    return frozenset(_words_in(tables) | set(stopwords.STOPWORDS) | set(stopwords.COMMON_WORDS))


@lru_cache(maxsize=1)
def _fact_word() -> "re.Pattern":
    """A word the fact table's regexes spell ("fastest", "lighter", "activations"): a word, not a misspelt name."""
    from kb.facts import FACTS

    patterns = [p for f in FACTS for p in f.words + f.more + f.less + tuple(v for vs in f.values.values() for v in vs)]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def naming_words() -> frozenset[str]:
    """The language words a misspelling may be corrected into: names of sizes, methods, datasets and families
    (torchvision, distilled, small). Never an operator: "ship" must not become "skip"."""
    return frozenset(_words_in([language.SIZE_QUESTION_WORDS, language.METHOD_PATTERNS, language.DATASET_PATTERNS,
                                language.FAMILY_ALIASES, language.EXTRA_SIZE_WORDS]))


def _max_edits(word: str) -> int:
    return 1 if len(word) <= 6 else 2


_IDENTIFIER = re.compile(r"(?<![A-Za-z0-9_.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9_])")


def _nearest(word: str, targets: list[str]):
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    found = process.extract(word, targets, scorer=OSA.distance, score_cutoff=_max_edits(word), limit=3)
    if not found or (len(found) > 1 and found[1][1] == found[0][1]):
        return None
    return found[0][0]


def correct_identifiers(text: str, archs: set[str], vocabulary: set[str]) -> tuple[str, list[tuple[str, str]]]:
    """A pasted name with a misspelt part ("convnxt_tiny"): the part corrected when that gives a live architecture."""
    corrections = []
    targets = sorted(vocabulary)
    for m in reversed(list(_IDENTIFIER.finditer(text))):
        name = m.group(0)
        arch = name.split(".")[0]
        if arch in archs or any(a.startswith(arch + "_") for a in archs):
            continue
        parts = [p if p in vocabulary or len(p) < 4 or p.isdigit() else (_nearest(p, targets) or p) for p in arch.split("_")]
        fixed = "_".join(parts)
        if fixed != arch and (fixed in archs or any(a.startswith(fixed + "_") for a in archs)):
            text = text[:m.start()] + fixed + text[m.start() + len(arch):]
            corrections.insert(0, (arch, fixed))
    return text, corrections


_MIXED_WORD = re.compile(r"(?<![A-Za-z0-9_.\-/*])[A-Za-z]{3,}\d+[A-Za-z]+\d*(?![A-Za-z0-9_*]|\.[A-Za-z0-9])")


def correct_mixed(text: str, archs: set[str], vocabulary: set[str], targets: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """A misspelt family or architecture whose name has a digit inside ("sequencr2d" -> sequencer2d, "res2nt" ->
    res2net, "res2nte50" -> res2net50): read against the names that have one, unless the word begins a live
    architecture name."""
    corrections = []
    for m in reversed(list(_MIXED_WORD.finditer(text))):
        word = m.group(0).lower()
        if word in vocabulary or any(a.startswith(word) for a in archs):
            continue
        best = _nearest(word, targets)
        if best:
            text = text[:m.start()] + best + text[m.end():]
            corrections.insert(0, (m.group(0), best))
    return text, corrections


# a Hangul name and what is written with it: digits glued to it ("레즈넷50"), a version glued or after a space ("모바일넷 v3")
# or a variant ("에피션트넷b0": efficientnet_b0)
_HANGUL_NAME = re.compile(r"([\uac00-\ud7a3]{2,})((?:\s?v\d+|\d+)[a-z]?(?![A-Za-z0-9])|[a-z]\d+(?![A-Za-z0-9]))?")
_SPACED_NAME = re.compile(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,3}) ([\uac00-\ud7a3]{1,3})(?![\uac00-\ud7a3])")
_SPELLED_AFTER = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z0-9\-]{1,30})\s*\)")


@lru_cache(maxsize=1)
def korean_words() -> frozenset[str]:
    """Every Hangul word the language tables spell out (sizes, stop words, cues …): Korean, not a name."""
    tables = [getattr(module, name) for module in (language, stopwords) for name in dir(module)
              if name.isupper() and name != "FAMILY_ALIASES"]
    return frozenset(w for value in _strings(tables) for w in re.findall(r"[\uac00-\ud7a3]+", value))


_KO_SIZES = sorted((w for w in language.SIZE_QUESTION_WORDS if re.fullmatch(r"[\uac00-\ud7a3]+", w)), key=len, reverse=True)
# Latin letters as Koreans say them, before a variant's digits ("에피션트넷 비0": b0; "엠5": m5)
_LETTER_NAMES = {"에이": "a", "비": "b", "씨": "c", "디": "d", "엠": "m", "에스": "s", "엘": "l", "엑스": "x"}
_SAID_LETTER = re.compile(rf"(?<![\uac00-\ud7a3])({'|'.join(sorted(_LETTER_NAMES, key=len, reverse=True))})(\d+)(?![\d])")


def correct_hangul(text: str, spoken: tuple[str, ...]) -> tuple[str, list[tuple[str, str]]]:
    """Model names written in Hangul ("레즈넷50을", "모바일넷v3", "스윈v2") as the registry words they sound like
    (kb.naming.hangul), or as the aliases table gives them (비전 트랜스포머, 딥잇), the number or version written with
    them kept with them, the particle after them kept too. Korean words the language tables read are left alone."""
    from kb.naming.hangul import nearest_name, strip_particle

    def sounds_like(word: str) -> Optional[str]:  # the registry word a Hangul word is, by the aliases or by sound
        return language.FAMILY_ALIASES.get(word) or nearest_name(word, spoken)

    corrections = []
    text = _SAID_LETTER.sub(lambda m: _LETTER_NAMES[m.group(1)] + m.group(2), text)
    for m in reversed(list(_SPACED_NAME.finditer(text))):  # "모바일 넷", "컨브 넥스트": a name written in two words
        name, _ = strip_particle(m.group(1) + m.group(2))
        alone, _ = strip_particle(m.group(1))
        if sounds_like(name) and not sounds_like(alone) and alone not in korean_words():
            text = text[:m.start()] + m.group(1) + m.group(2) + text[m.end():]
    for m in reversed(list(_HANGUL_NAME.finditer(text))):
        word, attached = m.group(1), (m.group(2) or "")
        name, particle = strip_particle(word) if not attached else (word, "")
        if (word in korean_words() or name in korean_words()) and not (attached and name in language.FAMILY_ALIASES):
            continue  # (but "디노v2": a method's word with a version is a family's name)
        spelled = _SPELLED_AFTER.match(text, m.end())
        end = m.end()
        if spelled and re.fullmatch(r"v\d+", spelled.group(1), flags=re.IGNORECASE):
            # "컨브넥스트(v1)": a version in parentheses, not the name spelled out: read as "convnext v1"
            attached, end, spelled = f" {spelled.group(1)}", spelled.end(), None
        found = spelled.group(1) if spelled else sounds_like(name)
        sized = next((s for s in _KO_SIZES if name.endswith(s) and len(name) > len(s) + 1 and sounds_like(name[:-len(s)])), None)
        if found is None and sized:  # "딥잇베이스": a name and a size written as one word
            found, particle = f"{sounds_like(name[:-len(sized)])} {sized}", particle
        if found is None:  # "비트(BiT)": the Latin name in parentheses says which name the sound is
            continue
        read_as = found + ("_" if re.match(r"[a-uw-z]\d", attached) else " " if attached.startswith(" ") else "") + attached.strip()
        text = text[:m.start()] + read_as + particle + text[end:]
        corrections.insert(0, (m.group(0).strip(), read_as))
    return text, corrections


def correct(text: str, vocabulary: set[str]) -> tuple[str, list[tuple[str, str]]]:
    """(the text with unambiguous misspellings replaced, [(as written, read as)])."""
    known = vocabulary | language_words()
    targets = sorted(vocabulary | {w for w in naming_words() if len(w) >= 4})
    corrections: list[tuple[str, str]] = []
    pieces: list[str] = []
    position = 0
    for m in _WORD.finditer(text):
        if m.group(0).isupper():
            continue  # BERT, SWAG, RSB: an acronym is written on purpose
        word = m.group(0).lower()
        stem = re.sub(r"v?\d+$", "", word)
        if word in known or (word.endswith("s") and word[:-1] in known) or (stem != word and stem in known) \
                or _fact_word().fullmatch(word):
            continue  # patch8, e300: a known word with its number; "fastest": a fact's word
        best = _nearest(word, targets)
        if best is None or (len(word) <= 4 and len(best) <= len(word) and best in stopwords.COMMON_WORDS):
            continue  # a short word one letter off an ordinary one is a word of its own: "tell" is no "tall"
        pieces.append(text[position:m.start()] + best)
        position = m.end()
        corrections.append((m.group(0), best))
    pieces.append(text[position:])
    return "".join(pieces), corrections
