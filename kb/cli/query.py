"""`kb query` and `kb eval`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, Optional

import click

from kb.cli.common import console, emit_json, error_payload, handles_errors, json_option
from kb.cli.render import format_option, print_comparison


def answer_columns(answer) -> tuple[str, ...]:
    """Columns an answer adds to the table: the facts it asked about and the one it ranked by."""
    from kb import sort_order

    order = sort_order(answer.sort)
    return tuple(answer.asked) + ((order[0],) if order else ())


def _render_answer(answer, output_format: str = "table", limit_rows: int = 30) -> None:
    from kb import citation, understood_chips
    from kb.cli.render import print_rows, rows_of

    extra = answer_columns(answer)
    if output_format in ("csv", "tsv", "markdown"):  # the matches alone: for pipes and documents
        print_rows(rows_of(answer.models, extra), answer.language, output_format, extra=extra)
        return
    out = console()
    out.print(answer.answer)
    chips = understood_chips(answer)
    if chips:
        label = "이해한 조건" if answer.language == "ko" else "Understood"
        out.print(f"\n{label}: " + " · ".join(chips))
    if answer.comparison is not None:
        print_comparison(answer.comparison)
    elif answer.models and answer.where is not None:  # a note answer's model suggestions are not matches
        print_rows(rows_of(answer.models[:limit_rows], extra), answer.language, "table", extra=extra)
        if len(answer.models) > limit_rows:
            out.print(f"… {len(answer.models) - limit_rows} more (--format csv or --json for all)")
    for passage in answer.passages:
        out.print(f"\n{citation(passage)}\n{evidence(passage.text)}")


def evidence(text: str, limit: int = 240) -> str:
    """A passage under its citation: prose flattened and cut, code blocks whole with their indentation."""
    import re

    parts = []
    for i, piece in enumerate(re.split(r"(^```[^\n]*\n.*?^```)", text, flags=re.S | re.M)):
        if i % 2:
            parts.append(piece)
        elif piece.strip():
            flat = " ".join(piece.split())
            parts.append("  " + (flat if len(flat) <= limit else flat[: limit - 1] + "…"))
    return "\n".join(parts)




def _emit(answer, as_json: bool, output_format) -> None:
    if as_json or output_format in ("json", "jsonl"):
        emit_json(answer)
    else:
        _render_answer(answer, output_format or "table")


def stdin_lines() -> Iterator[str]:
    """One question per line as the lines arrive (not after EOF); undecodable bytes reach the validator."""
    stream = sys.stdin
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="surrogateescape")
    while True:
        line = stream.readline()
        if not line:
            return
        yield line.rstrip("\r\n")


ECHO_LIMIT = 80  # characters of a rejected line said back: enough to find it, never the whole 20 MB


def echoed(text: str, limit: int = ECHO_LIMIT) -> str:
    """A rejected stream line as said back in its error: printable, cut to `limit` characters and "…"."""
    from kb import printable

    head = text[: limit + 1]
    return printable(head[:limit] + "…" if len(head) > limit else head)


def stream_error(text: str, error: BaseException, as_json: bool) -> None:
    """One line for a line of a `kb query -` / `kb chat` stream that cannot be answered; the stream goes on."""
    from kb import BadInput

    if isinstance(error, RecursionError):  # a safety net: parse_where bounds nesting before it recurses
        error = BadInput("the question is too deeply nested")
    if as_json:
        emit_json({"query": echoed(text), **error_payload(error)})
    else:
        click.echo(f"error: {error.message}", err=True)


limit_option = click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
                            help="Most models to return.")
lang_option = click.option("--lang", type=click.Choice(["ko", "en"]), default=None,
                           help="Answer language (default: the question's).")


@click.command()
@click.argument("question", required=False)
@format_option
@click.option("--where", "where", default=None, metavar="EXPR",
              help="Conditions that must hold too, e.g. 'family:swin* AND license:mit AND params<=30M AND NOT tag:in22k'.")
@json_option
@limit_option
@lang_option
@click.option("--strict", is_flag=True, help="Exit 1 when the answer is partial (a condition could not be applied).")
@handles_errors
def query(question: Optional[str], output_format: Optional[str], where: Optional[str], as_json: bool, limit: int,
          lang: Optional[str], strict: bool) -> None:
    """Answer QUESTION (Korean or English). `-` answers one question per stdin line, as each line arrives."""
    from kb import BadInput, KBError, open_kb

    if question is None and where is None:
        raise BadInput("give a question, `-` for one question per stdin line, or --where EXPR")
    kb = open_kb()
    if question != "-":
        answer = kb.ask(question or where, limit=limit, lang=lang, where=where)
        _emit(answer, as_json, output_format)
        if strict and answer.partial:
            sys.exit(1)
        return
    asked = failures = partial = 0
    for text in stdin_lines():
        if not text.strip():
            continue
        asked += 1
        try:
            kb.refresh()  # a swap between two lines: answer the next one from the new index
            answer = kb.ask(text, limit=limit, lang=lang, where=where)
        except (KBError, RecursionError) as error:
            failures += 1
            stream_error(text, error, as_json)
            continue
        _emit(answer, as_json, output_format)
        partial += answer.partial
        if not (as_json or output_format):
            click.echo("")
        sys.stdout.flush()
    if failures and failures == asked:
        sys.exit(2)
    if strict and partial:
        sys.exit(1)


@click.command()
@json_option
@limit_option
@lang_option
@handles_errors
def chat(as_json: bool, limit: int, lang: Optional[str]) -> None:
    """A conversation on stdin: each line is the next turn; a turn may refine the one before ("only at 384",
    "그 중에 제일 가벼운 거"). `/new` starts over. With --json, one answer object per line (the query contract)."""
    from kb import KBError, open_kb

    kb = open_kb()
    conversation = kb.conversation()
    for text in stdin_lines():
        if not text.strip():
            continue
        if text.strip() in ("/new", "/reset"):
            conversation.reset()
            continue
        try:
            kb.refresh()
            answer = conversation.ask(text, limit=limit, lang=lang)
        except (KBError, RecursionError) as error:
            stream_error(text, error, as_json)
            continue
        if as_json:
            emit_json(answer)
        else:
            _render_answer(answer)
            click.echo("")
        sys.stdout.flush()


@click.command()
@click.argument("names", nargs=-1, required=True)
@json_option
@lang_option
@handles_errors
def compare(names: tuple[str, ...], as_json: bool, lang: Optional[str]) -> None:
    """NAMES side by side (2-4 tags, or architectures for their default tag), with what differs marked (*)."""
    from kb import BadInput, open_kb

    comparison = open_kb().compare(list(names), lang or "en")
    repeated = sorted({n for n in comparison.names if comparison.names.count(n) > 1})
    if repeated:  # `kb compare X X`, or an architecture beside its own default tag
        raise BadInput(f"compare names each weight once; given more than once: {', '.join(repeated)}")
    if as_json:
        emit_json(comparison)
        return
    print_comparison(comparison)
    for passage in comparison.passages:
        console().print(f"\n[{passage.source} § {passage.heading}] ({', '.join(passage.models)})")


@click.command(name="eval")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@json_option
@handles_errors
def eval_command(file: Optional[Path], as_json: bool) -> None:
    """Score timm-kb and three baselines on FILE (default: the shipped dev set)."""
    from kb import EVAL_FILE, BadInput, load_eval_items, open_kb, run_eval

    path = file or EVAL_FILE
    if not path.is_file():
        raise BadInput(f"evaluation file not found: {path}")
    try:
        items = load_eval_items(path)
    except ValueError as error:
        raise BadInput(f"{path} is not a JSON-lines evaluation set: {error}") from None
    report = run_eval(open_kb(), items, str(path))
    if as_json:
        emit_json(report)
        return
    _render_eval(report)


def _render_eval(report) -> None:
    from rich.table import Table

    out = console()
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(report.counts.items()))
    table = Table(title=f"{report.file} ({counts})")
    for column in ("system", "set-F1", "exact (top/empty)", "note hit@5", "note MRR@10", "key phrase in answer",
                   "asked fact first", "partial said", "silent broadenings"):
        table.add_column(column)

    def cell(value):
        return "-" if value is None else f"{value:.3f}"

    for score in report.systems:
        table.add_row(score.system, cell(score.set_f1), cell(score.exact), cell(score.note_hit5), cell(score.note_mrr10),
                      cell(score.note_quote), cell(score.fact_first), cell(score.partial_said), str(score.silent_broadenings))
    out.print(table)
    ours = report.systems[0]
    out.print(f"\nMisses of {ours.system}: {len(ours.misses)}")
    for miss in ours.misses:
        got = ", ".join(miss.got[:6]) + (" …" if len(miss.got) > 6 else "")
        out.print(f"- [{miss.kind}] {miss.q}\n    score {miss.score:.3f}; got: {got or '(nothing)'}")
        if miss.kind == "set":
            missing = sorted(set(miss.gold) - set(miss.got))
            extra = sorted(set(miss.got) - set(miss.gold))
            out.print(f"    missing: {', '.join(missing[:8]) or '-'}; extra: {', '.join(extra[:8]) or '-'}")
        else:
            out.print(f"    expected: {', '.join(miss.gold)}")
