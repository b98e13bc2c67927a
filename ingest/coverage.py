"""How many weights have each fact, and whether a new build lost a fact the serving one had (a nightly canary).

A results table that disappears or empties does not fail a build: every fact it gives just turns null. The
nightly therefore compares, fact by fact, the weights of both builds that have a value, and refuses a build where
a fact lost a large share of them, naming the fact and where its values come from.
"""

from __future__ import annotations

from typing import Iterable

from kb import FACTS, ModelRecord
from kb.build import fact_source_problems

__all__ = ["fact_holders", "lost_facts", "fact_source_problems", "MAX_FACT_LOSS"]

MAX_FACT_LOSS = 0.25  # a fact missing from over a quarter of the weights that had it is a lost source, not news
MIN_FACT_WEIGHTS = 5  # facts fewer weights have are too thin to judge


def _has(value: object) -> bool:
    return value is not None and value != "" and value != [] and value != ()


def fact_holders(records: Iterable[ModelRecord]) -> dict[str, set[str]]:
    """fact key -> the names of the weights that have a value for it."""
    records = list(records)
    holders: dict[str, set[str]] = {}
    for fact in FACTS:
        names = set()
        for record in records:
            try:
                value = fact.read(record)
            except Exception:  # a reader that cannot read this record: the record has no value for it
                value = None
            if _has(value):
                names.add(record.name)
        holders[fact.key] = names
    return holders


def lost_facts(before: dict[str, set[str]], after: dict[str, set[str]], names: set[str]) -> list[str]:
    """One line per fact that lost more than MAX_FACT_LOSS of the weights that had it and are still in `names`
    (the new build's weights), saying the fact, the counts and its source."""
    by_key = {f.key: f for f in FACTS}
    lost = []
    for key, had in before.items():
        had = had & names
        if len(had) < MIN_FACT_WEIGHTS or key not in by_key:
            continue
        kept = len(had & after.get(key, set()))
        if kept < (1 - MAX_FACT_LOSS) * len(had):
            fact = by_key[key]
            lost.append(f"fact {key} ({fact.label_en}): {len(had)} weights had it in the serving build, {kept} now"
                        + (f"; source: {fact.about_en}" if fact.about_en else ""))
    return lost
