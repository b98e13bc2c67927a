"""The on-disk index: round trip, atomic swap, checksums, stale index, lock, rollback. Tiny fake vectors."""

import multiprocessing
import os
import signal
import time

import numpy as np
import pytest

from kb.errors import CorruptIndex, LockHeld, NoIndex, StaleIndex
from kb.lock import IngestLock
from kb.schema import Manifest, ModelRecord, Passage
from kb.store import IndexReader, IndexWriter, rollback

DIM = 4


def record(name):
    arch, tag = name.split(".")
    return ModelRecord(name=name, arch=arch, tag=tag, family=arch.split("_")[0], input_size=(3, 224, 224), timm_version="x")


def build(home, names=("resnet50.a1_in1k",), model="fake", fail_before_commit=False):
    writer = IndexWriter(home)
    records = [record(n) for n in names]
    passages = [Passage(id=f"p{i}", source="n.md", heading="h", text=f"text {i}") for i in range(3)]
    vectors = np.eye(DIM, dtype=np.float32)[:3]
    writer.write(records=records, passages=passages, passage_hashes=["a", "b", "c"], passage_tokens=[["t"]] * 3,
                 passage_vectors=vectors, model_hashes=[f"m{i}" for i in range(len(records))],
                 model_tokens=[["m"]] * len(records), model_vectors=np.ones((len(records), DIM), np.float32),
                 documents=[], dim=DIM)
    if fail_before_commit:
        raise RuntimeError("crash before commit")
    return writer.commit(Manifest(build_id="", built_at="now", embed_model=model, embed_dim=DIM, timm_version="x"))


def test_round_trip_and_search(tmp_path):
    build(tmp_path)
    reader = IndexReader.open(tmp_path)
    assert [r.name for r in reader.records()] == ["resnet50.a1_in1k"]
    assert reader.search_passages(np.array([0, 1, 0, 0], np.float32), 1)[0][0] == "p1"
    assert set(reader.vectors_by_hash()) == {"a", "b", "c", "m0"}


def test_records_are_read_for_answering_without_their_benchmark_rows(tmp_path):
    from kb.schema import EvalResult
    from kb.store.loaded import record_for_queries

    full = record("resnet50.a1_in1k").model_copy(update={"results": [EvalResult(benchmark="imagenet", img_size=224,
                                                                                  top1=80.4, top5=95.1)], "top1": 80.4})
    assert record_for_queries(full.model_dump_json()) == full.model_copy(update={"results": []})


def test_no_index_and_crash_before_commit_keep_previous(tmp_path):
    with pytest.raises(NoIndex):
        IndexReader.open(tmp_path)
    first = build(tmp_path)
    with pytest.raises(RuntimeError):
        build(tmp_path, names=("vit_base_patch16_224.augreg_in1k",), fail_before_commit=True)
    assert IndexReader.open(tmp_path).build_id == first.build_id


def test_stale_embed_model_and_schema(tmp_path):
    build(tmp_path, model="fake")
    with pytest.raises(StaleIndex, match="re-ingest"):
        IndexReader.open(tmp_path, expected_embed_model="another-model")


@pytest.mark.parametrize("victim", ["kb.sqlite", "passages.faiss"])
def test_truncated_or_corrupted_files_are_detected(tmp_path, victim):
    manifest = build(tmp_path)
    path = tmp_path / "indexes" / manifest.build_id / victim
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptIndex, match="checksum"):
        IndexReader.open(tmp_path)


def test_rollback_swaps_current_and_previous(tmp_path):
    first = build(tmp_path)
    second = build(tmp_path, names=("vit_base_patch16_224.augreg_in1k",))
    assert IndexReader.open(tmp_path).build_id == second.build_id
    assert rollback(tmp_path) == first.build_id
    assert IndexReader.open(tmp_path).records()[0].name == "resnet50.a1_in1k"


def test_reload_if_changed(tmp_path):
    build(tmp_path)
    reader = IndexReader.open(tmp_path)
    assert reader.reload_if_changed() is None
    build(tmp_path, names=("vit_base_patch16_224.augreg_in1k",))
    assert reader.reload_if_changed().records()[0].name == "vit_base_patch16_224.augreg_in1k"


def _hold_lock(home, ready):
    with IngestLock(home):
        ready.set()
        time.sleep(60)


def test_lock_is_exclusive_and_released_by_kill_9(tmp_path):
    ready = multiprocessing.Event()
    child = multiprocessing.Process(target=_hold_lock, args=(tmp_path, ready))
    child.start()
    try:
        assert ready.wait(20)
        with pytest.raises(LockHeld) as error:
            with IngestLock(tmp_path):
                pass
        assert error.value.exit_code == 75 and str(child.pid) in error.value.message
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join()
    with IngestLock(tmp_path):
        pass
