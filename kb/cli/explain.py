"""`kb explain NAME`."""

from __future__ import annotations

import click

from kb.cli.common import emit_json, handles_errors, json_option


@click.command()
@click.argument("name")
@json_option
@click.option("--lang", type=click.Choice(["ko", "en"]), default="en", show_default=True)
@handles_errors
def explain(name: str, as_json: bool, lang: str) -> None:
    """Decode NAME (timm `arch.tag`, bare arch, or MMPretrain name) part by part, with its registry facts."""
    from kb import explain_name, render_explanation

    result = explain_name(name)
    if as_json:
        emit_json(result)
    else:
        click.echo(render_explanation(result, lang))
