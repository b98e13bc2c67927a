"""The Qdrant backend: local mode answers like the embedded backend; server mode's collections and aliases swap,
roll back, prune, verify and fail in one line. Server mode runs against Qdrant's in-process engine standing in for
a server (KB_QDRANT_URL=":memory:"); against a real server only when KB_QDRANT_URL names one."""

import os
import uuid

import numpy as np
import pytest

from kb.errors import BackendUnavailable, CorruptIndex, NoIndex
from kb.schema import Manifest, ModelRecord, Passage
from kb.store import new_writer, open_index, rollback_build
from kb.store.sqlite_faiss import IndexReader

DIM = 4
TOKENS = [["resnet", "in22k", "in22k"], ["vit", "patch16"], ["resnet", "a1"], []]


def record(name):
    arch, tag = name.split(".")
    return ModelRecord(name=name, arch=arch, tag=tag, family=arch.split("_")[0], input_size=(3, 224, 224), timm_version="x")


def build(home, names=("resnet50.a1_in1k", "vit_base_patch16_224.augreg_in21k"), swap=True):
    writer = new_writer(home)
    records = [record(n) for n in names]
    passages = [Passage(id=f"p{i}", source="n.md", heading="h", text=f"text {i}") for i in range(len(TOKENS))]
    rng = np.random.default_rng(len(names))
    vectors = rng.normal(size=(len(TOKENS) + len(names), DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    writer.write(records=records, passages=passages, passage_hashes=[f"h{i}" for i in range(len(TOKENS))],
                 passage_tokens=TOKENS, passage_vectors=vectors[:len(TOKENS)],
                 model_hashes=[f"m{i}" for i in range(len(names))], model_tokens=[n.split(".") for n in names],
                 model_vectors=vectors[len(TOKENS):], documents=[], dim=DIM)
    manifest = writer.finalize(Manifest(build_id="", built_at="now", embed_model="fake", embed_dim=DIM, timm_version="x"))
    if swap:
        writer.swap()
    return manifest, writer


@pytest.fixture
def local(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_BACKEND", "qdrant")
    monkeypatch.delenv("KB_QDRANT_URL", raising=False)
    return tmp_path


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_BACKEND", "qdrant")
    if not os.environ.get("KB_QDRANT_URL"):
        monkeypatch.setenv("KB_QDRANT_URL", ":memory:")
    monkeypatch.setenv("KB_QDRANT_PREFIX", f"test_{uuid.uuid4().hex[:8]}")  # a real server may hold other builds
    return tmp_path


def test_local_mode_ranks_like_the_embedded_backend(local):
    build(local)
    qdrant, files = open_index(local), IndexReader.open(local)
    assert qdrant.backend == "qdrant-local"
    for query in (["resnet"], ["in22k", "resnet"], ["vit", "unknown"], ["nothing"]):
        got, expected = qdrant.sparse_passages(query, 3), files.sparse_passages(query, 3)
        assert [p for p, _ in got] == [p for p, _ in expected]
        assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-6)
    vector = np.array([0.5, 0.5, 0.5, 0.5], np.float32)
    assert [p for p, _ in qdrant.search_passages(vector, 4)] == [p for p, _ in files.search_passages(vector, 4)]
    assert [m for m, _ in qdrant.search_models(vector, 2)] == [m for m, _ in files.search_models(vector, 2)]


def test_server_mode_swaps_aliases_and_rolls_back(server):
    first, _ = build(server)
    reader = open_index(server)
    assert reader.backend == "qdrant-server" and reader.build_id == first.build_id
    assert [r.name for r in reader.records()] == ["resnet50.a1_in1k", "vit_base_patch16_224.augreg_in21k"]
    assert reader.sparse_passages(["resnet"], 2)[0][0] in {"p0", "p2"}
    assert set(reader.vectors_by_hash()) == {"h0", "h1", "h2", "h3", "m0", "m1"}
    second, _ = build(server, names=("resnet50.a1_in1k",))
    assert reader.reload_if_changed().build_id == second.build_id
    assert rollback_build(server) == first.build_id
    assert open_index(server).build_id == first.build_id


def test_server_mode_keeps_a_build_invisible_until_swap_and_aborts_cleanly(server):
    first, _ = build(server)
    pending, writer = build(server, names=("resnet50.a1_in1k",), swap=False)
    assert open_index(server).build_id == first.build_id
    assert open_index(server, build=writer.directory).build_id == pending.build_id  # a nightly's canaries
    writer.abort()
    assert open_index(server).build_id == first.build_id
    with pytest.raises(NoIndex):
        open_index(server, build=writer.directory)  # its manifest.json is gone with its collections


def test_server_mode_prunes_old_builds_but_keeps_live_and_previous(server):
    from kb.store.qdrant import aliased_builds, prefix, server_client

    builds = [build(server)[0].build_id for _ in range(5)]
    kept = {c.name for c in server_client().get_collections().collections if c.name.startswith(prefix() + "-")
            and c.name.endswith("-models")}
    assert len(kept) == 3 and aliased_builds(server_client()) == {"live": builds[-1], "previous": builds[-2]}


def test_server_mode_verifies_point_counts(server):
    from qdrant_client import models

    from kb.store.qdrant import collection_name, server_client

    manifest, _ = build(server)
    server_client().delete(collection_name(manifest.build_id, "passages"),
                           points_selector=models.PointIdsList(points=[0]))
    with pytest.raises(CorruptIndex, match="passages collection holds 3 points"):
        open_index(server)


def test_server_mode_without_an_index_or_a_server_says_so_in_one_line(server, monkeypatch):
    with pytest.raises(NoIndex, match="no live index"):
        open_index(server)
    with pytest.raises(NoIndex):
        rollback_build(server)
    monkeypatch.setenv("KB_QDRANT_URL", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(BackendUnavailable, match="does not answer"):
        open_index(server)
    monkeypatch.setenv("KB_BACKEND", "elastic")
    with pytest.raises(BackendUnavailable, match="not a backend"):
        open_index(server)


def test_a_server_build_named_by_current_tells_the_files_backend_where_it_lives(server, monkeypatch):
    from kb.errors import StaleIndex

    build(server)
    monkeypatch.setenv("KB_BACKEND", "faiss")
    with pytest.raises(StaleIndex, match="lives on a Qdrant server"):
        open_index(server)
