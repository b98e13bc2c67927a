"""timm-kb benchmarks: ingest (full, no change, one note changed), warm and cold queries, peak memory.

Prints a table and writes bench/results.json. Each figure is measured in a child process so start-up and peak
RSS are those a user sees. Baselines doing the same job run in the same run and are reported as ratios:
a warm structured query vs `timm.list_models` with a wildcard (which answers less: no params/top-1/licence).

    .venv/bin/python bench/run.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARM_QUESTIONS = [
    "which small in22k model at 384?", "384 해상도의 small in22k 모델?", "ConvNeXt는 커널 크기를 얼마로 키웠어?",
    "models over 80% top-1 with under 6M params", "What does _augreg stand for?", "파라미터 2천만 개 이하, top-1 82% 이상",
    "eva02 base models at 448", "the most accurate small model", "DLA는 skip connection의 어떤 한계를 보완해?",
    "CLIP models trained on LAION-2B at 384",
]


def child(code: str, env: dict, timeout: int = 1800) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB, stdout) of `python -c code`."""
    wrapper = (
        "import resource, sys, time\n"
        "t = time.perf_counter()\n"
        f"exec({code!r})\n"
        "print('BENCH', time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\n"
    )
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", wrapper], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    line = next(l for l in result.stderr.splitlines() if l.startswith("BENCH"))
    _, _, rss = line.split()
    return wall, int(rss), result.stdout


def cold_query(env: dict, question: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "kb"), "query", question, "--json"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.parse_args()  # --help only
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    home = work / "home"
    env = dict(os.environ, KB_HOME=str(home), HF_HUB_OFFLINE="1")
    results: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                 "platform": platform.platform(), "when": time.strftime("%Y-%m-%d %H:%M")}}
    ingest = "from ingest import build_index\nr = build_index()\nprint(r.embedded, r.reused)"
    try:
        wall, rss, out = child(ingest, env)
        results["full_ingest_s"], results["ingest_peak_rss_mb"] = round(wall, 2), rss
        results["full_ingest_embedded"] = int(out.split()[0])
        wall, _, out = child(ingest, env)
        results["no_change_reingest_s"] = round(wall, 2)
        results["no_change_ratio"] = round(results["no_change_reingest_s"] / results["full_ingest_s"], 4)
        notes = work / "notes"
        shutil.copytree(ROOT / "data" / "notes", notes)
        with open(notes / "timm-suffix-guide.ko.md", "a", encoding="utf-8") as handle:
            handle.write("\n\n### 벤치마크 메모\n\n한 줄을 바꾼 노트입니다.\n")
        wall, _, out = child(f"from ingest import build_index\nfrom pathlib import Path\n"
                             f"r = build_index(notes_dir=Path({str(notes)!r}))\nprint(r.embedded, r.reused)", env)
        results["one_note_changed_reingest_s"] = round(wall, 2)
        results["one_note_changed_embedded"] = int(out.split()[0])

        warm = (
            "import json, time, statistics, fnmatch\n"
            "from kb.api import open_kb\n"
            "kb = open_kb()\n"
            f"qs = {WARM_QUESTIONS!r}\n"
            "for q in qs: kb.ask(q)\n"
            "times = []\n"
            "for _ in range(10):\n"
            "    for q in qs:\n"
            "        t = time.perf_counter(); kb.ask(q); times.append(time.perf_counter() - t)\n"
            "st = []\n"
            "for _ in range(100):\n"
            "    t = time.perf_counter(); kb.ask('which small in22k model at 384?'); st.append(time.perf_counter() - t)\n"
            "q = statistics.quantiles(times, n=20)\n"
            "print(json.dumps({'p50': statistics.median(times), 'p95': q[18], 'n': len(times),\n"
            "                  'structured_p50': statistics.median(st)}))\n"
        )
        # the wildcard baseline runs in its own process: importing timm (and torch) is not part of answering
        wildcard = (
            "import json, statistics, time, timm\n"
            "lm = []\n"
            "for _ in range(100):\n"
            "    t = time.perf_counter(); timm.list_models(['*small*384*'], pretrained=True); lm.append(time.perf_counter() - t)\n"
            "print(json.dumps({'list_models_p50': statistics.median(lm)}))\n"
        )
        wall, rss, out = child(warm, env)
        warm_stats = json.loads(out.strip().splitlines()[-1])
        warm_stats.update(json.loads(child(wildcard, env)[2].strip().splitlines()[-1]))
        results["warm_query_p50_ms"] = round(warm_stats["p50"] * 1000, 1)
        results["warm_query_p95_ms"] = round(warm_stats["p95"] * 1000, 1)
        results["warm_queries"] = warm_stats["n"]
        results["query_process_peak_rss_mb"] = rss
        results["baseline_list_models_wildcard_p50_ms"] = round(warm_stats["list_models_p50"] * 1000, 2)
        results["structured_query_p50_ms"] = round(warm_stats["structured_p50"] * 1000, 2)
        results["structured_vs_list_models_ratio"] = round(warm_stats["structured_p50"] / warm_stats["list_models_p50"], 1)
        colds = {"en": [cold_query(env, "which small in22k model at 384?") for _ in range(3)],
                 "ko": [cold_query(env, "384 해상도의 small in22k 모델?") for _ in range(3)]}
        results["cold_query_en_s"] = round(statistics.median(colds["en"]), 2)
        results["cold_query_ko_s"] = round(statistics.median(colds["ko"]), 2)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    width = max(len(k) for k in results)
    print(f"{'metric':<{width}}  value")
    for key, value in results.items():
        if key != "machine":
            print(f"{key:<{width}}  {value}")
    print(f"machine: {results['machine']}")


if __name__ == "__main__":
    main()
