"""The suffix guide: one SuffixTerm per bold, backticked token bullet (`**`_augreg`**: meaning`), by category."""

from __future__ import annotations

import re

from kb.build import SuffixTerm

_CATEGORY = re.compile(r"^\s*\d+\.\s+\*\*(?P<title>[^*(]+?)\s*(?:\((?P<tokens>[^)]*)\))?\*\*")
_TERM = re.compile(r"^\s*[*-]\s+\*\*(?P<head>.+?)\*\*\s*:?\s*(?P<meaning>.*)$")
_CODE = re.compile(r"`([^`]+)`")
_EXAMPLE = re.compile(r"`((?:timm/)?[a-z0-9]+(?:_[a-z0-9]+)*\.[a-z0-9_]+)`")


def parse_suffix_terms(text: str) -> list[SuffixTerm]:
    terms: list[SuffixTerm] = []
    category = ""
    for line in text.split("\n"):
        if line.lstrip().startswith("#"):  # a new heading ends the numbered categories (the examples follow)
            category = ""
            continue
        if match := _CATEGORY.match(line):
            category = match.group("title").strip()
            continue
        if not (match := _TERM.match(line)):
            continue
        head, meaning = match.group("head"), match.group("meaning").strip()
        tokens = _CODE.findall(head)
        if not tokens or not category:
            continue
        explanation = re.sub(r"^\(([^)]*)\)\s*:?\s*", r"\1: ", head[head.rfind("`") + 1:].strip()) if head.rstrip().endswith(")") else ""
        full_meaning = (explanation + " " + meaning).strip() if explanation else meaning
        examples = _EXAMPLE.findall(meaning)
        for token in tokens:
            terms.append(SuffixTerm(token=token.strip(), category=category, meaning=full_meaning, examples=examples))
    return terms
