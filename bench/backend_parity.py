"""Do the backends answer alike? Every eval question through KB_BACKEND=faiss and KB_BACKEND=qdrant (local mode
unless KB_QDRANT_URL is set) on one index: the model list, the top-10 fused passages and the answer's passages.

    .venv/bin/python bench/backend_parity.py [--home KB_HOME] [--limit N] [--json bench/backend_parity.json]
Both searchers share one embedder, so the comparison is of the stores, not of two embedding runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def eval_questions(limit: int = 0) -> list[str]:
    from kb import EVAL_DIR, load_eval_items

    paths = sorted(EVAL_DIR.glob("*.jsonl")) + sorted((ROOT.parent / "shared" / "eval").glob("*.jsonl"))
    questions: set[str] = set()
    for path in paths:
        for item in load_eval_items(path):
            questions.update(t for t in ([item.q] if item.q else []) + list(getattr(item, "turns", None) or []) if t)
    ordered = sorted(questions)
    return ordered[:limit] if limit else ordered


def open_with(backend: str, home: Path):
    from kb import open_kb

    os.environ["KB_BACKEND"] = backend
    started = time.perf_counter()
    kb = open_kb(home)
    return kb, time.perf_counter() - started


def compare(home: Path, limit: int = 0) -> dict:
    questions = eval_questions(limit)
    faiss_kb, faiss_open = open_with("faiss", home)
    qdrant_kb, qdrant_open = open_with("qdrant", home)
    a, b = faiss_kb.searcher, qdrant_kb.searcher
    b.__dict__["embedder"] = a.embedder  # one embedder: identical query vectors
    same = {"models": 0, "top10_passages": 0, "answer_passages": 0}
    differing: list[dict] = []
    times: dict[str, list[float]] = {"faiss": [], "qdrant": []}
    for q in questions:
        answers = []
        for name, searcher in (("faiss", a), ("qdrant", b)):
            started = time.perf_counter()
            answer = searcher.ask(q)
            times[name].append(time.perf_counter() - started)
            answers.append((answer, [pid for pid, _ in searcher.hybrid_passages(q)[:10]]))
        (x, x_top), (y, y_top) = answers
        checks = {"models": [m.name for m in x.models] == [m.name for m in y.models], "top10_passages": x_top == y_top,
                  "answer_passages": [(p.source, p.heading, p.text) for p in x.passages]
                  == [(p.source, p.heading, p.text) for p in y.passages]}
        for key, ok in checks.items():
            same[key] += ok
        if not all(checks.values()):
            differing.append({"q": q, **{k: v for k, v in checks.items() if not v}})
    p50 = {k: round(statistics.median(v) * 1000, 1) for k, v in times.items()}
    return {"questions": len(questions), "identical": {k: f"{v}/{len(questions)}" for k, v in same.items()},
            "differing": differing[:20], "open_s": {"faiss": round(faiss_open, 3), "qdrant": round(qdrant_open, 3)},
            "warm_ask_p50_ms": p50, "qdrant_mode": "server" if os.environ.get("KB_QDRANT_URL") else "local"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    from kb.config import configure_threads, kb_home

    configure_threads()
    result = compare(args.home or kb_home(), args.limit)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
