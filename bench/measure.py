"""How bench/run.py measures: child processes (start-up and peak RSS as a user sees them) and a CPU hog."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / ".venv" / "bin" / "kb"


def child(code: str, env: dict, timeout: int = 1800) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB, stdout) of `python -c code`."""
    wrapper = (
        "import resource, sys, time\n"
        "t = time.perf_counter()\n"
        f"exec({code!r})\n"
        "print('BENCH', time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\n"
    )
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", wrapper], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=timeout)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    line = next(text for text in result.stderr.splitlines() if text.startswith("BENCH"))
    _, _, rss = line.split()
    return wall, int(rss), result.stdout


def cold_query(env: dict, question: str) -> tuple[float, int]:
    """(seconds, peak RSS MB) of one `kb query … --json` from a fresh process, as a user runs it."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"r = subprocess.run([{str(KB)!r}, 'query', {question!r}, '--json'], capture_output=True)\n"
        "wall = time.perf_counter() - t\n"
        "assert r.returncode == 0, r.stderr[-500:]\n"
        "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
    )
    result = subprocess.run([sys.executable, "-c", wrapper], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=180)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    wall, rss = result.stdout.split()
    return float(wall), int(rss)


@contextlib.contextmanager
def cpu_hog(processes: int = 2):
    """`processes` busy loops beside the measurement: a loaded 2-core machine."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]
    try:
        time.sleep(1.0)
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


WARM = """
import json, statistics, time
from kb import open_kb
kb = open_kb()
qs = {questions!r}
for q in qs: kb.ask(q)
times = []
for _ in range(10):
    for q in qs:
        t = time.perf_counter(); kb.ask(q); times.append(time.perf_counter() - t)
st = []
for _ in range(100):
    t = time.perf_counter(); kb.ask('which small in22k model at 384?'); st.append(time.perf_counter() - t)
q = statistics.quantiles(times, n=20)
print(json.dumps({{'p50': statistics.median(times), 'p95': q[18], 'n': len(times), 'structured_p50': statistics.median(st)}}))
"""

# the wildcard baseline runs in its own process: importing timm (and torch) is not part of answering
WILDCARD = """
import json, statistics, time, timm
lm = []
for _ in range(100):
    t = time.perf_counter(); timm.list_models(['*small*384*'], pretrained=True); lm.append(time.perf_counter() - t)
print(json.dumps({'list_models_p50': statistics.median(lm)}))
"""

NIGHTLY = """
import json
from ingest import run_nightly
r = run_nightly()
assert r.ok, r.message
print(json.dumps({'counts': r.counts, 'timings_s': r.timings_s, 'before': r.timm_version_before,
                  'after': r.timm_version_after}))
"""

# A timm upgrade without a second timm on disk: the installed timm reports another version, and the shipped
# parameter counts of 1.0.31 are the "other version" whose counts are reused by fingerprint. `changed` tags lose
# their fingerprint, as tags whose module or cfg changed would, and are counted again.
UPGRADE_PREFIX = """
import json, shutil
from pathlib import Path
import kb.registry.params, kb.registry.records, ingest.pipeline
params = Path({params_dir!r})
shutil.copytree(kb.registry.params.PARAMS_DIR, params)
prints = next(params.glob('*.fingerprints.json'))
data = json.loads(prints.read_text())
for name in sorted(data)[:{changed}]:
    data[name] = 'changed'
prints.write_text(json.dumps(data))
kb.registry.params.PARAMS_DIR = params
kb.registry.records.timm_version = ingest.pipeline.timm_version = lambda: {version!r}
"""


# What counting the changed tags costs by itself, from a fresh process as a nightly pays it: importing timm (and
# torch), then each tag on the meta device. The same tags the simulated upgrade changes.
NEW_TAGS_COST = """
import json
from pathlib import Path
import kb.registry.params
prints = next(Path(kb.registry.params.PARAMS_DIR).glob('*.fingerprints.json'))
for name in sorted(json.loads(prints.read_text()))[:{changed}]:
    kb.registry.params.count_params_m(name)
"""


def upgrade_nightly(params_dir: str, changed: int, version: str) -> str:
    return UPGRADE_PREFIX.format(params_dir=params_dir, changed=changed, version=version) + NIGHTLY


def json_line(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


def environment(home: Path) -> dict:
    return dict(os.environ, KB_HOME=str(home), HF_HUB_OFFLINE="1")
