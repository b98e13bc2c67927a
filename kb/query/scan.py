"""The question as the recognizers see it: the text with what was already read blanked out, and what was read.

Each recognizer finds phrases, adds an `Atom` (a condition with its span) and consumes the span, so a number or a
name is read once: explicit model names before numbers ("resnet50" is not "50"), numbers before datasets, and so
on (kb.query.parse runs them in order). The composer (kb.query.compose) then combines the atoms with the
operators found between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from kb.query.expression import Where
from kb.regex_programs import compiled


@dataclass
class Atom:
    """A condition the question states, where it stands, and which others it combines with.

    group: atoms of one group are alternatives of one another (sizes, families, archs, resolutions, licences:
    "tiny small" is either); atoms of different groups, or of an AND group (tags, methods, datasets), must all hold.
    """

    where: Where
    start: int
    end: int
    group: str
    text: str = ""
    ranking: Optional[str] = None  # a sort key instead of a condition ("most accurate")


# groups whose atoms are alternatives when several are written ("tiny, small" / "ViT or ConvNeXt")
OR_GROUPS = {"size", "family", "arch", "name", "resolution", "license", "license_class", "sizepatch", "patch", "version"}


@dataclass
class Scan:
    original: str
    text: str = ""
    atoms: list[Atom] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    drops: list[str] = field(default_factory=list)  # "any resolution is fine": fields a follow-up lets go
    top_n: Optional[int] = None  # "the lightest", "top 3": the n first by the ranking (ties shown)
    unapplied: list[tuple[str, str, str]] = field(default_factory=list)  # (as written, why in English, in Korean)
    mentioned: list[str] = field(default_factory=list)  # facts named with no condition ("its ImageNet-V2 top-1")

    def __post_init__(self):
        self.text = self.original.lower()

    def consume(self, start: int, end: int) -> None:
        phrase = self.original[start:end].strip()
        if phrase:
            self.phrases.append(phrase)
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def add(self, where: Optional[Where], start: int, end: int, group: str, ranking: Optional[str] = None) -> None:
        """Record a condition (or a ranking) read at [start, end) and consume the span."""
        self.atoms.append(Atom(where, start, end, group, self.original[start:end], ranking))
        self.consume(start, end)

    def finditer(self, pattern: "str | re.Pattern"):
        """Matches over what is left unread (a compiled pattern brings its own flags)."""
        if isinstance(pattern, re.Pattern):
            return list(pattern.finditer(self.text))
        return list(compiled(pattern, re.IGNORECASE).finditer(self.text))

    def free(self, start: int, end: int) -> bool:
        return self.text[start:end] == self.original[start:end].lower()

    def atoms_before(self, position: int, group: Optional[str] = None) -> list[Atom]:
        return [a for a in self.atoms if a.end <= position and (group is None or a.group == group)]


def asides(q: Scan) -> list[Where]:
    """The conditions read inside parentheses: explanations of the words before them, the first to go when the
    whole question matches nothing ("ssld (PaddleClas distillation)")."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", q.original)]
    return [a.where for a in q.atoms if a.where is not None and any(s < a.start and a.end < e for s, e in spans)]
