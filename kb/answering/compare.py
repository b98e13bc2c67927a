"""Side by side: two to four weights, fact by fact, with what differs marked and the note passages on each.

`kb compare A B [C D]`, a question like "compare A and B" / "A랑 B 차이" / "A vs B", and the app's row selection
all come here. Names may be full tags or architectures (an architecture stands for its default tag).
"""

from __future__ import annotations

import re
from typing import Optional

from kb.answering.schema import Comparison, ComparisonRow, DefaultTag, PassageHit
from kb.errors import BadInput, UnknownName
from kb.facts import in_place
from kb.schema import Lang, ModelRecord, Passage

COMPARE_CUE = re.compile(r"\bcompare\b|\bcomparison\b|\bvs\.?\b|\bversus\b|differences? between|차이|비교", re.IGNORECASE)
MAX_COMPARED = 4

def resolve(names: list[str], records: dict[str, ModelRecord], by_arch: dict[str, list[str]],
            defaults: Optional[list[DefaultTag]] = None) -> list[ModelRecord]:
    """Records for the names as written (a tag, or an architecture: the tag timm loads for it, its default, listed
    in `defaults`); UnknownName otherwise."""
    found = []
    for name in names:
        key = name.strip().lower()
        if key in records:
            found.append(records[key])
        elif key in by_arch:
            found.append(records[by_arch[key][0]])
            if defaults is not None:
                defaults.append(DefaultTag(written=name.strip(), tag=by_arch[key][0], others=len(by_arch[key]) - 1))
        else:
            from kb.naming.index import closest_names

            raise UnknownName(f"{name!r} is not a live timm name", suggestions=closest_names(key, list(records)))
    return found


def compare(chosen: list[ModelRecord], passages: list[Passage], lang: Lang = "en",
            defaults: Optional[list[DefaultTag]] = None) -> Comparison:
    if not 2 <= len(chosen) <= MAX_COMPARED:
        raise BadInput(f"compare 2 to {MAX_COMPARED} weights, not {len(chosen)} / 2~{MAX_COMPARED}개를 비교할 수 있습니다")
    rows = []
    for fact in in_place("compare"):
        shown = [fact.of(r, lang) for r in chosen]
        rows.append(ComparisonRow(key=fact.key, label=fact.label(lang), values=shown, differs=len(set(shown)) > 1))
    names = [r.name for r in chosen]
    evidence = [PassageHit(source=p.source, heading=p.heading, text=p.text, score=0.0,
                           models=[n for n in names if n in p.linked_tags])
                for p in passages if set(names) & set(p.linked_tags)]
    evidence.sort(key=lambda h: (-len(h.models), h.source, h.heading))
    return Comparison(names=names, rows=rows, passages=evidence[:6], defaults=defaults or [])


def names_to_compare(question: str, named: list[str]) -> Optional[list[str]]:
    """The names a question asks to compare, when it asks for a comparison of 2-4 of them."""
    unique = list(dict.fromkeys(named))
    return unique if COMPARE_CUE.search(question) and 2 <= len(unique) <= MAX_COMPARED else None
