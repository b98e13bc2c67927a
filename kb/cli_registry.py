"""`kb models`: list registry records with the same filters the questions use."""

from __future__ import annotations

from typing import Optional

import click

from kb.cli import emit_json, fail
from kb.errors import BadInput, KBError

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
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of records.")
def models(sizes, datasets, resolution, max_params, min_top1, families, licenses, sort, limit: Optional[int], as_json) -> None:
    """List live pretrained timm weights."""
    from kb.filters import apply_filters, rank
    from kb.naming import canonical_dataset
    from kb.registry import load_registry
    from kb.schema import QueryFilters

    try:
        unknown = [d for d in datasets if not canonical_dataset(d)]
        if unknown:
            raise BadInput(f"unknown dataset {', '.join(unknown)}; try in1k, in12k, in22k, laion2b, openai ...")
        filters = QueryFilters(
            sizes=list(sizes), datasets=[canonical_dataset(d) for d in datasets], resolution=resolution,
            max_params_m=max_params, min_top1=min_top1, families=[f.lower() for f in families],
            licenses=[l.lower() for l in licenses], sort=SORTS[sort] if sort != "name" else "relevance",
        )
        records = apply_filters(load_registry(), filters)
    except KBError as error:
        fail(error, as_json)
    if sort != "name":
        records = rank(records, filters)
    records = records[:limit] if limit else records
    if as_json:
        emit_json(records)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} live timm weights")
    for column in ("name", "res", "params (M)", "top-1", "licence"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(r.name, str(r.resolution), "" if r.params_m is None else f"{r.params_m:.1f}",
                      "" if r.top1 is None else f"{r.top1:.2f}", r.license or "")
    Console().print(table)
