"""The core API, re-exported by `kb/__init__.py`. The CLI, the app and the nightly job use it and nothing else.

A `KnowledgeBase` holds one opened index plus the loaded embedder, kiwi and BM25, so a process pays start-up
once and answers many questions (warm queries). `refresh()` moves it onto a new index after a re-ingest swap.
The registry functions (`list_models`, `explain_name`) need no index: they read the live timm registry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from kb.answering.schema import Answer, LicenseClassRow
from kb.conversation import Conversation
from kb.query.expression import Where
from kb.query.reading import QueryFilters
from kb.schema import CheckFinding, Explanation, Lang, Manifest, ModelRecord


class KnowledgeBase:
    """One opened index. Cheap to ask; `refresh()` picks up a newer index."""

    def __init__(self, home: Optional[Path] = None, build: Optional[Path] = None):
        """The live index of `home` (default KB_HOME), or a specific build directory (a nightly's canaries)."""
        from kb.config import kb_home, paused_gc
        from kb.registry.records import timm_version
        from kb.store import open_index

        self.home = Path(home) if home else kb_home()
        installed = timm_version()  # package metadata: no import of timm or torch
        with paused_gc():
            from kb.answering.ask import Searcher

            self._reader = open_index(self.home, build, expected_timm=installed)
            self._searcher = Searcher(self._reader)
        self.refresh_error = None

    @property
    def manifest(self) -> Manifest:
        return self._reader.manifest

    @property
    def build_id(self) -> str:
        return self._reader.build_id

    def refresh(self) -> bool:
        """Pick up a new index after a re-ingest. Returns True when it changed. When the new index cannot be
        opened (a damaged pointer or build), the one in memory keeps answering and `refresh_error` says why."""
        from kb.answering.ask import Searcher
        from kb.errors import KBError

        try:
            newer = self._reader.reload_if_changed()
        except KBError as error:
            self.refresh_error: Optional[KBError] = error
            return False
        self.refresh_error = None
        if newer is None or newer is self._reader:
            return False
        self._reader = newer
        self._searcher = Searcher(newer)
        return True

    def ask(self, question: str, *, limit: int = 50, lang: Optional[Lang] = None,
            filters: Optional[QueryFilters] = None, where: "Optional[str | Where]" = None,
            exact_where: bool = False) -> Answer:
        """Answer a question. `filters` (a flat record) replace what the rules read from the question; `where`
        (an expression or its --where text) must hold as well, or instead with `exact_where` (sidebar edits)."""
        if where is None:
            return self._searcher.ask(question, limit=limit, lang=lang, filters=filters)
        read = self.understand(question, where, filters, exact_where)
        return self._searcher.ask(question, limit=limit, lang=lang, understanding=read)

    def understand(self, question: str, where: "Optional[str | Where]" = None,
                   filters: Optional[QueryFilters] = None, exact_where: bool = False):
        """How a question (plus an optional --where expression) is read, without answering it."""
        from kb.query.expression import all_of
        from kb.query.parse import NOT_TEST
        from kb.query.syntax import parse_where

        read = self._searcher.understand(question, filters)
        if where is None:
            return read
        extra = parse_where(where) if isinstance(where, str) else where
        parts = [read.where, extra] if read.where is not None and not exact_where else [extra, NOT_TEST]
        return read.model_copy(update={"where": all_of(parts)})

    def records(self) -> list[ModelRecord]:
        return self._searcher.records

    def conversation(self) -> "Conversation":
        """A conversation: each question may refine the one before it (kb.conversation)."""
        return Conversation(self)

    def models(self, filters: "QueryFilters | Where", sort: str = "relevance") -> list[ModelRecord]:
        """Every record of this index that matches a flat filter record or an expression, ranked as answers are."""
        from kb.query.flat import where_of
        from kb.retrieval.rank import ranked_matches

        if isinstance(filters, QueryFilters):
            filters, sort = where_of(filters), filters.sort
        return ranked_matches(self._searcher.matcher, filters, sort)

    def explain(self, name: str) -> Explanation:
        return explain_name(name, self._searcher.records_by_name, self._searcher.live_parsed)

    def compare(self, names: list[str], lang: Lang = "en"):
        """2-4 weights side by side (tags, or architectures standing for their default tag)."""
        return self._searcher.compare(names, lang)

    def findings(self) -> list[CheckFinding]:
        """What `kb check` reports: mentions that no longer resolve, notes that disagree with the registry."""
        return self._reader.documents("finding")

    @property
    def searcher(self):
        """The retrieval primitives (BM25, dense, fusion) for the evaluation baselines and benchmarks."""
        return self._searcher


def open_kb(home: Optional[Path] = None, build: Optional[Path] = None) -> KnowledgeBase:
    """The live index of `home` (kiwi loads only when a Korean question needs Korean morphology: kb.answering.ask)."""
    return KnowledgeBase(home, build)


def registry_records(refresh: bool = False) -> list[ModelRecord]:
    """Every live pretrained timm weight as a record (cached in KB_HOME; no index needed)."""
    from kb.registry.records import load_registry

    return load_registry(refresh=refresh)


def list_models(filters: "QueryFilters | Where", sort: str = "relevance",
                records: Optional[list[ModelRecord]] = None, where: "Optional[str | Where]" = None) -> list[ModelRecord]:
    """The records matching a flat filter record or an expression (and `where`, an expression or its --where
    text, when given), ranked by `sort` (registry order for none)."""
    from kb.query.expression import all_of
    from kb.query.flat import where_of
    from kb.query.syntax import parse_where
    from kb.retrieval.filters import Matcher
    from kb.retrieval.rank import rank

    if isinstance(filters, QueryFilters):
        filters, sort = where_of(filters), filters.sort
    if where is not None:
        filters = all_of([filters, parse_where(where) if isinstance(where, str) else where])
    found = Matcher(records if records is not None else registry_records()).select(filters)
    return rank(found, sort) if sort != "relevance" else found


def license_classes(records: Optional[list[ModelRecord]] = None) -> list[LicenseClassRow]:
    """The licence classes (kb.registry.licenses) with the live registry's licence ids and their weight counts."""
    from collections import Counter

    from kb.answering.schema import LicenseClassRow
    from kb.registry.licenses import CLASS_LABELS, CLASSES, license_class

    counts = Counter((r.license or "unknown").lower() for r in (records if records is not None else registry_records()))
    rows = []
    for name in CLASSES:
        ids = {lic: n for lic, n in sorted(counts.items(), key=lambda kv: -kv[1]) if license_class(lic) == name}
        rows.append(LicenseClassRow(license_class=name, label_en=CLASS_LABELS[name][0], label_ko=CLASS_LABELS[name][1],
                                    licenses=ids))
    return rows


def explain_name(name: str, records: Optional[dict[str, ModelRecord]] = None, live_parsed=None) -> Explanation:
    """Decode a timm or MMPretrain name part by part, with the registry's facts. UnknownName (2) if not live."""
    from kb.answering.explain import explain

    if records is None:
        records = {r.name: r for r in registry_records()}
    return explain(name, records, live_parsed)


EDITED_TOGETHER = {"data": ("data", "pretrain", "finetune", "first", "last"), "license": ("license", "license_class")}


def edit_where(where: "Optional[Where]", edits: dict) -> "Where":
    """`where` with the edited facts replaced and everything else kept as it was (the app's filter widgets, one
    per fact of the table's "widget" place).

    edits: fact key -> a list of values (any of; for data, all of) or, for a number, (low, high) with None for an
    open end (low == high: that value). An empty list or (None, None) lifts the condition. A pretraining stage or
    an OR / NOT the question had survives unless its fact was edited."""
    from kb.query.expression import TRUE, all_of, any_of, cond, conjuncts, field_of

    parts = conjuncts(where if where is not None else TRUE)
    for key, value in edits.items():
        parts = [p for p in parts if field_of(p) not in EDITED_TOGETHER.get(key, (key,))]
        if isinstance(value, tuple):
            low, high = value
            if low is not None and low == high:
                parts.append(cond(key, float(low)))
            else:
                parts += ([cond(key, float(low), ">=")] if low is not None else []) + \
                         ([cond(key, float(high), "<=")] if high is not None else [])
        elif value and key == "data":
            parts += [cond("data", str(v).lower()) for v in value]
        elif value:
            parts.append(any_of([cond(key, str(v).lower()) for v in value]))
    return all_of(parts)


def rollback_index(home: Optional[Path] = None) -> str:
    """Make the previous build current again; returns the build now live. Takes the ingest lock (LockHeld, 75,
    while an ingest runs), so a rollback never races a swap or a prune."""
    from kb.config import kb_home
    from kb.lock import IngestLock
    from kb.store import rollback_build

    home = Path(home) if home else kb_home()
    with IngestLock(home):
        return rollback_build(home)


def _known(values: list[str], allowed: set[str], what: str) -> list[str]:
    """The values lower-cased, or BadInput (2) naming the closest allowed ones."""
    from kb.errors import BadInput

    lowered = [v.strip().lower() for v in values]
    unknown = [v for v in lowered if v not in allowed]
    if unknown:
        from kb.naming.index import closest_names

        closest = closest_names(unknown[0], sorted(allowed), 3, normalise=False)
        raise BadInput(f"unknown {what} {', '.join(unknown)}; closest: {', '.join(closest)}", suggestions=closest)
    return lowered


def filters_from_flags(*, sizes=(), datasets=(), resolution=None, max_params_m=None, min_top1=None, families=(),
                       licenses=(), sort="relevance", records: Optional[list[ModelRecord]] = None) -> QueryFilters:
    """`kb models` flags as filters. A licence may be an id, an id's beginning ("cc-by-nc", "apache") or a class
    ("noncommercial", "permissive"). A value the registry does not have exits 2 with the closest ones."""
    from kb.naming.parts import canonical_dataset
    from kb.naming.vocab import SIZE_TERMS
    from kb.registry.licenses import CLASSES, license_class

    records = records if records is not None else registry_records()
    tokens = {t for r in records for t in r.tag.split("_")}
    data = {canonical_dataset(t) for t in tokens} - {None}
    canonical = [canonical_dataset(d) or d for d in _known(list(datasets), data | {"in21k"}, "dataset")]
    ids = {(r.license or "").lower() for r in records} - {""}
    wanted: list[str] = []
    for value in (v.strip().lower() for v in licenses):
        found = sorted(i for i in ids if license_class(i) == value) if value in CLASSES else \
            sorted(i for i in ids if i == value or i.startswith(value))
        wanted += found or _known([value], ids | set(CLASSES), "licence")
    return QueryFilters(
        sizes=_known(list(sizes), set(SIZE_TERMS), "size"),
        datasets=canonical,
        resolution=resolution,
        max_params_m=max_params_m,
        min_top1=min_top1,
        families=_known(list(families), {r.family for r in records}, "family"),
        licenses=list(dict.fromkeys(wanted)),
        sort=sort,
    )
