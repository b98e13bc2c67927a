"""Shared fixtures. Everything runs offline; one real index is built once per test session and shared."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Caches (registry JSON, counted params) go to a throwaway KB_HOME, never the developer's ./.kb
os.environ.setdefault("KB_HOME", tempfile.mkdtemp(prefix="kb-test-home-"))
# Each ingest records its compiled patterns in a second process (~2 s); tests/kb/test_regex_programs.py covers it
os.environ.setdefault("KB_REGEX_PROGRAMS", "0")


@pytest.fixture(scope="session")
def registry_records():
    from kb.registry.records import load_registry

    return load_registry()


@pytest.fixture(scope="session")
def built_kb_home(tmp_path_factory) -> Path:
    """A real index of data/notes and the live registry, built once (about a minute on 2 cores)."""
    from ingest import build_index

    home = tmp_path_factory.mktemp("kb_home")
    report = build_index(home=home)
    assert report.ok, report.message
    return home


@pytest.fixture(scope="session")
def knowledge_base(built_kb_home):
    from kb import open_kb

    return open_kb(built_kb_home)


# What depends on the index backend: a test that opens or builds an index (through these fixtures), or a store
# test. `make test` runs them a second time on Qdrant; the parser, the fact table and the rest need one pass.
BACKEND_FIXTURES = {"built_kb_home", "knowledge_base"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        if BACKEND_FIXTURES & set(getattr(item, "fixturenames", ())) or "store" in path.parts:
            item.add_marker(pytest.mark.backend)

