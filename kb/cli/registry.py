"""`kb models`: list registry records with the same filters the questions use."""

from __future__ import annotations

from typing import Optional

import click

from kb.cli.common import console, emit_json, handles_errors, json_option
from kb.cli.render import format_option

SORTS = {"top1": "top1", "params": "params_asc", "-params": "params_desc", "res": "resolution_desc", "name": "name"}


@click.command()
@click.option("--size", "sizes", multiple=True, help="Size token of the architecture (tiny, small, base ...).")
@click.option("--dataset", "datasets", multiple=True, help="Dataset in the tag (in1k, in12k, in22k ≡ in21k, laion2b ...).")
@click.option("--res", "resolution", type=int, default=None, help="Pretrained input size, e.g. 384.")
@click.option("--max-params", type=float, default=None, help="At most this many million parameters.")
@click.option("--min-top1", type=float, default=None, help="At least this ImageNet top-1 (%).")
@click.option("--family", "families", multiple=True, help="Model family (convnext, vit, deit3 ...).")
@click.option("--license", "licenses", multiple=True, help="Licence id (apache-2.0, mit, cc-by-nc-4.0 ...).")
@click.option("--sort", type=click.Choice(sorted(SORTS)), default="name", show_default=True)
@click.option("--where", "where", default=None, metavar="EXPR", help="Conditions in the --where syntax (see kb query).")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@format_option
@json_option
@handles_errors
def models(sizes, datasets, resolution, max_params, min_top1, families, licenses, sort, where, limit: Optional[int],
           output_format, as_json) -> None:
    """List live pretrained timm weights."""
    from kb import filters_from_flags, list_models, registry_records

    live = registry_records()  # read once: both helpers would each read and validate the whole registry
    filters = filters_from_flags(sizes=sizes, datasets=datasets, resolution=resolution, max_params_m=max_params,
                                 min_top1=min_top1, families=families, licenses=licenses,
                                 sort=SORTS[sort] if sort != "name" else "relevance", records=live)
    records = list_models(filters, records=live, where=where)
    total = len(records)
    records = records[:limit] if limit else records
    if as_json or output_format == "json":
        emit_json(records)
        return
    if output_format == "jsonl":
        for record in records:
            emit_json(record)
        return
    from kb.cli.render import print_rows, rows_of

    shown = f"{len(records)} of {total}" if len(records) < total else f"{total}"
    print_rows(rows_of(records), "en", output_format or "table", title=f"{shown} live timm weights")


@click.command()
@json_option
@click.option("--lang", type=click.Choice(["ko", "en"]), default="en", show_default=True)
@handles_errors
def licenses(as_json: bool, lang: str) -> None:
    """The licence classes questions use ("non-commercial", "commercially usable", custom licences) and which of
    the registry's licence ids each holds, with their weight counts."""
    from kb import license_classes

    rows = license_classes()
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title="licence classes" if lang == "en" else "라이선스 분류")
    for column in (("class", "licence ids (weights)", "meaning") if lang == "en" else ("분류", "라이선스 (가중치 수)", "뜻")):
        table.add_column(column, overflow="fold")
    for row in rows:
        ids = ", ".join(f"{lic} ({n})" for lic, n in row.licenses.items()) or "-"
        table.add_row(row.license_class, ids, row.label_en if lang == "en" else row.label_ko)
    console().print(table)
