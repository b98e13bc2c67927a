"""What an inclusion cue marks: the items of a list written before it ("tf ports and rw included", "A, B랑 C도
포함") and the noun phrase a size belongs to ("add swinv2 tiny too"). Used by kb.query.compose."""

from __future__ import annotations

import re

from kb.query.scan import Atom
from kb.query.words import PORT_WORD, VARIANT_WORD

# "tf ports and rw included", "tf 포팅, rw 다 포함": the noun after an item belongs to it
_ITEM_NOUN = rf"(?:{PORT_WORD}|{VARIANT_WORD}|ones|models?|weights?)"
_LIST_GAP = re.compile(rf"\s*(?:{_ITEM_NOUN}\s*)?(?:,|and|or|/|&|이랑|랑|및|와|과)?\s*(?:the\s+)?", re.IGNORECASE)
_NOUN_ONLY = re.compile(rf"\s*{_ITEM_NOUN}\s*", re.IGNORECASE)  # a noun and no joint: the list ended there


def list_kind(group: str) -> str:
    """Groups that list together: an architecture token, a port prefix, a tag word ("tf ports and rw included")."""
    return "token" if group in ("token", "port", "tag", "method") else group


def listed_before(atoms: list[Atom], scope: list[Atom], original: str) -> list[list[Atom]]:
    """`scope` and the atoms of its group listed before it ("A, B and C", "A랑 B"), one segment each."""
    segments = [list(scope)]
    if not scope:
        return segments
    start = min(a.start for a in scope)
    group = scope[0].group
    for atom in sorted((a for a in atoms if a.end <= start), key=lambda a: -a.end):
        gap = original[atom.end:start]
        if list_kind(atom.group) != list_kind(group) or not _LIST_GAP.fullmatch(gap) or gap.strip() and _NOUN_ONLY.fullmatch(gap):
            break
        segments.append([atom])
        start = atom.start
    return segments


def noun_phrase(marked: list[Atom], atoms: list[Atom], original: str) -> list[Atom]:
    """"add swinv2 tiny too", "swinv2 tiny도 추가", "regnetx tv2도 같이": the subject written right next to the size or
    tag an inclusion marks is included with it (one noun phrase), not left behind as the turn's own subject."""
    if len(marked) != 1 or marked[0].group not in ("size", "patch", "sizepatch", "token", "tag", "method"):
        return []
    atom = marked[0]
    for other in atoms:
        gap = original[other.end:atom.start] if other.end <= atom.start else original[atom.end:other.start]
        if other is not atom and other.group in ("family", "arch") and re.fullmatch(r"[\s\-]*", gap):
            return [other]
    return []
