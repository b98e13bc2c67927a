"""Scale benchmark: synthetic registries of 10^4..10^6 records (and 10^3..10^5 passages) built through the real
IndexWriter, opened with IndexReader + Searcher, and asked structured, note and mixed questions.

    make bench-scale   # HF_HUB_OFFLINE=1 .venv/bin/python bench/scale.py [--sizes ...] [--passages ...]

Each size runs in two child processes, one after the other: `build` (synthesise + write + finalize) and `query`
(open + ask), so the RSS after open is the reader's own, not the generator's. Sizes run in increasing order; a size
whose extrapolated time (> --max-seconds) or memory (> --max-gib) is too large is not run, and the JSON says why.
Query embedding is stubbed with random unit vectors; the real e5 cost is measured once, on 200 real texts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before any OpenMP runtime loads (faiss, the e5 engine)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

REAL_HOME = Path(os.environ.get("KB_SCALE_REAL") or os.environ.get("KB_HOME") or ROOT / ".kb")  # after `make run`
WORK = Path(os.environ.get("KB_SCALE_WORK", "/tmp/kb-scale"))
SEED = 20261201
CAVEATS = [
    "Names are made unique by a `syn<n>` tag token, so Lexicon.tag_tokens holds ~N entries (the real registry: 231). "
    "Lexicon.vocabulary() is rebuilt on every question and scans them: at 1e5 records understand() took 8.5 ms with the "
    "counter and 1.4 ms with it stripped (vocabulary() 2.8 vs 0.1 ms), so the understand stage's growth is mostly this artifact.",
    "Query embedding is a stub (random unit vectors); the real e5 cost is in `embedding` (200 texts, extrapolated linearly).",
    "Stage timings are single warm calls on a CPU shared with another job: they do not sum exactly to ask_total ('other' can be negative).",
    "Passages link min(real passage's link count, 20) synthetic names; real passages link 39 on average.",
]


def status_kib(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def du_bytes(path: Path) -> int:
    return sum(f.stat().st_blocks * 512 for f in path.rglob("*") if f.is_file())


def pct(values, q):
    import numpy as np

    return round(float(np.percentile(values, q)) * 1000, 2) if values else None


# ---- child: build --------------------------------------------------------------------------------------------


def child_build(n: int, p: int, home: Path) -> dict:
    import shutil
    from datetime import datetime, timezone

    from scale_data import load_real, synth_passages, synth_records, unit_vectors

    import kb  # noqa: F401  (thread settings)
    from kb.store import IndexWriter

    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    real = load_real(REAL_HOME)
    dim = real.manifest.embed_dim
    t0 = time.perf_counter()
    records, model_tokens = synth_records(real, n, SEED)
    passages, passage_tokens, sentences = synth_passages(real, p, [r.name for r in records], SEED)
    model_vectors, passage_vectors = unit_vectors(n, dim, SEED), unit_vectors(p, dim, SEED + 7)
    synth_s = time.perf_counter() - t0
    documents = real.documents + [("sentences", s.source, u) for s, u in zip(passages, sentences, strict=False)]
    t1 = time.perf_counter()
    writer = IndexWriter(home)
    writer.write(records=records, passages=passages, passage_hashes=[f"p{i}" for i in range(p)],
                 passage_tokens=passage_tokens, passage_vectors=passage_vectors,
                 model_hashes=[f"m{i}" for i in range(n)], model_tokens=model_tokens, model_vectors=model_vectors,
                 documents=documents, dim=dim)
    write_s = time.perf_counter() - t1
    counts = dict(real.manifest.counts, records=n, passages=p, embedded=0, reused_vectors=0, shipped_vectors=0,
                  links=sum(len(x.linked_tags) for x in passages))
    manifest = real.manifest.model_copy(update={
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "counts": counts,
        "timings_s": {"synthesise": round(synth_s, 2), "write": round(write_s, 2)}})
    t2 = time.perf_counter()
    writer.finalize(manifest)
    writer.swap()
    finalize_s = time.perf_counter() - t2
    return {"synth_s": round(synth_s, 2), "write_s": round(write_s, 2), "finalize_s": round(finalize_s, 2),
            "build_s": round(write_s + finalize_s, 2), "disk_mb": round(du_bytes(home / "indexes") / 2**20, 1),
            "build_hwm_mb": round(status_kib("VmHWM") / 1024, 1)}


# ---- child: query --------------------------------------------------------------------------------------------


def _stages(searcher, question: str) -> dict:
    """One question's stages, timed one by one with the same calls ask() makes (warm: after ask ran once)."""
    from kb.answering.ask import BM25_WEIGHT, DENSE_WEIGHT
    from kb.retrieval.lexical import relative_score_fusion
    from kb.retrieval.rank import rank

    out, clock = {}, time.perf_counter

    def timed(key, fn):
        t = clock()
        value = fn()
        out[key] = round((clock() - t) * 1000, 2)
        return value

    searcher.ask(question)
    total = timed("ask_total", lambda: searcher.ask(question))
    read = timed("understand", lambda: searcher.understand(question))
    vector = timed("embed_stub", lambda: searcher.query_vector(question))
    dense = timed("dense_passages", lambda: searcher.dense_passages(question, vector=vector))
    lexical = timed("bm25_passages", lambda: searcher.bm25_passages(question))
    ranked = timed("fusion", lambda: relative_score_fusion([(dense, DENSE_WEIGHT), (lexical, BM25_WEIGHT)]))
    if read.is_structured():
        selected = timed("matcher_select", lambda: searcher.matcher.select(read.where))
        matches = timed("rank", lambda: rank(selected, read.sort))
        out["matches"] = len(matches)
        if not read.wants_explanation:
            names = {m.name for m in total.models}
            timed("evidence", lambda: searcher._evidence(ranked, names))
    else:
        timed("dense_models", lambda: searcher.dense_models(question, vector=vector))
    out["other"] = round(out["ask_total"] - sum(v for k, v in out.items() if k not in ("ask_total", "matches")), 2)
    return out


def _profile(searcher, question: str, top: int = 8) -> list[str]:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    searcher.ask(question)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:top]  # by own time
    return [f"{fn[2]} ({Path(fn[0]).name}:{fn[1]}) {st[2] * 1000:.1f} ms own, {st[0]} calls" for fn, st in rows]


def child_query(home: Path, per_kind: int) -> dict:
    rss0 = status_kib("VmRSS")
    t0 = time.perf_counter()
    from scale_data import StubEmbedder, questions

    import kb  # noqa: F401
    from kb.answering.ask import Searcher
    from kb.store import open_index

    import_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    reader = open_index(home)  # KB_BACKEND (set by the parent) picks the backend
    reader_s = time.perf_counter() - t1
    searcher = Searcher(reader)
    searcher.__dict__["embedder"] = StubEmbedder(reader.manifest.embed_dim)
    open_s = time.perf_counter() - t1
    result = {"import_s": round(import_s, 2), "open_s": round(open_s, 2), "reader_open_s": round(reader_s, 2),
              "rss_after_open_mb": round(status_kib("VmRSS") / 1024, 1), "rss_start_mb": round(rss0 / 1024, 1),
              "kinds": {}, "stages": {}, "profile": {}}
    budget = float(os.environ.get("KB_SCALE_QUERY_BUDGET", "150"))  # seconds for all timed passes of this size
    started = time.perf_counter()
    for kind, qs in questions(per_kind).items():
        t = time.perf_counter()
        searcher.ask(qs[0])  # the kind's first question: lazy postings, caches, kiwi for Korean
        cold = time.perf_counter() - t
        first, warm = [], []
        for q in qs:  # first-seen: a new question (new filter conditions), the process already warm
            t = time.perf_counter()
            searcher.ask(q)
            first.append(time.perf_counter() - t)
            if time.perf_counter() - started > budget / 2:
                break
        for q in qs[:len(first)]:  # warm: the same questions again (condition masks cached)
            t = time.perf_counter()
            searcher.ask(q)
            warm.append(time.perf_counter() - t)
        result["kinds"][kind] = {"cold_first_ms": round(cold * 1000, 1), "n": len(warm),
                                 "first_seen_p50_ms": pct(first, 50), "first_seen_p95_ms": pct(first, 95),
                                 "p50_ms": pct(warm, 50), "p95_ms": pct(warm, 95)}
        result["stages"][kind] = _stages(searcher, qs[0])
        result["profile"][kind] = _profile(searcher, qs[0])
    result["rss_end_mb"] = round(status_kib("VmRSS") / 1024, 1)
    result["hwm_mb"] = round(status_kib("VmHWM") / 1024, 1)
    return result


# ---- child: the real embedding cost, once ---------------------------------------------------------------------


def child_embed(count: int = 200) -> dict:
    from scale_data import load_real

    import kb  # noqa: F401
    from kb.retrieval.embed import load_embedder

    real = load_real(REAL_HOME)
    texts = real.texts[:count]
    t = time.perf_counter()
    embedder = load_embedder(real.manifest.embed_model, batch=True)
    embedder.encode_passages(texts[:4])
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    embedder.encode_passages(texts)
    passages_s = time.perf_counter() - t
    queries = [q for qs in __import__("scale_data").questions(10).values() for q in qs]
    t = time.perf_counter()
    for q in queries:
        embedder.encode_queries([q])
    query_s = (time.perf_counter() - t) / len(queries)
    return {"model": real.manifest.embed_model, "texts": len(texts), "load_s": round(load_s, 2),
            "s_per_1k_texts": round(passages_s / len(texts) * 1000, 2), "query_ms": round(query_s * 1000, 2),
            "threads": os.environ.get("OMP_NUM_THREADS"),
            "note": "batch encode of 200 real passage+description texts, extrapolated linearly to 1k and to each size"}


# ---- parent --------------------------------------------------------------------------------------------------


def run_child(args: list[str], timeout: float, backend: str = "faiss") -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_WAIT_POLICY="PASSIVE", KB_BACKEND=backend)
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _git_head() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip()


def parse_sizes(text: str) -> list[int]:
    return [int(float(x)) for x in text.split(",") if x.strip()]


def table(rows: list[dict]) -> str:
    head = (f"{'backend':>8} {'records':>9} {'passages':>8} {'build s':>8} {'disk MB':>8} {'RSS MB':>7} {'open s':>7} "
            f"{'struct p50/p95':>15} {'note p50/p95':>15} {'mixed p50/p95':>15}")
    lines = [head]
    for r in rows:
        k = r["query"]["kinds"]
        cell = lambda x, k=k: f"{k[x]['p50_ms']:.0f}/{k[x]['p95_ms']:.0f} ms"  # noqa: E731
        lines.append(f"{r.get('backend', 'faiss'):>8} {r['records']:>9} {r['passages']:>8} "
                     f"{r['build']['build_s']:>8.1f} {r['build']['disk_mb']:>8.0f} "
                     f"{r['query']['rss_after_open_mb']:>7.0f} {r['query']['open_s']:>7.2f} "
                     f"{cell('structured'):>15} {cell('note'):>15} {cell('mixed'):>15}")
    return "\n".join(lines)


def plot(rows: list[dict], path: Path) -> str:
    """A log-log SVG (no plotting library in the venv): p50 per kind, build and open time against records."""
    from svgplot import loglog

    series = {}
    for backend in sorted({r.get("backend", "faiss") for r in rows}):
        mine = [r for r in rows if r.get("backend", "faiss") == backend]
        xs = [r["records"] for r in mine]
        for kind in ("structured", "note", "mixed"):
            series[f"{backend} p50 {kind}"] = list(zip(xs, [r["query"]["kinds"][kind]["p50_ms"] / 1000 for r in mine], strict=False))
        series[f"{backend} open"] = list(zip(xs, [r["query"]["open_s"] for r in mine], strict=False))
        if backend == "faiss":
            series["build (write + finalize)"] = list(zip(xs, [r["build"]["build_s"] for r in mine], strict=False))
    path.write_text(loglog(series, "records", "seconds", "timm-kb at scale (stub query embedder)"), encoding="utf-8")
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e4,1e5,1e6", help="records per size, comma-separated")
    parser.add_argument("--passages", default="1e3,1e4,1e5", help="passages per size (paired with --sizes)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "scale.json"))
    parser.add_argument("--queries", type=int, default=30, help="questions per kind")
    parser.add_argument("--max-seconds", type=float, default=480.0, help="stop before a size extrapolated past this")
    parser.add_argument("--max-gib", type=float, default=12.0, help="stop before a size extrapolated past this")
    parser.add_argument("--no-embed", action="store_true", help="skip the one real-embedding measurement")
    parser.add_argument("--backends", default="faiss,qdrant", help="KB_BACKEND values to query each size with")
    parser.add_argument("--qdrant-max", type=float, default=1e5, help="largest size asked through qdrant (local "
                        "mode loads every vector into the in-process engine at open)")
    args = parser.parse_args()
    sizes, passages = parse_sizes(args.sizes), parse_sizes(args.passages)
    if len(passages) != len(sizes):
        parser.error("--sizes and --passages need as many entries")
    out = Path(args.out)
    import kb

    report = {"command": " ".join(["python", "bench/scale.py", *sys.argv[1:]]), "real_index": str(REAL_HOME),
              "kb_code": str(Path(kb.__file__).parent), "git_head": _git_head(),
              "seed": SEED, "machine": {"cores": os.cpu_count(), "note": "shared with another CPU job"},
              "caveats": CAVEATS, "sizes": [], "stopped": None}
    rows = []
    for n, p in sorted(zip(sizes, passages, strict=False)):
        if rows:  # extrapolate linearly in records from the last size that ran
            last = [r for r in rows if r["backend"] == "faiss"][-1]
            factor = n / last["records"]
            est_s = factor * (last["build"]["synth_s"] + last["build"]["build_s"] + last["query"]["open_s"]) + last["wall_s"] * 0.2
            est_gib = factor * max(last["build"]["build_hwm_mb"], last["query"]["hwm_mb"]) / 1024
            if est_s > args.max_seconds or est_gib > args.max_gib:
                report["stopped"] = (f"before {n} records: extrapolated from {last['records']} (x{factor:g}) to "
                                     f"~{est_s:.0f} s of build+open and ~{est_gib:.1f} GiB peak, over the "
                                     f"{args.max_seconds:.0f} s / {args.max_gib:g} GiB limits")
                print(report["stopped"], flush=True)
                break
        home = WORK / str(n)
        started = time.perf_counter()
        try:
            print(f"[{time.strftime('%H:%M:%S')}] build {n} records, {p} passages", flush=True)
            build = run_child(["build", str(n), str(p), str(home)], args.max_seconds)
            print(f"  build {build}", flush=True)
            for backend in args.backends.split(","):
                if backend != "faiss" and n > args.qdrant_max:
                    continue
                query = run_child(["query", str(home), str(args.queries)], args.max_seconds, backend)
                row = {"backend": backend, "records": n, "passages": p, "build": build, "query": query,
                       "wall_s": round(time.perf_counter() - started, 1)}
                rows.append(row)
                report["sizes"] = rows
                out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
                print(table([row]).splitlines()[1], flush=True)
                print("  stages (ms): " + json.dumps(query["stages"]), flush=True)
        except subprocess.TimeoutExpired as error:
            report["stopped"] = f"at {n} records: a child ran past {args.max_seconds:.0f} s ({error.cmd[2]})"
            print(report["stopped"], flush=True)
            break
    if not args.no_embed:
        embed = run_child(["embed"], args.max_seconds)
        for row in rows:  # what a real ingest would spend embedding this size (every record and passage), linear
            row["embed_extrapolated_s"] = round((row["records"] + row["passages"]) / 1000 * embed["s_per_1k_texts"], 1)
        report["embedding"] = embed
    report["plot"] = plot(rows, out.with_suffix(".svg"))
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(table(rows))
    print(f"wrote {out}; plot: {report['plot']}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("build", "query", "embed"):
        mode, rest = sys.argv[1], sys.argv[2:]
        if mode == "build":
            result = child_build(int(rest[0]), int(rest[1]), Path(rest[2]))
        elif mode == "query":
            result = child_query(Path(rest[0]), int(rest[1]))
        else:
            result = child_embed()
        print(json.dumps(result))
    else:
        main()
