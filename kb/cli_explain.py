"""`kb explain NAME`."""

from __future__ import annotations

import click

from kb.cli import emit_json, fail
from kb.errors import KBError


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the decoded name and facts as JSON.")
@click.option("--lang", type=click.Choice(["ko", "en"]), default="en", show_default=True)
def explain(name: str, as_json: bool, lang: str) -> None:
    """Decode NAME (timm `arch.tag`, bare arch, or MMPretrain name) part by part, with its registry facts."""
    from kb.explain import explain as explain_name
    from kb.explain import render_explanation
    from kb.registry import load_registry, records_by_name

    try:
        result = explain_name(name, records_by_name(load_registry()))
    except KBError as error:
        fail(error, as_json)
    if as_json:
        emit_json(result)
    else:
        click.echo(render_explanation(result, lang))
