"""timm-model-notes.ko.md: one ModelNote per `[**timm/...**](hf url)` entry, irregular entries flagged, not dropped."""

from __future__ import annotations

import re
from typing import Optional

from ingest.markdown import passage_id
from kb.build import Bullet, ModelNote, Passage

_YEAR = re.compile(r"^#\s+(\d{4})\s*$")
_ENTRY = re.compile(r"^\[\*\*(?P<text>[^*]+)\*\*\]\((?P<url>[^)]*)\)\s*$")
_BULLET = re.compile(r"^(?P<indent>[ \t\u00a0]*)[-*](?:\s+(?P<text>.*))?$")
_ORDERED = re.compile(r"^(\d+)\.\s+")
_DATE = re.compile(r"(?<!\d)(\d{4})\.(\d{2})\.(\d{2})(?!\d)")
_SIZE = re.compile(r"(\d{2,4})\s*[x×]\s*(\d{2,4})")
_IDENTIFIER = re.compile(r"^(?=[a-z0-9_]*[0-9_])[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
HF_PREFIX = "https://huggingface.co/timm/"
IMAGE_SIZE_WORDS = ("이미지 사이즈", "이미지 크기", "image size")


def _columns(indent: str) -> int:
    return sum(4 if ch == "\t" else 1 for ch in indent)


def _depth(columns: int) -> int:
    return 0 if columns == 0 else 1 if columns <= 5 else 2


def parse_image_size(text: str) -> tuple[Optional[int], Optional[int]]:
    """'train 192x192, test 256x256' -> (192, 256); '224 x 224' -> (224, None)."""
    sizes = [int(a) for a, _ in _SIZE.findall(text)]
    if not sizes:
        return None, None
    test = sizes[1] if len(sizes) > 1 and "test" in text.lower() else None
    return sizes[0], test


def parse_model_notes(text: str, source: str) -> list[ModelNote]:
    notes: list[ModelNote] = []
    year: Optional[str] = None
    current: Optional[ModelNote] = None
    for number, line in enumerate(text.split("\n"), start=1):
        if match := _YEAR.match(line.strip()):
            year = match.group(1)
            continue
        if match := _ENTRY.match(line.strip()):
            url = match.group("url").strip()
            link_text = match.group("text").strip()
            linked = url[len(HF_PREFIX):] if url.startswith(HF_PREFIX) else None
            current = ModelNote(source=source, year_heading=year, link_text=link_text, hf_url=url or None,
                                linked_tag=linked, line_start=number)
            if not url:
                current.flags.append("empty link: the entry names no Hugging Face page")
            name = link_text.removeprefix("timm/")
            if "." not in name and "_" not in name:
                current.flags.append(f"link text '{link_text}' names only a family, not a model")
            notes.append(current)
            continue
        if current is None or not (match := _BULLET.match(line)):
            continue
        body = (match.group("text") or "").strip()
        depth = _depth(_columns(match.group("indent")))
        if not body:
            current.flags.append(f"empty bullet at line {number}")
            continue
        if _ORDERED.match(body):  # "- 1. ..." is an ordered item nested in an unnamed bullet
            depth += 1
        current.bullets.append(Bullet(depth=depth, text=body))
        lowered = body.lower()
        if any(word in lowered for word in IMAGE_SIZE_WORDS) and current.image_size_train is None:
            current.image_size_train, current.image_size_test = parse_image_size(body)
        elif (date := _DATE.search(body)) and current.paper_date is None:
            current.paper_date = date.group(0)
            if year and date.group(1) != year:
                current.flags.append(f"dated {date.group(0)} under the {year} heading")
        elif depth > 0 and _IDENTIFIER.match(body.strip()):
            current.siblings.append(body.strip())
    return notes


NOTE_CHUNK_CHARS = 380  # long entries are split so one idea is not diluted by twenty others in its vector


def note_passages(note: ModelNote, limit: int = NOTE_CHUNK_CHARS) -> list[Passage]:
    """The entry as passages: each starts with the link text and tag, then whole top-level bullets (with their
    nested bullets) up to `limit` characters."""
    heading = f"{note.year_heading or '-'} > {note.link_text}"
    head = note.link_text + (f" ({note.linked_tag})" if note.linked_tag else "")
    groups: list[list[str]] = []
    for bullet in note.bullets:
        line = "  " * bullet.depth + "- " + bullet.text
        if bullet.depth == 0 or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    chunks: list[str] = []
    current = ""
    for group in groups:
        block = "\n".join(group)
        if current and len(current) + len(block) + 1 > limit:
            chunks.append(current)
            current = block
        else:
            current = f"{current}\n{block}" if current else block
    if current or not chunks:
        chunks.append(current)
    passages = []
    for chunk in chunks:
        text = f"{head}\n{chunk}".strip()
        passages.append(Passage(id=passage_id(note.source, heading, text), source=note.source, heading=heading,
                                text=text, kind="model_note", line_start=note.line_start))
    return passages
