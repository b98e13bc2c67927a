"""Note retrieval by fusion method: weighted relative scores (shipped) against weighted RRF, on every eval set.

Scores the full answer path (`Searcher.ask`, with evidence links) on the `note` questions of each file in
data/eval, and writes bench/fusion.json. Needs a built index in KB_HOME.

    .venv/bin/python bench/fusion.py [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.answering.ask import FUSIONS, Searcher  # noqa: E402
from kb.config import kb_home  # noqa: E402
from kb.evaluate import load_items, passage_rank  # noqa: E402
from kb.store import IndexReader  # noqa: E402


def score(searcher: Searcher, items) -> dict:
    ranks = [passage_rank(searcher.ask(item.q).passages, item.source or "", item.phrase or "") for item in items]
    return {
        "questions": len(ranks),
        "hit5": sum(1 for r in ranks if r and r <= 5),
        "mrr10": round(sum(1 / r for r in ranks if r) / max(len(ranks), 1), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=sorted((ROOT / "data" / "eval").glob("*.jsonl")))
    args = parser.parse_args()
    reader = IndexReader.open(kb_home())
    searchers = {fusion: Searcher(reader, fusion=fusion) for fusion in FUSIONS}
    rows = []
    for path in args.files:
        items = [i for i in load_items(path) if i.kind == "note"]
        for fusion, searcher in searchers.items():
            rows.append({"file": path.name, "fusion": fusion, **score(searcher, items)})
    print(f"{'file':<16} {'fusion':<9} {'hit@5':>9} {'MRR@10':>7}")
    for row in rows:
        print(f"{row['file']:<16} {row['fusion']:<9} {row['hit5']:>4}/{row['questions']:<4} {row['mrr10']:>7.3f}")
    (ROOT / "bench" / "fusion.json").write_text(json.dumps({"index": reader.build_id, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
