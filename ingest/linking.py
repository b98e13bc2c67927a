"""Find model names in note text and resolve them against the live registry.

A tag resolves exactly; an architecture resolves to its tags; a family (ConvNeXt, EfficientNetV2, timm/beitv2)
resolves to its architectures' tags; a wildcard list (coatnet_*) to the matching architectures' tags.
Mentions that look like model names but no longer resolve are reported with the closest live names.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from kb.naming import parse_timm_name
from kb.schema import CheckFinding, Mention, ModelNote, ModelRecord, Passage

# Families that are ordinary words in prose; linked only when written as a name (CoaT, PiT, NesT) or in code.
PROSE_WORDS = {"coat", "pit", "nest", "twins", "bat", "lambda", "mixer", "test", "base", "tiny", "small", "large",
               "huge", "giant", "nano", "medium", "vgg16"}
_DOTTED = re.compile(r"(?<![\w/.])([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\.([a-z0-9]+(?:_[a-z0-9]+)*)(?![\w.])")
_IDENT = re.compile(r"(?<![\w./])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w(])")
_WILDCARD = re.compile(r"(?<![\w.])([a-z][a-z0-9]*(?:_[a-z0-9]+)*_\*)")
_LINK_TEXT = re.compile(r"timm/([A-Za-z0-9_.\-]+)")
_WORD = re.compile(r"(?<![\w.\-/])([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)(?:[\s\-]?(V\d|v\d))?(?![\w])")


@dataclass
class LiveIndex:
    tags: set[str] = field(default_factory=set)
    arch_tags: dict[str, list[str]] = field(default_factory=dict)
    family_archs: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_names(cls, names: Iterable[str]) -> "LiveIndex":
        index = cls()
        for name in names:
            arch = name.split(".")[0]
            index.tags.add(name)
            index.arch_tags.setdefault(arch, []).append(name)
        for arch in index.arch_tags:
            index.family_archs.setdefault(parse_timm_name(arch).family, []).append(arch)
        return index

    @classmethod
    def from_records(cls, records: Iterable[ModelRecord]) -> "LiveIndex":
        return cls.from_names(r.name for r in records)

    def family_tags(self, family: str) -> list[str]:
        return [t for arch in self.family_archs.get(family, []) for t in self.arch_tags[arch]]

    def closest(self, text: str, limit: int = 3) -> list[str]:
        from rapidfuzz import fuzz, process

        pool = list(self.arch_tags) + list(self.tags)
        return [m for m, _, _ in process.extract(text, pool, scorer=fuzz.WRatio, limit=limit)]

    def resolve(self, text: str) -> tuple[str, list[str]]:
        """(kind, tags) for a name as written; kind is '' when it is not a live name."""
        name = text.strip().lower()
        if name in self.tags:
            return "tag", [name]
        if name in self.arch_tags:
            return "arch", list(self.arch_tags[name])
        compact = name.replace("-", "").replace(" ", "")
        if compact in self.arch_tags:
            return "arch", list(self.arch_tags[compact])
        if compact in self.family_archs:
            return "family", self.family_tags(compact)
        return "", []


def _looks_like_model(identifier: str, index: LiveIndex) -> bool:
    """An unknown identifier is a model mention only if it starts like a live family (convnext_huge_xyz)."""
    family = parse_timm_name(identifier.split(".")[0]).family
    return family in index.family_archs


def find_mentions(text: str, index: LiveIndex, source: str = "") -> list[Mention]:
    mentions: dict[str, Mention] = {}
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, written: str, kind: str, tags: list[str], closest: Optional[list[str]] = None):
        taken.append((start, end))
        key = written.lower()
        if key not in mentions:
            mentions[key] = Mention(text=written, kind=kind, source=source, resolved_tags=tags, closest=closest or [])

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in _LINK_TEXT.finditer(text):
        kind, tags = index.resolve(match.group(1))
        if tags:
            add(match.start(), match.end(), match.group(0), "link", tags)
        elif _looks_like_model(match.group(1).lower(), index):
            add(match.start(), match.end(), match.group(0), "link", [], index.closest(match.group(1).lower()))
    for match in _DOTTED.finditer(text):
        if not free(*match.span()):
            continue
        written = match.group(0)
        if written in index.tags:
            add(*match.span(), written, "tag", [written])
        elif match.group(1) in index.arch_tags or _looks_like_model(match.group(1), index) and "_" in match.group(1):
            add(*match.span(), written, "tag", [], index.closest(written))
    for match in _WILDCARD.finditer(text):
        if not free(*match.span()):
            continue
        archs = [a for a in index.arch_tags if fnmatch.fnmatchcase(a, match.group(1))]
        add(*match.span(), match.group(1), "pattern", [t for a in archs for t in index.arch_tags[a]])
    for match in _IDENT.finditer(text):
        if not free(*match.span()):
            continue
        kind, tags = index.resolve(match.group(1))
        if kind == "arch":
            add(*match.span(), match.group(1), "arch", tags)
        elif not tags and _looks_like_model(match.group(1), index) and re.search(r"\d", match.group(1)):
            add(*match.span(), match.group(1), "arch", [], index.closest(match.group(1)))
    for match in _WORD.finditer(text):
        if not free(*match.span()):
            continue
        word = match.group(1) + (match.group(2) or "")
        lowered = word.lower().replace("-", "")
        if lowered in PROSE_WORDS and word.islower():
            continue
        kind, tags = index.resolve(word)
        if kind in ("family", "arch") and len(lowered) >= 3:
            add(*match.span(), word, kind, tags)
    return list(mentions.values())


def link_passage(passage: Passage, index: LiveIndex) -> Passage:
    mentions = find_mentions(f"{passage.heading}\n{passage.text}", index, passage.source)
    tags = list(dict.fromkeys(t for m in mentions for t in m.resolved_tags))
    return passage.model_copy(update={"mentions": [m.text for m in mentions], "linked_tags": tags})


def check_notes(
    notes: list[ModelNote],
    mentions: list[Mention],
    records: dict[str, ModelRecord],
) -> list[CheckFinding]:
    """Mentions that no longer resolve, note image sizes that disagree with the registry, irregular entries."""
    findings: list[CheckFinding] = []
    for mention in mentions:
        if not mention.resolved_tags:
            findings.append(CheckFinding(kind="unresolved", source=mention.source, subject=mention.text,
                                         message=f"{mention.text} is not a live timm name", suggestions=mention.closest))
    for note in notes:
        for flag in note.flags:
            findings.append(CheckFinding(kind="irregular", source=note.source, subject=note.link_text, message=flag))
        record = records.get(note.linked_tag or "")
        if record is None:
            continue
        if note.image_size_train and note.image_size_train != record.resolution:
            findings.append(CheckFinding(
                kind="disagreement", source=note.source, subject=note.linked_tag or note.link_text,
                message=f"note says train size {note.image_size_train}, registry input_size is {record.resolution}"))
        if note.image_size_test and note.image_size_test != (record.test_resolution or record.resolution):
            findings.append(CheckFinding(
                kind="disagreement", source=note.source, subject=note.linked_tag or note.link_text,
                message=f"note says test size {note.image_size_test}, registry test_input_size is "
                        f"{record.test_resolution or 'not set'}"))
    return findings
