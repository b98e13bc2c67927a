"""Why a weight matched, and what to offer when nothing did: the nearest relaxations of the reading, or a reading
that matches when the literal one matches nothing (said as such, never silent)."""

from __future__ import annotations

import re
from typing import Optional

import numpy as np

from kb.answering.schema import Relaxation
from kb.query.describe import describe, describe_cond, is_default_exclusion
from kb.query.expression import Cond, Not, Where, all_of, any_of, cond, conjuncts, field_of, to_syntax
from kb.registry.licenses import license_class
from kb.retrieval.filters import Matcher, tag_datasets
from kb.retrieval.rank import rank, ranked_matches
from kb.schema import ModelRecord


def _fact(record: ModelRecord, part: Where) -> str:
    """What the record has that satisfies one top-level condition, read off the record."""
    if isinstance(part, Not):
        return describe(part, "en")
    field = field_of(part)
    chain = " → ".join(d.raw for d in record.datasets) or ", ".join(tag_datasets(record))
    facts = {
        "size": lambda: "size " + (record.size or "/".join(t for t in record.arch.split("_"))),
        "resolution": lambda: f"input {record.resolution}px",
        "params": lambda: f"{record.params_m}M params",
        "top1": lambda: f"top-1 {record.top1}%",
        "license": lambda: f"licence {record.license}",
        "license_class": lambda: f"licence {record.license} ({license_class(record.license)})",
        "family": lambda: f"family {record.family}",
        "arch": lambda: f"architecture {record.arch}",
        "name": lambda: f"name {record.name}",
    }
    for data_field in ("data", "pretrain", "finetune", "first", "last", "stage"):
        facts[data_field] = lambda: "data " + chain if chain else "tag " + record.tag
    if field in facts:
        return facts[field]()
    if isinstance(part, Cond):
        return describe_cond(part, "en")
    return describe(part, "en")


def why_matched(record: ModelRecord, where: Optional[Where]) -> list[str]:
    return list(dict.fromkeys(_fact(record, part) for part in conjuncts(where) if not is_default_exclusion(part)))


def _offer(dropped: str, en: str, ko: str, found: list[ModelRecord]) -> Relaxation:
    verb = "is" if len(found) == 1 else "are"
    return Relaxation(dropped=dropped, description=f"{en} there {verb} {len(found)}", description_ko=f"{ko} {len(found)}개",
                      total_matches=len(found), examples=[r.name for r in found[:3]])


def relaxations(matcher: Matcher, where: Where, sort: str, limit: int = 3) -> list[Relaxation]:
    """When nothing matches: the nearest ways to get matches, e.g. "no small model at 448; at 384 there are 5".

    First the nearest resolutions that have matches, then each numeric limit moved just far enough to let the
    nearest record in, then every other top-level condition dropped in turn; each offer counts what it returns.
    """
    parts = conjuncts(where)
    offers: list[Relaxation] = []

    def without(index: int, replacement: Optional[Where] = None) -> Where:
        return all_of([p for i, p in enumerate(parts) if i != index] + ([replacement] if replacement is not None else []))

    for index, part in enumerate(parts):
        if isinstance(part, Cond) and part.field == "resolution" and part.op == "=":
            nearby: dict[int, list[ModelRecord]] = {}
            for record in matcher.select(without(index)):
                nearby.setdefault(record.resolution, []).append(record)
            wanted = int(part.value)
            for res in sorted(nearby, key=lambda r: (abs(r - wanted), r))[:2]:
                offers.append(_offer(to_syntax(part), f"at {res}px", f"{res}px에는", rank(nearby[res], sort)))
    for index, part in enumerate(parts):
        if not (isinstance(part, Cond) and part.field in ("params", "top1") and part.op != "="):
            continue
        column = matcher.column(part.field)
        others = matcher.mask(without(index)) & ~np.isnan(column)
        outside = column[others & ~matcher.mask(part)]
        if not len(outside):
            continue
        moved = float(outside.min() if part.op in ("<", "<=") else outside.max())
        relaxed = cond(part.field, moved, "<=" if part.op in ("<", "<=") else ">=")
        found = ranked_matches(matcher, without(index, relaxed), sort)
        unit = "M params" if part.field == "params" else "% top-1"
        ko_unit = ("파라미터", "M") if part.field == "params" else ("top-1", "%")
        en = f"with {'up to' if part.op in ('<', '<=') else 'at least'} {moved:g}{unit}"
        ko = f"{ko_unit[0]} {moved:g}{ko_unit[1]} {'이하로 넓히면' if part.op in ('<', '<=') else '이상으로 낮추면'}"
        offers.append(_offer(to_syntax(part), en, ko, found))
    for index, part in enumerate(parts):
        if is_default_exclusion(part) or (isinstance(part, Cond) and part.field == "resolution" and part.op == "="):
            continue
        found = ranked_matches(matcher, without(index), sort)
        if found:
            label = to_syntax(part)
            offers.append(_offer(label, f"without {describe(part, 'en')}", f"{describe(part, 'ko')} 조건을 빼면", found))
    return offers[:limit]





REPAIRABLE = ("tag", "method", "arch_token")
DESCRIPTIVE = ("arch", "family", "arch_token", "tag", "method", "size")


def _fields(part: Where) -> set[str]:
    items = part.items if getattr(part, "kind", "") == "or" else [part]
    return {i.field for i in items if isinstance(i, Cond)} if all(isinstance(i, Cond) for i in items) else set()


def _explicit(part: Where) -> bool:
    """A name or pattern the user typed (vit_*_r50_*, resnet50.a1_in1k): it says exactly what is meant."""
    items = part.items if getattr(part, "kind", "") == "or" else [part]
    return all(isinstance(i, Cond) and i.field in ("arch", "name") and any(ch in str(i.value) for ch in "*?[") for i in items)


def repair_empty(matcher: Matcher, families: set[str], where: Where, asides=()) -> Optional[tuple[Where, str, str]]:
    """A reading that matches when the literal one matches nothing, said as such, or None:
    - a family that has no such weight stands for its whole family ("SWAG RegNets" are regnety);
    - a name pattern the user typed wins over the words around it ("ViT-hybrids with a ResNet-50 stem (the
      vit_*_r50_* archs)");
    - a tag or method word that no weight carries together with another one written beside it is a
      description, not a filter: an explanation in parentheses goes first ("ssld (PaddleClas distillation)"),
      then a single word before a list of alternatives ("the RSB a1/a2/a3 recipes").
    Licence and number conditions are never dropped: an empty answer to them is the answer."""
    parts = conjuncts(where)

    def matches(candidate: Where) -> bool:
        return bool(conjuncts(candidate)) and bool(matcher.mask(candidate).any())

    # one weight named in full is what the question is about: the rest asks of it ("X 고정 입력임?", "비트 X")
    named = [p for p in parts if isinstance(p, Cond) and p.field == "name" and p.op == "=" and "." in str(p.value)]
    if len(named) == 1 and len(parts) > 1 and matches(named[0]):
        rest = [p for p in parts if p is not named[0] and not is_default_exclusion(p)]
        words, words_ko = ", ".join(describe(p, "en") for p in rest), ", ".join(describe(p, "ko") for p in rest)
        return (all_of([named[0]] + [p for p in parts if is_default_exclusion(p)]),
                f"{named[0].value} does not have {words}: shown with its facts",
                f"{named[0].value}는 {words_ko} 조건에 맞지 않습니다: 사실과 함께 보여 줍니다")

    for index, part in enumerate(parts):
        if isinstance(part, Cond) and part.field == "family" and part.op == "=":
            base = str(part.value)
            wider = sorted(f for f in families if f != base and re.fullmatch(rf"{re.escape(base)}(?:v?\d+|[a-z])", f))
            if not wider:
                continue
            replaced = all_of(parts[:index] + [any_of([cond("family", f) for f in [base] + wider])] + parts[index + 1:])
            if matches(replaced):
                listed = ", ".join(wider)
                return replaced, f"read {base} as the whole family ({listed})", f"{base}를 계열 전체({listed})로 읽었습니다"
    for index, part in enumerate(parts):  # "in22k 파인튜닝 버전" where nothing is fine-tuned on in22k: fine-tuned from it
        if isinstance(part, Cond) and part.field == "finetune" and part.op == "=":
            replaced = all_of(parts[:index] + [cond("pretrain", part.value), cond("stage", "finetuned")] + parts[index + 1:])
            if matches(replaced):
                return (replaced, f"nothing is fine-tuned on {part.value}: read as pretrained on {part.value}, then fine-tuned",
                        f"{part.value}로 파인튜닝된 가중치가 없어 {part.value}로 사전학습 후 파인튜닝된 것으로 읽었습니다")
    if any(_explicit(p) for p in parts):
        kept = [p for p in parts if _explicit(p) or not (_fields(p) and _fields(p) <= set(DESCRIPTIVE))]
        dropped = [p for p in parts if p not in kept]
        if dropped and matches(all_of(kept)):
            words = ", ".join(describe(p, "en") for p in dropped)
            words_ko = ", ".join(describe(p, "ko") for p in dropped)
            return all_of(kept), f"the pattern you typed decides; {words} left out", f"입력한 패턴을 따르고 {words_ko} 조건은 뺐습니다"
    tag_like = [i for i, p in enumerate(parts) if _fields(p) and _fields(p) <= set(REPAIRABLE)]
    if len(tag_like) < 2:
        return None
    order = sorted(tag_like, key=lambda i: (parts[i] not in asides, not isinstance(parts[i], Cond)))
    for index in order:
        rest = all_of(parts[:index] + parts[index + 1:])
        if matches(rest):
            word = describe(parts[index], "en")
            word_ko = describe(parts[index], "ko")
            return (rest, f"no weight has {word} with the rest, so it was left out",
                    f"{word_ko}와 나머지 조건을 함께 가진 가중치가 없어 뺐습니다")
    return None
