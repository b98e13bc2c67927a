"""Types that only ingest uses: a note as read, its sections and mentions, what one file yields, the nightly
report. What ingest hands to kb's store (passages, model notes, findings, ...) lives in kb.schema."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from kb.build import CheckFinding, ConventionRule, ModelNote, Passage, SuffixTerm, TableRow


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceFile(_Model):
    """A note file as read: decoded text plus what the reader had to do to it."""

    path: str
    name: str  # file name, the citation `source`
    sha256: str  # of the raw bytes
    encoding: str  # utf-8, utf-8-sig, cp949, mojibake(cp1252->utf-8), ...
    text: str
    repaired_lines: int = 0
    uncertain_lines: int = 0
    problems: list[str] = Field(default_factory=list)


class Section(_Model):
    source: str
    heading_path: list[str]  # from the top heading down to this section's heading
    level: int
    line_start: int
    line_end: int
    text: str

    @property
    def heading(self) -> str:
        return " > ".join(self.heading_path)


class Mention(_Model):
    text: str
    kind: Literal["tag", "arch", "family", "link", "pattern"]
    source: str
    resolved_tags: list[str] = Field(default_factory=list)
    closest: list[str] = Field(default_factory=list)  # suggestions when nothing resolves


class ParsedSource(_Model):
    """Everything one note file yields."""

    source: SourceFile
    format: str  # model-notes | suffix-guide | flattened-web-page | markdown
    sections: list[Section] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    model_notes: list[ModelNote] = Field(default_factory=list)
    suffix_terms: list[SuffixTerm] = Field(default_factory=list)
    convention_rules: list[ConventionRule] = Field(default_factory=list)
    table_rows: list[TableRow] = Field(default_factory=list)


class NightlyReport(_Model):
    """What a nightly refresh changed, kept in KB_HOME/reports as JSON and text."""

    started_at: str
    ok: bool
    message: str = ""
    previous_build: Optional[str] = None
    new_build: Optional[str] = None
    timm_version_before: Optional[str] = None
    timm_version_after: Optional[str] = None
    notes_added: list[str] = Field(default_factory=list)
    notes_changed: list[str] = Field(default_factory=list)
    notes_removed: list[str] = Field(default_factory=list)
    records_added: list[str] = Field(default_factory=list)
    records_removed: list[str] = Field(default_factory=list)
    links_broken: list[str] = Field(default_factory=list)
    findings: list[CheckFinding] = Field(default_factory=list)
    canaries: list[str] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)  # texts embedded, vectors shipped, params counted/reused
    timings_s: dict[str, float] = Field(default_factory=dict)
