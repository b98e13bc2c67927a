"""Scope repairs on a composed expression, decided by the registry (the lexicon), not by wording:

- an excluded version widens its family to every version ("ghostnet, but not the v2 ones" keeps ghostnetv3:
  excluding v2 only means something if the family spans versions);
- a family noun after a list of other families is their head noun, not a second subject ("halonet / botnet /
  lambda resnets"): when the two cannot share an architecture, the single family goes;
- a modifier after alternatives binds to the alternatives whose architectures spell it ("gmlp나 resmlp big":
  big is a resmlp sub-family; gmlp has none, so gmlp stays whole);
- two subjects no architecture can share are alternatives, whatever joined them ("both convformer and caformer
  s18"): the named architecture's series binds to the family that has it too (convformer_s18); so are two name
  tokens no architecture spells together ("dm_ and eca_");
- a size word the family never spells, inside an exclusion, describes what is excluded ("skip the tiny _c ones");
- a series spoken after alternatives binds to each that has it ("caformer or convformer s18"), and a name token an
  architecture lacks means its sibling that has it ("vit_base_patch14_dinov2, the reg version").
"""

from __future__ import annotations

from typing import Optional

from kb.naming.parts import canonical_size
from kb.query.expression import And, Cond, Not, Or, Where, all_of, any_of, conjuncts
from kb.query.lexicon import Lexicon


def _family(part: Where) -> Optional[str]:
    return str(part.value) if isinstance(part, Cond) and part.field == "family" and part.op == "=" else None


def archs_of(part: Where, lexicon: Lexicon) -> Optional[set[str]]:
    """The architectures a subject condition (or an OR of them) can match; None when it is not a subject."""
    arch_family = lexicon.names.arch_family
    if isinstance(part, Or):
        found: set[str] = set()
        for item in part.items:
            archs = archs_of(item, lexicon)
            if archs is None:
                return None
            found |= archs
        return found
    if not isinstance(part, Cond) or part.op != "=":
        return None
    value = str(part.value)
    if part.field == "family":
        return {a for a, f in arch_family.items() if f == value or (f.startswith(value) and len(f) == len(value) + 1)}
    if part.field == "arch_token":
        return {a for a in arch_family if value in a.split("_")}
    if part.field == "arch":
        return {value} if value in arch_family else None
    return None


def widen_excluded_versions(parts: list[Where], lexicon: Lexicon) -> list[Where]:
    excluded = {str(p.item.value) for p in parts if isinstance(p, Not) and _family(p.item)}
    widened = []
    for part in parts:
        family = _family(part)
        versions = set(lexicon.whole_family(family)) - {family} if family else set()
        widened.append(Cond(field="family", op="prefix", value=family) if versions & excluded else part)
    return widened


def _family_pair(item: Where, lexicon: Lexicon) -> Where:
    """"halonet or botnet resnets": the noun bound to the last alternative (botnet AND resnet) goes when no
    architecture is both."""
    if isinstance(item, And) and len(item.items) == 2 and all(_family(i) for i in item.items):
        first, second = (archs_of(i, lexicon) for i in item.items)
        if first and second and not first & second:
            return item.items[0]
    return item


def drop_head_nouns(parts: list[Where], lexicon: Lexicon) -> list[Where]:
    parts = [any_of([_family_pair(i, lexicon) for i in p.items]) if isinstance(p, Or) else p for p in parts]
    lists = [p for p in parts if isinstance(p, Or) and archs_of(p, lexicon)]
    if not lists:
        return parts
    kept = []
    for part in parts:
        family = _family(part)
        archs = archs_of(part, lexicon) if family else None
        if archs and all(not (archs & archs_of(other, lexicon)) for other in lists):
            continue
        kept.append(part)
    return kept if len(kept) < len(parts) and kept else parts


def bind_modifiers(parts: list[Where], lexicon: Lexicon) -> list[Where]:
    for _index, part in enumerate(parts):
        if not isinstance(part, Or) or not all(_family(i) for i in part.items):
            continue
        for modifier in parts:
            if not (isinstance(modifier, Cond) and modifier.field == "arch_token" and modifier.op == "="):
                continue
            having = [lexicon.family_has_token(_family(i), str(modifier.value)) for i in part.items]
            if any(having) and not all(having):
                bound = any_of([all_of([i, modifier]) if has else i for i, has in zip(part.items, having, strict=False)])
                return [bound if p is part else p for p in parts if p is not modifier]
    return parts


def _subject_arch(part: Where, lexicon: Lexicon) -> Optional[str]:
    if isinstance(part, Cond) and part.field == "arch" and part.op == "=" and str(part.value) in lexicon.names.arch_family:
        return str(part.value)
    return None


def _twin(family: str, arch: str, lexicon: Lexicon) -> Optional[str]:
    """convformer + caformer_s18 -> convformer_s18: the architecture's series on the other family, when live."""
    own = lexicon.names.arch_family[arch]
    twin = family + arch[len(own):] if arch.startswith(own) and own != family else None
    return twin if twin in lexicon.names.arch_family else None


def join_disjoint_subjects(parts: list[Where], lexicon: Lexicon) -> list[Where]:
    """"both convformer and caformer s18": a family and an architecture of another family, joined by AND."""
    families = [p for p in parts if _family(p)]
    named = [p for p in parts if _subject_arch(p, lexicon)]
    if len(families) != 1 or len(named) != 1:
        return parts
    family, arch = _family(families[0]), _subject_arch(named[0], lexicon)
    if arch in (archs_of(families[0], lexicon) or set()):
        return parts
    twin = _twin(family, arch, lexicon)
    joined = any_of([Cond(field="arch", op="=", value=twin) if twin else families[0], named[0]])
    return [joined if p is families[0] else p for p in parts if p is not named[0]]


def join_disjoint_tokens(parts: list[Where], lexicon: Lexicon) -> list[Where]:
    """"nfnet: dm_ and eca_ only": two name tokens no architecture spells together are either-or."""
    def spelt_by(part: Where) -> Optional[set[str]]:  # token:dm, or "token:dm OR tag:dm" read from "dm_"
        items = part.items if isinstance(part, Or) else [part]
        tokens = [i for i in items if isinstance(i, Cond) and i.field == "arch_token" and i.op == "="]
        if len(tokens) != 1 or any(not isinstance(i, Cond) or i.field not in ("arch_token", "tag") or i.value != tokens[0].value
                                   for i in items):
            return None  # one word, not a series ("b4~b7")
        return set().union(*(archs_of(t, lexicon) or set() for t in tokens))

    tokens = [p for p in parts if spelt_by(p) is not None]
    for first in tokens:
        for second in tokens:
            a, b = spelt_by(first), spelt_by(second)
            if first is not second and a and b and not a & b:
                return [any_of([first, second]) if p is first else p for p in parts if p is not second]
    return parts


def drop_descriptive_sizes(parts: list[Where], lexicon: Lexicon) -> list[Where]:
    """"dla weights, skip the tiny _c variants": a size word the family never spells, beside what is excluded,
    describes it ("tiny") instead of narrowing the exclusion to nothing."""
    families = [_family(p) for p in parts if _family(p)]
    if not families:
        return parts
    repaired = []
    for part in parts:
        if isinstance(part, Not) and isinstance(part.item, And) and len(part.item.items) > 1:
            kept = [i for i in part.item.items if not (isinstance(i, Cond) and i.field == "size" and i.op == "="
                                                       and not any(lexicon.family_has_size(f, str(i.value)) for f in families))]
            if kept and len(kept) < len(part.item.items):
                part = Not(item=all_of(kept))
        repaired.append(part)
    return repaired


def bind_spoken_series(parts: list[Where], lexicon: Lexicon, written: str) -> list[Where]:
    """"caformer or convformer s18": a series spoken after the last alternative (not a pasted convformer_s18)
    binds to the family before it too, when that family has it (caformer_s18)."""
    repaired = []
    for part in parts:
        if isinstance(part, Or) and len(part.items) == 2:
            families = [i for i in part.items if _family(i)]
            named = [i for i in part.items if _subject_arch(i, lexicon)]
            if len(families) == 1 and len(named) == 1 and str(named[0].value) not in written:
                twin = _twin(_family(families[0]), str(named[0].value), lexicon)
                if twin:
                    part = any_of([Cond(field="arch", op="=", value=twin), named[0]])
        repaired.append(part)
    return repaired


def bind_token_to_arch(parts: list[Where], lexicon: Lexicon, both: bool) -> list[Where]:
    """"vit_base_patch14_dinov2 … reg 붙은 버전도": a name token the named architecture lacks means its sibling
    that has it (vit_base_patch14_reg4_dinov2); with "both" / "too", the two of them."""
    named = [p for p in parts if _subject_arch(p, lexicon)]
    tokens = [p for p in parts if isinstance(p, Cond) and p.field == "arch_token" and p.op in ("=", "prefix")]
    if len(tokens) == 1 and tokens[0].op == "=" and not named:  # "efficientnet b1 through b3, the pruned ones"
        return _suffixed_archs(parts, tokens[0], lexicon, both)
    if len(named) != 1 or len(tokens) != 1:
        return parts
    arch, token, value = str(named[0].value), tokens[0], str(tokens[0].value)
    spelt = lexicon.token_stems.get(value, []) if token.op == "prefix" else []
    if any(v in arch.split("_") for v in spelt + [value]):
        return parts
    sibling = lexicon.stem_sibling(arch, value) if token.op == "prefix" else lexicon.sibling(arch, value)
    if sibling is None or sibling == arch:
        return parts
    found = any_of(([named[0]] if both else []) + [Cond(field="arch", op="=", value=sibling)])
    return [found if p is named[0] else p for p in parts if p is not token]


def _suffixed_archs(parts: list[Where], token: Cond, lexicon: Lexicon, both: bool) -> list[Where]:
    """A list of architectures and a token none of them spells but some take as a suffix: those siblings."""
    lists = [p for p in parts if isinstance(p, Or) and all(_subject_arch(i, lexicon) for i in p.items)]
    if len(lists) != 1:
        return parts
    archs = [str(i.value) for i in lists[0].items]
    value = str(token.value)
    if any(value in a.split("_") for a in archs):
        return parts
    siblings = [f"{a}_{value}" for a in archs if f"{a}_{value}" in lexicon.names.arch_family]
    if not siblings:
        return parts
    found = any_of((list(lists[0].items) if both else []) + [Cond(field="arch", op="=", value=a) for a in siblings])
    return [found if p is lists[0] else p for p in parts if p is not token]


def letter_sizes(parts: list[Where], lexicon: Lexicon) -> list[Where]:
    """"efficientnetv2 small", "mobilevit xs": a size word for a family that writes its sizes as letters
    (tf_efficientnetv2_s, mobilevit_xs) means those letters; a family that spells the word keeps the word."""
    families = [f for p in parts if (f := _family(p))]
    if not families:
        return parts
    tokens = {t for f in families for t in lexicon.tokens_of_family.get(f, ())}
    repaired = []
    for part in parts:
        sizes = [i for i in (part.items if isinstance(part, Or) else [part])
                 if isinstance(i, Cond) and i.field == "size" and i.op == "="]
        if not sizes or len(sizes) != len(part.items if isinstance(part, Or) else [part]) \
                or any(str(s.value) in tokens for s in sizes):
            repaired.append(part)
            continue
        letters = [Cond(field="arch_token", value=t) for s in sizes for f in families
                   for t in sorted(lexicon.tokens_of_family.get(f, ())) if t.isalpha() and len(t) <= 3
                   and canonical_size(t, f) == str(s.value)]
        repaired.append(any_of([part] + letters) if letters else part)
    return repaired


def repair_scope(where: Optional[Where], lexicon: Lexicon, written: str = "", both: bool = False) -> Optional[Where]:
    """`written`: the question as typed, lower-cased (a pasted name is not a spoken one); `both`: it asks for
    two things at once ("둘 다", "as well")."""
    if where is None or not isinstance(where, (And, Cond, Or, Not)):
        return where
    parts = conjuncts(where)
    repaired = bind_modifiers(drop_head_nouns(widen_excluded_versions(parts, lexicon), lexicon), lexicon)
    repaired = join_disjoint_tokens(join_disjoint_subjects(repaired, lexicon), lexicon)
    repaired = drop_descriptive_sizes(bind_spoken_series(repaired, lexicon, written), lexicon)
    repaired = letter_sizes(bind_token_to_arch(repaired, lexicon, both), lexicon)
    return where if repaired == parts else all_of(repaired)
