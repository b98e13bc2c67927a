"""`kb query` and `kb eval`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from kb.cli import emit_json, fail
from kb.errors import KBError


def _render_answer(answer, limit_rows: int = 30) -> None:
    from rich.console import Console
    from rich.table import Table

    from kb.answer import citation, describe_filters

    console = Console(soft_wrap=True)
    console.print(answer.answer, markup=False, highlight=False)
    chips = describe_filters(answer.filters, answer.language)
    if chips:
        label = "이해한 조건" if answer.language == "ko" else "Understood"
        console.print(f"\n{label}: " + " · ".join(chips), markup=False, highlight=False)
    if answer.models:
        table = Table(show_lines=False)
        for column in ("name", "res", "test res", "params (M)", "top-1", "licence", "why"):
            table.add_column(column, overflow="fold")
        for hit in answer.models[:limit_rows]:
            table.add_row(
                hit.name,
                str(hit.resolution or ""),
                str(hit.test_resolution or ""),
                "" if hit.params_m is None else f"{hit.params_m:.1f}",
                "" if hit.top1 is None else f"{hit.top1:.2f}",
                hit.license or "",
                ", ".join(hit.why),
            )
        console.print(table)
        if len(answer.models) > limit_rows:
            console.print(f"… {len(answer.models) - limit_rows} more (use --json for all)", markup=False)
    for passage in answer.passages:
        snippet = " ".join(passage.text.split())[:240]
        console.print(f"\n{citation(passage)}\n  {snippet}", markup=False, highlight=False)


@click.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON (one object per line with `-`).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Most models to return.")
@click.option("--lang", type=click.Choice(["ko", "en"]), default=None, help="Answer language (default: the question's).")
def query(question: str, as_json: bool, limit: int, lang: Optional[str]) -> None:
    """Answer QUESTION (Korean or English). Use `-` to read one question per line from stdin."""
    from kb.api import open_kb

    try:
        kb = open_kb()
    except KBError as error:
        fail(error, as_json)
    questions = sys.stdin.read().splitlines() if question == "-" else [question]
    failures = 0
    for text in questions:
        if question == "-" and not text.strip():
            continue
        try:
            answer = kb.ask(text, limit=limit, lang=lang)
        except KBError as error:
            if question != "-":
                fail(error, as_json)
            failures += 1
            if as_json:
                emit_json({"query": text, "error": error.message, "exit_code": error.exit_code})
            else:
                click.echo(f"error: {error.message}", err=True)
            continue
        if as_json:
            emit_json(answer)
        else:
            _render_answer(answer)
            if question == "-":
                click.echo("")
    if failures and failures == len([t for t in questions if t.strip()]):
        sys.exit(2)


@click.command(name="eval")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def eval_command(file: Optional[Path], as_json: bool) -> None:
    """Score timm-kb and three baselines on FILE (default: the shipped dev set)."""
    from kb.api import open_kb
    from kb.config import EVAL_FILE
    from kb.errors import BadInput
    from kb.evaluate import load_items, run_eval

    path = file or EVAL_FILE
    try:
        if not path.is_file():
            raise BadInput(f"evaluation file not found: {path}")
        try:
            items = load_items(path)
        except ValueError as error:
            raise BadInput(f"{path} is not a JSON-lines evaluation set: {error}") from None
        kb = open_kb()
    except KBError as error:
        fail(error, as_json)
    report = run_eval(kb, items, str(path))
    if as_json:
        emit_json(report)
        return
    _render_eval(report)


def _render_eval(report) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True)
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(report.counts.items()))
    table = Table(title=f"{report.file} ({counts})")
    for column in ("system", "set-F1", "exact (top1/empty)", "note hit@5", "note MRR@10"):
        table.add_column(column)

    def cell(value):
        return "-" if value is None else f"{value:.3f}"

    for score in report.systems:
        table.add_row(score.system, cell(score.set_f1), cell(score.exact), cell(score.note_hit5), cell(score.note_mrr10))
    console.print(table)
    ours = report.systems[0]
    console.print(f"\nMisses of {ours.system}: {len(ours.misses)}", markup=False)
    for miss in ours.misses:
        got = ", ".join(miss.got[:6]) + (" …" if len(miss.got) > 6 else "")
        console.print(f"- [{miss.kind}] {miss.q}\n    score {miss.score:.3f}; got: {got or '(nothing)'}", markup=False, highlight=False)
        if miss.kind == "set":
            missing = sorted(set(miss.gold) - set(miss.got))
            extra = sorted(set(miss.got) - set(miss.gold))
            console.print(f"    missing: {', '.join(missing[:8]) or '-'}; extra: {', '.join(extra[:8]) or '-'}", markup=False, highlight=False)
        else:
            console.print(f"    expected: {', '.join(miss.gold)}", markup=False, highlight=False)
