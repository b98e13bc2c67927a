"""The real pipeline on the Qdrant backend: local mode answers exactly like the embedded backend on the shipped
notes; server mode (Qdrant's in-process engine standing in for a server, or KB_QDRANT_URL's server) ingests,
answers, re-ingests without re-embedding, runs a canary-checked nightly and rolls back."""

import uuid

import pytest

from kb import open_kb, rollback_index
from kb.store.layout import read_pointer
from tests.ingest.test_pipeline import FIVE, copy_home

pytestmark = pytest.mark.slow
QUESTIONS = ("which small in22k model at 384?", "384 해상도의 small in22k 모델?", "ConvNeXt는 커널 크기를 얼마로 키웠어?",
             "what does ft mean in a tag?", "mobilenetv3 models that are not in1k only", "DINOv2에서 레지스터 토큰은 무슨 역할")


def same_answer(a, b) -> bool:
    return ([m.name for m in a.models] == [m.name for m in b.models]
            and [(p.source, p.heading, p.text) for p in a.passages] == [(p.source, p.heading, p.text) for p in b.passages]
            and a.answer == b.answer)


def test_local_mode_answers_like_the_embedded_backend(built_kb_home, knowledge_base, monkeypatch):
    monkeypatch.setenv("KB_BACKEND", "qdrant")
    monkeypatch.delenv("KB_QDRANT_URL", raising=False)
    qdrant = open_kb(built_kb_home)
    assert qdrant.searcher.reader.backend == "qdrant-local"
    for question in QUESTIONS:
        assert same_answer(qdrant.ask(question), knowledge_base.ask(question)), question


def test_server_mode_ingest_answer_reingest_nightly_rollback(built_kb_home, knowledge_base, tmp_path, monkeypatch):
    import os

    from ingest import build_index, run_nightly

    monkeypatch.setenv("KB_BACKEND", "qdrant")
    if not os.environ.get("KB_QDRANT_URL"):
        monkeypatch.setenv("KB_QDRANT_URL", ":memory:")
    monkeypatch.setenv("KB_QDRANT_PREFIX", f"test_{uuid.uuid4().hex[:8]}")
    home = copy_home(built_kb_home, tmp_path / "home")
    first = build_index(home=home)
    assert first.backend.startswith("qdrant (") and first.embedded == 0  # vectors from the home's cache
    kb = open_kb(home)
    assert kb.searcher.reader.backend == "qdrant-server" and kb.build_id == first.build_id
    answer = kb.ask(QUESTIONS[0])
    assert {m.name for m in answer.models} == FIVE
    for question in QUESTIONS[1:]:
        assert same_answer(kb.ask(question), knowledge_base.ask(question)), question
    second = build_index(home=home)
    assert second.embedded == 0 and second.reused > 2000  # the previous build's vectors, read back from Qdrant
    assert kb.refresh() and kb.build_id == second.build_id  # the app follows the live alias
    nightly = run_nightly(home=home)
    assert nightly.ok, nightly.message
    swapped = nightly.new_build not in (None, second.build_id)
    assert kb.refresh() == swapped
    before = second.build_id if swapped else first.build_id
    live = open_kb(home).build_id
    assert rollback_index(home) == before
    assert open_kb(home).build_id == before
    assert (read_pointer(home, "current"), read_pointer(home, "previous")) == (before, live)  # the local pair follows
