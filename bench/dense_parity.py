"""Do two indexes give the same dense top-5 for every eval question? (issue: shipped vectors must not change it)

    .venv/bin/python bench/dense_parity.py HOME_A HOME_B      e.g. an index built before and after a change
Prints the share of questions with an identical dense top-5 over passages and over model descriptions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb import EVAL_DIR, load_eval_items, open_kb  # noqa: E402


def main(home_a: str, home_b: str) -> None:
    a, b = open_kb(Path(home_a)).searcher, open_kb(Path(home_b)).searcher
    questions = sorted({item.q for path in sorted(EVAL_DIR.glob("*.jsonl")) for item in load_eval_items(path) if item.q})
    same = {"passages": 0, "models": 0}
    for q in questions:
        same["passages"] += [p for p, _ in a.dense_passages(q, 5)] == [p for p, _ in b.dense_passages(q, 5)]
        same["models"] += [m for m, _ in a.dense_models(q, 5)] == [m for m, _ in b.dense_models(q, 5)]
    print(json.dumps({"questions": len(questions), **{k: f"{v}/{len(questions)}" for k, v in same.items()}}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
