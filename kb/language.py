"""Which language a question is in, and whether it is a question we can work with at all."""

from __future__ import annotations

import re
import unicodedata

from kb.errors import BadInput
from kb.schema import Lang

MAX_QUESTION_CHARS = 2000
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LATIN = re.compile(r"[A-Za-z]")
_IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[._\-/][A-Za-z0-9]+)+")


def detect_language(text: str) -> Lang:
    """Korean as soon as Hangul carries a real share of the letters; model names are Latin in both languages."""
    prose = _IDENTIFIER.sub(" ", text)
    hangul = len(_HANGUL.findall(prose))
    latin = len(_LATIN.findall(prose))
    return "ko" if hangul and hangul * 4 >= latin else "en"


def _has_word_character(text: str) -> bool:
    """True when the text has a letter or digit (Hangul, Latin, ...), not only punctuation, symbols or emoji."""
    return any(unicodedata.category(ch)[0] in ("L", "N") for ch in text)


def validate_question(text: str) -> str:
    """The question, stripped; BadInput (exit 2) with a bilingual message when it cannot be answered."""
    if text is None or not text.strip():
        raise BadInput("the question is empty / 질문이 비어 있습니다")
    stripped = text.strip()
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
