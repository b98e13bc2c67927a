"""Compiled regular expressions kept across processes, so a cold query does not re-run Python's regex compiler.

CPython compiles a pattern in Python (`re._parser`, `re._compiler`) into a program of integers and hands it to
the C engine (`_sre.compile`). The question parser builds hundreds of patterns, many from the fact table and the
live registry's vocabulary, more than `re`'s own cache keeps. A program is a pure function of (pattern, flags)
for one CPython build, so each ingest records, in a fresh process, the programs kb's parser compiles
(`refresh_programs`), as JSON in KB_HOME/cache with a SHA-256 of its programs. Only kb's own patterns use them
(`compiled`); `re`'s cache and other libraries' patterns are never touched. A file that does not fit (another
Python, another format, a checksum that does not match, a program `_sre` rejects) is ignored as a whole and
kb compiles as usual. Never pickle.
"""

from __future__ import annotations

import _sre
import hashlib
import json
import os
import re
import sys
from pathlib import Path

FORMAT = 2
DISABLE_ENV = "KB_REGEX_PROGRAMS"  # "0": do not load; "record": load nothing, note what kb compiles (refresh_programs)

def programs_file(home: Path) -> Path:
    build = f"{sys.implementation.cache_tag}-{'.'.join(map(str, sys.version_info[:3]))}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return Path(home) / "cache" / f"regex-programs-{build}.json"


def program(pattern: str, flags: int) -> list:
    """What `re._compiler.compile` passes to `_sre.compile` for (pattern, flags), as JSON data."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return [pattern, flags, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, indexgroup]


_LOADED: dict[tuple[str, int], re.Pattern] = {}  # (pattern, flags) -> the stored program, compiled by _sre
# while recording, from the first import on: every (pattern, flags) kb compiled
_USED: set[tuple[str, int]] | None = set() if os.environ.get(DISABLE_ENV) == "record" else None


def compiled(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """kb's parser patterns: the stored program when this process loaded one, else `re`'s compiler."""
    key = (pattern, int(flags))
    if _USED is not None:
        _USED.add(key)
    found = _LOADED.get(key)
    return found if found is not None else re.compile(pattern, flags)


def _checksum(programs: list) -> str:
    return hashlib.sha256(json.dumps(programs, ensure_ascii=True).encode("ascii")).hexdigest()


def recorded() -> set[tuple[str, int]]:
    """What this process compiled through `compiled` (a process started with KB_REGEX_PROGRAMS=record)."""
    if _USED is None:
        raise RuntimeError(f"recording needs a process started with {DISABLE_ENV}=record")
    return set(_USED)


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV) not in ("0", "record")


def load_programs(home: Path) -> int:
    """Load the stored programs for `compiled`; how many (0, and none kept, whenever the file does not fit)."""
    if not enabled():
        return 0
    try:
        stored = json.loads(programs_file(home).read_bytes())
        if stored.get("format") != FORMAT or stored.get("sha256") != _checksum(stored["programs"]):
            return 0
        loaded = {}
        for pattern, flags, final_flags, code, groups, groupindex, indexgroup in stored["programs"]:
            loaded[pattern, flags] = _sre.compile(pattern, final_flags, code, groups, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - no file, or one this Python cannot use: compile as usual
        return 0
    _LOADED.update(loaded)
    return len(loaded)


def save_programs(home: Path, keys: set[tuple[str, int]], made_from: str = "") -> int:
    """Store the program of every (pattern, flags) in `keys` (atomically); how many were stored."""
    programs = []
    for pattern, flags in sorted(keys):
        if flags & re.DEBUG:
            continue
        try:
            programs.append(program(pattern, flags))
        except Exception:  # noqa: BLE001 - a private API of another Python: store what could be read
            continue
    target = programs_file(home)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.partial")
    # json, not orjson: a pattern may hold a lone surrogate (the end of a character range), which only \u escapes carry
    partial.write_text(json.dumps({"format": FORMAT, "fingerprint": made_from, "python": sys.version,
                                   "sha256": _checksum(programs), "programs": programs}), encoding="ascii")
    os.replace(partial, target)
    return len(programs)
