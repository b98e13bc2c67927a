"""kb.store.flat: a faiss IndexFlatIP file read without faiss gives faiss's neighbours and vectors."""

import faiss
import numpy as np

from kb.store.flat import read_flat


def test_flat_file_reads_back_and_searches_like_faiss(tmp_path):
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((300, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = faiss.IndexFlatIP(32)
    index.add(vectors)
    faiss.write_index(index, str(tmp_path / "v.faiss"))
    flat = read_flat(tmp_path / "v.faiss")
    assert flat is not None and flat.ntotal == 300
    assert np.array_equal(flat.reconstruct_n(0, 300), vectors)
    queries = rng.standard_normal((20, 32)).astype(np.float32)
    for k in (1, 5, 300, 500):
        want_scores, want_rows = index.search(queries, min(k, 300))
        got_scores, got_rows = flat.search(queries, k)
        assert np.array_equal(got_rows, want_rows) and np.allclose(got_scores, want_scores, atol=1e-5)


def test_other_index_files_are_left_to_faiss(tmp_path):
    index = faiss.IndexFlatL2(8)
    index.add(np.ones((3, 8), np.float32))
    faiss.write_index(index, str(tmp_path / "l2.faiss"))
    (tmp_path / "short.faiss").write_bytes(b"IxFI\x00")
    assert read_flat(tmp_path / "l2.faiss") is None and read_flat(tmp_path / "short.faiss") is None
