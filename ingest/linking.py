"""Find model names in note text and resolve them against the live registry.

A tag resolves exactly; an architecture resolves to its tags; a family (ConvNeXt, EfficientNetV2, timm/beitv2)
resolves to its architectures' tags; a wildcard list (coatnet_*) to the matching architectures' tags.
Mentions that look like model names but no longer resolve are reported with the closest live names.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Optional

from ingest.types import Mention
from kb.build import CheckFinding, ModelNote, ModelRecord, NameIndex, Passage

# Families that are ordinary words in prose; linked only when written as a name (CoaT, PiT, NesT) or in code.
PROSE_WORDS = {"coat", "pit", "nest", "twins", "bat", "lambda", "mixer", "test", "base", "tiny", "small", "large",
               "huge", "giant", "nano", "medium", "vgg16"}
_DOTTED = re.compile(r"(?<![\w/.])([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\.([a-z0-9]+(?:_[a-z0-9]+)*)(?![\w.])")
_IDENT = re.compile(r"(?<![\w./])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w(])")
_WILDCARD = re.compile(r"(?<![\w.])([a-z][a-z0-9]*(?:_[a-z0-9]+)*_\*)")
_LINK_TEXT = re.compile(r"timm/([A-Za-z0-9_.\-]+)")
_WORD = re.compile(r"(?<![\w.\-/])([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)(?:[\s\-]?(V\d|v\d))?(?![\w])")


def find_mentions(text: str, index: NameIndex, source: str = "") -> list[Mention]:
    mentions: dict[str, Mention] = {}
    taken = bytearray(len(text))  # 1 where a mention was found: checking a span costs its length, not the text's

    def add(start: int, end: int, written: str, kind: str, tags: list[str], unresolved: Optional[str] = None):
        """`unresolved`: the name to find the closest live names for (once per distinct mention)."""
        taken[start:end] = b"\x01" * (end - start)
        key = written.lower()
        if key not in mentions:
            closest = index.closest(unresolved) if unresolved else []
            mentions[key] = Mention(text=written, kind=kind, source=source, resolved_tags=tags, closest=closest)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    for match in _LINK_TEXT.finditer(text):
        kind, tags = index.resolve(match.group(1))
        if tags:
            add(match.start(), match.end(), match.group(0), "link", tags)
        elif index.looks_like_model(match.group(1).lower()):
            add(match.start(), match.end(), match.group(0), "link", [], match.group(1).lower())
    for match in _DOTTED.finditer(text):
        if not free(*match.span()):
            continue
        written = match.group(0)
        if written in index.tag_set:
            add(*match.span(), written, "tag", [written])
        elif match.group(1) in index.arch_tags or index.looks_like_model(match.group(1)) and "_" in match.group(1):
            add(*match.span(), written, "tag", [], written)
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
        elif not tags and index.looks_like_model(match.group(1)) and re.search(r"\d", match.group(1)):
            add(*match.span(), match.group(1), "arch", [], match.group(1))
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


def link_passage(passage: Passage, index: NameIndex) -> Passage:
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
