"""The Qdrant backend (KB_BACKEND=qdrant): Qdrant does the dense and the sparse (BM25) top-k; filters, fusion and
answers stay in Python (kb.answering.ask), so both backends rank alike.

- Local mode (no KB_QDRANT_URL): a build is written as the embedded backend writes it (SQLite + FAISS files under
  KB_HOME, checksummed, swapped by the `current` pointer) and each reader loads it into Qdrant's in-process engine.
  Qdrant's own local storage is not used: it pickles points (nothing here unpickles a file) and admits one process
  at a time, while the app, `kb query` and a nightly run side by side.
- Server mode (KB_QDRANT_URL, KB_QDRANT_API_KEY): a build is three collections `<prefix>-<build>-{models,passages,docs}`;
  the aliases `<prefix>-<part>` name the live build and `<prefix>-previous-<part>` the one before. A swap or a rollback
  is one atomic alias change, so every app replica moves at once. KB_HOME keeps each build's manifest.json (the
  handle a nightly's canaries open) and the ingest lock.
"""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path
from typing import Optional

import numpy as np

from kb.errors import BackendUnavailable, CorruptIndex, KBError, NoIndex
from kb.schema import Manifest, Passage
from kb.store import qdrant_data as qd
from kb.store.layout import (
    KEEP_BUILDS,
    MANIFEST,
    build_dir,
    fsync_dir,
    new_build_id,
    prune_builds,
    read_manifest,
    set_pointers,
    swap_current,
)
from kb.store.loaded import LoadedBuild, check_manifest, record_for_queries
from kb.store.sqlite_faiss import DOCUMENT_KINDS, IndexReader

PARTS = ("models", "passages", "docs")
MANIFEST_POINT = 0  # the docs collection's point 0 is the manifest; documents follow


class QdrantSearch:
    """Dense and sparse top-k asked of Qdrant: `client`, the collection `names` of the parts and the build's `vocab`."""

    client: object
    names: dict[str, str]
    vocab: dict[str, int]
    passage_ids: list[str]
    model_names: list[str]

    def search_passages(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        return qd.dense_top(self.client, self.names["passages"], self.passage_ids, vector, k)

    def search_models(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        return qd.dense_top(self.client, self.names["models"], self.model_names, vector, k)

    def sparse_passages(self, tokens, k: int) -> list[tuple[str, float]]:
        return qd.sparse_top(self.client, self.names["passages"], self.passage_ids, self.vocab, tokens, k)

    def sparse_models(self, tokens, k: int) -> list[tuple[str, float]]:
        return qd.sparse_top(self.client, self.names["models"], self.model_names, self.vocab, tokens, k)


class QdrantLocalReader(QdrantSearch, IndexReader):
    """Local mode: the build's files, loaded into Qdrant's in-process engine for dense and sparse search."""

    backend = "qdrant-local"
    names = {"passages": "passages", "models": "models"}

    def __init__(self, home: Path, directory: Path, manifest: Manifest):
        super().__init__(home, directory, manifest)
        from qdrant_client import QdrantClient

        self.client = QdrantClient(location=":memory:")
        self.vocab = qd.vocabulary(self.passage_tokens, self.model_tokens)
        for part, tokens, index in (("passages", self.passage_tokens, self._passage_index),
                                    ("models", self.model_tokens, self._model_index)):
            qd.create_collection(self.client, part, manifest.embed_dim)
            vectors = index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, manifest.embed_dim), np.float32)
            qd.upsert(self.client, part, vectors, qd.sparse_vectors(tokens, self.vocab), [{}] * len(tokens))


# ---- server mode -----------------------------------------------------------------------------------------------

_IN_PROCESS: dict[str, object] = {}


def server_client():
    """The client for KB_QDRANT_URL. ":memory:" is one in-process engine per process standing in for a server
    (tests of the alias and collection logic without one)."""
    from qdrant_client import QdrantClient

    url = os.environ.get("KB_QDRANT_URL", "")
    if url == ":memory:":
        if url not in _IN_PROCESS:
            _IN_PROCESS[url] = QdrantClient(location=":memory:")
        return _IN_PROCESS[url]
    return QdrantClient(url=url, api_key=os.environ.get("KB_QDRANT_API_KEY") or None, timeout=30,
                        check_compatibility=False)  # no version round trip on every open


def cluster_layout() -> dict:
    """Shards and replicas of each collection on a cluster: KB_QDRANT_SHARDS, KB_QDRANT_REPLICATION (default 1)."""
    layout = {}
    for key, variable in (("shard_number", "KB_QDRANT_SHARDS"), ("replication_factor", "KB_QDRANT_REPLICATION")):
        value = os.environ.get(variable, "").strip()
        if value:
            if not value.isdigit() or int(value) < 1:
                raise BackendUnavailable(f"{variable}={value!r} must be a whole number of at least 1")
            layout[key] = int(value)
    return layout


def prefix() -> str:
    return os.environ.get("KB_QDRANT_PREFIX", "timm_kb")


def collection_name(build_id: str, part: str) -> str:
    return f"{prefix()}-{build_id}-{part}"


def alias_name(part: str, previous: bool = False) -> str:
    return f"{prefix()}-previous-{part}" if previous else f"{prefix()}-{part}"


def build_of(collection: str, part: str = "models") -> Optional[str]:
    """The build id in `<prefix>-<build>-<part>`, or None for a collection that is not one of this prefix's."""
    head, tail = prefix() + "-", "-" + part
    return collection[len(head):-len(tail)] if collection.startswith(head) and collection.endswith(tail) else None


def _unavailable(error: Exception) -> BackendUnavailable:
    return BackendUnavailable(f"the Qdrant server at {os.environ.get('KB_QDRANT_URL')} does not answer "
                              f"({error.__class__.__name__}: {str(error)[:160]})")


def aliased_builds(client) -> dict[str, str]:
    """{"live": build_id, "previous": build_id} as the models aliases name them."""
    try:
        aliases = {a.alias_name: a.collection_name for a in client.get_aliases().aliases}
    except Exception as error:  # connection refused, timeout, HTTP error: one line, exit 69
        raise _unavailable(error) from None
    found = {}
    for key, previous in (("live", False), ("previous", True)):
        build = build_of(aliases.get(alias_name("models", previous), ""))
        if build:
            found[key] = build
    return found


def _switch_aliases(client, live: str, previous: Optional[str]) -> None:
    """Point the live aliases at `live` and the previous ones at `previous`, in one atomic request."""
    from qdrant_client import models

    current = {a.alias_name for a in client.get_aliases().aliases}
    operations = []
    for part in PARTS:
        for is_previous, build in ((False, live), (True, previous)):
            name = alias_name(part, is_previous)
            if name in current:
                operations.append(models.DeleteAliasOperation(delete_alias=models.DeleteAlias(alias_name=name)))
            if build:
                operations.append(models.CreateAliasOperation(create_alias=models.CreateAlias(
                    collection_name=collection_name(build, part), alias_name=name)))
    client.update_collection_aliases(change_aliases_operations=operations)


def _drop_build(client, build_id: str) -> None:
    for part in PARTS:
        if client.collection_exists(collection_name(build_id, part)):
            client.delete_collection(collection_name(build_id, part))


def rollback_server(home: Path) -> str:
    client = server_client()
    builds = aliased_builds(client)
    if "previous" not in builds:
        raise NoIndex("there is no previous index to roll back to")
    QdrantServerReader.open_id(home, client, builds["previous"])  # verified before it goes live
    _switch_aliases(client, builds["previous"], builds.get("live"))
    set_pointers(home, builds["previous"], builds.get("live"))  # KB_HOME's pair follows, as after a swap
    return builds["previous"]


class QdrantServerWriter:
    """Writes one build's collections; `swap()` moves the aliases. Nothing is visible to readers before."""

    def __init__(self, home: Path, build_id: Optional[str] = None):
        self.home = Path(home)
        self.build_id = build_id or new_build_id()
        self.client = server_client()
        self.partial = self.home / "indexes" / f".partial-{self.build_id}"
        self.partial.mkdir(parents=True, exist_ok=False)
        self.points: dict[str, int] = {}

    def write(self, *, records, passages, passage_hashes, passage_tokens, passage_vectors, model_hashes, model_tokens,
              model_vectors, documents, dim: int) -> None:
        vocab = qd.vocabulary(passage_tokens, model_tokens)
        layout = cluster_layout()
        try:
            for part, vectors, tokens, payloads in (
                ("models", model_vectors, model_tokens,
                 [qd.record_payload(r, h, t) for r, h, t in zip(records, model_hashes, model_tokens, strict=False)]),
                ("passages", passage_vectors, passage_tokens,
                 [qd.passage_payload(p, h, t) for p, h, t in zip(passages, passage_hashes, passage_tokens, strict=False)]),
            ):
                name = collection_name(self.build_id, part)
                qd.create_collection(self.client, name, dim, layout)
                qd.upsert(self.client, name, np.asarray(vectors, np.float32), qd.sparse_vectors(tokens, vocab), payloads)
                self.points[part] = len(payloads)
            with warnings.catch_warnings():  # the in-process stand-in says payload indexes do nothing there
                warnings.simplefilter("ignore")
                qd.index_registry_fields(self.client, collection_name(self.build_id, "models"))
            docs = qd.documents_payloads(documents) + qd.vocabulary_payloads(vocab)
            qd.create_documents_collection(self.client, collection_name(self.build_id, "docs"), layout)
            qd.upsert_payloads(self.client, collection_name(self.build_id, "docs"), docs, first_id=MANIFEST_POINT + 1)
            self.points["docs"] = len(docs) + 1  # and the manifest, written by finalize
        except BackendUnavailable:
            raise
        except Exception as error:
            raise _unavailable(error) from None

    def finalize(self, manifest: Manifest) -> Manifest:
        manifest = manifest.model_copy(update={"build_id": self.build_id, "backend": "qdrant-server", "points": self.points})
        from qdrant_client import models

        self.client.upsert(collection_name(self.build_id, "docs"), wait=True, points=[
            models.PointStruct(id=MANIFEST_POINT, vector={}, payload=qd.manifest_payload(manifest))])
        (self.partial / MANIFEST).write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
        fsync_dir(self.partial)
        final = build_dir(self.home, self.build_id)
        os.rename(self.partial, final)
        self.directory = final
        return manifest

    def commit(self, manifest: Manifest) -> Manifest:
        manifest = self.finalize(manifest)
        self.swap()
        return manifest

    def swap(self) -> None:
        builds = aliased_builds(self.client)
        _switch_aliases(self.client, self.build_id, builds.get("live"))
        swap_current(self.home, self.build_id)  # KB_HOME's pointers follow, for `kb status` and local pruning
        prune_builds(self.home)
        self._prune({self.build_id, builds.get("live")})

    def _prune(self, protected: set) -> None:
        """Keep the live, the previous and the newest of the rest (KEEP_BUILDS in all) of this prefix's builds."""
        mine = sorted({build_of(c.name) for c in self.client.get_collections().collections} - {None})
        rest = [b for b in mine if b not in protected]
        for build in rest[:max(0, len(rest) - (KEEP_BUILDS - len(protected)))]:
            _drop_build(self.client, build)

    def abort(self) -> None:
        shutil.rmtree(self.partial, ignore_errors=True)
        try:
            if aliased_builds(self.client).get("live") != self.build_id:
                _drop_build(self.client, self.build_id)
                shutil.rmtree(build_dir(self.home, self.build_id), ignore_errors=True)
        except BackendUnavailable:
            pass  # the server is gone: its collections are pruned by the next swap


class QdrantServerReader(QdrantSearch, LoadedBuild):
    """One build read from a Qdrant server: records, passages and documents in memory; dense and sparse top-k
    asked of the server."""

    backend = "qdrant-server"

    def __init__(self, home: Path, client, manifest: Manifest, expected: tuple):
        self.home, self.client, self.manifest, self._expected = Path(home), client, manifest, expected
        self.directory = build_dir(home, manifest.build_id)
        names = {part: collection_name(manifest.build_id, part) for part in PARTS}
        self.names = names
        models_ = list(qd.scroll(client, names["models"]))
        passages = list(qd.scroll(client, names["passages"]))
        documents: dict[str, list] = {}
        vocabulary = []
        for point in qd.scroll(client, names["docs"]):
            kind = point.payload.get("kind")
            if kind == "vocabulary":
                vocabulary.append(point.payload)
            elif kind in DOCUMENT_KINDS:
                documents.setdefault(kind, []).append(DOCUMENT_KINDS[kind].model_validate_json(point.payload["json"]))
        self.vocab = qd.vocabulary_from(vocabulary)
        self.load(records=[record_for_queries(p.payload["json"]) for p in models_],
                  passages=[Passage.model_validate_json(p.payload["json"]) for p in passages],
                  passage_hashes=[p.payload["hash"] for p in passages], passage_tokens=[p.payload["tokens"] for p in passages],
                  model_names=[p.payload["name"] for p in models_], model_hashes=[p.payload["hash"] for p in models_],
                  model_tokens=[p.payload["tokens"] for p in models_], documents=documents)

    @classmethod
    def open_id(cls, home: Path, client, build_id: str, expected_embed_model: Optional[str] = None,
                expected_timm: Optional[str] = None, verify: bool = True) -> "QdrantServerReader":
        try:
            found = client.retrieve(collection_name(build_id, "docs"), ids=[MANIFEST_POINT], with_payload=True)
            if not found:
                raise CorruptIndex(f"build {build_id} on the Qdrant server has no manifest: run `kb ingest`")
            manifest = check_manifest(Manifest.model_validate_json(found[0].payload["json"]),
                                      expected_embed_model, expected_timm)
            if verify:
                for part, expected in manifest.points.items():
                    stored = client.count(collection_name(build_id, part), exact=True).count
                    if stored != expected:
                        raise CorruptIndex(f"build {build_id}: the {part} collection holds {stored} points, its "
                                           f"manifest says {expected}: run `kb ingest` or `kb rollback`")
            return cls(home, client, manifest, (expected_embed_model, expected_timm))
        except KBError:
            raise
        except ValueError as error:  # pydantic's ValidationError: a payload this code cannot read
            raise CorruptIndex(f"build {build_id} on the Qdrant server is unreadable ({error.__class__.__name__}): "
                               "run `kb ingest`") from None
        except Exception as error:  # connection refused, timeout, HTTP error: one line, exit 69
            raise _unavailable(error) from None

    @classmethod
    def open(cls, home: Path, expected_embed_model: Optional[str] = None, verify: bool = True,
             expected_timm: Optional[str] = None) -> "QdrantServerReader":
        client = server_client()
        live = aliased_builds(client).get("live")
        if not live:
            raise NoIndex(f"no live index on the Qdrant server at {os.environ.get('KB_QDRANT_URL')}: run `kb ingest`")
        return cls.open_id(home, client, live, expected_embed_model, expected_timm, verify)

    @classmethod
    def open_build(cls, home: Path, directory: Path, expected_embed_model: Optional[str] = None,
                   verify: bool = True, expected_timm: Optional[str] = None) -> "QdrantServerReader":
        build_id = read_manifest(Path(directory)).build_id
        return cls.open_id(home, server_client(), build_id, expected_embed_model, expected_timm, verify)

    def reload_if_changed(self) -> Optional["QdrantServerReader"]:
        live = aliased_builds(self.client).get("live")
        if not live or live == self.build_id:
            return None
        return self.open_id(self.home, self.client, live, *self._expected)

    def vectors_by_hash(self) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for part in ("passages", "models"):
            for point in qd.scroll(self.client, self.names[part], with_vectors=True):
                found[point.payload["hash"]] = np.asarray(point.vector[qd.DENSE], np.float32)
        return found
