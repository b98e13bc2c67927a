"""Follow-ups: a conversation turn that refines the one before it, or starts a new subject.

A turn refines when it says so ("only …", "of those", "and at 224?", "그 중에 …", "384 말고 224는?") or when it
names no subject of its own (no family, architecture or name: "under 30M params", "sort by params"). It starts
over when it says so ("different question", "다른 질문"), names a subject without a refining cue, or restates
every condition the turn before it set (the same question asked again, or in the other language).

Refining merges the previous expression with the turn's:
- a condition on a field the previous turn fixed (size, resolution, family, a licence, the same side of a
  params or top-1 bound) replaces it: "what about base?", "and at 224?";
- any other condition narrows (AND): "of those, the in22k ones", "drop the non-commercial ones";
- what the turn adds ("include nano as well", "tiny도 포함해서") widens the previous turn's set for that field;
- a ranking replaces the previous one; without one, the previous ranking stays.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Optional

from kb.query.datasets import NOT_FINETUNED
from kb.query.describe import is_default_exclusion
from kb.query.expression import Cond, Not, Or, Where, all_of, any_of, cond, conjuncts, field_of, to_syntax
from kb.query.fact_words import DEVICE_WORDS
from kb.query.reading import FollowUp, Understanding
from kb.query.rereading import REST_CUES, the_rest
from kb.query.words import CHANGE_CUES, NEW_SUBJECT_CUES, REFINE_CUES

SUBJECT_FIELDS = {"family", "arch", "name"}
RESTATED = "the turn restates every condition"  # a new question that drops nothing: nothing to say about it
DROP_FIELDS = {"data": ("data", "pretrain", "finetune", "first", "last"), "license": ("license", "license_class")}
REPLACED_FIELDS = {"size", "resolution", "family", "arch", "name", "license", "license_class", "patch"}


def _subject(read: Understanding) -> bool:
    return any(field_of(part) in SUBJECT_FIELDS for part in conjuncts(read.where) if not is_default_exclusion(part))


def _bound_side(part: Where) -> Optional[tuple[str, str]]:
    """("params", "max") for params <= 30: two bounds on one side replace each other, opposite sides combine."""
    if isinstance(part, Cond) and part.field in ("params", "top1") and part.op != "=":
        return part.field, "max" if part.op in ("<", "<=") else "min"
    return None


def _contradicts(kept: Where, bound: Cond) -> bool:
    """"top-1 70% 이상" then "그럼 70% 미만인 건?": opposite bounds on one field with no value between them."""
    side, other = _bound_side(bound), _bound_side(kept)
    if side is None or other is None or other[0] != side[0] or other[1] == side[1]:
        return False
    low, high = (kept, bound) if other[1] == "min" else (bound, kept)
    strict = low.op == ">" or high.op == "<"
    return float(low.value) > float(high.value) or (strict and float(low.value) == float(high.value))


def _values(part: Where, fields: tuple[str, ...]) -> list[str]:
    """The values of the conditions on `fields` that a condition, or an OR of them, holds."""
    items = part.items if isinstance(part, Or) else [part]
    return [str(i.value) for i in items if isinstance(i, Cond) and i.field in fields]


def _archs(part: Where) -> list[str]:
    return [v for v in _values(part, ("arch",)) if "*" not in v]


def siblings_of(kept: list[Where], part: Where, lexicon) -> Optional[tuple[int, list[Where]]]:
    """'what about base?', 'the m variant', 'b5는?', 'include nano as well' after a named architecture: the
    architectures next to it (index of the previous arch condition, conditions naming the siblings); after a
    pasted pattern, its weights with that token too ("vit_*_patch14_dinov2.lvd142m, reg4 variants included")."""
    items = part.items if part.kind == "or" else [part]
    if lexicon is None:
        return None
    values = [str(i.value) for i in items if isinstance(i, Cond) and i.field in ("size", "arch_token") and i.op == "="]
    stems = [str(i.value) for i in items if isinstance(i, Cond) and i.field == "arch_token" and i.op == "prefix"]
    others = [i for i in items if not (isinstance(i, Cond) and i.field in ("size", "arch_token", "tag"))]
    if not (values or stems) or others:  # "v2도 포함": the token may be an arch's or a tag's
        return None
    for index, previous in enumerate(kept):
        found = [s for arch in _archs(previous) for v in values if (s := lexicon.sibling(arch, v))]
        found += [s for arch in _archs(previous) for stem in stems if (s := lexicon.stem_sibling(arch, stem))]  # "the reg version"
        if found:
            return index, [cond("arch", a) for a in dict.fromkeys(found)]
        names = [n for pattern in _patterns(previous) for n in _with_token(pattern, values, lexicon)]
        if names:
            return index, [cond("name", n) for n in dict.fromkeys(names)]
    return None


def _besides_sibling(part: Where, siblings: list[Where], lexicon) -> list[Where]:
    """"b5 ns는?" after efficientnet b4: b5 names the sibling; ns, which no sibling's name holds, still narrows."""
    items = part.items if isinstance(part, Or) else [part]
    names = [str(s.value).split("_") for s in siblings if isinstance(s, Cond)]
    left = [i for i in items if isinstance(i, Cond) and i.field in ("arch_token", "tag")
            and not any(str(i.value) in parts for parts in names)]
    values = {str(i.value) for i in left}
    if not left or any(lexicon.is_arch_token(v) and any(v in n for n in names) for v in values):
        return []
    return [any_of([cond("arch_token", v) for v in values] + [cond("tag", v) for v in values])]


def _named_archs(part: Where) -> list[str]:
    """The architectures a condition names outright (an arch, or the arch of a full name)."""
    return [v.split(".")[0] for v in _values(part, ("arch", "name")) if "*" not in v]


def _patterns(part: Where) -> list[str]:
    return [v for v in _values(part, ("arch", "name")) if "*" in v]


def _with_token(pattern: str, tokens: list[str], lexicon) -> list[str]:
    """The weights a pattern would match if their architecture lacked one of `tokens` (vit_small_patch14_reg4_dinov2
    for vit_*_patch14_dinov2 and reg4)."""
    found = []
    for name in lexicon.names.tags:
        arch, _, tag = name.partition(".")
        parts = arch.split("_")
        for token in (t for t in tokens if t in parts):
            reduced = "_".join(p for p in parts if p != token)
            if fnmatch.fnmatchcase(f"{reduced}.{tag}" if "." in pattern else reduced, pattern):
                found.append(name)
    return found


def _at_resolution(kept: list[Where], part: Where, lexicon) -> Optional[tuple[int, str]]:
    """(index, architecture) when `part` is a resolution and a kept architecture spells another one in its name
    that the registry also has at this resolution (vit_small_patch16_224 at 384: vit_small_patch16_384)."""
    if lexicon is None or not (isinstance(part, Cond) and part.field == "resolution" and part.op == "="):
        return None
    size = int(float(part.value))
    for index, kept_part in enumerate(kept):
        if isinstance(kept_part, Cond) and kept_part.field == "arch" and kept_part.op == "=":
            resized = re.sub(r"(?<=_)\d{3}(?=_|$)", str(size), str(kept_part.value))
            if resized != kept_part.value and resized in lexicon.names.arch_tags:
                return index, resized
    return None


def _is_version_token(part: Where) -> bool:
    items = part.items if isinstance(part, Or) else [part]
    return all(isinstance(i, Cond) and i.field in ("arch_token", "tag") and re.fullmatch(r"v\d", str(i.value)) for i in items)


def _version_of(kept: list[Where], part: Where, lexicon) -> Optional[tuple[int, str]]:
    """(index of the previous family condition, the family's version) for a bare "v2" the turn adds."""
    items = part.items if part.kind == "or" else [part]
    numbers = {int(m.group(1)) for i in items if isinstance(i, Cond) and (m := re.fullmatch(r"v(\d)", str(i.value)))}
    if lexicon is None or len(numbers) != 1:
        return None
    for index, previous in enumerate(kept):
        if isinstance(previous, Cond) and previous.field == "family":
            version = lexicon.version_of(str(previous.value), numbers.pop())
            if version and version != previous.value:
                return index, version
            return None
    return None


def widened_part(kept: list[Where], same: list[int], addition: Where, lexicon) -> int:
    """Which of the previous conditions on the addition's field it joins: "add the pcpvt ones too" after "twins
    svt" joins svt (twins_pcpvt_* exist), not twins (no pcpvt_svt_*)."""
    from kb.query.scope import archs_of

    for index in same:
        others = [archs_of(k, lexicon) for i, k in enumerate(kept) if i != index]
        archs = archs_of(addition, lexicon)
        if archs is None or any(o is None for o in others):
            return same[0]
        for other in others:
            archs = archs & other
        if archs:
            return index
    return same[0]


def _widened_field(part: Where) -> Optional[str]:
    """The field an addition widens: a dataset joins any condition on the training data, "in1k only" included
    ("include the in22k ones too" after "in1k only")."""
    items = part.items if isinstance(part, Or) else [part]
    if items and all(isinstance(i, Cond) and (i.field in DROP_FIELDS["data"] or (i.field, i.value) == ("stage", "in1k_only"))
                     for i in items):
        return "data"
    return field_of(part)


def _names_family(part: Where, lexicon) -> bool:
    """"include plain coat too": a name token that is a family's whole name is a subject, not a modifier."""
    return isinstance(part, Cond) and part.field == "arch_token" and lexicon is not None \
        and str(part.value) in lexicon.family_set


def _without_lone_inclusion(read: Understanding) -> Understanding:
    """"v2도 포함해서" alone reads as the set it includes; after a turn it widens that turn instead."""
    if not read.additions or read.where is None:
        return read
    own = [p for p in conjuncts(read.where) if p != any_of(read.additions)]
    if len(own) == len(conjuncts(read.where)):
        return read
    structured = any(not is_default_exclusion(p) for p in own) or read.sort != "relevance"
    return read.model_copy(update={"where": all_of(own) if structured else None})


HOW_BIG = ("size", "params")
# the training data, said in many ways, and the head it ended with ("in21k 헤드 달린 거" then "아니 in1k 파인튜닝된 걸로")
TRAINING = ("data", "pretrain", "finetune", "first", "last", "stage", "num_classes")


def _device_in_context(sort: str, where: Optional[Where], text: str) -> str:
    """"the fastest one" after "at least 100 images/s on CPU": a speed ranked with no device named is the speed of
    the device the conversation's conditions name."""

    key, _, way = sort.rpartition("_")
    if key not in DEVICE_WORDS or re.search(DEVICE_WORDS[key], text, flags=re.IGNORECASE):
        return sort
    named = {c.field for c in conjuncts(where) if isinstance(c, Cond)} & set(DEVICE_WORDS) if where is not None else set()
    return f"{named.pop()}_{way}" if len(named) == 1 and key not in named else sort


def says_refine(text: str) -> bool:
    """The turn says it is about the previous answer ("only …", "of those", "which ones …", "그 중에", "… 것만")."""
    return bool(re.search(REFINE_CUES, text.strip(), flags=re.IGNORECASE))


def merge(previous: Understanding, current: Understanding, text: str, lexicon=None) -> tuple[Understanding, FollowUp]:
    """The current turn read in the context of the previous one (`lexicon` finds sibling architectures)."""
    before = to_syntax(previous.where)
    current = _without_lone_inclusion(current)
    rest = bool(re.search(REST_CUES, text, flags=re.IGNORECASE))
    if rest:
        previous = the_rest(previous)
    if re.search(NEW_SUBJECT_CUES, text, flags=re.IGNORECASE):
        return current, FollowUp(mode="new", previous=before, reason="the turn says it is a new question")
    changing = bool(re.search(CHANGE_CUES, text, flags=re.IGNORECASE))
    refining = rest or says_refine(text) or changing  # "레그넷y로 바꾸면?": a change is of the turn before
    if not refining and (_subject(current) or not (current.is_structured() or current.additions or current.drops)):
        reason = "the turn names its own subject" if _subject(current) else "the turn asks the notes"
        return current, FollowUp(mode="new", previous=before, reason=reason)
    asked_before = {field_of(p) for p in conjuncts(previous.where) if not is_default_exclusion(p)}
    asked_now = {field_of(p) for p in conjuncts(current.where) if not is_default_exclusion(p)}
    if not refining and asked_before and asked_before <= asked_now and not (current.additions or current.drops):
        return current, FollowUp(mode="new", previous=before, reason=RESTATED)
    dropped = {f for field in current.drops for f in DROP_FIELDS.get(field, (field,))}
    kept = [p for p in conjuncts(previous.where) if not is_default_exclusion(p) and field_of(p) not in dropped]
    added = [p for p in conjuncts(current.where) if not is_default_exclusion(p)]
    for index, part in enumerate(added):  # "408로 바꿔줘" after "crossvit 240 해상도": the number is the new size
        if isinstance(part, Cond) and part.field == "arch_token" and re.fullmatch(r"[0-9]+", str(part.value)) \
                and any(field_of(k) == "resolution" for k in kept) and 64 <= int(part.value) <= 2048:
            added[index] = cond("resolution", int(part.value))
    for part in list(added):  # "v2는?", "what about v2?" after a family: that version of it replaces it
        version = _version_of(kept, part, lexicon) if _is_version_token(part) else None
        if version:
            kept[version[0]] = cond("family", version[1])
            added.remove(part)
    for part in list(added):  # "same but the 384 version" after vit_small_patch16_224: that architecture at the size
        resized = _at_resolution(kept, part, lexicon)
        if resized:
            kept[resized[0]] = cond("arch", resized[1])
            added.remove(part)
    renamed: list[Where] = []
    for part in list(added):  # "what about the m variant?": the previous architecture's sibling replaces it
        sibling = siblings_of(kept, part, lexicon)
        if sibling:
            kept[sibling[0]] = any_of(sibling[1])
            added.remove(part)
            renamed.extend(sibling[1])
            added.extend(_besides_sibling(part, sibling[1], lexicon))
    additions = list(current.additions)
    for part in list(additions):  # "include nano as well": its sibling joins it
        sibling = siblings_of(kept, part, lexicon)
        if sibling:
            kept[sibling[0]] = any_of([kept[sibling[0]]] + sibling[1])
            additions.remove(part)
    for question in (HOW_BIG, TRAINING):  # sizes and params answer one question; the data stages another
        if changing and any(field_of(p) in question for p in added):
            kept = [k for k in kept if field_of(k) not in question]
    if changing:  # "make that test size exactly 320": a number said anew
        numbers = {p.field for p in added if isinstance(p, Cond) and isinstance(p.value, (int, float))}
        kept = [k for k in kept if not (isinstance(k, Cond) and k.field in numbers and isinstance(k.value, (int, float)))]
    for part in added:
        if isinstance(part, Not) and part.item in kept:  # "in22k weights" then "drop the in22k ones": not both
            kept.remove(part.item)
            continue
        field, side = field_of(part), _bound_side(part)
        if side is not None:  # a bound replaces its side, and an opposite one it would leave no room beside
            kept = [k for k in kept if _bound_side(k) != side and not _contradicts(k, part)]
        elif field in REPLACED_FIELDS:
            kept = [k for k in kept if field_of(k) != field]
    subjects = {field_of(p) for p in added} & {"family", "arch"}
    if subjects and not rest and any(p in kept for p in added if field_of(p) not in SUBJECT_FIELDS):
        # "그럼 에바02 쪽에서 in22k 사전학습에 1000클래스인 것 중 …": a new subject with the conditions it keeps said again
        return current, FollowUp(mode="new", previous=before, reason="the turn names a new subject and says what it keeps")
    if subjects:  # "same for mobilenetv4 conv small", "그럼 vit clip 중에 …": the subject named replaces the previous one
        kept = [k for k in kept if field_of(k) not in ("family", "arch", "name") and not ("arch" in subjects and field_of(k) == "size")]
    families = {str(c.value) for p in added if field_of(p) == "family" for c in (p.items if isinstance(p, Or) else [p])}
    if families and lexicon is not None:  # "crossvit dagger" then "now cait": a token no weight of the new family has goes
        archs = [a.split("_") for a, f in lexicon.names.arch_family.items() if f in families]
        kept = [k for k in kept if not (isinstance(k, Cond) and k.field == "arch_token" and k.op == "="
                                        and not any(str(k.value) in parts for parts in archs))]
    named = [a for part in added + renamed for a in _named_archs(part)]
    if named:  # "tiny_vit 5m" then "what about 11m?": a name token the newly named architectures lack goes
        kept = [k for k in kept if not (isinstance(k, Cond) and k.field == "arch_token" and k.op == "="
                                        and not any(str(k.value) in a.split("_") for a in named))]
    for part in list(additions):  # "include v2 as well" after "efficientformer v1": that version of the family
        version = _version_of(kept, part, lexicon)
        if version:
            kept[version[0]] = any_of([kept[version[0]], cond("family", version[1])])
            additions.remove(part)
    for addition in additions:  # widen the previous set of that field, or add a subject next to the previous
        field = _widened_field(addition)
        if field_of(addition) == "finetune" and NOT_FINETUNED in kept:
            # "in21k로만, 파인튜닝 안 된 것" then "in1k로 파인튜닝된 것도 포함": the raw ones, or that fine-tune of them
            kept.remove(NOT_FINETUNED)
            same = [i for i, part in enumerate(kept) if _widened_field(part) == field]
            if same:
                kept[same[0]] = any_of([all_of([kept[same[0]], NOT_FINETUNED]), all_of([kept[same[0]], addition])])
                continue
        same = [i for i, part in enumerate(kept) if field is not None and _widened_field(part) == field]
        if addition in kept:  # "coat lite" then "그냥 coat도 같이": the subject without what narrowed it
            kept = [k for k in kept if k == addition or field_of(k) not in ("arch_token", "size")]
        elif same:
            index = widened_part(kept, same, addition, lexicon) if lexicon is not None and len(same) > 1 else same[0]
            kept[index] = any_of([kept[index], addition])
        # "also include convnextv2_tiny at that res": the rest still applies
        elif field in SUBJECT_FIELDS or _names_family(addition, lexicon):
            # a previous turn named by a name token alone ("twins 모델 목록"): that token was its subject
            subjects = SUBJECT_FIELDS if any(field_of(p) in SUBJECT_FIELDS for p in kept) else SUBJECT_FIELDS | {"arch_token"}
            context = [p for p in kept if field_of(p) not in subjects | {"size"}]
            kept = [any_of([all_of(kept), all_of([addition] + context)])]
    defaults = [p for p in conjuncts(current.where) + conjuncts(previous.where) if is_default_exclusion(p)]
    where = all_of(kept + added + defaults[:1])
    merged = current.model_copy(update={
        "where": where,
        "sort": _device_in_context(current.sort, where, text) if current.sort != "relevance" else previous.sort,
        "top_n": current.top_n if current.sort != "relevance" else previous.top_n,
        "ignored_words": current.ignored_words,
    })
    return merged, FollowUp(mode="refine", previous=before, reason="the turn refines the previous one")
