"""The index store: KB_HOME's build layout (kb.store.layout) and the embedded SQLite + FAISS backend."""

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

__all__ = ["IndexReader", "IndexWriter", "build_dir", "new_build_id", "prune_builds", "read_manifest", "read_pointer",
           "rollback", "sha256_file", "swap_current", "verify_build", "write_pointer", "KEEP_BUILDS", "MANIFEST",
           "DB_FILE", "INDEX_FILES", "MODEL_VECTORS", "PASSAGE_VECTORS"]
