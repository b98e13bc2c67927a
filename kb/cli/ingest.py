"""`kb ingest`, `kb check`, `kb nightly`, `kb rollback`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from kb.cli.common import console, emit_json, handles_errors, json_option


def _notes_dir(ctx, param, value: Optional[str]) -> Optional[Path]:
    """`--notes ""` would be Path("") -- the current directory -- which no one means: bad input (exit 2)."""
    from kb import BadInput

    if value is not None and not value.strip():
        raise BadInput("--notes: the directory name is empty; give the notes directory (default: data/notes)")
    return Path(value) if value is not None else None


notes_option = click.option("--notes", "notes_dir", default=None, callback=_notes_dir, metavar="DIR",
                            help="Notes directory (default: data/notes).")


class _Bars:
    """One rich progress bar per ingest stage, on stderr so --json stays clean."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.progress = None
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description:<9}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                                     TimeElapsedColumn(), console=Console(stderr=True), transient=False)
            self.progress.__enter__()
        return self

    def __call__(self, stage: str, fraction: float) -> None:
        if not self.progress:
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=1.0)
        self.progress.update(self.tasks[stage], completed=fraction)

    def __exit__(self, *exc):
        if self.progress:
            self.progress.__exit__(*exc)


def _summary(report) -> None:
    from rich.table import Table

    out = console()
    files = Table(title=f"ingest {report.build_id} · {report.backend}")
    for column in ("note", "status", "passages", "message"):
        files.add_column(column, overflow="fold")
    for item in report.files:
        files.add_row(item.source, item.status, str(item.passages), item.message)
    out.print(files)
    counts = Table(title="counts")
    counts.add_column("what")
    counts.add_column("n", justify="right")
    for key, value in report.counts.items():
        counts.add_row(key, str(value))
    out.print(counts)
    out.print("timings (s): " + ", ".join(f"{k} {v}" for k, v in report.timings_s.items()))


@click.command()
@notes_option
@click.option("--allow-shrink", is_flag=True, help="Swap in a build that keeps under half of the live passages.")
@json_option
@handles_errors
def ingest(notes_dir: Optional[Path], allow_shrink: bool, as_json: bool) -> None:
    """Build the index from the notes and the live timm registry, then swap it in atomically."""
    from ingest import build_index

    with _Bars(enabled=not as_json) as bars:
        report = build_index(notes_dir=notes_dir, progress=bars, allow_shrink=allow_shrink)
    if as_json:
        emit_json(report)
    else:
        _summary(report)


@click.command()
@json_option
@click.option("--strict", is_flag=True, help="Exit 1 when there is any finding.")
@handles_errors
def check(as_json: bool, strict: bool) -> None:
    """Mentions that no longer resolve (with the closest live names) and notes that disagree with the registry."""
    from kb import open_kb

    findings = open_kb().findings()
    if as_json:
        emit_json(findings)
    else:
        if not findings:
            click.echo("no findings: every mention resolves and the notes agree with the registry")
        for f in findings:
            hint = f" (closest: {', '.join(f.suggestions)})" if f.suggestions else ""
            click.echo(f"[{f.kind}] {f.source}: {f.subject}: {f.message}{hint}")
    if strict and findings:
        sys.exit(1)


@click.command()
@notes_option
@json_option
@click.option("--keep-reports", type=click.IntRange(min=1), default=14, show_default=True)
@handles_errors
def nightly(notes_dir: Optional[Path], as_json: bool, keep_reports: int) -> None:
    """Full refresh with canary checks before the swap. Exit 0 ok, 1 failed (previous index kept), 75 locked."""
    from ingest import render_report, run_nightly
    from kb import redact

    report = run_nightly(notes_dir=notes_dir, keep_reports=keep_reports)
    if as_json:
        click.echo(redact(report.model_dump_json()))
    else:
        click.echo(redact(render_report(report)))
    sys.exit(0 if report.ok else 1)


@click.command()
@json_option
@handles_errors
def rollback(as_json: bool) -> None:
    """Make the previous index current again (waits for no ingest: exits 75 while one runs)."""
    from kb import rollback_index

    build = rollback_index()
    if as_json:
        emit_json({"current": build})
    else:
        click.echo(f"rolled back: {build} is live")
