"""Issue 28 at the command line: a full disk under sqlite, deep nesting, huge numbers, broken pipes, huge stream
lines and the small bad inputs of #16 -- each one line and a documented exit code, a stream going on."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.config import PROJECT_ROOT

pytestmark = pytest.mark.slow
DEEP_QUESTION = "(" * 330 + "family:resnet" + ")" * 330
MANY_NOTS = "NOT " * 2000 + "family:resnet"


def run(args, home, stdin=None):
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], input=stdin, capture_output=True, text=True,
                          env=dict(os.environ, KB_HOME=str(home)), cwd=PROJECT_ROOT, timeout=300)


def one_line_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_sqlite_full_disk_in_the_writer_is_exit_74_and_keeps_the_index(built_kb_home, tmp_path, monkeypatch):
    from kb.store import IndexReader
    from kb.store.sqlite_faiss import IndexWriter

    home = tmp_path / "home"
    shutil.copytree(built_kb_home, home, ignore=shutil.ignore_patterns("ingest.lock"))
    before = IndexReader.open(home).build_id

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(IndexWriter, "write", full)
    monkeypatch.setenv("KB_HOME", str(home))
    result = CliRunner().invoke(cli, ["ingest", "--json"])
    assert result.exit_code == 74, result.output
    assert "disk is full" in json.loads(result.output)["error"]
    assert IndexReader.open(home).build_id == before


def test_a_sqlite_error_that_is_not_the_disk_stays_an_internal_error():
    from kb.cli.common import storage_error

    assert storage_error(sqlite3.OperationalError("no such table: passages")) is None
    assert storage_error(sqlite3.OperationalError("database or disk is full")).exit_code == 74
    assert storage_error(sqlite3.OperationalError("attempt to write a readonly database")).exit_code == 73
    assert storage_error(ValueError("disk is full")) is None


def test_deep_nesting_is_bad_input_and_a_stream_goes_on(built_kb_home):
    nested = run(["query", DEEP_QUESTION], built_kb_home)
    assert nested.returncode == 2 and "too deeply nested" in one_line_error(nested)
    nots = run(["models", "--where", MANY_NOTS], built_kb_home)
    assert nots.returncode == 2 and "too deeply nested" in one_line_error(nots)
    where = run(["query", "resnet", "--where", MANY_NOTS], built_kb_home)
    assert where.returncode == 2 and "too deeply nested" in one_line_error(where)
    for command in (["query", "-", "--json"], ["chat", "--json"]):
        stream = run(command, built_kb_home, stdin=f"{DEEP_QUESTION}\nresnet50 top-1\n")
        assert stream.returncode == 0, stream.stderr
        first, second = [json.loads(line) for line in stream.stdout.splitlines()]
        assert first["exit_code"] == 2 and "too deeply nested" in first["error"]
        assert second["models"] and "Traceback" not in stream.stderr


def test_nesting_under_the_bound_still_parses():
    from kb import parse_where
    from kb.query.syntax import MAX_NESTING, nesting_depth

    text = "(" * 50 + "NOT " * 49 + "family:resnet" + ")" * 50
    assert parse_where(text) is not None
    assert nesting_depth([("not", "NOT")] * 3 + [("cond", "a:b")] + [("and", "AND"), ("not", "NOT")]) == 3
    assert MAX_NESTING >= 99


@pytest.mark.parametrize("field", ["patch", "epochs", "params", "res"])
def test_a_400_digit_number_is_bad_input(field):
    result = CliRunner().invoke(cli, ["models", "--where", f"{field}:{'1' * 400}"])
    assert result.exit_code == 2 and "too large" in result.output and "Overflow" not in result.output


@pytest.mark.parametrize("args", [["query", "resnet models"], ["compare", "resnet50", "resnet18"],
                                  ["query", "-"]])
def test_a_reader_that_leaves_early_ends_the_command_quietly(built_kb_home, args):
    process = subprocess.Popen([sys.executable, "-m", "kb.cli", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=dict(os.environ, KB_HOME=str(built_kb_home)),
                               cwd=PROJECT_ROOT)
    if args[-1] == "-":
        process.stdin.write(b"resnet models\n" * 20)
    process.stdin.close()
    assert process.stdout.readline()
    process.stdout.close()  # `| head -1`
    assert process.wait(timeout=300) == 0
    assert process.stderr.read() == b""


def test_a_huge_stream_line_is_echoed_as_a_bounded_prefix(built_kb_home):
    from kb.cli.query import ECHO_LIMIT

    for command in (["query", "-", "--json"], ["chat", "--json"]):
        result = run(command, built_kb_home, stdin="a" * 200_000 + "\n")
        error = json.loads(result.stdout)
        assert error["exit_code"] == 2 and error["query"] == "a" * ECHO_LIMIT + "…"
        assert len(result.stdout) < 1000


def test_a_bad_eval_file_is_one_line(tmp_path, built_kb_home):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": 1}\n', encoding="utf-8")
    result = run(["eval", str(bad)], built_kb_home)
    assert result.returncode == 2 and "line 1" in one_line_error(result)


@pytest.mark.parametrize("args", [["models", "--max-params", "nan"], ["models", "--min-top1", "inf"],
                                  ["compare", "resnet50", "resnet50", "resnet50", "resnet50"],
                                  ["compare", "resnet50", "resnet50.a1_in1k"],
                                  ["ingest", "--notes", ""], ["nightly", "--notes", " "]])
def test_small_bad_inputs_are_one_line_and_exit_2(built_kb_home, tmp_path, args):
    home = tmp_path / "home"  # ingest / nightly must refuse before touching anything
    shutil.copytree(built_kb_home, home, ignore=shutil.ignore_patterns("ingest.lock"))
    result = run(args, home)
    assert result.returncode == 2
    one_line_error(result)
    assert not (home / "reports").exists()
    assert sorted(p.name for p in (home / "indexes").iterdir()) == sorted(p.name for p in (built_kb_home / "indexes").iterdir())
