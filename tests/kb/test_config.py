"""Process settings (kb.config): embedding threads, the paused collector."""

from __future__ import annotations

import gc
import os

import pytest

import kb.config as config


@pytest.fixture
def cores(monkeypatch):
    def set_cores(count: int) -> None:
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(count)))

    monkeypatch.setattr(config, "_USER_THREADS", False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    return set_cores


@pytest.mark.parametrize("count, query, batch", [(1, "1", "1"), (2, "2", "2"), (8, str(config.QUERY_THREADS), "8")])
def test_a_query_uses_up_to_query_threads_and_a_batch_every_core(cores, count, query, batch):
    cores(count)
    config.embedding_threads(batch=False)
    assert os.environ["OMP_NUM_THREADS"] == query
    config.embedding_threads(batch=True)
    assert os.environ["OMP_NUM_THREADS"] == batch


def test_a_thread_count_the_user_set_is_kept(monkeypatch):
    monkeypatch.setattr(config, "_USER_THREADS", True)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    config.embedding_threads(batch=True)
    assert os.environ["OMP_NUM_THREADS"] == "3"


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_gc_restores_the_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(ValueError):
            with config.paused_gc():
                assert not gc.isenabled()
                raise ValueError("a failed open")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_the_wait_policy_is_passive_with_a_short_spin_unless_the_user_chose(monkeypatch):
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    monkeypatch.setenv("GOMP_SPINCOUNT", "0")
    config.configure_threads()
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE" and os.environ["GOMP_SPINCOUNT"] == "0"
    monkeypatch.delenv("GOMP_SPINCOUNT")
    config.configure_threads()
    assert os.environ["GOMP_SPINCOUNT"] == "300"
