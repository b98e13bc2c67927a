"""What both naming conventions share: a name part with its meanings, and the tokens that name a size, a dataset,
a patch size or a training length the same way in timm and MMPretrain names."""

from __future__ import annotations

import re
from typing import Optional

from kb.naming import vocab
from kb.schema import NamePart

PATCH = re.compile(r"^(?:patch|p)(\d{1,2})$")
EPOCHS = re.compile(r"^(?:e(\d{2,4})|(\d{2,4})e(?:p)?|(\d{2,4})ep)$")
_LETTER_SIZE = re.compile(r"^(xxs|xs|xxl|xl|ti|t|s|m|l|b|h|g)(\d{0,2})$")
# b0..b7, g4, h2 ... are scale or group codes in most families (efficientnet_b3, hgnetv2_b3); only these letters,
# with or without digits, are size codes everywhere
_LETTERS_WITH_DIGITS = {"xxs", "xs", "s", "m", "l", "t"}


def part(token: str, role: str, en: str, ko: str) -> NamePart:
    return NamePart(token=token, role=role, meaning_en=en, meaning_ko=ko)


def role_part(token: str, role: str, value) -> NamePart:
    term = vocab.ROLE_TERMS[role]
    return part(token, role, term.en.format(v=value), term.ko.format(v=value))


def canonical_dataset(token: str) -> Optional[str]:
    entry = vocab.DATASETS.get(token.lower())
    return entry.canonical if entry else None


def canonical_size(token: str, family: str = "") -> Optional[str]:
    """The size class a token names: a size word, an alias (xlarge) or a letter code (xxs, s18, m36)."""
    token = token.lower()
    if token in vocab.SIZE_TERMS:
        return token
    if token in vocab.SIZE_ALIASES:
        return vocab.SIZE_ALIASES[token]
    match = _LETTER_SIZE.match(token)
    if not match:
        return None
    letters, digits = match.groups()
    if digits and letters not in _LETTERS_WITH_DIGITS and family not in vocab.SIZE_PATCH_FAMILIES:
        return None
    return vocab.SIZE_LETTERS[letters]
