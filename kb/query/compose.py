"""From the atoms a question states and the operators between them to one filter expression.

- Negation binds to what it modifies: English puts the cue before ("not the d variant", "without the distilled
  ones": up to the next boundary), Korean after ("deit 말고", "v2는 빼고": back to the previous boundary). A cue
  after a nominalised clause negates the clause, negation included: "파인튜닝 안 된 것 제외" is "fine-tuned".
- Inclusion adds what it marks to the set it qualifies ("ConvNeXt, V2 included" is convnext OR convnextv2); with
  nothing to add to it is no restriction at all ("distilled 다 포함").
- Alternatives: atoms joined by or, /, 이든…든 are either-or; several atoms of an alternatives group (sizes,
  families, archs, resolutions, licences) are either-or too; everything else must hold together.
- Widening: "fine-tuned or not", "gap or not", "여부 상관없이" drop the condition before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.query.expression import Where, all_of, any_of, field_of, negate
from kb.query.fact_words import fact_mentions
from kb.query.inclusion import listed_before, noun_phrase
from kb.query.scan import OR_GROUPS, Atom, Scan
from kb.query.stopwords import STOPWORDS
from kb.query.words import CUES, EXAMPLES_PAREN, GLUED_PAREN

_NOMINAL_CLAUSE = re.compile(r"(?:것|거|건|게|애들?|모델들?|가중치|버전|놈)\s*(?:은|는|을|를|이|가|도|만)?\s*$")
_NOMINAL = re.compile(r"^\s*(?:것|거|건|게|애들?|모델들?|가중치|버전|놈)?\s*(?:은|는|을|를|이|가|도|만)?\s*$")
SUBJECT_GROUPS = {"family", "arch", "name", "qualifier"}
TAG_LIKE = {"tag", "method", "token", "port"}
_ENDS_SCOPE = {"boundary", "not_pre", "not_post", "incl_pre", "incl_post", "widen", "whether"}


@dataclass
class Cue:
    kind: str
    start: int
    end: int


def find_cues(q: Scan) -> tuple[list[Cue], str]:
    """The operators in what the recognizers left, and the text with them blanked (the words nobody read)."""
    # what a recognizer read is a wall, not white space: no cue may reach across it ("384, gap or not")
    text = "".join("\x01" if t == " " and o != " " else t for t, o in zip(q.text, q.original.lower(), strict=False))
    for m in re.finditer(GLUED_PAREN, q.original):  # "비상업(NC)": an aside inside the phrase
        text = text[:m.start()] + " " + text[m.start() + 1:m.end() - 1] + " " + text[m.end():]
    cues: list[Cue] = []
    for kind, pattern in CUES:
        for m in re.finditer(pattern, text, flags=re.IGNORECASE):
            found = text[m.start():m.end()]
            if found.strip():  # the cue itself, not the blanked atom a leading \s* swept up
                start = m.start() + len(found) - len(found.lstrip())
                end = m.end() - (len(found) - len(found.rstrip()))
                cues.append(Cue(kind, start, end))
                text = text[:start] + " " * (end - start) + text[end:]
    cues.sort(key=lambda c: c.start)
    return cues, text


def _scope_after(cue: Cue, cues: list[Cue], atoms: list[Atom], text: str) -> list[list[Atom]]:
    """From the cue to the next boundary that follows an atom: "drop the ones that used m38m" reaches m38m. A
    parenthesis right after is an apposition negated with it, as an alternative: "not the torchvision ones
    (tv_ / tv2_)" excludes all three. Returns the segments, each one alternative of what is negated."""
    first = min((a.start for a in atoms if a.start >= cue.end), default=None)
    if first is None:
        return []
    opened, closed = text.rfind("(", 0, cue.start), text.rfind(")", 0, cue.start)
    close = text.find(")", cue.end) if opened > closed else -1
    if close >= 0 and first > close:
        return []  # "conv weights (not the hybrids) that were pretrained on in12k": a negation ends with its parenthesis
    if any(c.kind == "boundary" and cue.end <= c.start < first and text[c.start:c.end] in ",;—–" for c in cues):
        return []  # "excluding the Microsoft M-series, with fewer than 30M": nothing of it was read
    stop = min((c for c in cues if c.start >= first and c.kind in _ENDS_SCOPE), key=lambda c: c.start, default=None)
    hard = min((c.start for c in cues if cue.end <= c.start < first and c.kind != "boundary" and c.kind in _ENDS_SCOPE),
               default=10 ** 9)
    hard = min(hard, close) if close >= 0 else hard
    end = min(stop.start if stop is not None else 10 ** 9, hard)
    main = [a for a in atoms if cue.end <= a.start < end]
    separators: list[int] = []  # where the list's items meet: each item is excluded on its own
    # "skip the torchvision and gluon ones", "without swag, ns or dino": a list of such words, all excluded
    while stop is not None and stop.start < hard and main and text[stop.start:stop.end].lower() in (",", "and"):
        following = [a for a in atoms if a.start >= stop.end]
        nxt = min(following, key=lambda a: a.start, default=None)
        alike = nxt is not None and (all(a.group in TAG_LIKE for a in main) and nxt.group in TAG_LIKE
                                     or all(a.group == nxt.group for a in main))  # "drop the tiny and small ones"
        # "leave out the quickgelu ones and anything patch32": "anything" carries the exclusion on, alike or not
        extends = nxt is not None and re.fullmatch(r"\s*(?:anything|everything|any|all|whatever)(?:\s+(?:with|in|at))?\s*",
                                                   text[stop.end:nxt.start], flags=re.I)
        if not extends and (not alike or not _adjacent(text[stop.end:nxt.start])):
            break
        separators.append(stop.start)
        stop = min((c for c in cues if c.start >= nxt.end and c.kind in _ENDS_SCOPE), key=lambda c: c.start, default=None)
        end = min(stop.start if stop is not None else 10 ** 9, hard)
        main = [a for a in atoms if cue.end <= a.start < end]
    bounds = [cue.end] + separators + [10 ** 9]
    segments = [part for low, high in zip(bounds, bounds[1:], strict=False) if (part := [a for a in main if low <= a.start < high])]
    if stop is not None and stop.start < hard and text[stop.start:stop.end] == "(" and main:
        close = text.find(")", stop.end)
        if close > 0 and _adjacent(text[max(a.end for a in main):stop.start]):
            aside = [a for a in atoms if stop.end <= a.start and a.end <= close
                     and not any(c.kind.startswith("not") for c in cues if stop.end <= c.start < a.start)]
            segments += [aside] if aside else []
            after = [c for c in cues if c.start > close and c.kind in _ENDS_SCOPE]
            nxt = min((a for a in atoms if a.start > close), key=lambda a: a.start, default=None)
            link = min(after, key=lambda c: c.start, default=None)
            # "skip the torchvision (tv / tv2) and gluon ones": the list goes on after the aside
            if link is not None and nxt is not None and text[link.start:link.end].lower() in (",", "and") \
                    and all(a.group in TAG_LIKE for a in main) and nxt.group in TAG_LIKE \
                    and _adjacent(text[close + 1:link.start]) and _adjacent(text[link.end:nxt.start]):
                segments.append([nxt])
    return segments


def _nearest(cue: Cue, atoms: list[Atom], chains: dict[int, int], before: bool) -> list[Atom]:
    """The atom next to the cue (before or after it), with the alternatives it is chained with."""
    side = [i for i, a in enumerate(atoms) if (a.end <= cue.start if before else a.start >= cue.end)]
    if not side:
        return []
    i = max(side, key=lambda k: atoms[k].end) if before else min(side, key=lambda k: atoms[k].start)
    chain = chains.get(i)
    return [atoms[k] for k in range(len(atoms)) if k == i or (chain is not None and chains.get(k) == chain)]


def _scope_before(cue: Cue, cues: list[Cue], atoms: list[Atom], text: str, chains: dict[int, int],
                  original: str) -> list[list[Atom]]:
    """Korean puts the negation after what it negates. After a nominalised clause ("in22k 원본 그대로인 건
    빼고", "파인튜닝 안 된 것 제외") it negates the clause, back to the previous boundary; right after a word
    ("minimal 빼고", "비상업(NC) 라이선스 아닌") it negates that word, with its alternatives and the atoms of its
    group next to it."""
    before = [a for a in atoms if a.end <= cue.start]
    if not before:
        return []
    last = max(before, key=lambda a: a.end)
    if any(c.kind == "boundary" and last.end <= c.start < cue.start for c in cues):
        return []  # "(추가 데이터 없이)": a clause of its own, with nothing to negate in it
    if not _NOMINAL_CLAUSE.search(text[last.end:cue.start]):
        scope = _nearest(cue, atoms, chains, before=True)
        segments = [scope]  # "tf_ 포팅이랑 pruned는 빼고", "deit, deit3 말고": each item of a list is excluded
        start = min(a.start for a in scope)
        for atom in sorted(before, key=lambda a: -a.end):
            if atom in scope or atom.end > start:
                continue
            between = [c for c in cues if atom.end <= c.start < start]
            alike = atom.group == last.group or (atom.group in TAG_LIKE and last.group in TAG_LIKE)
            commas = all(c.kind == "boundary" and original[c.start:c.end] == "," for c in between) and alike \
                and re.fullmatch(r"[\s,]*", original[atom.end:start]) and not atom.text.endswith("만")  # "v2만, v1은 말고": a clause each
            listed = commas or all(c.kind == "list" for c in between)
            if (between and not listed) or not _adjacent(text[atom.end:start]):
                break
            if atom.group in SUBJECT_GROUPS and atom.group != last.group:
                break  # "mobilenetv3 minimal 빼고": the subject stays, its variant goes
            if between:
                segments.append([atom])
            else:
                segments[-1].append(atom)
            start = atom.start
        return segments
    start = 0
    earlier = [c for c in cues if c.end <= cue.start and c.kind in _ENDS_SCOPE]
    for previous in reversed(earlier):
        if previous.kind == "not_post" and _NOMINAL.match(text[previous.end:cue.start]):
            continue  # "파인튜닝 안 된 것 제외": the clause, its own negation included
        start = previous.end
        break
    clause = sorted((a for a in atoms if start <= a.start and a.end <= cue.start), key=lambda a: a.start)
    subjects = [i for i, a in enumerate(clause) if a.group in SUBJECT_GROUPS]
    if subjects and subjects[-1] < len(clause) - 1:  # "hrnet에서 paddle ssld 버전 빼고": the subject stays
        clause = clause[subjects[-1] + 1:]
    return [clause] if clause else []


def _is_pattern(where: Where) -> bool:
    return getattr(where, "kind", "") == "cond" and where.field in ("arch", "name") and any(ch in str(where.value) for ch in "*?[")


def _adjacent(text: str) -> bool:
    """Nothing but stop words between an atom and an operator: "tiny or small", not "weights from the semi/"."""
    return all(w.lower() in STOPWORDS for w in re.findall(r"[^\W\d_]+|\d+", text))


def _own_clause(comma: Cue, cues: list[Cue], before: str) -> bool:
    """What follows a comma is a clause of its own, not a list item, when its operator adds to what came before
    ("mobilevit 계열 전부, v2도 포함해서") or excludes after a clause already said ("v2만 보여줘, v1은 말고")."""
    after = []
    for cue in cues:
        if cue.start < comma.end:
            continue
        if cue.kind == "boundary":
            break
        after.append(cue.kind)
    return any(k.startswith("incl") for k in after) or (any(k.startswith("not") for k in after) and bool(before.strip()))


def _alternative_chains(cues: list[Cue], atoms: list[Atom], text: str, commas: bool = True) -> dict[int, int]:
    """Atom index -> chain id, for atoms an or-cue joins: the nearest atom on each side, with nothing but stop
    words between; a comma joins two atoms of the same group the same way ("deit, deit3", "F0, F1")."""
    parent = list(range(len(atoms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    previous_post: int | None = None  # "A이든 B든": the atom before the previous 든
    for cue in cues:
        if cue.kind == "or_post":
            left = [i for i, a in enumerate(atoms) if a.end <= cue.start]
            if left:
                i = max(left, key=lambda k: atoms[k].end)
                if previous_post is not None and previous_post != i:
                    parent[find(i)] = find(previous_post)
                previous_post = i
            continue
        comma = commas and cue.kind == "boundary" and text[cue.start:cue.end] == ","
        if cue.kind != "or" and not comma:
            continue
        left = [i for i, a in enumerate(atoms) if a.end <= cue.start]
        right = [i for i, a in enumerate(atoms) if a.start >= cue.end]
        if left and right:
            i = max(left, key=lambda k: atoms[k].end)
            j = min(right, key=lambda k: atoms[k].start)
            alike = atoms[i].group == atoms[j].group or {atoms[i].group, atoms[j].group} <= TAG_LIKE  # "a1, a2, a3"
            stages = atoms[i].group == "data" and field_of(atoms[i].where) != field_of(atoms[j].where)
            if comma and (not alike or stages or _own_clause(cue, cues, text[atoms[i].end:cue.start])):
                continue  # stages: "CLIP-pretrained on laion2b, then tuned on in12k" is a chain, not alternatives
            if _adjacent(text[atoms[i].end:cue.start]) and _adjacent(text[cue.end:atoms[j].start]):
                parent[find(i)] = find(j)
    chains: dict[int, list[int]] = {}
    for i in range(len(atoms)):
        chains.setdefault(find(i), []).append(i)
    return {i: root for root, members in chains.items() if len(members) > 1 for i in members}


def _combine(atoms: list[Atom], chains: dict[int, int], index_of: dict[int, int]) -> list[Where]:
    """Positive atoms into conjuncts: alternative chains and OR groups become ORs, the rest ANDs."""
    conjuncts: list[Where] = []
    by_chain: dict[int, list[Atom]] = {}
    by_group: dict[str, list[Atom]] = {}
    for atom in atoms:
        chain = chains.get(index_of[id(atom)])
        if chain is not None:
            by_chain.setdefault(chain, []).append(atom)
        else:
            by_group.setdefault(atom.group, []).append(atom)
    for members in by_chain.values():
        groups = {a.group for a in members}
        if len(groups) == 1 and (group := groups.pop()) in by_group and group in OR_GROUPS:
            by_group[group].extend(members)  # "tiny, small or base": one set of alternatives
        else:
            conjuncts.append(any_of([a.where for a in members]))
    for group, members in by_group.items():
        wheres = [a.where for a in members]
        bounds = [w for w in wheres if getattr(w, "op", "=") not in ("=", "prefix")]  # "> 224 and < 384": both
        values = [w for w in wheres if w not in bounds]
        conjuncts += bounds
        if values:
            conjuncts.append(any_of(values) if group in OR_GROUPS else all_of(values))
    return conjuncts


SPEC_GROUPS = {"family", "arch", "size", "patch", "sizepatch"}


def _subject_chunks(cues: list[Cue], atoms: list[Atom], text: str) -> list[Atom]:
    """"ViT-Ti/16 or ViT-S/32", "deit small or vit base": when both sides of an "or" are a subject with its own
    size or patch, each side is one alternative (not "tiny/16, or ViT, and small/32")."""
    def run(index: int, step: int) -> list[int]:
        members = []
        while 0 <= index < len(atoms) and atoms[index].group in SPEC_GROUPS:
            if members:
                a, b = sorted((atoms[members[-1]], atoms[index]), key=lambda x: x.start)
                if not re.fullmatch(r"[\s\-]*", text[a.end:b.start]):
                    break
            members.append(index)
            index += step
        return members

    merged: dict[int, list[int]] = {}
    for cue in (c for c in cues if c.kind == "or"):
        left = [i for i, a in enumerate(atoms) if a.end <= cue.start]
        right = [i for i, a in enumerate(atoms) if a.start >= cue.end]
        if not left or not right:
            continue
        sides = [run(max(left, key=lambda k: atoms[k].end), -1), run(min(right, key=lambda k: atoms[k].start), 1)]
        if all(any(atoms[i].group in ("family", "arch") for i in side) for side in sides) and max(map(len, sides)) > 1:
            for side in sides:
                merged[min(side)] = sorted(side)
    if not merged:
        return atoms
    inside = {i for side in merged.values() for i in side}
    result = []
    for i, atom in enumerate(atoms):
        if i in merged:
            side = [atoms[k] for k in merged[i]]
            result.append(Atom(all_of([a.where for a in side]), side[0].start, side[-1].end, "chunk",
                               text[side[0].start:side[-1].end]))
        elif i not in inside:
            result.append(atom)
    return result


def compose(q: Scan) -> tuple[Where, list[Where], list[str], str]:
    """(the expression, what inclusion added with nothing to add to in this question (a follow-up widens the
    previous turn with it), the notes on how operators were read, the text no rule used)."""
    cues, leftover = find_cues(q)
    atoms = _subject_chunks(cues, sorted((a for a in q.atoms if a.where is not None), key=lambda a: a.start), q.original)
    index_of = {id(a): i for i, a in enumerate(atoms)}
    notes: list[str] = []
    negations: dict[int, int] = {}  # atom -> times negated
    scope_of: dict[int, int] = {}  # atom -> the first negation cue whose scope holds it
    segments_of: dict[int, list[list[Atom]]] = {}  # negation cue -> its segments (alternatives of what it negates)
    included: set[int] = set()
    dropped: set[int] = set()
    chains = _alternative_chains(cues, atoms, q.original)
    explicit = _alternative_chains(cues, atoms, q.original, commas=False)  # or, /, 든: not a list's commas
    parens = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", q.original)]
    for number, cue in enumerate(cues):
        segments: list[list[Atom]] = []
        if cue.kind == "not_pre":
            segments = _scope_after(cue, cues, atoms, q.original)
        elif cue.kind == "not_post":
            segments = _scope_before(cue, cues, atoms, leftover, explicit, q.original)
        elif cue.kind in ("incl_pre", "incl_post"):  # "tf 포트 포함해서": what it marks, not the whole clause
            marked = _nearest(cue, atoms, explicit, before=cue.kind == "incl_post")
            if cue.kind == "incl_post" and marked and fact_mentions(q.original[max(a.end for a in marked):cue.start], set()):
                continue  # "HF hub id랑 같이 보여줘": shown with a fact of the weights, nothing included
            if cue.kind == "incl_post":  # "tf_ and gc_ variants too": a list before it, item by item
                marked = [a for segment in listed_before(atoms, marked, q.original) for a in segment]
            included.update(id(a) for a in marked + noun_phrase(marked, atoms, q.original))
        elif cue.kind == "whether":  # "whether timm-trained or a TF port": every alternative, so no condition
            stop = min((c.start for c in cues if c.start >= cue.end and c.kind in _ENDS_SCOPE - {"widen"}
                        and not (c.kind == "boundary" and q.original[c.start:c.end].lower() in ("and", "with"))),
                       default=len(q.original))
            scope = [a for a in atoms if cue.end <= a.start and a.end <= stop]
            dropped.update(id(a) for a in scope)
            notes += [f"widened: {a.text}" for a in scope]
        elif cue.kind == "widen":
            scope = _nearest(cue, atoms, explicit, before=True)
            dropped.update(id(a) for a in scope)
            notes += [f"widened: {a.text}" for a in scope]
        inside = next(((a, b) for a, b in parens if a < cue.start < b), None)
        if segments and inside:  # "상업적으로 써도 되는 거(cc-by-nc 아닌 것)": a negation in parentheses ends with them
            segments = [kept for segment in segments if (kept := [x for x in segment if inside[0] < x.start and x.end < inside[1]])]
        if segments:
            segments_of[number] = segments
            for atom in (a for segment in segments for a in segment):
                negations[id(atom)] = negations.get(id(atom), 0) + 1
                scope_of.setdefault(id(atom), number)
    for m in re.finditer(r"\(([^()]*)\)", q.original):  # "not from the torchvision recipes (tv / tv2)": what a
        # negated phrase is explained by in parentheses is negated with it, each an alternative
        before = [a for a in atoms if a.end <= m.start() and re.fullmatch(r"[\sA-Za-z\-가-힣]{0,30}", q.original[a.end:m.start()])
                  and not any(a.end <= c.start and c.end <= m.start() for c in cues)]  # no cue between
        inside = [a for a in atoms if m.start() < a.start and a.end < m.end() and id(a) not in negations]
        if before and id(before[-1]) in negations and inside:
            number = scope_of[id(before[-1])]
            for atom in inside:
                negations[id(atom)] = negations[id(before[-1])]
                scope_of[id(atom)] = number
                segments_of[number].append([atom])
    for m in re.finditer(EXAMPLES_PAREN, q.original, flags=re.IGNORECASE):  # "(F0, F1 …)": examples, not conditions
        inside = [a for a in atoms if m.start() < a.start and a.end < m.end()]
        dropped.update(id(a) for a in inside)
        notes += [f"example: {a.text}" for a in inside]
    for m in re.finditer(r"\(([^()]*)\)", q.original):  # "(the vit_*_r50_* archs)": a pasted pattern defines the phrase
        inside = [a for a in atoms if m.start() < a.start and a.end < m.end()]
        if inside and all(_is_pattern(a.where) for a in inside):
            described = [a for a in atoms if a.end <= m.start() and a.group in ("family", "arch", "token", "qualifier")
                         and not _is_pattern(a.where)]
            dropped.update(id(a) for a in described)
            notes += [f"defined by the pattern: {a.text}" for a in described]
        elif inside and all(a.group == "tag" for a in inside):  # "imagenet-21k winter release (inw21k)": the
            # registry's own token names the dataset the words before it describe, more exactly than they do
            described = [a for a in atoms if a.group == "data" and a.end <= m.start()
                         and re.fullmatch(r"[\sA-Za-z\-]{0,40}", q.original[a.end:m.start()])]
            dropped.update(id(a) for a in described[-1:])
            notes += [f"defined by the registry's token: {a.text}" for a in described[-1:]]
    archs = {str(a.where.value) for a in atoms if a.group == "arch" and getattr(a.where, "kind", "") == "cond"}
    for atom in atoms:  # "the arch X (saw X.tag in a config)": the tag is one of the arch's, not a narrowing
        if atom.group == "name" and getattr(atom.where, "kind", "") == "cond" and str(atom.where.value).split(".")[0] in archs:
            dropped.add(id(atom))
    live = [a for a in atoms if id(a) not in dropped]
    positive = [a for a in live if negations.get(id(a), 0) % 2 == 0]
    negative = [a for a in live if negations.get(id(a), 0) % 2 == 1]
    # inclusion: an addition to its group's alternatives; with nothing to add to, no restriction
    base_groups = {a.group for a in positive if id(a) not in included}
    additions: list[Where] = []
    for atom in [a for a in positive if id(a) in included]:
        if atom.group not in OR_GROUPS or atom.group not in base_groups:  # "tf ports included": already in
            positive.remove(atom)
            additions.append(atom.where)
            notes.append(f"included: {atom.text}")
    conjuncts = _combine(positive, chains, index_of)
    negated = {id(a) for a in negative}
    for number in dict.fromkeys(scope_of[id(a)] for a in negative):
        alternatives = [[a for a in segment if id(a) in negated and scope_of[id(a)] == number]
                        for segment in segments_of[number]]
        conjuncts.append(negate(any_of([all_of(_combine(seg, chains, index_of)) for seg in alternatives if seg])))
    return all_of(conjuncts), additions, notes, leftover
