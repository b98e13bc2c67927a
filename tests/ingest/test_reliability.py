"""The adversarial corpus: inputs, file names, disk states and concurrent commands that once broke something.
Each test reproduces one case of the reliability issue and checks the fixed behaviour (one line, a documented
exit code, the previous index still answering, nothing left behind)."""

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb import open_kb
from kb.config import NOTES_DIR, PROJECT_ROOT
from kb.store import IndexReader, build_dir, read_pointer

pytestmark = pytest.mark.slow
KB = [sys.executable, "-m", "kb.cli"]


def run(args, home, stdin=None, timeout=300):
    return subprocess.run(KB + args, input=stdin, capture_output=True, env=dict(os.environ, KB_HOME=str(home)),
                          cwd=PROJECT_ROOT, timeout=timeout)


def copy_home(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("ingest.lock"))
    return dst


def notes_copy(tmp_path: Path) -> Path:
    notes = tmp_path / "notes"
    shutil.copytree(NOTES_DIR, notes)
    return notes


# ---- 1, 14: bytes that are not text, usage errors ---------------------------------------------------------------

def test_invalid_bytes_in_a_question_are_one_line_and_the_batch_goes_on(built_kb_home):
    single = run(["query", b"small \xff\xfe 384".decode("utf-8", "surrogateescape"), "--json"], built_kb_home)
    assert single.returncode == 2 and b"not valid UTF-8" in single.stdout and b"Traceback" not in single.stderr
    batch = run(["query", "-", "--json"], built_kb_home, stdin=b"small \xff 384\nwhich small in22k model at 384?\n")
    lines = [json.loads(line) for line in batch.stdout.decode().splitlines()]
    assert [("error" in line) for line in lines] == [True, False] and lines[1]["total_matches"] == 5
    assert "\ufffd" in lines[0]["query"]


def test_usage_errors_answer_in_json_when_asked(tmp_path):
    result = run(["query", "x", "--limit", "0", "--json"], tmp_path)
    payload = json.loads(result.stdout)
    assert result.returncode == 2 and payload["exit_code"] == 2 and "limit" in payload["error"]


# ---- 2, 6, 7: what a notes directory may hold -------------------------------------------------------------------

def test_odd_note_files_are_skipped_with_a_reason_and_the_rest_is_ingested(built_kb_home, tmp_path):
    from ingest import build_index

    home = copy_home(built_kb_home, tmp_path / "home")
    notes = notes_copy(tmp_path)
    (notes / os.fsdecode(b"bad-\xff-name.md")).write_text("# x\n\nresnet50 note\n", encoding="utf-8")
    (notes / "README").write_text("no extension\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0 top secret line\n", encoding="utf-8")
    (notes / "leak.md").symlink_to(secret)
    report = build_index(notes_dir=notes, home=home)
    status = {r.source: (r.status, r.message) for r in report.files}
    assert status["bad-\ufffd-name.md"][0] == "skipped" and "UTF-8" in status["bad-\ufffd-name.md"][1]
    assert status["README"][0] == "skipped" and status["leak.md"][0] == "skipped"
    assert "out of the notes directory" in status["leak.md"][1]
    assert not any("top secret" in p.text for p in IndexReader.open(home).passages())
    assert report.counts["notes_files"] == 5


def test_an_empty_notes_dir_refuses_to_shrink_the_index_unless_asked(built_kb_home, tmp_path):
    home = copy_home(built_kb_home, tmp_path / "home")
    empty = tmp_path / "empty"
    empty.mkdir()
    before = read_pointer(home, "current")
    refused = run(["ingest", "--notes", str(empty), "--json"], home)
    assert refused.returncode == 1 and b"--allow-shrink" in refused.stdout
    assert read_pointer(home, "current") == before
    allowed = run(["ingest", "--notes", str(empty), "--allow-shrink", "--json"], home)
    assert allowed.returncode == 0 and json.loads(allowed.stdout)["counts"]["passages"] == 0


# ---- 3: a note near the size cap is linear ------------------------------------------------------------------------

def test_linking_a_large_note_is_linear():
    from ingest.linking import find_mentions
    from kb import registry_records
    from kb.naming.index import NameIndex

    index = NameIndex.from_records(registry_records())
    chunk = "convnext_small.fb_in22k_ft_in1k_384 과 resnet50 을 비교한 메모입니다. vit_base_patch16_224 는 기준선. " * 40
    times = []
    for repeat in (1, 4):
        started = time.perf_counter()
        find_mentions(chunk * repeat * 25, index, "big.md")
        times.append(time.perf_counter() - started)
    assert times[1] < 8 * times[0] + 0.5  # 4x the text: about 4x the time, not 16x


# ---- 4: a damaged pointer ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["bytes", "directory"])
def test_a_damaged_current_pointer_is_reported_and_repaired_by_ingest(built_kb_home, tmp_path, damage):
    home = copy_home(built_kb_home, tmp_path / "home")
    good = open_kb(home)
    (home / "current").unlink()
    if damage == "bytes":
        (home / "current").write_bytes(os.urandom(64))
    else:
        (home / "current").mkdir()
    query = run(["query", "resnet50 weights", "--json"], home)
    assert query.returncode == 5 and b"damaged" in query.stdout and b"Traceback" not in query.stderr
    assert good.refresh() is False and good.refresh_error is not None  # a running app keeps its index
    assert good.ask("which small in22k model at 384?").total_matches == 5
    repaired = run(["ingest", "--json"], home)
    assert repaired.returncode == 0 and run(["query", "resnet50 weights"], home).returncode == 0


# ---- 5: read-only and full disks -----------------------------------------------------------------------------------

@pytest.mark.parametrize("code, exit_code", [(errno.EROFS, 73), (errno.ENOSPC, 74), (errno.EACCES, 73)])
def test_os_errors_are_one_line_with_their_exit_code(tmp_path, monkeypatch, code, exit_code):
    from click.testing import CliRunner

    import ingest
    from kb.cli import cli

    def failing(**kwargs):
        raise OSError(code, os.strerror(code), str(tmp_path / "x"))

    monkeypatch.setattr(ingest, "build_index", failing)
    result = CliRunner().invoke(cli, ["ingest", "--json"])
    assert result.exit_code == exit_code and json.loads(result.output)["exit_code"] == exit_code


def test_a_failed_vector_cache_save_leaves_no_temporary_file(tmp_path, monkeypatch):
    import numpy as np

    from ingest import vector_cache

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(vector_cache.np, "save", full_disk)
    with pytest.raises(OSError):
        vector_cache.save_vectors(tmp_path, "m", {"a": np.ones(4, dtype=np.float32)})
    assert list(tmp_path.iterdir()) == []


# ---- 8: a long-running `kb query -` ------------------------------------------------------------------------------

def test_query_stdin_answers_line_by_line_and_sees_a_swap(built_kb_home, tmp_path):
    from ingest import build_index

    home = copy_home(built_kb_home, tmp_path / "home")
    process = subprocess.Popen(KB + ["query", "-", "--json", "--limit", "3"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, env=dict(os.environ, KB_HOME=str(home)), cwd=PROJECT_ROOT, text=True)
    try:
        process.stdin.write("블루베리파이 레시피 메모\n")
        process.stdin.flush()
        first = json.loads(process.stdout.readline())  # answered before stdin ends
        notes = notes_copy(tmp_path)
        (notes / "blueberry.ko.md").write_text("# 블루베리파이 레시피 메모\n\n블루베리파이 굽는 법: 오븐 180도.\n", encoding="utf-8")
        build_index(notes_dir=notes, home=home)
        process.stdin.write("블루베리파이 레시피 메모\n")
        process.stdin.flush()
        second = json.loads(process.stdout.readline())
    finally:
        process.stdin.close()
        process.wait(timeout=60)
    assert not any(p["source"] == "blueberry.ko.md" for p in first["passages"])
    assert second["passages"][0]["source"] == "blueberry.ko.md"


# ---- 9, 10: rollback and orphans ----------------------------------------------------------------------------------

def test_rollback_waits_for_no_ingest_and_orphans_are_pruned(built_kb_home, tmp_path):
    from kb.lock import IngestLock
    from kb.store import prune_builds

    home = copy_home(built_kb_home, tmp_path / "home")
    with IngestLock(home):
        held = run(["rollback", "--json"], home)
    assert held.returncode == 75 and json.loads(held.stdout)["exit_code"] == 75
    current = read_pointer(home, "current")
    orphan = build_dir(home, "29991231T235959-abcdef")  # complete, newer than anything live: a killed canary
    shutil.copytree(build_dir(home, current), orphan)
    prune_builds(home)
    assert not orphan.exists() and build_dir(home, current).exists()


# ---- 11, 12: repair's size cap, a changed timm ----------------------------------------------------------------------

def test_repair_refuses_an_oversized_file_before_reading_it(tmp_path):
    big = tmp_path / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(1024 ** 3)  # a 1 GB sparse file: rejected from its size alone
    started = time.perf_counter()
    result = run(["repair", str(big), "--json"], tmp_path)
    assert result.returncode == 2 and b"limit" in result.stdout and time.perf_counter() - started < 30


def test_an_index_of_another_timm_version_asks_for_a_reingest(built_kb_home, tmp_path):
    home = copy_home(built_kb_home, tmp_path / "home")
    directory = build_dir(home, read_pointer(home, "current"))
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["timm_version"] = "0.9.0"
    (directory / "manifest.json").write_text(json.dumps(manifest))
    result = run(["query", "resnet50", "--json"], home)
    assert result.returncode == 4 and b"timm 0.9.0" in result.stdout


# ---- 13: note text is printed as written --------------------------------------------------------------------------

def test_text_output_keeps_emoji_codes_literal(built_kb_home, tmp_path):
    from ingest import build_index

    home = copy_home(built_kb_home, tmp_path / "home")
    notes = notes_copy(tmp_path)
    (notes / "passwd.md").write_text("# 계정 메모 zxqv\n\nzxqv 계정 줄: user:x:1000 그리고 :smile: 표시\n", encoding="utf-8")
    build_index(notes_dir=notes, home=home)
    result = run(["query", "zxqv 계정 메모"], home)
    assert b"user:x:1000" in result.stdout and b":smile:" in result.stdout


# ---- 15: `kill <pid of kb app>` stops the server ------------------------------------------------------------------

def test_killing_kb_app_frees_its_port(built_kb_home):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = subprocess.Popen(KB + ["app", "--port", str(port)], env=dict(os.environ, KB_HOME=str(built_kb_home)),
                           cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        app.terminate()  # SIGTERM to the pid `kb app` printed: no process group needed
        app.wait(timeout=30)
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0
    finally:
        if app.poll() is None:
            app.kill()
