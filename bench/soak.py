"""Soak: ingests, nightlies, rollbacks and queries in parallel loops, with random kill -9, for a bounded time.

    .venv/bin/python bench/soak.py [--seconds 180] [--home DIR]

Every query must answer "which small in22k model at 384?" with the five tags; an ingest, nightly or rollback
may succeed (0), find the lock held (75) or be killed by us (-9); anything else is a failure. Then the fault
phase (bench/soak_faults.py: missing fact source, FIFO note, symlinked lock, deep nesting in a stream, full disk),
--fault-rounds times, one fault at a time on copies of the soaked home. Prints the counts and writes
bench/soak.json. With --home, a copy of that KB_HOME is used (saves the first build).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak_faults import run_faults  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KB = [sys.executable, "-m", "kb.cli"]
FIVE = {"convnext_small.fb_in22k_ft_in1k_384", "deit3_small_patch16_384.fb_in22k_ft_in1k",
        "vit_small_patch16_384.augreg_in21k_ft_in1k", "vit_small_patch32_384.augreg_in21k_ft_in1k",
        "vit_small_r26_s32_384.augreg_in21k_ft_in1k"}
ALLOWED = {"ingest": {0, 75}, "nightly": {0, 75}, "rollback": {0, 75, 3}}  # rollback: no previous yet is 3


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.data: dict[str, int] = {}
        self.problems: list[str] = []

    def add(self, key: str, problem: str = "") -> None:
        with self.lock:
            self.data[key] = self.data.get(key, 0) + 1
            if problem:
                self.problems.append(problem)


def writer_loop(kind: str, env: dict, notes: list[Path], until: float, counts: Counts, rng: random.Random) -> None:
    while time.time() < until:
        args = {"ingest": ["ingest", "--json", "--notes", str(rng.choice(notes))], "nightly": ["nightly", "--json"],
                "rollback": ["rollback", "--json"]}[kind]
        process = subprocess.Popen(KB + args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        killed = False
        if kind != "rollback" and rng.random() < 0.3:
            time.sleep(rng.uniform(0.2, 6.0))
            if process.poll() is None:
                process.kill()
                killed = True
        code = process.wait()
        stderr = process.stderr.read().decode(errors="replace")
        if killed:
            counts.add(f"{kind} killed")
        elif code in ALLOWED[kind] and "Traceback" not in stderr:
            counts.add(f"{kind} {code}")
        else:
            counts.add(f"{kind} failed", f"{kind} exit {code}: {stderr.strip()[-300:]}")
        time.sleep(rng.uniform(0.0, 1.0))


def query_loop(env: dict, until: float, counts: Counts) -> None:
    while time.time() < until:
        result = subprocess.run(KB + ["query", "which small in22k model at 384?", "--json", "--limit", "20"], env=env,
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            counts.add("query failed", f"query exit {result.returncode}: {result.stderr.strip()[-300:]}")
            continue
        names = {m["name"] for m in json.loads(result.stdout)["models"]}
        counts.add("query ok" if names == FIVE else "query wrong", "" if names == FIVE else f"wrong answer {sorted(names)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--fault-rounds", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-soak-"))
    home = work / "home"
    env = dict(os.environ, KB_HOME=str(home), HF_HUB_OFFLINE="1")
    try:
        if args.home:
            shutil.copytree(args.home, home, ignore=shutil.ignore_patterns("ingest.lock"))
        else:
            subprocess.run(KB + ["ingest", "--json"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        notes_a, notes_b = work / "notes-a", work / "notes-b"
        shutil.copytree(ROOT / "data" / "notes", notes_a)
        shutil.copytree(ROOT / "data" / "notes", notes_b)
        (notes_b / "soak.md").write_text("# soak\n\nA note that comes and goes: resnet50 rollback test.\n", encoding="utf-8")
        counts = Counts()
        until = time.time() + args.seconds
        rng = random.Random(7)
        threads = [threading.Thread(target=writer_loop, args=(kind, env, [notes_a, notes_b], until, counts, random.Random(rng.random())))
                   for kind in ("ingest", "nightly", "rollback")]
        threads += [threading.Thread(target=query_loop, args=(env, until, counts))]
        started = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        loops_seconds = time.time() - started
        run_faults(ROOT, KB, home, work, FIVE, args.fault_rounds, counts)
        final = subprocess.run(KB + ["query", "which small in22k model at 384?", "--json"], env=env, cwd=ROOT,
                               capture_output=True, text=True)
        final_ok = final.returncode == 0 and {m["name"] for m in json.loads(final.stdout)["models"]} == FIVE
        failures = sum(v for k, v in counts.data.items() if k.endswith("failed"))
        wrong = counts.data.get("query wrong", 0)
        result = {"seconds": round(time.time() - started, 1), "loops_seconds": round(loops_seconds, 1),
                  "fault_rounds": args.fault_rounds, "operations": dict(sorted(counts.data.items())),
                  "failures": failures, "wrong_answers": wrong, "final_query_ok": final_ok, "problems": counts.problems[:20]}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (ROOT / "bench" / "soak.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    sys.exit(0 if failures == 0 and wrong == 0 and final_ok else 1)


if __name__ == "__main__":
    main()
