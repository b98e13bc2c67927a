"""Tables of weights for the terminal and for pipes: table, csv, tsv, markdown (json / jsonl are the contract).

A model name never wraps: a narrow terminal drops the link, test-size and top-5 columns, then folds the others;
a table printed into a pipe is as wide as its rows.
Headers follow the answer's language.
"""

from __future__ import annotations

import csv
import sys

import click

from kb.cli.common import console

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown")
format_option = click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
                             help="Output format (default table; --json is the same as --format json).")

HEADERS = {
    "en": ("name", "res", "test res", "params (M)", "top-1", "top-5", "licence", "link"),
    "ko": ("이름", "해상도", "테스트 해상도", "파라미터 (M)", "top-1", "top-5", "라이선스", "링크"),
}


NUMERIC_COLUMNS = {1, 2, 3, 4, 5}
DROP_FIRST = (7, 2, 5)  # link, test res, top-5: what a narrow terminal can do without


def _number(value, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _fit_pipe(out, widths: list[int]) -> bool:
    """A table printed into a pipe is as wide as its columns, never cut; True when `out` is a pipe."""
    if out.is_terminal:
        return False
    out.width = max(out.width, sum(widths) + 3 * len(widths) + 1)
    return True


def rows_of(items) -> list[list[str]]:
    """One row per weight (answer hits or registry records): the same columns either way."""
    rows = []
    for item in items:
        resolution = getattr(item, "resolution", None)
        rows.append([item.name, str(resolution or ""), str(getattr(item, "test_resolution", None) or ""),
                     _number(item.params_m, 1), _number(item.top1, 2), _number(getattr(item, "top5", None), 2),
                     item.license or "", item.hf_url or ""])
    return rows


def print_rows(rows: list[list[str]], lang: str, output_format: str, title: str = "") -> None:
    headers = HEADERS["ko" if lang == "ko" else "en"]
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
    if not _fit_pipe(out, natural):  # a narrow terminal drops the link, test size and top-5 columns before it folds any other
        for dropped in DROP_FIRST:
            if sum(natural[i] for i in keep) + 3 * len(keep) + 1 <= out.width:
                break
            keep.remove(dropped)
    table = Table(title=title or None, show_lines=False)
    table.add_column(headers[0], no_wrap=True, overflow="ignore", min_width=min(natural[0], 70))
    for i in keep[1:]:
        table.add_column(headers[i], overflow="fold", no_wrap=i in NUMERIC_COLUMNS)
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
    for label, row in zip(labels, comparison.rows):
        table.add_row(label, *row.values)
    out.print(table)
