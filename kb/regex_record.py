"""Recording the regex programs kb's parser compiles (kb.regex_programs), after each ingest, in a fresh process
that answers a few sample questions of both languages."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from kb.regex_programs import DISABLE_ENV, enabled, programs_file, recorded, save_programs

# questions a recording process answers: the recognizers of both languages, a note answer and a comparison.
# None is a question the bench times (bench/run.py): a cold query it measures compiles its own words' patterns.
SAMPLE_QUESTIONS = (
    "tiny in21k models at 224?", "224 해상도의 base in1k 모델?",
    "large models that are not non-commercial", "ConvNeXt 말고 ViT base 중에 448",
    "models over 85% top-1 with under 30M params", "파라미터 5천만 개 이하, top-1 80% 이상",
    "What does _in1k stand for?", "DeiT는 distillation token을 어떻게 써?",
    "eva02 large models at 448, fine-tuned from in22k", "resnet50.a1_in1k vs resnet50.tv_in1k",
)


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


def record_programs(home: Path) -> int:
    """In this (fresh) process: answer SAMPLE_QUESTIONS over `home`'s index, then store what was compiled."""
    from kb.api import open_kb

    recorded()  # fails early outside a recording process
    knowledge_base = open_kb(Path(home))
    for question in SAMPLE_QUESTIONS:
        knowledge_base.ask(question)
    return save_programs(home, recorded(), fingerprint([r.name for r in knowledge_base.records()]))


def refresh_programs(home: Path, record_names: list[str]) -> None:
    """After an ingest: record the programs again, in a fresh process so that it holds what a query process
    compiles (~2 s), unless kb's code and the registry's tags are those they were recorded from. The index is
    already live: a failure here only leaves cold queries compiling as before."""
    if not enabled() or recorded_fingerprint(home) == fingerprint(record_names):
        return
    record = "import sys; from kb.regex_record import record_programs; record_programs(sys.argv[1])"
    env = {**os.environ, DISABLE_ENV: "record", "KB_HOME": str(home)}
    try:
        subprocess.run([sys.executable, "-c", record, str(home)], env=env, timeout=300,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.SubprocessError):
        pass
