"""The filter expression: conditions combined with AND / OR / NOT, one typed pydantic model.

A question, the `--where` syntax, the app's sidebar and a follow-up turn all become a `Where`; kb.retrieval.filters
evaluates it against registry records. `to_syntax` writes it back in the `--where` syntax (kb.query.syntax reads
it), kb.query.describe in words.

Fields (what a condition is about) and their values:
    name, arch          a live name; a value with * ? [ ] is an fnmatch pattern
    family              a family (convnext); op "prefix" for the whole family (mobilenet -> mobilenetv1 ... v5)
    size                a size class, as a whole `_` token of the architecture (small, tiny, base ...)
    arch_token          any `_` token of the architecture (gap, quickgelu, lite0, tf); op "prefix" for a stem (lite)
    tag                 any `_` token of the pretrained tag (augreg, sw, ns, a1); datasets are read with in21k = in22k
    method              a training method or source written in the name (clip, mae, dist, tv ...)
    data                a dataset anywhere in the tag; pretrain / finetune: before / as the final fine-tune;
                        first / last: the first / last dataset of the tag
    stage               finetuned | in1k_only
    license             a licence id; license_class: permissive | noncommercial | custom | unknown
    patch, epochs       numbers written in the name
and every other fact of the fact table (kb.facts): numbers with = < <= > >= (resolution, params in millions, top1
in %, gmacs, images_per_sec_cpu …), text facts by value or pattern (interpolation, crop_mode …), flags (true /
false). A `Cmp` compares two numeric facts of the same weight (test_resolution > resolution).
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from kb.facts import FILTERABLE, NUMERIC

FieldName = Literal[tuple(f.key for f in FILTERABLE)]  # type: ignore[valid-type]  # the fact table's keys
Op = Literal["=", "<", "<=", ">", ">=", "prefix"]
NUMERIC_FIELDS = NUMERIC + ("patch", "epochs")


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cond(_Node):
    """One condition, e.g. size = small, params <= 30, family prefix mobilenet."""

    kind: Literal["cond"] = "cond"
    field: FieldName
    op: Op = "="
    value: Union[str, float]


class Cmp(_Node):
    """Two numeric facts of the same weight compared, e.g. test_resolution > resolution (a missing value: false)."""

    kind: Literal["cmp"] = "cmp"
    field: FieldName
    op: Literal["=", "<", "<=", ">", ">="]
    other: FieldName


class And(_Node):
    kind: Literal["and"] = "and"
    items: list["Where"]


class Or(_Node):
    kind: Literal["or"] = "or"
    items: list["Where"]


class Not(_Node):
    kind: Literal["not"] = "not"
    item: "Where"


Where = Annotated[Union[Cond, Cmp, And, Or, Not], Field(discriminator="kind")]
for _model in (And, Or, Not):
    _model.model_rebuild()

TRUE = And(items=[])  # no condition: every record


def cond(field: str, value, op: str = "=") -> Cond:
    if field in NUMERIC_FIELDS and not isinstance(value, str):
        value = float(value)
    return Cond(field=field, op=op, value=value)


def all_of(items: list[Where]) -> Where:
    """AND, flattened, without duplicates; one item is itself."""
    flat: list[Where] = []
    for item in items:
        for part in (item.items if isinstance(item, And) else [item]):
            if part not in flat:
                flat.append(part)
    return flat[0] if len(flat) == 1 else And(items=flat)


def any_of(items: list[Where]) -> Where:
    flat: list[Where] = []
    for item in items:
        for part in (item.items if isinstance(item, Or) else [item]):
            if part not in flat:
                flat.append(part)
    return flat[0] if len(flat) == 1 else Or(items=flat)


def negate(item: Where) -> Where:
    return item.item if isinstance(item, Not) else Not(item=item)


def conjuncts(where: Optional[Where]) -> list[Where]:
    """The top-level AND parts (a single condition is one part; TRUE is none)."""
    if where is None:
        return []
    return list(where.items) if isinstance(where, And) else [where]


def is_true(where: Optional[Where]) -> bool:
    return where is None or (isinstance(where, And) and not where.items)


def field_of(item: Where) -> Optional[str]:
    """The one field a conjunct is about (a Cond, or an OR of Conds of one field), else None."""
    if isinstance(item, (Cond, Cmp)):
        return item.field
    if isinstance(item, Or) and item.items and all(isinstance(i, Cond) for i in item.items):
        fields = {i.field for i in item.items}
        return fields.pop() if len(fields) == 1 else None
    return None


def conds(where: Optional[Where]) -> list[Cond]:
    """Every condition anywhere in the expression."""
    if where is None:
        return []
    if isinstance(where, Cond):
        return [where]
    if isinstance(where, Cmp):
        return []
    if isinstance(where, Not):
        return conds(where.item)
    return [c for item in where.items for c in conds(item)]


def positive_conds(where: Optional[Where]) -> list[Cond]:
    """Conditions that must (or may, inside an OR) hold: not under a NOT."""
    if where is None or isinstance(where, (Not, Cmp)):
        return []
    if isinstance(where, Cond):
        return [where]
    return [c for item in where.items for c in positive_conds(item)]


# ---- the --where syntax, written back ---------------------------------------------------------------------------

SYNTAX_NAMES = {"license_class": "licence", "arch_token": "token", "resolution": "res", "test_resolution": "test_res"}


def _value_text(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return value if all(ch.isalnum() or ch in "_.-*?[]/" for ch in value) else '"' + value.replace('"', "'") + '"'


def cond_syntax(c: Cond) -> str:
    name = SYNTAX_NAMES.get(c.field, c.field)
    if c.op == "prefix":
        return f"{name}:{_value_text(str(c.value))}*" if not str(c.value).endswith("*") else f"{name}:{c.value}"
    if c.op == "=":
        suffix = "M" if c.field == "params" else ""
        return f"{name}:{_value_text(c.value)}{suffix}"
    suffix = "M" if c.field == "params" else ""
    return f"{name}{c.op}{_value_text(c.value)}{suffix}"


def to_syntax(where: Optional[Where], top: bool = True) -> str:
    """The expression in the `--where` syntax; `kb.query.syntax.parse_where` reads it back to the same tree."""
    if is_true(where):
        return ""
    if isinstance(where, Cond):
        return cond_syntax(where)
    if isinstance(where, Cmp):
        return f"{SYNTAX_NAMES.get(where.field, where.field)}{where.op}{SYNTAX_NAMES.get(where.other, where.other)}"
    if isinstance(where, Not):
        inner = to_syntax(where.item, top=False)
        return f"NOT {inner}"
    joiner = " AND " if isinstance(where, And) else " OR "
    text = joiner.join(to_syntax(item, top=False) for item in where.items)
    return text if top else f"({text})"
