"""Issue 28 #1 and #12: a nightly never swaps in a build that silently lost a fact (a results table missing,
emptied or unreadable), says which fact or source, keeps the serving index; its reports are written whole."""

import errno
import os
import shutil

import pytest

from kb.config import RESULTS_DIR
from kb.store import IndexReader

pytestmark = pytest.mark.slow


def copy_home(src, dst):
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("ingest.lock"))
    return dst


@pytest.mark.parametrize("damage", ["missing", "emptied", "header only"])
def test_a_missing_or_empty_fact_source_refuses_the_nightly(built_kb_home, tmp_path, monkeypatch, damage):
    from click.testing import CliRunner

    import kb.config
    from kb.cli import cli

    results = tmp_path / "timm-results"
    shutil.copytree(RESULTS_DIR, results)
    source = results / "results-imagenet.csv"
    if damage == "missing":
        source.unlink()
    else:
        source.write_text("" if damage == "emptied" else source.read_text(encoding="utf-8").splitlines()[0] + "\n",
                          encoding="utf-8")
    monkeypatch.setattr(kb.config, "RESULTS_DIR", results)
    home = copy_home(built_kb_home, tmp_path / "home")
    before = IndexReader.open(home).build_id
    monkeypatch.setenv("KB_HOME", str(home))
    result = CliRunner().invoke(cli, ["nightly"])
    assert result.exit_code == 1
    assert "results-imagenet.csv is " + ("missing" if damage == "missing" else "empty") in result.output
    assert "previous index kept" in result.output
    assert IndexReader.open(home).build_id == before
    assert [p.name for p in (home / "reports").glob("nightly-*.json")]


def test_a_build_that_lost_top1_is_refused_and_the_report_names_it(built_kb_home, tmp_path, monkeypatch):
    import kb.build
    from ingest.nightly import run_nightly

    real = kb.build.load_registry

    def without_top1(*args, **kwargs):  # a results table timm renamed a column of: every top-1 / top-5 null
        return [r.model_copy(update={"top1": None, "top5": None}) for r in real(*args, **kwargs)]

    monkeypatch.setattr(kb.build, "load_registry", without_top1)
    home = copy_home(built_kb_home, tmp_path / "home")
    before = IndexReader.open(home).build_id
    report = run_nightly(home=home)
    assert not report.ok and report.new_build is None
    assert "fact top1 (" in report.message and "fact top5 (" in report.message
    assert "timm's results table" in report.message  # where the values come from
    assert IndexReader.open(home).build_id == before
    assert open_top1(home) > 1000  # the serving index still has its facts


def open_top1(home) -> int:
    from kb import open_kb

    return sum(r.top1 is not None for r in open_kb(home).records())


def test_lost_facts_counts_the_weights_of_both_builds():
    from ingest.coverage import MAX_FACT_LOSS, lost_facts

    had = {f"w{i}" for i in range(100)}
    kept = set(sorted(had)[: int(100 * (1 - MAX_FACT_LOSS)) + 1])
    assert lost_facts({"top1": had}, {"top1": kept}, had) == []
    assert lost_facts({"top1": had}, {"top1": set()}, had)[0].startswith("fact top1 (")
    # weights that left the registry are the record-count canary's business, not a lost fact
    assert lost_facts({"top1": had}, {"top1": kept}, kept) == []
    assert lost_facts({"top1": {"a", "b"}}, {"top1": set()}, {"a", "b"}) == []  # too few to judge


def test_fact_source_problems_of_the_shipped_tables_is_empty():
    from ingest.coverage import fact_source_problems

    assert fact_source_problems() == []


def test_a_full_disk_leaves_no_empty_or_partial_report(tmp_path, monkeypatch):
    from ingest import nightly
    from ingest.types import NightlyReport

    report = NightlyReport(started_at="2026-01-01T00:00:00+00:00", ok=True, message="ok")
    nightly.write_report(report, tmp_path)
    kept = {p.name: p.read_bytes() for p in (tmp_path / "reports").iterdir()}

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    later = report.model_copy(update={"started_at": "2026-01-02T00:00:00+00:00"})
    with pytest.raises(OSError):
        nightly.write_report(later, tmp_path)
    assert {p.name: p.read_bytes() for p in (tmp_path / "reports").iterdir()} == kept  # nothing new, nothing empty


def test_a_lock_held_for_hours_fails_the_nightly_with_a_report(built_kb_home, tmp_path, monkeypatch):
    """Issue 28 #3: the unit counts 75 as 'another run is busy'; a lock held for hours is a failure it must see."""
    import time

    from click.testing import CliRunner

    from kb.cli import cli
    from kb.lock import IngestLock

    home = copy_home(built_kb_home, tmp_path / "home")
    before = IndexReader.open(home).build_id
    monkeypatch.setenv("KB_HOME", str(home))
    reports = lambda: len(list((home / "reports").glob("nightly-*.json")))  # noqa: E731
    with IngestLock(home):
        fresh = CliRunner().invoke(cli, ["nightly"])
        after_fresh = reports()
        old = time.time() - 7 * 3600
        os.utime(home / "ingest.lock", (old, old))
        stuck = CliRunner().invoke(cli, ["nightly"])
    assert fresh.exit_code == 75 and "try again when it ends" in fresh.output
    assert stuck.exit_code == 1 and "may be stuck" in stuck.output and "previous index kept" in stuck.output
    assert reports() == after_fresh + 1
    assert IndexReader.open(home).build_id == before
