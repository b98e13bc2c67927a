"""One note file into sections, passages and structured records, by its format."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.conventions import parse_convention_rules
from ingest.flattened import HEADINGS, recover_flattened
from ingest.markdown import passage_id, section_passages, split_sections
from ingest.model_notes import note_passages, parse_model_notes
from ingest.suffix_guide import parse_suffix_terms
from ingest.types import ParsedSource, SourceFile
from kb.build import Passage

_MODEL_ENTRY = re.compile(r"^\[\*\*timm/", re.MULTILINE)


def detect_format(source: SourceFile) -> str:
    text = source.text
    if len(_MODEL_ENTRY.findall(text)) >= 3:
        return "model-notes"
    if re.search(r"suffix", text[:400], re.IGNORECASE) and "**`" in text:
        return "suffix-guide"
    first_lines = {line.strip().lower() for line in text.split("\n")[:8]}
    if not re.search(r"^#", text, re.MULTILINE) and first_lines & set(HEADINGS):
        return "flattened-web-page"
    return "markdown"


def _title(source: SourceFile) -> str:
    return Path(source.name).name.split(".")[0]


def parse_source(source: SourceFile) -> ParsedSource:
    kind = detect_format(source)
    text = recover_flattened(source.text) if kind == "flattened-web-page" else source.text
    sections = split_sections(text, source.name, _title(source))
    parsed = ParsedSource(source=source, format=kind, sections=sections)
    if kind == "model-notes":
        parsed.model_notes = parse_model_notes(text, source.name)
        parsed.passages = [p for n in parsed.model_notes for p in note_passages(n)]
        lead = sections[0] if sections and not _MODEL_ENTRY.search(sections[0].text) else None
        if lead is not None:
            parsed.passages = section_passages(lead)[0] + parsed.passages
        return parsed
    for section in sections:
        passages, rows = section_passages(section)
        parsed.passages.extend(passages)
        parsed.table_rows.extend(rows)
    if kind == "suffix-guide":
        parsed.suffix_terms = parse_suffix_terms(text)
        parsed.passages.extend(
            Passage(id=passage_id(source.name, "suffix " + t.token, f"{t.token}: {t.meaning}"), source=source.name,
                    heading=f"{t.category} > {t.token}", text=f"{t.token}: {t.meaning}", kind="suffix_term")
            for t in parsed.suffix_terms
        )
    if kind == "flattened-web-page":
        parsed.convention_rules = parse_convention_rules(text)
    return parsed
