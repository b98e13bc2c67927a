"""A turn that reads the previous answer again another way: with a bound moved ("make that 70", "79로 낮추면?"),
another count ("5개까지 늘려줘"), another fact to rank by ("and on ImageNet-A?"), the previous family for words that
qualify it ("m 시리즈는?"), or the rest of it ("그거 빼고 나머지"). Pure functions of the previous reading and the turn."""

from __future__ import annotations

import re
from typing import Callable, Optional

from kb.query.describe import is_default_exclusion
from kb.query.expression import Cond, Or, Where, all_of, conjuncts, negate
from kb.query.fact_words import NUMBER_WORDS
from kb.query.reading import Understanding

# what the weights are, as a previous turn named them ("clip" is a method or a token of the name)
NAMED = {"family", "arch", "name", "arch_token", "method", "tag"}


def context_family(previous: Understanding, lexicon) -> Optional[str]:
    """The one family the previous turn was about (by a family condition or its architectures), else None:
    "m 시리즈는?" after "poolformer v1 s 시리즈" is read as "poolformer m 시리즈"."""
    if lexicon is None:
        return None
    found = set()
    for part in conjuncts(previous.where):
        if is_default_exclusion(part):
            continue
        for item in (part.items if part.kind == "or" else [part]):
            if isinstance(item, Cond) and item.field == "family":
                found.add(str(item.value))
            elif isinstance(item, Cond) and item.field == "arch":
                found.add(lexicon.names.arch_family.get(str(item.value)))
    return found.pop() if len(found) == 1 and None not in found else None


BARE_VERSION = r"(?<![A-Za-z0-9_])(v\d)(?![A-Za-z0-9_])"


def read_with_family(question: str, previous: Understanding, lexicon,
                     understand: Callable[[str], Understanding]) -> Optional[Understanding]:
    """The turn read with the previous turn's one family, when that gives its words something to qualify: a bare
    version takes the family's name without its own version ("and the v1 ones?" after efficientformerv2 is "and
    the efficientformer v1 ones?"), anything else reads after the family ("m 시리즈는?"). None when it gives nothing."""
    family = context_family(previous, lexicon)
    if family is None:
        return None
    versioned = bool(re.search(BARE_VERSION, question))
    completed = understand(re.sub(BARE_VERSION, rf"{re.sub(r'v[0-9]+$', '', family)} \1", question, count=1)
                           if versioned else f"{family} {question}")
    said = [p for p in conjuncts(completed.where) if not is_default_exclusion(p)]
    if completed.is_structured() and (versioned or any(not (isinstance(p, Cond) and p.field == "family") for p in said)):
        return completed
    return None


def reranked(previous: Understanding, current: Understanding) -> Optional[Understanding]:
    """"and on ImageNet-A?" after "which has the best ImageNet-ReaL top-1?": a turn that only names another number
    asks for the same ranking by it (the same direction, the same count)."""
    if previous.sort == "relevance" or current.is_structured() or len(current.asked) != 1:
        return None
    from kb.facts import NUMERIC, sort_name, sort_order

    fact = current.asked[0]
    if fact not in NUMERIC:
        return None
    high_first = sort_order(previous.sort)[1]
    return current.model_copy(update={"sort": sort_name(fact, high_first), "top_n": previous.top_n, "asked": [],
                                      "wants_explanation": False})


# "5개까지 늘려줘", "show 10", "top 5 instead", "just 2": a turn that gives only a new count
_RECOUNT = re.compile(r"(?<![\w.])(\d{1,2}|다섯|여섯|일곱|여덟|아홉|열|두|세|네)\s*(?:개|등)\s*(?:까지|로|만|씩)?"
                      r"|(?:top|show|give|list|first|just|only|up\s+to|to)\s+(\d{1,2}|two|three|four|five|ten)(?![\w.%])",
                      re.IGNORECASE)


def recounted(previous: Understanding, current: Understanding, text: str) -> Optional[Understanding]:
    """"같은 조건으로 5개까지 늘려줘" after "… 높은 순 3개": the same ranking with another count."""
    m = _RECOUNT.search(text)
    if previous.sort == "relevance" or current.is_structured() or current.asked or current.wants_explanation or not m:
        return None
    count = (m.group(1) or m.group(2)).lower()
    return previous.model_copy(update={"top_n": NUMBER_WORDS.get(count) or int(count)})


# "make that 70", "79로 낮추면?", "아니 50장으로 낮춰줘", "lower it to 75", "60 instead": a turn that gives only a new
# number for a bound the previous turn set
_REVALUE = re.compile(
    r"(?:make|change|set|lower|raise|bump|drop|move)\s+(?:it|that|this|them|those|the\s+(?:bar|threshold|limit|cut[\s\-]?off))?"
    r"\s*(?:to\s+)?(?:(?P<en_op>above|over|below|under|at\s+least|at\s+most)\s+)?(?P<en>\d[\d,]*(?:\.\d+)?)\s*(?P<en_unit>k|%|m\b|px|img/s)?"
    r"|(?P<ko>\d[\d,]*(?:\.\d+)?)\s*(?P<ko_unit>%|장|M|px|만|천)?\s*(?P<ko_op>이상|이하|초과|미만|넘게|까지)?\s*(?:으로|로)\s*"
    r"(?:낮|올|바꾸|바꿔|줄|늘|변경|하면|해|가면|잡으면|잡아|[?.!]*\s*$)"
    r"|(?P<inst>\d[\d,]*(?:\.\d+)?)\s*(?P<inst_unit>%|장|M|px)?\s*(?:instead|대신|(?:이)?면|(?:이)?라면)(?=\s*[?.!]*\s*$)", re.IGNORECASE)
# "82 말고 84 이상으로": the bound said by its old number, moved to the new one
_INSTEAD_OF = re.compile(r"(?P<old>\d[\d,]*(?:\.\d+)?)\s*(?:%|장|M|px)?\s*(?:말고|대신|아니고)\s*"
                         r"(?P<new>\d[\d,]*(?:\.\d+)?)\s*(?:%|장|M|px)?\s*(?P<op>이상|이하|초과|미만|넘게|까지)?", re.IGNORECASE)
# the bound a moved number says it is ("84 이상으로", "make that above 82")
_SAID_OPS = {"이상": ">=", "이하": "<=", "초과": ">", "미만": "<", "넘게": ">", "까지": "<=", "above": ">", "over": ">",
             "below": "<", "under": "<", "at least": ">=", "at most": "<="}
_UNIT_FIELDS = {"%": ("top1", "top5", "top1_test", "top5_test", "top1_real", "top1_v2", "top1_sketch", "top1_a", "top1_r"),
                "장": ("images_per_sec_cpu", "images_per_sec_gpu"), "img/s": ("images_per_sec_cpu", "images_per_sec_gpu"),
                "m": ("params", "macts"), "px": ("resolution", "test_resolution")}


def _bounds(where: Optional[Where]) -> list[Cond]:
    return [c for c in conjuncts(where) if isinstance(c, Cond) and c.op in ("<", "<=", ">", ">=", "=")
            and not is_default_exclusion(c) and isinstance(c.value, (int, float))]


def revalued(previous: Understanding, current: Understanding, text: str) -> Optional[Understanding]:
    """"make that 70" after "swin v2 weights with ImageNet-A above 60": the previous reading with the one bound
    the new number fits (by its unit when several could) set to it. None when the turn says more than a number."""
    instead = _INSTEAD_OF.search(text)
    if instead:  # "82 말고 84 이상으로"
        old_value = float(instead.group("old").replace(",", ""))
        bounds = [b for b in _bounds(previous.where) if float(b.value) == old_value]
        if len(bounds) == 1:
            moved = bounds[0].model_copy(update={"value": float(instead.group("new").replace(",", "")),
                                                 "op": _SAID_OPS.get(instead.group("op") or "", bounds[0].op)})
            return previous.model_copy(update={"where": all_of([moved if p == bounds[0] else p for p in conjuncts(previous.where)]),
                                               "ignored_words": []})
    m = _REVALUE.search(text)
    if not m or current.asked:
        return None
    number = next(g for g in (m.group("en"), m.group("ko"), m.group("inst")) if g)
    unit = (m.group("en_unit") or m.group("ko_unit") or m.group("inst_unit") or "").lower()
    value = float(number.replace(",", "")) * {"k": 1000, "만": 10000, "천": 1000}.get(unit, 1)
    said = [p for p in conjuncts(current.where) if not is_default_exclusion(p)]
    # the number may have been read alone, as a token or as the fact it looks like ("448" an input size): nothing else
    read_as = {p.field for p in said if isinstance(p, Cond) and re.fullmatch(r"[\d.,]+", str(p.value).rstrip("0").rstrip("."))
               and float(str(p.value).replace(",", "")) == value}
    if len(said) != len([p for p in said if isinstance(p, Cond) and p.field in read_as]):
        return None
    bounds = _bounds(previous.where)
    if re.search(r"\b(?:bar|threshold|limit|cut[\s\-]?off)\b|기준|하한|상한", text, flags=re.IGNORECASE):
        bounds = [b for b in bounds if b.op != "="]  # "lower the bar to 40": a bound, not a size
    if re.search(r"\b(?:lower|decrease|drop|reduce)\b|낮|줄", text, flags=re.IGNORECASE):
        bounds = [b for b in bounds if float(b.value) > value] or bounds  # lowered: below where it was
    elif re.search(r"\b(?:raise|increase|bump|tighten)\b|올|높", text, flags=re.IGNORECASE):
        bounds = [b for b in bounds if float(b.value) < value] or bounds
    if read_as - {"arch_token"} and any(b.field in read_as for b in bounds):
        bounds = [b for b in bounds if b.field in read_as]
    if unit in _UNIT_FIELDS:
        bounds = [b for b in bounds if b.field in _UNIT_FIELDS[unit]]
    if len(bounds) > 1:  # "make that 448" after a top-1 bound and an input size: a percentage is never 448
        from kb.facts import BY_KEY

        bounds = [b for b in bounds if not (getattr(BY_KEY.get(b.field), "percent", False) and value > 100)]
    if len(bounds) != 1:
        return None
    old = bounds[0]
    said_op = re.sub(r"\s+", " ", (m.group("ko_op") or m.group("en_op") or "").lower())
    new = old.model_copy(update={"value": value, "op": _SAID_OPS.get(said_op, old.op)})
    where = all_of([new if part == old else part for part in conjuncts(previous.where)])
    return previous.model_copy(update={"where": where, "ignored_words": []})


# "그거 빼고 나머지", "the rest", "all the others": the previous subject without what the previous turn asked of it
REST_CUES = (r"(?:그거|그것|그것들|그건|걔네|those|them|these|that)\s*(?:빼고|제외하고|말고)|나머지|the rest\b|the others\b"
             r"|everything else|all (?:the )?others|(?:all )?but (?:those|these|them)")


def the_rest(previous: Understanding) -> Understanding:
    """The previous reading turned to its complement within its subject: "클립 중 cc-by-nc 인 거" then "그거 빼고
    나머지": CLIP weights that are not cc-by-nc."""
    parts = [p for p in conjuncts(previous.where) if not is_default_exclusion(p)]
    subjects = [p for p in parts if all(isinstance(i, Cond) and i.field in NAMED for i in (p.items if isinstance(p, Or) else [p]))]
    others = [p for p in parts if p not in subjects]
    if not subjects or not others:
        return previous
    defaults = [p for p in conjuncts(previous.where) if is_default_exclusion(p)]
    return previous.model_copy(update={"where": all_of(subjects + [negate(all_of(others))] + defaults)})


# "상위 말고 하위 2개는?", "bottom 2 instead", "반대로": the same ranking the other way round
_FLIP = re.compile(r"하위\s*(\d{1,2})?|bottom\s*(\d{1,2})?|반대로|거꾸로|(?:the\s+)?other\s+way(?:\s+round)?|reversed?", re.IGNORECASE)


def reversed_ranking(previous: Understanding, text: str) -> Optional[Understanding]:
    """The previous ranking turned the other way, with the count the turn gives (or the same)."""
    m = _FLIP.search(text)
    if previous.sort == "relevance" or not m or "_" not in previous.sort:
        return None
    key, _, way = previous.sort.rpartition("_")
    count = m.group(1) or m.group(2)
    return previous.model_copy(update={"sort": f"{key}_{'asc' if way == 'desc' else 'desc'}",
                                       "top_n": int(count) if count else previous.top_n, "ignored_words": []})
