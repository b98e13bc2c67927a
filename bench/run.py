"""timm-kb benchmarks, idle and under load: ingest, nightly (no change, timm upgrade), warm and cold queries, memory.

Prints a table of every figure against its target and writes bench/results.json. Each figure is measured in a
child process, so start-up and peak RSS are those a user sees. "Under load" runs two busy-loop processes beside
the measurement (this machine has two cores). The wildcard baseline (`timm.list_models`) answers less (no
params, top-1 or licence) and is reported as a ratio.

    make bench        (or .venv/bin/python bench/run.py)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import operator
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import (  # noqa: E402
    NEW_TAGS_COST,
    NIGHTLY,
    ROOT,
    WARM,
    WILDCARD,
    child,
    cold_query,
    cpu_hog,
    environment,
    json_line,
    upgrade_nightly,
)

WARM_QUESTIONS = [
    "which small in22k model at 384?", "384 해상도의 small in22k 모델?", "ConvNeXt는 커널 크기를 얼마로 키웠어?",
    "models over 80% top-1 with under 6M params", "What does _augreg stand for?", "파라미터 2천만 개 이하, top-1 82% 이상",
    "eva02 base models at 448", "the most accurate small model", "DLA는 skip connection의 어떤 한계를 보완해?",
    "CLIP models trained on LAION-2B at 384",
]
COLD = {"en": "which small in22k model at 384?", "ko": "384 해상도의 small in22k 모델?",
        "ko_note": "ConvNeXt는 커널 크기를 얼마로 키웠어?"}  # the notes' own question: no kiwi at query time
COLD_RUNS = 5
UPGRADE_CHANGED_TAGS = 19  # as many as 1.0.31 -> 1.0.30 removed

# metric: (operator, target) — the targets, checked in the printed table
TARGETS = {
    "full_ingest_s": ("<=", 60), "full_ingest_embedded": ("<=", 250),
    "cold_query_en_s": ("<=", 0.5), "cold_query_ko_s": ("<=", 1.2),
    "cold_query_en_load_ratio": ("<=", 2.0), "cold_query_ko_load_ratio": ("<=", 2.0),
    "cold_query_ko_note_s": ("<=", 0.6), "cold_query_ko_note_load_ratio": ("<=", 2.0),
    "cold_query_ko_note_peak_rss_mb": ("<=", 200),
    "warm_query_p50_ms": ("<", 20), "warm_query_p95_ms": ("<", 40), "cold_query_ko_peak_rss_mb": ("<=", 400),
    "nightly_upgrade_vs_budget_ratio": ("<=", 1.0),
}
MEETS = {"<": operator.lt, "<=": operator.le}


def ingest_figures(env: dict, work: Path, results: dict) -> None:
    ingest = "from ingest import build_index\nr = build_index()\nprint(r.embedded, r.reused)"
    wall, rss, out = child(ingest, env)
    results["full_ingest_s"], results["ingest_peak_rss_mb"] = round(wall, 2), rss
    results["full_ingest_embedded"], results["full_ingest_vectors_reused"] = map(int, out.split()[:2])
    wall, _, _ = child(ingest, env)
    results["no_change_reingest_s"] = round(wall, 2)
    notes = work / "notes"
    shutil.copytree(ROOT / "data" / "notes", notes)
    with open(notes / "timm-suffix-guide.ko.md", "a", encoding="utf-8") as handle:
        handle.write("\n\n### 벤치마크 메모\n\n한 줄을 바꾼 노트입니다.\n")
    wall, _, out = child(f"from ingest import build_index\nfrom pathlib import Path\n"
                         f"r = build_index(notes_dir=Path({str(notes)!r}))\nprint(r.embedded, r.reused)", env)
    results["one_note_changed_reingest_s"] = round(wall, 2)
    results["one_note_changed_embedded"] = int(out.split()[0])


def nightly_figures(env: dict, work: Path, results: dict) -> None:
    wall, _, out = child(NIGHTLY, env)
    results["nightly_no_change_s"] = round(wall, 2)
    upgraded = work / "home-upgrade"  # a copy: the simulated version must not reach the home the queries use
    shutil.copytree(env["KB_HOME"], upgraded, symlinks=True)
    code = upgrade_nightly(str(work / "params"), UPGRADE_CHANGED_TAGS, "1.0.99")
    wall, _, out = child(code, dict(env, KB_HOME=str(upgraded)))
    report = json_line(out)
    results["nightly_timm_upgrade_s"] = round(wall, 2)
    results["nightly_timm_upgrade_params_counted"] = report["counts"].get("params_counted", 0)
    results["nightly_timm_upgrade_params_reused"] = report["counts"].get("params_reused", 0)
    results["nightly_timm_upgrade_embedded"] = report["counts"].get("embedded", 0)
    results["nightly_upgrade_vs_no_change_ratio"] = round(wall / results["nightly_no_change_s"], 2)
    # the target: an upgrade nightly <= 2x a no-change nightly plus what counting the new tags costs alone
    cost, _, _ = child(NEW_TAGS_COST.format(changed=UPGRADE_CHANGED_TAGS), env)
    results["nightly_new_tags_cost_s"] = round(cost, 2)
    results["nightly_upgrade_vs_budget_ratio"] = round(wall / (2 * results["nightly_no_change_s"] + cost), 2)


def query_figures(env: dict, results: dict) -> None:
    wall, rss, out = child(WARM.format(questions=WARM_QUESTIONS), env)
    warm = json_line(out)
    warm.update(json_line(child(WILDCARD, env)[2]))
    results["warm_query_p50_ms"] = round(warm["p50"] * 1000, 1)
    results["warm_query_p95_ms"] = round(warm["p95"] * 1000, 1)
    results["warm_queries"] = warm["n"]
    results["query_process_peak_rss_mb"] = rss
    results["baseline_list_models_wildcard_p50_ms"] = round(warm["list_models_p50"] * 1000, 2)
    results["structured_query_p50_ms"] = round(warm["structured_p50"] * 1000, 2)
    results["structured_vs_list_models_ratio"] = round(warm["structured_p50"] / warm["list_models_p50"], 1)
    # the query threads' choice (kb.config.QUERY_THREADS), checked each run: one thread, and both under the hog
    one_thread = json_line(child(WARM.format(questions=WARM_QUESTIONS), {**env, "OMP_NUM_THREADS": "1"})[2])
    results["warm_query_p50_one_thread_ms"] = round(one_thread["p50"] * 1000, 1)
    with cpu_hog():
        for label, threads in (("", {}), ("_one_thread", {"OMP_NUM_THREADS": "1"})):
            loaded = json_line(child(WARM.format(questions=WARM_QUESTIONS), {**env, **threads})[2])
            results[f"warm_query_load_p50{label}_ms"] = round(loaded["p50"] * 1000, 1)
    for load in ("", "_load"):
        with cpu_hog() if load else contextlib.nullcontext():
            for lang, question in COLD.items():
                runs = [cold_query(env, question) for _ in range(COLD_RUNS)]
                results[f"cold_query_{lang}{load}_s"] = round(statistics.median(t for t, _ in runs), 2)
                if not load:
                    results[f"cold_query_{lang}_peak_rss_mb"] = max(r for _, r in runs)
    for lang in COLD:
        results[f"cold_query_{lang}_load_ratio"] = round(results[f"cold_query_{lang}_load_s"] / results[f"cold_query_{lang}_s"], 2)


def print_table(results: dict) -> None:
    width = max(len(k) for k in results)
    print(f"{'metric':<{width}}  {'value':>10}  target")
    for key, value in results.items():
        if key == "machine":
            continue
        target = TARGETS.get(key)
        verdict = "" if target is None else f"{target[0]} {target[1]}  " + (
            "met" if MEETS[target[0]](value, target[1]) else "NOT MET")
        print(f"{key:<{width}}  {value:>10}  {verdict}")
    print(f"machine: {results['machine']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print results.json instead of the table")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    env = environment(work / "home")
    results: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                 "platform": platform.platform(), "when": time.strftime("%Y-%m-%d %H:%M")}}
    try:
        ingest_figures(env, work, results)
        query_figures(env, results)
        nightly_figures(env, work, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


if __name__ == "__main__":
    main()
