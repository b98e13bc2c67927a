"""Markdown into sections (with heading paths) and retrieval-sized passages, using markdown-it-py.

Code blocks and tables are passages of their own; every table row also becomes a `table_row` passage
("header: value; ...") so a question about one row can land on it. The sentence that introduces a code block
("단계별로 개선사항을 적용:") travels with it, since the code alone rarely says what it shows, and a long code block
is cut at blank lines so the embedder (512 tokens) sees all of it. Blocks with no words (`---`, `</details>`)
are dropped. HTML in notes is kept as plain text: the
parser runs with HTML disabled and passages carry source text, never rendered HTML.
"""

from __future__ import annotations

import hashlib
import re

from markdown_it import MarkdownIt

from ingest.types import Section
from kb.build import Passage, PassageKind, TableRow

MAX_PASSAGE_CHARS = 700
MAX_CODE_CHARS = 1200
LEAD_IN_CHARS = 160  # a paragraph this short right before a code block introduces it
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_WORD = re.compile(r"[A-Za-z0-9\uac00-\ud7a3]")
_LEADING_SPACE = re.compile(r"^[ \t\u00a0\u3000]+")


def normalise_indentation(text: str) -> str:
    """NBSP and ideographic-space indentation become spaces, so indented bullets still nest."""
    out = []
    for line in text.split("\n"):
        match = _LEADING_SPACE.match(line)
        if match:
            line = match.group(0).replace("\u00a0", " ").replace("\u3000", " ") + line[match.end():]
        out.append(line)
    return "\n".join(out)


def passage_id(source: str, heading: str, text: str) -> str:
    return hashlib.sha1(f"{source}\x00{heading}\x00{text}".encode("utf-8")).hexdigest()[:16]


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def split_sections(text: str, source: str, title: str) -> list[Section]:
    """One section per heading (plus a lead section before the first heading), with heading paths."""
    text = normalise_indentation(text)
    lines = text.split("\n")
    tokens = _parser().parse(text)
    headings: list[tuple[int, int, str]] = []  # (line, level, title)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            inline = tokens[index + 1]
            headings.append((token.map[0], int(token.tag[1]), inline.content.strip()))
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    starts = [(0, 0, title)] + headings if not headings or headings[0][0] > 0 else headings
    for position, (line, level, heading) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        if level:
            path = [p for p in path if p[0] < level] + [(level, heading)]
            body_start = line + 1
        else:
            path = []
            body_start = line
        body = "\n".join(lines[body_start:end]).strip()
        heading_path = [h for _, h in path] or [title]
        sections.append(Section(source=source, heading_path=heading_path, level=level, line_start=line + 1,
                                line_end=end, text=body))
    return sections


def _blocks(section_text: str) -> list[tuple[PassageKind, str]]:
    """Top-level blocks of a section: ('code'|'table'|'list'|'text', source text)."""
    lines = section_text.split("\n")
    tokens = _parser().parse(section_text)
    blocks: list[tuple[PassageKind, str]] = []
    depth = 0
    for token in tokens:
        if token.nesting == 1:
            depth += 1
        if token.map and (depth == 1 and token.nesting == 1 or depth == 0 and token.nesting == 0):
            kind: PassageKind = {"fence": "code", "code_block": "code", "table_open": "table",
                                 "bullet_list_open": "list", "ordered_list_open": "list"}.get(token.type, "text")
            blocks.append((kind, "\n".join(lines[token.map[0]:token.map[1]]).strip("\n")))
        if token.nesting == -1:
            depth -= 1
    return [(k, t) for k, t in blocks if t.strip()]


def _split_long(text: str, limit: int) -> list[str]:
    """Long text split at line, then sentence boundaries."""
    if len(text) <= limit:
        return [text]
    units = [unit for line in text.split("\n")
             for unit in ([line] if len(line) <= limit else re.split(r"(?<=[.!?。다요])\s+", line))]
    return _pack(units, limit, "\n")


def _pack(units: list[str], limit: int, joiner: str) -> list[str]:
    """Consecutive units joined into pieces of up to `limit` characters (a longer unit stays whole)."""
    pieces, current = [], ""
    for unit in units:
        if current and len(current) + len(joiner) + len(unit) > limit:
            pieces.append(current)
            current = unit
        else:
            current = f"{current}{joiner}{unit}" if current else unit
    if current:
        pieces.append(current)
    return pieces


def has_words(text: str) -> bool:
    """False for rules, lone HTML tags and punctuation: `---`, `</details>`."""
    return bool(_WORD.search(_HTML_TAG.sub("", text)))


def _split_lead_in(buffer: str) -> tuple[str, str]:
    """(the text before, the paragraph that introduces the code that follows): a short last paragraph, or one
    ending in a colon."""
    head, _, last = buffer.strip().rpartition("\n\n")
    if last and has_words(last) and (len(last) <= LEAD_IN_CHARS or last.rstrip().endswith(":")):
        return head, last
    return buffer, ""


def _split_code(code: str, limit: int) -> list[str]:
    """A long fenced block cut at blank lines into fenced pieces of up to `limit` characters."""
    lines = code.split("\n")
    fenced = len(lines) >= 2 and lines[0].lstrip().startswith(("```", "~~~")) and lines[-1].strip().startswith(lines[0].strip()[:3])
    if len(code) <= limit or not fenced:
        return [code]
    opener, closer, body = lines[0], lines[-1], "\n".join(lines[1:-1])
    return [f"{opener}\n{piece}\n{closer}" for piece in _pack(re.split(r"\n\s*\n", body), limit, "\n\n")]


def table_rows(table: str, source: str, heading: str) -> list[TableRow]:
    rows = [r.strip() for r in table.split("\n") if r.strip().startswith("|")]
    if len(rows) < 3:
        return []
    def cells(row: str) -> list[str]:
        return [c.strip() for c in row.strip().strip("|").split("|")]
    header = cells(rows[0])
    out = []
    for row in rows[2:]:
        values = cells(row)
        by_column = {h or f"col{i}": v for i, (h, v) in enumerate(zip(header, values, strict=False))}
        out.append(TableRow(source=source, heading=heading, cells=by_column))
    return out


def section_passages(section: Section, limit: int = MAX_PASSAGE_CHARS) -> tuple[list[Passage], list[TableRow]]:
    """Passages of one section: text and lists packed up to `limit`; code and tables whole; one per table row."""
    heading = section.heading
    passages: list[Passage] = []
    rows: list[TableRow] = []
    buffer = ""

    def emit(text: str, kind: PassageKind) -> None:
        text = text.strip()
        if has_words(text):
            passages.append(Passage(id=passage_id(section.source, heading, text), source=section.source,
                                    heading=heading, text=text, kind=kind, line_start=section.line_start))

    for kind, text in _blocks(section.text):
        if kind == "code":
            before, lead_in = _split_lead_in(buffer)
            emit(before, "text")
            buffer = ""
            for number, piece in enumerate(_split_code(text, MAX_CODE_CHARS)):
                emit(f"{lead_in}\n\n{piece}" if lead_in and number == 0 else piece, kind)
            continue
        if kind == "table":
            emit(buffer, "text")
            buffer = ""
            emit(text, kind)
            if kind == "table":
                for row in table_rows(text, section.source, heading):
                    rows.append(row)
                    emit("; ".join(f"{k}: {v}" for k, v in row.cells.items()), "table_row")
            continue
        for piece in _split_long(text, limit):
            if buffer and len(buffer) + len(piece) + 2 > limit:
                emit(buffer, "text")
                buffer = piece
            else:
                buffer = f"{buffer}\n\n{piece}" if buffer else piece
    emit(buffer, "text")
    return passages, rows
