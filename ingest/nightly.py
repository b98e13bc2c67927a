"""The nightly refresh: re-read registry and notes, re-embed what changed, check the new index, then swap.

The new build is checked before it goes live (files verified against the manifest, counts, canary questions
whose expected answers are computed from the new registry itself). A failed check or any error keeps the
previous index; a report of what changed goes to KB_HOME/reports/ as JSON and text, keeping the last N.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

from ingest.coverage import fact_holders, fact_source_problems, lost_facts
from ingest.pipeline import build_index
from ingest.types import NightlyReport
from kb import KBError, LockHeld, LockStuck, QueryFilters, atomic_write_text, kb_home, open_kb, redact

KEEP_REPORTS = 14
MIN_RECORD_SHARE = 0.9  # a registry that lost more than 10% of its tags overnight is a broken install, not news


class CanaryFailed(KBError):
    pass


def _snapshot(home: Path):
    try:
        kb = open_kb(home)
    except KBError:
        return None
    records = kb.records()
    return {
        "build": kb.build_id,
        "timm": kb.manifest.timm_version,
        "sources": dict(kb.manifest.source_hashes),
        "records": {r.name for r in records},
        "facts": fact_holders(records),
        "unresolved": {f.subject for f in kb.findings() if f.kind == "unresolved"},
    }


def canary_check(directory: Path, home: Path, previous_records: int,
                 previous_facts: Optional[dict[str, set[str]]] = None) -> list[str]:
    """Raise CanaryFailed unless the finalized (not yet live) build answers like a good index and keeps the facts
    of the serving build (`previous_facts`: fact key -> the weights that had it)."""
    kb = open_kb(home, build=directory)  # verifies every file against the manifest
    passed = []
    records = kb.records()
    passages = kb.manifest.counts.get("passages", 0)
    if previous_records and len(records) < MIN_RECORD_SHARE * previous_records:
        raise CanaryFailed(f"the new registry has {len(records)} records, the previous {previous_records}")
    if not passages:
        raise CanaryFailed("the new index has no note passages")
    passed.append(f"counts: {len(records)} records, {passages} passages")
    if previous_facts:
        lost = lost_facts(previous_facts, fact_holders(records), {r.name for r in records})
        if lost:
            raise CanaryFailed("facts lost against the serving build: " + "; ".join(lost))
        passed.append(f"facts: every fact kept its weights ({len(previous_facts)} facts)")
    for question, expected in [
        ("which small in22k model at 384?", QueryFilters(sizes=["small"], datasets=["in22k"], resolution=384)),
        ("384 해상도의 small in22k 모델", QueryFilters(sizes=["small"], datasets=["in22k"], resolution=384)),
    ]:
        want = {r.name for r in kb.models(expected)}
        got = {m.name for m in kb.ask(question, limit=10000).models}
        if got != want:
            raise CanaryFailed(f"canary {question!r}: {len(got)} models, expected {len(want)}")
        passed.append(f"{question!r}: {len(got)} models")
    answer = kb.ask("ConvNeXt는 커널 크기를 얼마로 키웠어?")
    if not answer.passages:
        raise CanaryFailed("canary note question returned no passages")
    passed.append(f"note question: {len(answer.passages)} passages")
    return passed


def write_report(report: NightlyReport, home: Path, keep: int = KEEP_REPORTS) -> Path:
    folder = home / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = report.started_at.replace(":", "").replace("-", "")
    json_path = folder / f"nightly-{stamp}.json"
    atomic_write_text(json_path, redact(report.model_dump_json(indent=2)))
    atomic_write_text(folder / f"nightly-{stamp}.txt", redact(render_report(report)))
    reports = sorted(folder.glob("nightly-*.json"))
    for old in reports[:-keep]:
        old.unlink(missing_ok=True)
        old.with_suffix(".txt").unlink(missing_ok=True)
    return json_path


def render_report(report: NightlyReport) -> str:
    def block(title: str, items: list[str], limit: int = 30) -> list[str]:
        lines = [f"{title}: {len(items)}"]
        lines += [f"  - {item}" for item in items[:limit]]
        if len(items) > limit:
            lines.append(f"  … {len(items) - limit} more")
        return lines

    lines = [
        f"timm-kb nightly {report.started_at}: {'OK' if report.ok else 'FAILED'} — {report.message}",
        f"build: {report.previous_build or '-'} -> {report.new_build or '(kept previous)'}",
        f"timm: {report.timm_version_before or '-'} -> {report.timm_version_after or '-'}",
    ]
    lines += block("notes added", report.notes_added) + block("notes changed", report.notes_changed)
    lines += block("notes removed", report.notes_removed)
    lines += block("records added", report.records_added) + block("records removed", report.records_removed)
    lines += block("links broken", report.links_broken)
    lines += block("kb check findings", [
        f"[{f.kind}] {f.source}: {f.subject}: {f.message}" + (f" (closest: {', '.join(f.suggestions)})" if f.suggestions else "")
        for f in report.findings
    ])
    lines += block("canaries", report.canaries)
    if report.counts:
        lines.append(f"re-embedded {report.counts.get('embedded', 0)} texts ({report.counts.get('shipped_vectors', 0)} "
                     f"vectors shipped); parameter counts: {report.counts.get('params_counted', 0)} counted, "
                     f"{report.counts.get('params_reused', 0)} reused from another timm version")
    lines.append("timings (s): " + ", ".join(f"{k} {v}" for k, v in report.timings_s.items()))
    return "\n".join(lines) + "\n"


def run_nightly(notes_dir: Optional[Path] = None, home: Optional[Path] = None,
                progress: Optional[Callable[[str, float], None]] = None, keep_reports: int = KEEP_REPORTS) -> NightlyReport:
    """Refresh, check, swap; always writes a report. LockHeld propagates (exit 75); a stuck lock
    (LockStuck) is this run's failure, reported."""
    home = Path(home) if home else kb_home()
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    before = _snapshot(home)
    report = NightlyReport(started_at=started, ok=False, previous_build=before and before["build"],
                           timm_version_before=before and before["timm"])
    canaries: list[str] = []

    def check(directory: Path) -> None:
        canaries.extend(canary_check(directory, home, len(before["records"]) if before else 0,
                                     before["facts"] if before else None))

    clock = time.perf_counter()
    try:
        missing = fact_source_problems()
        if missing:  # checked before the lock and the build: nothing to roll back, the serving index untouched
            raise CanaryFailed("a fact source is missing or empty: " + "; ".join(missing))
        ingest = build_index(notes_dir=notes_dir, home=home, progress=progress, before_swap=check)
    except Exception as error:  # any failure: previous index kept, reported, exit 1
        if isinstance(error, LockHeld) and not isinstance(error, LockStuck):
            raise  # another nightly is running: not this run's failure (75)
        report.message = redact(f"failed, previous index kept: "
                                f"{getattr(error, 'message', None) or f'{error.__class__.__name__}: {error}'}")
        report.canaries = canaries
        report.timings_s = {"total": round(time.perf_counter() - clock, 3)}
        write_report(report, home, keep_reports)
        return report
    after = open_kb(home)
    old_sources = before["sources"] if before else {}
    new_sources = after.manifest.source_hashes
    old_records = before["records"] if before else set()
    new_records = {r.name for r in after.records()}
    new_unresolved = {f.subject for f in after.findings() if f.kind == "unresolved"}
    report.ok = True
    report.message = ingest.message
    report.new_build = after.build_id
    report.timm_version_after = after.manifest.timm_version
    report.notes_added = sorted(set(new_sources) - set(old_sources))
    report.notes_removed = sorted(set(old_sources) - set(new_sources))
    report.notes_changed = sorted(n for n in set(new_sources) & set(old_sources) if new_sources[n] != old_sources[n])
    report.records_added = sorted(new_records - old_records) if before else []
    report.records_removed = sorted(old_records - new_records)
    report.links_broken = sorted(new_unresolved - (before["unresolved"] if before else set()))
    report.findings = after.findings()
    report.counts = {key: ingest.counts.get(key, 0) for key in ("embedded", "shipped_vectors", "params_counted", "params_reused")}
    report.canaries = canaries
    report.timings_s = ingest.timings_s
    write_report(report, home, keep_reports)
    return report
