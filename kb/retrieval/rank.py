"""Ordering matches: a total order per sort key, taken once per registry and reused by every question."""

from __future__ import annotations

from typing import Callable, Optional

import numpy as np

from kb.query.expression import Where
from kb.retrieval.filters import Matcher
from kb.schema import ModelRecord


def _top1_key(record: ModelRecord):
    return (record.top1 is None, -(record.top1 or 0.0), record.name)


SORT_KEYS: dict[str, Callable[[ModelRecord], tuple]] = {
    "top1": _top1_key,
    "relevance": _top1_key,  # structured matches are equally relevant: most accurate first
    "params_asc": lambda r: (r.params_m is None, r.params_m or 0.0, _top1_key(r)),
    "params_desc": lambda r: (r.params_m is None, -(r.params_m or 0.0), _top1_key(r)),
    "resolution_desc": lambda r: (-r.resolution, _top1_key(r)),
}


def rank(records: list[ModelRecord], sort: str) -> list[ModelRecord]:
    return sorted(records, key=SORT_KEYS[sort])


FEW_MATCHES = 200  # up to this many matches are sorted as they are (a cold process answers without ordering all)


def ranked_matches(matcher: Matcher, where: Optional[Where], sort: str) -> list[ModelRecord]:
    """`rank(matcher.select(where), sort)` without sorting records on every question: each sort key is a total
    order (the name breaks ties), so the registry is ordered once per key and a question takes its matching rows
    in that order (at 3·10^5 records a broad match of 52k sorted in 258 ms; this takes a few)."""
    positions = matcher.positions.get(sort)
    rows = np.flatnonzero(matcher.mask(where))
    if positions is None and len(rows) <= FEW_MATCHES:  # a handful: sorting them beats ordering the registry
        return rank([matcher.records[i] for i in rows], sort)
    if positions is None:
        order = sorted(range(matcher.n), key=lambda i: SORT_KEYS[sort](matcher.records[i]))
        positions = matcher.positions[sort] = np.empty(matcher.n, dtype=np.int64)
        positions[order] = np.arange(matcher.n)
    return [matcher.records[i] for i in rows[np.argsort(positions[rows], kind="stable")]]
