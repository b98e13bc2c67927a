"""Which language a text is in, and whether a question is one we can work with at all.

The one place that knows the Hangul ranges: syllables (가-힣) are what Korean prose is written in; compatibility
jamo (ㄱ-ㅎ, ㅏ-ㅣ) show up in casual typing ("ㅋㅋ", "ㅇㅇ") and count for detection only.
"""

from __future__ import annotations

import re
import unicodedata

from kb.errors import BadInput
from kb.schema import Lang

MAX_QUESTION_CHARS = 2000
HANGUL_SYLLABLES = "\uac00-\ud7a3"  # for character classes: f"[{HANGUL_SYLLABLES}]"
HANGUL_JAMO = "\u3131-\u318e"
HANGUL = re.compile(f"[{HANGUL_SYLLABLES}]")
_HANGUL_OR_JAMO = re.compile(f"[{HANGUL_SYLLABLES}{HANGUL_JAMO}]")
_LATIN = re.compile(r"[A-Za-z]")
_IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[._\-/][A-Za-z0-9]+)+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_hangul(text: str) -> bool:
    return bool(HANGUL.search(text or ""))


def detect_language(text: str) -> Lang:
    """Korean as soon as Hangul carries a real share of the letters; model names are Latin in both languages."""
    prose = _IDENTIFIER.sub(" ", text)
    hangul = len(_HANGUL_OR_JAMO.findall(prose))
    latin = len(_LATIN.findall(prose))
    return "ko" if hangul and hangul * 4 >= latin else "en"


def printable(text: str) -> str:
    """The text with undecodable bytes (lone surrogates) shown as U+FFFD, safe to print or serialise."""
    return _SURROGATE.sub("\ufffd", text or "")


def _has_word_character(text: str) -> bool:
    """True when the text has a letter or digit (Hangul, Latin, ...), not only punctuation, symbols or emoji."""
    return any(unicodedata.category(ch)[0] in ("L", "N") for ch in text)


def validate_question(text: str) -> str:
    """The question, stripped; BadInput (exit 2) with a bilingual message when it cannot be answered."""
    if text is None or not text.strip():
        raise BadInput("the question is empty / 질문이 비어 있습니다")
    stripped = text.strip()
    if _SURROGATE.search(stripped):
        raise BadInput("the question is not valid UTF-8 text (undecodable bytes) / 질문에 UTF-8이 아닌 바이트가 있습니다")
    if len(stripped) > MAX_QUESTION_CHARS:
        raise BadInput(
            f"the question is {len(stripped):,} characters; the limit is {MAX_QUESTION_CHARS:,} / "
            f"질문이 너무 깁니다 ({len(stripped):,}자, 최대 {MAX_QUESTION_CHARS:,}자)"
        )
    if not _has_word_character(stripped):
        raise BadInput(
            "the question has no words (only punctuation, symbols or emoji) / "
            "질문에 글자가 없습니다 (문장 부호, 기호, 이모지만 있음)"
        )
    return stripped
