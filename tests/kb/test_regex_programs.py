"""Stored regex programs (kb.regex_programs): what a cold process loads is exactly what `re` would compile, only
kb's own patterns use it, and a file that does not fit is ignored as a whole."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from kb import regex_programs
from kb.regex_programs import DISABLE_ENV, FORMAT, compiled, load_programs, program, programs_file, save_programs
from kb.regex_record import fingerprint

QUESTIONS = ["384 해상도의 small in22k 모델?", "base models that are not non-commercial, 224 only"]
# a fresh process: how many programs kb loaded, how many patterns re compiled, and its answers to QUESTIONS
ANSWER = (
    "import json, re, sys\n"
    "from kb import open_kb, regex_programs\n"
    "knowledge_base = open_kb()\n"
    "answers = [knowledge_base.ask(q).model_dump(mode='json') for q in sys.argv[1:]]\n"
    "print(json.dumps({'loaded': len(regex_programs._LOADED), 're_compiled': len(re._cache), 'answers': answers}))\n"
)


def _run(code: str, home, *args: str, load: "bool | str") -> str:
    env = {**os.environ, "KB_HOME": str(home), DISABLE_ENV: load if isinstance(load, str) else "1" if load else "0"}
    result = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def recorded_home(built_kb_home, tmp_path_factory):
    home = tmp_path_factory.mktemp("programs_home")
    shutil.copytree(built_kb_home, home, dirs_exist_ok=True)
    _run("import sys; from kb.regex_record import record_programs; print(record_programs(sys.argv[1]))",
         home, str(home), load="record")
    return home


@pytest.mark.slow
def test_every_stored_program_is_what_re_compiles(recorded_home):
    stored = json.loads(programs_file(recorded_home).read_text(encoding="ascii"))
    assert stored["format"] == FORMAT and len(stored["programs"]) > 100
    for entry in stored["programs"]:
        assert program(entry[0], entry[1]) == entry


@pytest.mark.slow
def test_a_process_with_the_programs_answers_as_one_without(recorded_home):
    stored = len(json.loads(programs_file(recorded_home).read_text(encoding="ascii"))["programs"])
    with_programs = json.loads(_run(ANSWER, recorded_home, *QUESTIONS, load=True))
    without = json.loads(_run(ANSWER, recorded_home, *QUESTIONS, load=False))
    assert with_programs["answers"] == without["answers"]
    assert with_programs["loaded"] == stored and without["loaded"] == 0
    assert with_programs["re_compiled"] < without["re_compiled"]  # kb's parser patterns came from the file


def test_a_damaged_tampered_or_foreign_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv(DISABLE_ENV, "1")
    monkeypatch.setattr(regex_programs, "_LOADED", {})
    pattern = "(?P<size>tiny|small)"
    assert save_programs(tmp_path, {(pattern, int(re.IGNORECASE))}) == 1
    target = programs_file(tmp_path)
    good = json.loads(target.read_text(encoding="ascii"))
    tampered = json.loads(target.read_text(encoding="ascii"))
    tampered["programs"][0][3][-2] = -5  # one integer of the program changed, the checksum left as it was
    foreign = {**good, "format": FORMAT + 1}
    for content in ("{not json", json.dumps(tampered), json.dumps(foreign),
                    json.dumps({"format": FORMAT, "programs": [["a", 0, 0, [1, 2, 3], 0, {}, []]]})):
        target.write_text(content, encoding="ascii")
        before = dict(re._cache)
        assert load_programs(tmp_path) == 0
        assert regex_programs._LOADED == {} and re._cache == before
    assert load_programs(tmp_path / "nowhere") == 0


def test_saved_programs_round_trip_for_kb_patterns_only(tmp_path, monkeypatch):
    monkeypatch.setenv(DISABLE_ENV, "1")
    monkeypatch.setattr(regex_programs, "_LOADED", {})
    pattern = "(?P<size>tiny|small)[\\s\\-]?(\\d{3})(?![\\ud800-\\udfff])"
    assert save_programs(tmp_path, {(pattern, int(re.IGNORECASE))}, "made-from") == 1
    re.purge()
    assert load_programs(tmp_path) == 1
    assert re._cache == {}  # re's own cache (every other library's patterns) is never written
    loaded = compiled(pattern, re.IGNORECASE)
    assert loaded is regex_programs._LOADED[pattern, int(re.IGNORECASE)]
    assert loaded.groupindex == {"size": 1} and loaded.flags == re.compile("x", re.IGNORECASE).flags
    assert loaded.findall("Small-384 and tiny 224") == [("Small", "384"), ("tiny", "224")]


def test_the_fingerprint_follows_the_registry_tags():
    assert fingerprint(["a", "b"]) == fingerprint(["b", "a"]) != fingerprint(["a"])


def test_no_question_the_bench_times_is_recorded():
    from kb.config import PROJECT_ROOT
    from kb.regex_record import SAMPLE_QUESTIONS

    bench = (PROJECT_ROOT / "bench" / "run.py").read_text(encoding="utf-8")
    assert not [q for q in SAMPLE_QUESTIONS if q in bench]
