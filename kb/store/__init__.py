"""The index store: KB_HOME's build layout (kb.store.layout), the store interface and KB_BACKEND's choice
(kb.store.backend), the embedded SQLite + FAISS backend and the Qdrant one (kb.store.qdrant, loaded on demand)."""

from kb.store.backend import (
    BACKENDS,
    StoreReader,
    StoreWriter,
    backend_name,
    check_backend,
    describe_backend,
    new_writer,
    open_index,
    rollback_build,
)
from kb.store.layout import (
    KEEP_BUILDS,
    MANIFEST,
    build_dir,
    new_build_id,
    prune_builds,
    read_manifest,
    read_pointer,
    rollback,
    sha256_file,
    swap_current,
    verify_build,
    write_pointer,
)
from kb.store.sqlite_faiss import DB_FILE, INDEX_FILES, MODEL_VECTORS, PASSAGE_VECTORS, IndexReader, IndexWriter

__all__ = ["IndexReader", "IndexWriter", "StoreReader", "StoreWriter", "open_index", "new_writer", "rollback_build",
           "backend_name", "check_backend", "describe_backend", "BACKENDS", "build_dir", "new_build_id", "prune_builds",
           "read_manifest", "read_pointer",
           "rollback", "sha256_file", "swap_current", "verify_build", "write_pointer", "KEEP_BUILDS", "MANIFEST",
           "DB_FILE", "INDEX_FILES", "MODEL_VECTORS", "PASSAGE_VECTORS"]
