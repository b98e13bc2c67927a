"""Every fact of a weight, declared once (kb.facts.table) and looked up here.

The --where fields, sort keys, answer JSON keys, table / CSV columns, `kb compare` rows, `kb explain` and the app's
detail view, the app's filter widgets and `kb fields` all come from the table. Legacy sort names ("top1",
"params_asc", "resolution_desc") are the table's keys with a direction.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

from kb.facts.fact import Fact, Place
from kb.facts.table import FACTS

BY_KEY: dict[str, Fact] = {f.key: f for f in FACTS}
FILTERABLE = tuple(f for f in FACTS if f.kind in ("number", "text", "flag", "name"))
NUMERIC = tuple(f.key for f in FACTS if f.kind == "number")
LEGACY_SORTS = {"top1": "top1_desc"}


def fact(key: str) -> Fact:
    return BY_KEY[key]


def in_place(place: Place) -> list[Fact]:
    return [f for f in FACTS if place in f.places]


@lru_cache(maxsize=1)
def where_fields() -> dict[str, str]:
    """Every --where name (the key, its synonyms) -> the fact's key."""
    names: dict[str, str] = {}
    for f in FILTERABLE:
        for name in (f.key,) + f.syntax:
            names.setdefault(name, f.key)
    return names


def sort_keys() -> list[str]:
    """relevance, then every numeric fact both ways (key_asc, key_desc), and the legacy names."""
    return ["relevance"] + [f"{key}_{way}" for key in NUMERIC for way in ("desc", "asc")] + list(LEGACY_SORTS)


def sort_order(sort: str) -> Optional[tuple[str, bool]]:
    """("params", False) for params_asc: the fact ranked by and whether high values come first; None: relevance."""
    sort = LEGACY_SORTS.get(sort, sort)
    if sort == "relevance":
        return None
    key, _, way = sort.rpartition("_")
    if key not in NUMERIC or way not in ("asc", "desc"):
        raise ValueError(f"unknown sort {sort!r}")
    return key, way == "desc"


def sort_name(key: str, high_first: bool) -> str:
    """The sort of a fact and a direction, as answers write it ("top1" for the most accurate first, as always)."""
    name = f"{key}_{'desc' if high_first else 'asc'}"
    return next((legacy for legacy, same in LEGACY_SORTS.items() if same == name), name)


def hit_facts(facts: Iterable[Fact] = FACTS) -> list[Fact]:
    return [f for f in facts if f.hit_key]


__all__ = ["FACTS", "Fact", "BY_KEY", "FILTERABLE", "NUMERIC", "fact", "in_place", "where_fields", "sort_keys",
           "sort_order", "sort_name", "hit_facts"]
