"""`kb repair FILE`: print a mojibake note repaired; the source file is never written."""

from __future__ import annotations

from pathlib import Path

import click

from kb.cli.common import emit_json, handles_errors


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Report lines changed and lines left uncertain instead of the text.")
@click.option("--json", "as_json", is_flag=True, help="With --check: the report as JSON.")
@handles_errors
def repair(file: Path, check: bool, as_json: bool) -> None:
    """Repair FILE (UTF-8 read as Windows-1252, lost bytes included) and print it to stdout."""
    from ingest import repair_note

    result = repair_note(file)
    if check or as_json:
        report = {"file": str(file), "lines_changed": result.lines_changed, "lines_with_lost_bytes": result.damaged_lines,
                  "lost_byte_sequences": result.truncated_sequences, "uncertain_lines": result.uncertain_lines}
        if as_json:
            emit_json(report)
        else:
            click.echo(f"{file}: {result.lines_changed} lines changed, {result.damaged_lines} with lost bytes "
                       f"({result.truncated_sequences} sequences), {len(result.uncertain_lines)} uncertain: "
                       f"{', '.join(map(str, result.uncertain_lines)) or '-'}")
        return
    click.echo(result.text, nl=False)
