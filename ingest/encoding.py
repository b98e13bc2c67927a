"""Read a note file into text: UTF-8 (with or without BOM), CP949/EUC-KR, or mojibake'd UTF-8 (repaired).

Each refusal is a BadInput with a message naming the file, so one bad note never stops the others.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Optional

from ingest.repair import RepairResult, looks_like_mojibake, repair_text
from ingest.types import SourceFile
from kb.build import BadInput, write_cache

MAX_NOTE_BYTES = 5 * 1024 * 1024
BINARY_SAMPLE = 8192
LEGACY_KOREAN = ("cp949", "euc-kr")


def _looks_binary(data: bytes) -> bool:
    sample = data[:BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(sample) and control / len(sample) > 0.05


def decode_note(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """(text, encoding label, problems) or BadInput."""
    if not data.strip():
        raise BadInput(f"{name}: the file is empty")
    if _looks_binary(data):
        raise BadInput(f"{name}: looks like a binary file, not a note (NUL or control bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", []
    try:
        text = data.decode("utf-8")
        return text, "utf-8", []
    except UnicodeDecodeError as error:
        utf8_error = error
    for codec in LEGACY_KOREAN:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
        if hangul:
            return text, codec, []
    raise BadInput(
        f"{name}: not UTF-8 (invalid byte at offset {utf8_error.start}) and not CP949/EUC-KR Korean; "
        "save it as UTF-8"
    )


def cached_repair(text: str, digest: str, home: Optional[Path] = None) -> RepairResult:
    """The repair of a file's bytes, cached in KB_HOME by their hash: it costs seconds and never changes."""
    from ingest.repair import REPAIR_VERSION
    from kb.build import cache_dir

    path = cache_dir(home) / f"repair-{REPAIR_VERSION}-{digest[:20]}.json"
    if path.is_file():
        try:
            return RepairResult.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError:
            pass
    result = repair_text(text)
    write_cache(path, result.model_dump_json())
    return result


def repair_note(path: Path) -> RepairResult:
    """`kb repair FILE`: the note's text repaired, under the same size cap and decoding as ingest."""
    path = Path(path)
    if not path.exists():
        raise BadInput(f"not a file: {path}")
    text, _, _ = decode_note(read_note_bytes(path), path.name)
    return repair_text(text)


def read_note_bytes(path: Path) -> bytes:
    """The note's bytes, from a regular file only. Opened non-blocking and checked after opening (fstat), so a
    FIFO or device swapped in after the directory was listed is refused in one line instead of blocking the
    ingest (and its lock) forever; a file over the size cap is refused from its size, before reading a byte."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise BadInput(f"{path.name}: cannot read ({error.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BadInput(f"{path.name}: not a regular file (a FIFO, device or directory); skipped")
        if info.st_size > MAX_NOTE_BYTES:
            raise BadInput(f"{path.name}: {info.st_size / 1e6:.1f} MB is over the "
                           f"{MAX_NOTE_BYTES // (1024 * 1024)} MB limit for a note")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            data = handle.read(MAX_NOTE_BYTES + 1)
    except OSError as error:
        raise BadInput(f"{path.name}: cannot read ({error.strerror})") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_NOTE_BYTES:
        raise BadInput(f"{path.name}: over the {MAX_NOTE_BYTES // (1024 * 1024)} MB limit for a note")
    return data


def read_note(path: Path, home: Optional[Path] = None) -> SourceFile:
    """The note as text, repaired when it is mojibake. Raises BadInput for files that cannot be notes."""
    path = Path(path)
    data = read_note_bytes(path)
    text, encoding, problems = decode_note(data, path.name)
    repaired = uncertain = 0
    if looks_like_mojibake(text):
        result = cached_repair(text, hashlib.sha256(data).hexdigest(), home)
        text, repaired, uncertain = result.text, result.lines_changed, len(result.uncertain_lines)
        encoding = f"mojibake({encoding} read as cp1252)"
        problems.append(f"repaired {repaired} mojibake lines ({result.truncated_sequences} lost-byte sequences)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(
        path=str(path),
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        text=text,
        repaired_lines=repaired,
        uncertain_lines=uncertain,
        problems=problems,
    )
