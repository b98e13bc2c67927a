"""The soak's fault phase (issue 28): each fault on its own copy of the soaked KB_HOME, one at a time.

    missing fact source  a copy of the project tree whose data/timm-results lacks results-imagenet.csv (kb.config
                         derives RESULTS_DIR from the tree it is imported from): `kb nightly` must exit 1, the
                         `current` build unchanged and still answering
    fifo note            a FIFO among copied notes: `kb ingest --notes` must exit 0 within the timeout (a hang fails)
    lock symlink         KB_HOME/ingest.lock a symlink to a file outside: `kb ingest` and `kb rollback` must exit 73,
                         the target's bytes untouched
    deep nesting         `kb query -` fed 330 nested parentheses, then the usual question: the second line answered
    full disk            `kb ingest` of changed notes under RLIMIT_FSIZE (no root needed): writes past the limit fail
                         with EFBIG, not ENOSPC, which kb reports as an I/O error: exit 74, `current` unchanged

Every fault counts "<fault> ok" or "<fault> failed" (with the reason in the problems).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
from pathlib import Path

TIMEOUT = 300  # seconds for one ingest or nightly: longer is a hang


def _answers(kb: list[str], env: dict, cwd: Path, five: set[str]) -> bool:
    result = subprocess.run(kb + ["query", "which small in22k model at 384?", "--json", "--limit", "20"], env=env,
                            cwd=cwd, capture_output=True, text=True, timeout=120)
    return result.returncode == 0 and {m["name"] for m in json.loads(result.stdout)["models"]} == five


def _run(kb: list[str], args: list[str], env: dict, cwd: Path, **extra) -> tuple[int, str]:
    try:
        result = subprocess.run(kb + args, env=env, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, **extra)
    except subprocess.TimeoutExpired:
        return -1, f"no exit within {TIMEOUT}s (hang)"
    return result.returncode, (result.stderr.strip() or result.stdout.strip())[-300:]  # --json: errors on stdout


def _home(source: Path, work: Path, name: str) -> tuple[Path, dict]:
    home = work / name
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(source, home, symlinks=True, ignore=shutil.ignore_patterns("ingest.lock"))
    return home, dict(os.environ, KB_HOME=str(home), HF_HUB_OFFLINE="1")


def missing_fact_source(root: Path, kb: list[str], source: Path, work: Path, five: set[str]) -> str:
    home, env = _home(source, work, "home-facts")
    tree = work / "tree"
    if not tree.exists():
        shutil.copytree(root / "kb", tree / "kb", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(root / "data", tree / "data")
        (tree / "data" / "timm-results" / "results-imagenet.csv").unlink()
    env["PYTHONPATH"] = str(tree)
    before = (home / "current").read_text()
    code, err = _run(kb, ["nightly", "--json"], env, tree)
    kept = (home / "current").read_text() == before and _answers(kb, env, tree, five)
    return "" if code == 1 and kept else f"nightly without results-imagenet.csv: exit {code}, index kept {kept}: {err}"


def fifo_note(root: Path, kb: list[str], source: Path, work: Path, five: set[str]) -> str:
    home, env = _home(source, work, "home-fifo")
    notes = work / "notes-fifo"
    shutil.rmtree(notes, ignore_errors=True)
    shutil.copytree(root / "data" / "notes", notes)
    os.mkfifo(notes / "a-fifo.md")
    code, err = _run(kb, ["ingest", "--json", "--notes", str(notes)], env, root)
    ok = code == 0 and _answers(kb, env, root, five)
    return "" if ok else f"ingest with a FIFO note: exit {code}: {err}"


def lock_symlink(root: Path, kb: list[str], source: Path, work: Path, five: set[str]) -> str:
    home, env = _home(source, work, "home-lock")
    target = work / "precious.txt"
    target.write_text("do not empty me\n")
    (home / "ingest.lock").unlink(missing_ok=True)
    (home / "ingest.lock").symlink_to(target)
    codes = [_run(kb, args, env, root) for args in (["ingest", "--json"], ["rollback", "--json"])]
    intact = target.read_text() == "do not empty me\n" and (home / "ingest.lock").is_symlink()
    if all(code == 73 for code, _ in codes) and intact:
        return ""
    return f"symlinked ingest.lock: exits {[c for c, _ in codes]}, target intact {intact}: {codes[0][1]}"


def deep_nesting(root: Path, kb: list[str], source: Path, work: Path, five: set[str]) -> str:
    env = dict(os.environ, KB_HOME=str(source), HF_HUB_OFFLINE="1")  # read-only use: the soaked home itself
    stream = "(" * 330 + "resnet" + ")" * 330 + "\nwhich small in22k model at 384?\n"
    try:
        result = subprocess.run(kb + ["query", "-", "--json", "--limit", "20"], input=stream, env=env, cwd=root,
                                capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "kb query - with 330 nested parentheses: no answer within 120s"
    names: set[str] = set()
    for line in result.stdout.splitlines():
        try:
            names = {m["name"] for m in json.loads(line).get("models", [])} or names
        except (ValueError, AttributeError):
            continue
    if names == five and "Traceback" not in result.stderr:
        return ""
    return f"kb query - after 330 parentheses: exit {result.returncode}, second answer {sorted(names)[:3]}: " \
           f"{result.stderr.strip()[-200:]}"


def full_disk(root: Path, kb: list[str], source: Path, work: Path, five: set[str]) -> str:
    home, env = _home(source, work, "home-disk")
    notes = work / "notes-disk"
    shutil.rmtree(notes, ignore_errors=True)
    shutil.copytree(root / "data" / "notes", notes)
    (notes / "disk.md").write_text("# disk\n\nA changed note: convnext tiny on a full disk.\n", encoding="utf-8")
    before = (home / "current").read_text()
    limit = 512 * 1024  # below the sqlite file (~4.8 MB): the build's big writes fail part way

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    code, err = _run(kb, ["ingest", "--json", "--notes", str(notes)], env, root, preexec_fn=cap)
    kept = (home / "current").read_text() == before and _answers(kb, env, root, five)
    return "" if code == 74 and kept else f"ingest past RLIMIT_FSIZE: exit {code}, index kept {kept}: {err}"


FAULTS = {"missing fact source": missing_fact_source, "fifo note": fifo_note, "lock symlink": lock_symlink,
          "deep nesting": deep_nesting, "full disk": full_disk}


def run_faults(root: Path, kb: list[str], source: Path, work: Path, five: set[str], rounds: int, counts) -> None:
    """Each fault `rounds` times, one after another (never two builds at once); counts via counts.add."""
    for _ in range(rounds):
        for name, fault in FAULTS.items():
            try:
                problem = fault(root, kb, source, work, five)
            except Exception as error:  # the bench itself must not die: a fault that raises is a failure
                problem = f"{name}: {type(error).__name__}: {error}"
            counts.add(f"{name} {'failed' if problem else 'ok'}", problem)
