"""Tables of weights for the terminal and for pipes: table, csv, tsv, markdown (json / jsonl are the contract).

The columns are the fact table's "table" facts (kb.facts), and any fact the question asked about. A narrow
terminal drops whole columns (the link, test size, top-5 … first), never a number's digits; a table printed into a
pipe is as wide as its rows. Headers follow the answer's language.
"""

from __future__ import annotations

import csv
import sys

import click

from kb.cli.common import console

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown")
format_option = click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
                             help="Output format (default table; --json is the same as --format json).")

MIN_WIDTH = 40


def _fit_pipe(out, widths: list[int]) -> bool:
    """A table printed into a pipe is as wide as its columns, never cut; True when `out` is a pipe."""
    if out.is_terminal:
        return False
    out.width = max(out.width, sum(widths) + 3 * len(widths) + 1)
    return True


def columns(extra: tuple[str, ...] = ()):
    """The facts a table shows (the fact table's "table" place, kb.facts) and any the question asked about."""
    from kb import fact, in_place

    shown = in_place("table")
    return shown + [fact(k) for k in dict.fromkeys(extra) if k not in {f.key for f in shown}]


def rows_of(items, extra: tuple[str, ...] = ()) -> list[list[str]]:
    """One row per weight (answer hits or registry records): the same columns either way, values as the fact
    table writes them (no unit: the header has it; nothing where timm has no value)."""
    return [["" if (v := f.value(item)) is None else f.shown(v) for f in columns(extra)] for item in items]


def print_rows(rows: list[list[str]], lang: str, output_format: str, title: str = "", extra: tuple[str, ...] = ()) -> None:
    shown = columns(extra)
    headers = [f.header("ko" if lang == "ko" else "en") for f in shown]
    if output_format in ("csv", "tsv"):
        writer = csv.writer(sys.stdout, delimiter="," if output_format == "csv" else "\t", lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return
    if output_format == "markdown":
        click.echo("| " + " | ".join(headers) + " |")
        click.echo("|" + "---|" * len(headers))
        for row in rows:
            click.echo("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        return
    from rich.cells import cell_len
    from rich.table import Table

    out = console()
    natural = [max([cell_len(h)] + [cell_len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    keep = list(range(len(headers)))
    if not _fit_pipe(out, natural):  # a narrow terminal drops whole columns (the link first), never a number's digits
        order = sorted(range(1, len(shown)), key=lambda i: (shown[i].drop == 0, shown[i].drop, -i))
        for dropped in order:
            if sum(natural[i] for i in keep) + 3 * len(keep) + 1 <= max(out.width, MIN_WIDTH):
                break
            keep.remove(dropped)
    table = Table(title=title or None, show_lines=False)
    table.add_column(headers[0], overflow="fold", min_width=min(natural[0], max(out.width - 4, 20), 70))
    for i in keep[1:]:
        table.add_column(headers[i], no_wrap=True, overflow="ignore", min_width=natural[i])
    for row in rows:
        table.add_row(*[row[i] for i in keep])
    out.print(table)


def print_comparison(comparison) -> None:
    """Weights side by side: a column per weight headed by its whole name, "*" on the rows that differ."""
    from rich.cells import cell_len
    from rich.table import Table

    out = console()
    labels = [("* " if row.differs else "  ") + row.label for row in comparison.rows]
    _fit_pipe(out, [max(map(cell_len, labels))] + [
        max([len(n)] + [cell_len(r.values[i]) for r in comparison.rows]) for i, n in enumerate(comparison.names)])
    table = Table(show_lines=False)
    table.add_column("")
    for name in comparison.names:
        table.add_column(name, overflow="fold", min_width=len(name))
    for label, row in zip(labels, comparison.rows, strict=False):
        table.add_row(label, *row.values)
    out.print(table)
