"""A real index of the shipped notes: counts, answers, incremental re-ingest, kill -9 at every stage, a reader
loop during a swap, a second concurrent ingest, a full disk, and nightly reports."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from kb import open_kb
from kb.config import NOTES_DIR, PROJECT_ROOT
from kb.store import IndexReader

pytestmark = [pytest.mark.slow, pytest.mark.backend]  # every test builds an index: run again on Qdrant
FIVE = {"convnext_small.fb_in22k_ft_in1k_384", "deit3_small_patch16_384.fb_in22k_ft_in1k",
        "vit_small_patch16_384.augreg_in21k_ft_in1k", "vit_small_patch32_384.augreg_in21k_ft_in1k",
        "vit_small_r26_s32_384.augreg_in21k_ft_in1k"}


def copy_home(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("ingest.lock"))
    return dst


def test_counts_of_the_built_index(built_kb_home):
    manifest = IndexReader.open(built_kb_home).manifest
    counts = manifest.counts
    assert counts["records"] == 1826 and counts["model_notes"] == 17
    assert counts["suffix_terms"] == 26 and counts["convention_rules"] == 8
    assert counts["skipped_files"] == 0 and counts["passages"] > 150
    assert set(manifest.source_hashes) == {p.name for p in NOTES_DIR.iterdir()}


def test_answers_in_both_languages(knowledge_base):
    for question in ("which small in22k model at 384?", "384 해상도의 small in22k 모델?"):
        answer = knowledge_base.ask(question)
        assert {m.name for m in answer.models} == FIVE and answer.total_matches == 5
        assert all(m.hf_url.startswith("https://huggingface.co/timm/") for m in answer.models)
        assert answer.passages  # the evidence; the answer cites a passage only beside a quote from it
        assert all(f"[{q.source} § {q.heading}]" in answer.answer for q in answer.quotes)
    assert knowledge_base.ask("384 해상도의 small in22k 모델?").language == "ko"
    kernel = knowledge_base.ask("ConvNeXt는 커널 크기를 얼마로 키웠어?")
    assert any("7×7" in p.text or "7x7" in p.text for p in kernel.passages)
    empty = knowledge_base.ask("nano models at 512")
    assert empty.models == [] and empty.relaxations


def test_a_note_answer_leads_its_evidence_with_the_passage_it_quotes(knowledge_base):
    answer = knowledge_base.ask("How many images was DINOv2 trained on without labels?")
    assert answer.quote is not None and not answer.quote.code
    assert (answer.passages[0].source, answer.passages[0].heading) == (answer.quote.source, answer.quote.heading)
    assert answer.quote.text in answer.passages[0].text.replace("**", "")


def test_no_change_reingest_reuses_every_vector(built_kb_home, tmp_path):
    from ingest import build_index

    home = copy_home(built_kb_home, tmp_path / "home")
    report = build_index(home=home)
    assert report.embedded == 0 and report.reused > 2000


def test_one_changed_note_embeds_only_its_new_passages(built_kb_home, tmp_path):
    from ingest import build_index

    notes = tmp_path / "notes"
    shutil.copytree(NOTES_DIR, notes)
    with open(notes / "timm-suffix-guide.ko.md", "a", encoding="utf-8") as handle:
        # unique text, so no vector cache has seen it
        handle.write(f"\n\n### 추가 메모\n\n`_sw`는 timm 저자의 학습 레시피입니다 ({uuid.uuid4().hex}).\n")
    home = copy_home(built_kb_home, tmp_path / "home")
    report = build_index(notes_dir=notes, home=home)
    assert 0 < report.embedded <= 3


def _ingest_child(home: Path, env_extra: dict) -> subprocess.Popen:
    env = dict(os.environ, **env_extra)
    code = "from ingest import build_index; from pathlib import Path; import sys; build_index(home=Path(sys.argv[1]))"
    return subprocess.Popen([sys.executable, "-c", code, str(home)], env=env, cwd=PROJECT_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("stage", ["parse", "embed", "write", "swap"])
def test_kill_9_at_each_stage_leaves_the_old_index_answering(built_kb_home, tmp_path, stage):
    home = copy_home(built_kb_home, tmp_path / "home")
    before = IndexReader.open(home).build_id
    child = _ingest_child(home, {"KB_TEST_FAULT_AT": stage})
    child.wait(timeout=300)
    assert child.returncode == -signal.SIGKILL
    kb = open_kb(home)
    assert kb.manifest.build_id == before
    assert {m.name for m in kb.ask("which small in22k model at 384?").models} == FIVE


@pytest.mark.parametrize("command", ["ingest", "nightly"])
def test_a_second_ingest_or_nightly_gets_exit_75_while_one_runs(built_kb_home, tmp_path, command):
    from kb.lock import IngestLock

    home = copy_home(built_kb_home, tmp_path / "home")
    with IngestLock(home):
        result = subprocess.run([sys.executable, "-m", "kb.cli", command], env=dict(os.environ, KB_HOME=str(home)),
                                cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 75 and "another ingest is running" in result.stderr


def test_reader_loop_of_200_queries_during_a_swap(built_kb_home, tmp_path):
    from ingest import build_index

    home = copy_home(built_kb_home, tmp_path / "home")
    kb = open_kb(home)
    failures, done = [], threading.Event()

    def reader():
        count = 0
        while count < 200 or not done.is_set():
            try:
                kb.refresh()
                if {m.name for m in kb.ask("which small in22k model at 384?").models} != FIVE:
                    failures.append("wrong answer")
            except Exception as error:  # any failure counts
                failures.append(repr(error))
            count += 1
        failures.append(f"queries={count}") if count < 200 else None

    thread = threading.Thread(target=reader)
    thread.start()
    build_index(home=home)
    done.set()
    thread.join(timeout=300)
    assert failures == []


def test_write_error_keeps_the_previous_index(built_kb_home, tmp_path, monkeypatch):
    import kb.store.sqlite_faiss
    from ingest import build_index

    home = copy_home(built_kb_home, tmp_path / "home")
    before = IndexReader.open(home).build_id

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kb.store.sqlite_faiss, "_save_faiss", disk_full)
    with pytest.raises(OSError):
        build_index(home=home)
    assert IndexReader.open(home).build_id == before
    assert not list((home / "indexes").glob(".partial-*"))


def test_nightly_report_after_an_edit_and_a_removal(built_kb_home, tmp_path):
    from ingest.nightly import run_nightly

    notes = tmp_path / "notes"
    shutil.copytree(NOTES_DIR, notes)
    (notes / "mmpretrain-naming-convention.en.md").unlink()
    with open(notes / "timm-model-notes.ko.md", "a", encoding="utf-8") as handle:
        handle.write("\n- 메모: resnet50_nonexistent 확인 필요\n")
    home = copy_home(built_kb_home, tmp_path / "home")
    report = run_nightly(notes_dir=notes, home=home)
    assert report.ok and report.new_build != report.previous_build
    assert report.notes_removed == ["mmpretrain-naming-convention.en.md"]
    assert report.notes_changed == ["timm-model-notes.ko.md"]
    assert report.records_added == [] and report.records_removed == []
    assert len(report.canaries) >= 3
    assert list((home / "reports").glob("nightly-*.txt"))


def test_corrupted_index_is_detected_then_nightly_rebuilds(built_kb_home, tmp_path):
    from ingest.nightly import run_nightly
    from kb.errors import CorruptIndex

    home = copy_home(built_kb_home, tmp_path / "home")
    current = (home / "current").read_text().strip()
    faiss_file = home / "indexes" / current / "passages.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    with pytest.raises(CorruptIndex):
        open_kb(home)
    report = run_nightly(home=home)
    assert report.ok
    assert {m.name for m in open_kb(home).ask("which small in22k model at 384?").models} == FIVE


def test_bad_notes_are_reported_per_file_and_never_stop_the_good_ones(built_kb_home, tmp_path):
    import timm

    from ingest import build_index

    notes = tmp_path / "notes"
    shutil.copytree(NOTES_DIR, notes)
    (notes / "empty.md").write_bytes(b"")
    (notes / "binary.md").write_bytes(b"\x00\x01PNG\x00" * 500)
    (notes / "latin1.md").write_bytes("caf\xe9 cr\xe8me".encode("latin-1") * 20)
    with open(notes / "huge.md", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (notes / "no-headings.txt").write_text("제목 없는 메모: resnet50은 기준 모델입니다.\n", encoding="utf-8")
    names = timm.list_models(pretrained=True)[:1000]
    (notes / "thousand.md").write_text("# 1000개 모델\n\n" + "\n".join(f"- {n}" for n in names), encoding="utf-8")
    home = copy_home(built_kb_home, tmp_path / "home")
    report = build_index(notes_dir=notes, home=home)
    status = {f.source: f.status for f in report.files}
    assert {status[n] for n in ("empty.md", "binary.md", "latin1.md", "huge.md")} == {"skipped"}
    assert status["no-headings.txt"] == "ok" and status["thousand.md"] == "ok"
    assert all(status[p.name] in ("ok", "repaired") for p in NOTES_DIR.iterdir())
    reader = IndexReader.open(home)
    linked = {t for p in reader.passages() if p.source == "thousand.md" for t in p.linked_tags}
    assert set(names) <= linked
