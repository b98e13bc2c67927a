"""Compiled regular expressions kept across processes, so a cold query does not re-run Python's regex compiler.

CPython compiles a pattern in Python (`re._parser`, `re._compiler`) into a program of integers and hands it to
the C engine (`_sre.compile`). The question parser builds ~350 patterns, many from the live registry's
vocabulary; compiling them took ~110 ms of every cold `kb query` here (2026-12-03), a sixth of it. A program is
a pure function of (pattern, flags) for one CPython build, so each ingest records, in a fresh process, the
programs a query process compiles (`refresh_programs`), as JSON in KB_HOME/cache. `kb` loads
them into `re`'s own cache before any of its modules compile a pattern, and every `re` call then finds its
pattern compiled. The file is named after the exact Python build and `_sre.MAGIC`; a file that does not fit
(another Python, damaged, another format) is ignored and `re` compiles as it always does. `_sre.compile`
validates a program before it runs it. Never pickle.
"""

from __future__ import annotations

import _sre
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

FORMAT = 1
DISABLE_ENV = "KB_REGEX_PROGRAMS"  # "0": neither load nor record (the recording process itself starts empty)

# questions a recording process answers: the recognizers of both languages, a note answer and a comparison.
# None is a question the bench times (bench/run.py): a cold query it measures compiles its own words' patterns.
SAMPLE_QUESTIONS = (
    "tiny in21k models at 224?", "224 해상도의 base in1k 모델?",
    "large models that are not non-commercial", "ConvNeXt 말고 ViT base 중에 448",
    "models over 85% top-1 with under 30M params", "파라미터 5천만 개 이하, top-1 80% 이상",
    "What does _in1k stand for?", "DeiT는 distillation token을 어떻게 써?",
    "eva02 large models at 448, fine-tuned from in22k", "resnet50.a1_in1k vs resnet50.tv_in1k",
)


def programs_file(home: Path) -> Path:
    build = f"{sys.implementation.cache_tag}-{'.'.join(map(str, sys.version_info[:3]))}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return Path(home) / "cache" / f"regex-programs-{build}.json"


def fingerprint(record_names: list[str]) -> str:
    """What the patterns are made from: kb's source and the registry's tags (the vocabularies come from them)."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(source.read_bytes())
    digest.update("\n".join(sorted(record_names)).encode())
    return digest.hexdigest()


def recorded_fingerprint(home: Path) -> str | None:
    try:
        return json.loads(programs_file(home).read_bytes()).get("fingerprint")
    except (OSError, ValueError, AttributeError):
        return None


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


def _re_cache() -> dict | None:
    cache = getattr(re, "_cache", None)
    return cache if isinstance(cache, dict) else None


def _enabled() -> bool:
    return os.environ.get(DISABLE_ENV) != "0"


def load_programs(home: Path) -> int:
    """Put the stored programs into `re`'s cache; how many were put (0 whenever the file does not fit)."""
    cache = _re_cache()
    if cache is None or not _enabled():
        return 0
    try:
        stored = json.loads(programs_file(home).read_bytes())
        if stored.get("format") != FORMAT:
            return 0
        room = max(0, getattr(re, "_MAXCACHE", 512) - len(cache))
        compiled = {}
        for pattern, flags, final_flags, code, groups, groupindex, indexgroup in stored["programs"][:room]:
            compiled[str, pattern, flags] = _sre.compile(pattern, final_flags, code, groups, groupindex,
                                                         tuple(indexgroup))
    except (OSError, ValueError, TypeError, KeyError, RuntimeError, AttributeError):
        return 0  # no file, or one this Python cannot use: compile as usual
    cache.update(compiled)
    return len(compiled)


def save_programs(home: Path, made_from: str = "") -> int:
    """Store the program of every str pattern now in `re`'s cache (atomically); how many were stored."""
    cache = _re_cache()
    if cache is None:
        return 0
    programs = []
    for key in list(cache):
        if len(key) == 3 and key[0] is str and isinstance(key[2], int) and not key[2] & re.DEBUG:
            try:
                programs.append(program(key[1], key[2]))
            except Exception:  # noqa: BLE001 - a private API of another Python: store what could be read
                continue
    target = programs_file(home)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.partial")
    # json, not orjson: a pattern may hold a lone surrogate (the end of a character range), which only \u escapes carry
    partial.write_text(json.dumps({"format": FORMAT, "fingerprint": made_from, "python": sys.version,
                                      "programs": programs}), encoding="ascii")
    os.replace(partial, target)
    return len(programs)


def record_programs(home: Path) -> int:
    """In this (fresh) process: answer SAMPLE_QUESTIONS over `home`'s index, then store what was compiled."""
    from kb.api import open_kb

    knowledge_base = open_kb(Path(home))
    for question in SAMPLE_QUESTIONS:
        knowledge_base.ask(question)
    return save_programs(home, fingerprint([r.name for r in knowledge_base.records()]))


def refresh_programs(home: Path, record_names: list[str]) -> None:
    """After an ingest: record the programs again, in a fresh process so that it holds what a query process
    compiles (~2 s), unless kb's code and the registry's tags are those they were recorded from. The index is
    already live: a failure here only leaves cold queries compiling as before."""
    if not _enabled() or recorded_fingerprint(home) == fingerprint(record_names):
        return
    record = "import sys; from kb.regex_programs import record_programs; record_programs(sys.argv[1])"
    env = {**os.environ, DISABLE_ENV: "0", "KB_HOME": str(home)}
    try:
        subprocess.run([sys.executable, "-c", record, str(home)], env=env, timeout=300,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.SubprocessError):
        pass
