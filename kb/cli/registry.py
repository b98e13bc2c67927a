"""`kb models`: list registry records with the same filters the questions use."""

from __future__ import annotations

from typing import Optional

import click

from kb.cli.common import console, emit_json, handles_errors, json_option
from kb.cli.render import format_option

SORTS = {"top1": "top1_desc", "params": "params_asc", "-params": "params_desc", "res": "resolution_desc", "name": "name"}


def sort_of(value: str) -> str:
    """--sort FACT (lowest first) or -FACT (highest first), any number of the fact table; a few short names."""
    from kb import BadInput, fact

    if value in SORTS:
        return SORTS[value]
    key = value.lstrip("-")
    try:
        if fact(key).kind == "number":
            return f"{key}_{'desc' if value.startswith('-') else 'asc'}"
    except KeyError:
        pass
    raise BadInput(f"--sort: {value!r} is not a number of the fact table (kb fields); e.g. gmacs, -images_per_sec_cpu")


@click.command()
@click.option("--size", "sizes", multiple=True, help="Size token of the architecture (tiny, small, base ...).")
@click.option("--dataset", "datasets", multiple=True, help="Dataset in the tag (in1k, in12k, in22k ≡ in21k, laion2b ...).")
@click.option("--res", "resolution", type=int, default=None, help="Pretrained input size, e.g. 384.")
@click.option("--max-params", type=float, default=None, help="At most this many million parameters.")
@click.option("--min-top1", type=float, default=None, help="At least this ImageNet top-1 (%).")
@click.option("--family", "families", multiple=True, help="Model family (convnext, vit, deit3 ...).")
@click.option("--license", "licenses", multiple=True,
              help="Licence id, its beginning (cc-by-nc, apache) or class (permissive, noncommercial, custom, unknown).")
@click.option("--sort", default="name", show_default=True,
              help="name, or a number of `kb fields`: lowest first (gmacs), -FACT highest first (-top1_r).")
@click.option("--where", "where", default=None, metavar="EXPR", help="Conditions in the --where syntax (see kb query).")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@format_option
@json_option
@handles_errors
def models(sizes, datasets, resolution, max_params, min_top1, families, licenses, sort, where, limit: Optional[int],
           output_format, as_json) -> None:
    """List live pretrained timm weights."""
    import math

    from kb import BadInput, filters_from_flags, list_models, registry_records

    for flag, value in (("--max-params", max_params), ("--min-top1", min_top1)):
        if value is not None and not math.isfinite(value):
            raise BadInput(f"{flag}: {value} is not a finite number")
    live = registry_records()  # read once: both helpers would each read and validate the whole registry
    filters = filters_from_flags(sizes=sizes, datasets=datasets, resolution=resolution, max_params_m=max_params,
                                 min_top1=min_top1, families=families, licenses=licenses,
                                 sort=sort_of(sort) if sort != "name" else "relevance", records=live)
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


@click.command()
@json_option
@click.option("--lang", type=click.Choice(["ko", "en"]), default="en", show_default=True)
@handles_errors
def fields(as_json: bool, lang: str) -> None:
    """Every fact of a weight: its --where name (and synonyms), kind, unit, what it is and where timm publishes it.
    Every one of them can be filtered, ranked (numbers) or asked about in a question."""
    from kb import FACTS

    rows = [{"field": f.key, "synonyms": list(f.syntax), "kind": f.kind, "unit": f.unit, "label": f.label(lang),
             "about": f.about(lang), "in_answers": f.hit_key} for f in FACTS if f.kind != "display"]
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title="facts of a weight (kb query --where FIELD…, kb models --sort)" if lang == "en" else "가중치의 정보")
    for column in ("field", "kind", "unit", "about"):
        table.add_column(column, overflow="fold")
    for row in rows:
        names = ", ".join([row["field"]] + row["synonyms"])
        table.add_row(names, row["kind"], row["unit"], f"{row['label']}: {row['about']}")
    console().print(table)
