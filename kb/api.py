"""The core API. The CLI, the Streamlit app, the nightly job and the tests call these functions and nothing else.

A `KnowledgeBase` holds one opened index plus the loaded embedder, kiwi and BM25, so a process pays start-up
once and answers many questions (warm queries). It reloads itself when a re-ingest swaps the index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from kb.schema import Answer, Explanation, IngestReport, Lang, Manifest, ModelRecord, QueryFilters

ProgressCallback = Callable[[str, float], None]  # (stage label, fraction 0..1)


class KnowledgeBase:
    """One opened index. Cheap to ask, reloads when KB_HOME/current changes."""

    def __init__(self, home: Optional[Path] = None):
        from kb.config import kb_home
        from kb.search import Searcher
        from kb.store import IndexReader

        self.home = Path(home) if home else kb_home()
        self._reader = IndexReader.open(self.home)
        self._searcher = Searcher(self._reader)

    @property
    def manifest(self) -> Manifest:
        return self._reader.manifest

    def refresh(self) -> bool:
        """Pick up a new index after a re-ingest. Returns True when it changed."""
        from kb.search import Searcher

        newer = self._reader.reload_if_changed()
        if newer is None or newer is self._reader:
            return False
        self._reader = newer
        self._searcher = Searcher(newer)
        return True

    def ask(
        self,
        question: str,
        *,
        limit: int = 50,
        lang: Optional[Lang] = None,
        filters: Optional[QueryFilters] = None,
    ) -> Answer:
        """Answer a question. `filters`, when given, replace what the rules read from the question (sidebar edits)."""
        return self._searcher.ask(question, limit=limit, lang=lang, filters=filters)

    def records(self) -> list[ModelRecord]:
        return self._searcher.records

    def explain(self, name: str) -> Explanation:
        from kb.explain import explain

        return explain(name, self._searcher.records_by_name, self._searcher.live_parsed)


def open_kb(home: Optional[Path] = None) -> KnowledgeBase:
    return KnowledgeBase(home)


def index_info(home: Optional[Path] = None) -> Optional[Manifest]:
    """The live index's manifest, or None when no index has been built."""
    from kb.config import kb_home
    from kb.store import read_current_manifest

    return read_current_manifest(Path(home) if home else kb_home())


def build_index(
    notes_dir: Optional[Path] = None,
    home: Optional[Path] = None,
    progress: Optional[ProgressCallback] = None,
) -> IngestReport:
    """Ingest the notes and the registry into a new index and swap it in atomically."""
    from ingest.pipeline import run_ingest  # imported here: kb's core never needs ingest to answer

    return run_ingest(notes_dir=notes_dir, home=home, progress=progress)
