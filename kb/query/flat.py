"""The flat `filters` record of the JSON contract, and back: projections of a filter expression.

`filters_of(understanding)` fills the stable `filters` keys from the expression's top-level conditions (what
must hold for every match); an OR of one field fills that field's list, conditions under OR or NOT of mixed
fields appear only in `where`. `where_of(filters)` builds the expression a flat record states (the app's
sidebar, `kb models` flags, older callers).
"""

from __future__ import annotations

from typing import Iterable

from kb.query.expression import Cmp, Cond, Not, Or, Where, all_of, any_of, cond, conjuncts, field_of, negate
from kb.query.reading import QueryFilters, Understanding
from kb.registry.licenses import license_class

_LIST_FIELDS = {"size": "sizes", "family": "families", "arch": "archs", "name": "names", "method": "methods",
                "license": "licenses", "pretrain": "pretrain_datasets", "first": "pretrain_datasets",
                "finetune": "finetune_datasets"}


def filters_of(understanding: Understanding, licenses: Iterable[str] = ()) -> QueryFilters:
    """`licenses`: the registry's licence ids, to list a licence class's members under `licenses`."""
    found: dict = {}
    for part in conjuncts(understanding.where):
        if isinstance(part, Cmp):
            continue  # two facts compared: only the expression says it
        field = field_of(part)
        values = [c.value for c in (part.items if isinstance(part, Or) else [part])] if field else []
        if field in _LIST_FIELDS and all(c.op == "=" for c in (part.items if isinstance(part, Or) else [part])):
            found.setdefault(_LIST_FIELDS[field], []).extend(str(v) for v in values)
        elif field == "data":
            key = "any_datasets" if isinstance(part, Or) else "datasets"
            found.setdefault(key, []).extend(str(v) for v in values)
        elif field == "license_class":
            found.setdefault("licenses", []).extend(sorted(lic for lic in licenses if license_class(lic) in values))
        elif field == "stage" and values == ["in1k_only"]:
            found["in1k_only"] = True
        elif isinstance(part, Cond):
            _number(part, found)
        elif isinstance(part, Not) and part.item == cond("stage", "finetuned"):
            found["not_finetuned"] = True
    for key in list(found):
        if isinstance(found[key], list):
            found[key] = list(dict.fromkeys(found[key]))
    return QueryFilters(**found, sort=understanding.sort, free_text=understanding.free_text,
                        wants_explanation=understanding.wants_explanation,
                        matched_phrases=understanding.matched_phrases)


def _number(c: Cond, found: dict) -> None:
    value = c.value
    if c.field == "resolution" and c.op == "=":
        found["resolution"] = int(value)
    elif c.field == "params" and c.op in ("<", "<="):
        found["max_params_m"] = value
    elif c.field == "params" and c.op in (">", ">="):
        found["min_params_m"] = value
    elif c.field == "top1" and c.op in (">", ">="):
        found["min_top1"] = value
    elif c.field in ("patch", "epochs"):
        found["patch_size" if c.field == "patch" else "epochs"] = int(value)


def where_of(filters: QueryFilters) -> Where:
    """The expression of a flat filter record (AND of its fields, any-of inside a list field)."""
    parts: list[Where] = []
    for field, key in _LIST_FIELDS.items():
        if field == "first":  # pretrain_datasets is read once, as "pretrain"
            continue
        values = getattr(filters, key)
        if values:
            parts.append(any_of([cond(field, v) for v in values]) if field not in ("method", "pretrain", "first", "finetune")
                         else all_of([cond(field, v) for v in values]))
    parts += [cond("data", d) for d in filters.datasets]
    if filters.any_datasets:
        parts.append(any_of([cond("data", d) for d in filters.any_datasets]))
    if filters.in1k_only:
        parts.append(cond("stage", "in1k_only"))
    if filters.not_finetuned:
        parts.append(negate(cond("stage", "finetuned")))
    for value, field, op in ((filters.resolution, "resolution", "="), (filters.max_params_m, "params", "<="),
                             (filters.min_params_m, "params", ">="), (filters.min_top1, "top1", ">="),
                             (filters.patch_size, "patch", "="), (filters.epochs, "epochs", "=")):
        if value is not None:
            parts.append(cond(field, value, op))
    return all_of(parts)
