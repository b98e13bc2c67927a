"""Names in a question: explicit timm names and patterns, spoken architecture names, families (with a letter
size, a lettered series, a version or "the whole family" after them), size words, architecture variants and
every architecture or tag token the registry has.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Optional

from kb.language import HANGUL_SYLLABLES
from kb.naming.index import squash
from kb.naming.vocab import SIZE_TERMS, TOKEN_FAMILIES
from kb.query.expression import all_of, any_of, cond, negate
from kb.query.lexicon import Lexicon
from kb.query.scan import Scan
from kb.query.stopwords import KO_PARTICLES, STOPWORDS
from kb.query.words import (
    ALL_TAGS,
    BATCH_NORM_PATTERN,
    CUES,
    DERIVED_FAMILIES,
    LETTER_SIZES,
    OTHER_TAGS,
    SIZE_QUESTION_WORDS,
    VERSION_PATTERN,
    WHOLE_FAMILY,
    WORDLIKE_FAMILIES,
)

NEGATION_CUES = {kind: pattern for kind, pattern in CUES if kind in ("not_pre", "not_post")}
_GLOB = re.compile(r"(?<![A-Za-z0-9_.\-*])[a-z0-9_]*\*[a-z0-9_*]*(?:\.[a-z0-9_*]+)?|(?<![A-Za-z0-9_.\-*])[a-z0-9_]+\.\*")
_NAME = (r"(?<![A-Za-z0-9_.\-])[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+_?|(?<![A-Za-z0-9_.\-])[a-z]+\d+[a-z0-9]*(?![A-Za-z0-9_\-])")
_HANGUL_WORD = f"[{HANGUL_SYLLABLES}]+"
_SIZE_WORDS = "|".join(sorted(SIZE_TERMS, key=len, reverse=True))  # "convnextv2 atto/femto/pico": siblings in a list
# what joins the two ends of a range of codes: "b0~b3", "b2-b5", "b2 to b5", "b2 through b5", "b2부터 b5"
_RANGE_JOIN = r"\s*(?:~|-|–|to|through|thru|부터|에서)\s*"


def parse_patterns(q: Scan, lexicon: Lexicon) -> None:
    """`vit_base_*`, `swin_*_patch4`, `resnet50.*`: fnmatch patterns over live names, as a timm user types them."""
    for m in q.finditer(_GLOB.pattern):
        pattern = m.group(0).lower()
        field = "name" if "." in pattern else "arch"
        pool = lexicon.names.tags if field == "name" else list(lexicon.names.arch_tags)
        if not fnmatch.filter(pool, pattern):
            if field == "arch" and fnmatch.filter(pool, pattern + "*"):
                pattern += "*"
            else:
                continue
        q.add(cond(field, pattern), *m.span(), field)
    # a pasted piece of a name: "`_rw_224.sw_in1k` 로 끝나는", "names ending in .fb_in22k_ft_in1k", "_cls_gap"
    for m in q.finditer(r"(?<![A-Za-z0-9_.\-*])`?([_.][a-z0-9]+(?:[_.][a-z0-9]+)+)`?(?![A-Za-z0-9_*])"):
        piece = m.group(1).lower()
        field = "name" if "." in piece else "arch"
        pool = lexicon.names.tags if field == "name" else list(lexicon.names.arch_tags)
        ending = re.search(r"^\s*(?:(?:로|으로)\s*)?끝나|^\s*(?:suffix|at the end)", q.original[m.end():], flags=re.I) \
            or re.search(r"(?:end(?:s|ing)?\s+(?:in|with)|suffix(?:ed)?(?:\s+with)?)\s*$", q.original[:m.start()], flags=re.I)
        pattern = f"*{piece}" if ending else f"*{piece}*"
        if fnmatch.filter(pool, pattern):
            q.add(cond(field, pattern), *m.span(), field)


def parse_names(q: Scan, lexicon: Lexicon) -> None:
    """Explicit timm names: full tags, archs (resnet50, vit_base_patch16_224), arch.tag prefixes, R50, ResNet-50."""
    names = lexicon.names
    # "efficientnet b0~b3", "hgnetv2 b2-b4": a range of a lettered series, before "efficientnet b0" is read alone
    for m in q.finditer(r"(?<![A-Za-z0-9_.\-])((?:[a-z]+_)?[a-z][a-z0-9]*)[\s\-_]+([a-z])(\d+)" + _RANGE_JOIN + r"\2?(\d+)(?![A-Za-z0-9])"):
        prefix, family_word = (m.group(1).split("_")[0], m.group(1).split("_")[-1]) if "_" in m.group(1) else ("", m.group(1))
        family = lexicon.family(family_word)
        if family and int(m.group(3)) < int(m.group(4)):
            archs = lexicon.series(family, m.group(2), int(m.group(3)), int(m.group(4)))
            archs = [a for a in archs if a.startswith(prefix + "_")] if prefix else archs
            if archs:
                q.add(any_of([cond("arch", a) for a in archs]), *m.span(), "arch")
    for m in q.finditer(_NAME):
        word = m.group(0).lower().strip("._")
        if word in names.tag_set:
            q.add(cond("name", word), m.start(), m.start() + len(word), "name")
        elif word in names.arch_tags:
            q.add(cond("arch", word), m.start(), m.start() + len(word), "arch")
        elif "." in word and word.split(".")[0] in names.arch_tags:
            # convnextv2_tiny.fcmae -> every tag of that arch starting with the written prefix
            arch, prefix = word.split(".", 1)
            tags = [n for n in names.arch_tags[arch] if n.startswith(f"{arch}.{prefix}")]
            where = any_of([cond("name", t) for t in tags]) if tags else cond("arch", arch)
            q.add(where, m.start(), m.start() + len(word), "name" if tags else "arch")
        elif "_" in word and "." not in word and any(a.startswith(word + "_") for a in names.arch_tags):
            q.add(cond("arch", word + "_*"), m.start(), m.start() + len(word), "arch")  # vit_small: vit_small_*
        elif "_" in word and "." not in word and any(re.match(rf"{re.escape(word)}\d", a) for a in names.arch_tags):
            q.add(cond("arch", word + "*"), m.start(), m.start() + len(word), "arch")  # lambda_resnet: lambda_resnet26t …
        elif "_" in word and "." not in word and any(f"_{word}_" in f"_{a}_" for a in names.arch_tags):
            q.add(cond("arch", f"*{word}*"), m.start(), m.start() + len(word), "arch")  # conv_medium, m1_5
        elif "_" in word and "." not in word and any(f"_{word}_" in f"_{t.split('.', 1)[1]}_" for t in names.tags):
            q.add(cond("name", f"*.*{word}*"), m.start(), m.start() + len(word), "name")  # snap_dist in the tag
    # "R50", "RN101": the usual shorthand for a ResNet depth
    for m in q.finditer(r"(?<![A-Za-z0-9_.\-])rn?(\d{2,3})(?![A-Za-z0-9_\-])"):
        archs = names.spoken_arch(f"resnet{m.group(1)}")
        if archs:
            q.add(any_of([cond("arch", a) for a in archs]), *m.span(), "arch")
    # spoken names: "ResNet-50", "EfficientNet B3", "RegNetY-160" (before the resolution rule reads 160)
    for m in q.finditer(r"(?<![A-Za-z0-9_.\-])[A-Za-z][A-Za-z0-9]*(?:[\s\-]+[A-Za-z]{0,2}\d+[A-Za-z0-9]*)(?![A-Za-z0-9_\-])"):
        # the longest spoken name: "hrnet w18 small v2" is hrnet_w18_small_v2, not hrnet_w18 and the size small
        following = re.match(r"(?:[\s\-]+[A-Za-z0-9]+){1,2}", q.original[m.end():])
        words = re.findall(r"[A-Za-z0-9]+", following.group(0)) if following else []
        for extra in range(len(words), -1, -1):
            end = m.end() + (len(re.match(rf"(?:[\s\-]+[A-Za-z0-9]+){{{extra}}}", q.original[m.end():]).group(0)) if extra else 0)
            archs = names.spoken_arch(q.original[m.start():end]) if q.free(m.start(), end) else []
            if archs:
                q.add(any_of([cond("arch", a) for a in archs]), m.start(), end, "arch")
                break
    _list_siblings(q, lexicon)
    _arch_families(q, lexicon)
    for m in q.finditer(BATCH_NORM_PATTERN):  # "vgg16 with batch norm" is the arch vgg16_bn
        before = [a for a in q.atoms_before(m.start(), "arch")]
        bn = [f"{a.where.value}_bn" for a in before if hasattr(a.where, "value") and f"{a.where.value}_bn" in names.arch_tags]
        if bn and _negation_around(q, m.start(), m.end()):
            q.add(cond("arch_token", "bn"), *m.span(), "token")  # "bn 없는 버전", "without batch norm": negated in compose
        elif bn:
            for atom in before:
                q.atoms.remove(atom)
            q.add(any_of([cond("arch", a) for a in bn]), before[0].start, m.end(), "arch")


_EVERY_RESOLUTION_BEFORE = re.compile(r"(?:all|every|other)\s+(?:the\s+)?(?:input\s+)?(?:resolution|res|size)s?"
                                      r"(?:\s+(?:variants?|versions?))?\s+(?:of\s+)?$", re.IGNORECASE)
_EVERY_RESOLUTION_AFTER = re.compile(r"\s*(?:의\s*)?해상도\s*(?:별|버전|변형)")


def _same_arch(q: Scan, atom) -> None:
    """A pasted tag asked about with its architecture's other tags (or all of them): kb.query.words.OTHER_TAGS."""
    arch = str(atom.where.value).split(".")[0]
    for pattern, where in ((OTHER_TAGS, all_of([cond("arch", arch), negate(atom.where)])), (ALL_TAGS, cond("arch", arch))):
        m = re.search(pattern, q.original, flags=re.IGNORECASE)
        if m and q.free(*m.span()):
            atom.where = where
            q.consume(*m.span())
            if pattern is OTHER_TAGS:  # "X 말고 … 다른 태그", "other than X": the exclusion is the one just read
                for span in _negation_around(q, atom.start, atom.end):
                    q.consume(*span)
            return


def _negation_around(q: Scan, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the negation cues right after and right before a phrase, as kb.query.compose reads them."""
    after = re.match(rf"\s*(?:{NEGATION_CUES['not_post']})", q.original[end:], flags=re.I)
    before = re.search(rf"(?:{NEGATION_CUES['not_pre']})\s*$", q.original[:start], flags=re.I)
    return ([(end, end + after.end())] if after else []) + ([before.span()] if before else [])


def widen_to_variants(q: Scan, atom, archs: list[str]) -> None:
    """A name with a family noun after it ("dla60 variants", "res2net50 변형들") holds `archs` too."""
    after = re.match(rf"[\s,\-]*(?:{WHOLE_FAMILY})", q.text[atom.end:atom.end + 40], flags=re.IGNORECASE)
    if archs and after and q.free(atom.end, atom.end + after.end()):
        atom.where = any_of([atom.where] + [cond("arch", a) for a in archs])
        q.consume(atom.end, atom.end + after.end())


def _arch_families(q: Scan, lexicon: Lexicon) -> None:
    """"hrnet w18 계열", "resnet50 family": every architecture the named one starts (hrnet_w18_small, _v2, _ssld);
    "all resolution variants of convformer_s18.sail_in22k_ft_in1k": that tag at every input size (…_384)."""
    for atom in [a for a in q.atoms if a.group in ("arch", "name") and a.where.kind == "cond" and "*" not in str(a.where.value)]:
        value = str(atom.where.value)
        if atom.group == "arch":  # hrnet_w18_small, and dla60x_c for "dla60 variants"
            widen_to_variants(q, atom, lexicon.archs_going_on(value))
        before, later = q.original[max(0, atom.start - 60):atom.start], q.original[atom.end:atom.end + 20]
        if atom.group == "name" and len([a for a in q.atoms if a.group == "name"]) == 1:
            _same_arch(q, atom)
        every = _EVERY_RESOLUTION_BEFORE.search(before) or _EVERY_RESOLUTION_AFTER.match(later)
        if atom.group == "name" and atom.where.kind == "cond" and every:
            base = re.sub(r"_\d{3,4}$", "", value)
            sizes = re.compile(rf"{re.escape(base)}_\d{{3,4}}")
            atom.where = any_of([cond("name", n) for n in lexicon.names.tags if n == base or sizes.fullmatch(n)])


def _list_siblings(q: Scan, lexicon: Lexicon) -> None:
    """'regnety 040이랑 064', 'efficientnet b3이나 b4', 'b0 through b2': the other items of a list after an
    architecture are its siblings (regnety_064, efficientnet_b4); a range of codes alone ('make that b0 through
    b2') is read as those architecture tokens, for a follow-up to apply."""
    link = r"\s*(?:,|/|or|and|&|이랑|랑|이나|나|및|또는|아니면|이든|든)\s*"
    for m in q.finditer(r"(?<![A-Za-z0-9_])([a-z]?)(\d+)" + _RANGE_JOIN + r"\1(\d+)(?![A-Za-z0-9_])"):
        if q.free(*m.span()) and m.group(1) and int(m.group(2)) < int(m.group(3)) <= int(m.group(2)) + 12:
            codes = [f"{m.group(1)}{n}" for n in range(int(m.group(2)), int(m.group(3)) + 1)]
            if all(lexicon.is_arch_token(c) for c in codes):
                q.add(any_of([cond("arch_token", c) for c in codes]), *m.span(), "token")
    changed = True
    while changed:
        changed = False
        for atom in [a for a in q.atoms if a.group == "arch"]:
            m = re.match(rf"{link}([a-z]{{0,2}}\d+[a-z]?|[a-z]{{1,2}}|{_SIZE_WORDS})(?![A-Za-z0-9_])",
                         q.text[atom.end:atom.end + 16], flags=re.IGNORECASE)
            if not m or not q.free(atom.end, atom.end + m.end()):
                continue
            # "X이든 Y이든": 든 follows every item, so the last one closes the list ("vgg11이든 vgg13이든 bn 없는")
            if re.match(r"\s*이?든", q.text[atom.end:]) and not re.match(r"\s*이?든", q.text[atom.end + m.end():]):
                continue
            archs = [i.value for i in (atom.where.items if atom.where.kind == "or" else [atom.where]) if i.kind == "cond"]
            found = [s for a in archs if (s := lexicon.sibling(str(a), m.group(1).lower()))]
            if found:
                q.add(any_of([cond("arch", f) for f in dict.fromkeys(found)]), atom.end + m.start(1), atom.end + m.end(), "arch")
                changed = True
                break


def _letter_series_after(q: Scan, end: int, family: str, lexicon: Lexicon) -> Optional[tuple[list[str], int]]:
    """'EfficientViT B-series', 'NFNet F 시리즈', 'efficientnet b0~b3' -> (the archs, end of the match)."""
    text = q.text[end:end + 24]
    m = re.match(r"[\-\s]?([a-z])[\s\-]?(?:series|시리즈|계열)", text, flags=re.IGNORECASE)
    if m and q.free(end, end + m.end()):
        archs = lexicon.series(family, m.group(1).lower())
        return (archs, end + m.end()) if archs else None
    m = re.match(r"[\-\s]?([a-z])(\d+)" + _RANGE_JOIN + r"\1?(\d+)(?![A-Za-z0-9])", text, flags=re.IGNORECASE)
    if m and q.free(end, end + m.end()) and int(m.group(2)) < int(m.group(3)):
        archs = lexicon.series(family, m.group(1).lower(), int(m.group(2)), int(m.group(3)))
        return (archs, end + m.end()) if archs else None
    return None


def _letter_size_after(q: Scan, end: int) -> Optional[tuple[str, int, Optional[int]]]:
    """'ViT-B/16' -> ('base', end of match, 16); 'DeiT-S' -> ('small', end, None)."""
    m = re.match(r"[\-\s]?(ti|t|s|m|b|l|h|g)(?:\s*/\s*(\d{1,2}))?(?![A-Za-z0-9])", q.text[end:end + 8], flags=re.IGNORECASE)
    if not m or not q.free(end, end + m.end()):
        return None
    return LETTER_SIZES[m.group(1).lower()], end + m.end(), int(m.group(2)) if m.group(2) else None


def _korean_family(text: str, lexicon: Lexicon) -> Optional[str]:
    """Hangul spellings from the language tables, with a trailing particle allowed: '스윈의', '레즈넷을'."""
    key = squash(text)
    for particle in ("",) + KO_PARTICLES:
        stem = key[: len(key) - len(particle)] if particle and key.endswith(particle) else key
        if (not particle or key.endswith(particle)) and stem in lexicon.families:
            return lexicon.families[stem]
    return None


# a Korean noun particle glued to the word ("pit이랑", "coat은"): the word is a name in a Korean sentence
_NOUN_PARTICLE = re.compile(rf"이랑|랑|하고|에서|(?:은|는|이|가|을|를|의|와|과|도|만)(?![{HANGUL_SYLLABLES}])")
# "pit and deit", "coat, levit", "nest/xcit", "pit이랑 deit": joined to another family as one of a list
_LIST_JOIN = r"\s*(?:,|/|&|\+|and|or|vs\.?|이랑|랑|하고|와|과|및)\s*"


def _named_as_family(q: Scan, lexicon: Lexicon, start: int, end: int) -> bool:
    """A family spelled like an English word ("pit", "coat", "nest") written in lower case is the family when a
    Korean particle sticks to it or it is listed with another family's name."""
    if _NOUN_PARTICLE.match(q.original, end):
        return True
    after = re.match(rf"{_LIST_JOIN}([A-Za-z][A-Za-z0-9\-]*)", q.original[end:], flags=re.IGNORECASE)
    before = re.search(rf"([A-Za-z][A-Za-z0-9\-]*){_LIST_JOIN}$", q.original[:start], flags=re.IGNORECASE)
    return any(m and lexicon.family(m.group(1)) not in (None, *WORDLIKE_FAMILIES) for m in (after, before))


def parse_families(q: Scan, lexicon: Lexicon) -> None:
    """Family names and spoken arch names, longest run of words first: 'Swin Transformer V2', 'ResNet-50', 'ViT'."""
    words = list(re.finditer(rf"[A-Za-z0-9]+|{_HANGUL_WORD}", q.original))
    used: set[int] = set()
    for length in (4, 3, 2, 1):
        for i in range(len(words) - length + 1):
            run = words[i:i + length]
            if any(j in used for j in range(i, i + length)) or run[0].group(0).isdigit():
                continue
            start, end = run[0].start(), run[-1].end()
            if not q.free(start, end) or (length > 1 and re.search(rf"[^A-Za-z0-9\s\-{HANGUL_SYLLABLES}]", q.original[start:end])):
                continue
            if length > 1 and run[0].group(0).lower() in SIZE_QUESTION_WORDS:
                continue  # "tiny ViT" is a tiny ViT, not the TinyViT family
            text = q.original[start:end]
            archs = lexicon.names.spoken_arch(text) if length > 1 and any(c.isdigit() for c in text) else []
            if archs:  # ResNet-50, EfficientNet B3, DenseNet 121
                q.add(any_of([cond("arch", a) for a in archs]), start, end, "arch")
            else:
                family = _korean_family(text, lexicon) if re.search(_HANGUL_WORD, text) else lexicon.family(text)
                if not family and squash(text) in lexicon.family_stems:  # "fbnet": fbnetc and fbnetv3 alike
                    q.add(cond("arch", f"{squash(text)}*"), start, end, "arch")
                    used.update(range(i, i + length))
                    continue
                if not family or squash(text) in STOPWORDS or family in SIZE_TERMS:
                    continue
                if family in WORDLIKE_FAMILIES and text.islower() and not _named_as_family(q, lexicon, start, end):
                    continue
                _read_family(q, lexicon, family, start, end)
            used.update(range(i, i + length))
    _spread_whole_family(q)
    _list_siblings(q, lexicon)  # "tresnet m/l": the family and its size letter became an architecture just now


def _spread_whole_family(q: Scan) -> None:
    """'maxvit/maxxvit 계열', 'ViT and DeiT families': the whole-family word after a list applies to each."""
    families = sorted((a for a in q.atoms if a.group == "family" and a.where.kind == "cond"), key=lambda a: a.start)
    for left, right in zip(families, families[1:], strict=False):
        if right.where.op == "prefix" and left.where.op == "=" and re.fullmatch(
                r"\s*(?:/|,|or|and|또는|이나|나|랑|이랑)?\s*", q.original[left.end:right.start], flags=re.IGNORECASE):
            left.where = cond("family", re.sub(r"v\d+$", "", str(left.where.value)), "prefix")
    # a list read right to left: walk again until nothing changes (three or more families)
    if any(right.where.op == "prefix" and left.where.op == "=" and re.fullmatch(r"\s*(?:/|,|or|and)?\s*",
                                                                               q.original[left.end:right.start])
           for left, right in zip(families, families[1:], strict=False)):
        _spread_whole_family(q)


def _read_family(q: Scan, lexicon: Lexicon, family: str, start: int, end: int) -> None:
    """A family name and what follows it: 'EfficientViT B-series' -> the b* archs; 'MixNet-L' -> mixnet_l;
    'ViT-B/16' -> vit, base, patch16; 'DeiT-S' -> deit, small; 'MobileNet, the whole family' -> every version."""
    series = _letter_series_after(q, end, family, lexicon)
    if series:
        archs, series_end = series
        q.add(any_of([cond("arch", a) for a in archs]), start, series_end, "arch")
        return
    letter = _letter_size_after(q, end)
    lettered_arch = lexicon.names.spoken_arch(q.original[start:letter[1]]) if letter and not letter[2] else []
    if lettered_arch:
        q.add(any_of([cond("arch", a) for a in lettered_arch]), start, letter[1], "arch")
        return
    whole = re.match(rf"[\s,\-]*(?:\(|,)?\s*(?:the\s+)?(?:{WHOLE_FAMILY})", q.text[end:end + 40], flags=re.IGNORECASE)
    if not whole and re.search(r"(?:any|all|every)\s+(?:the\s+)?$", q.original[max(0, start - 12):start], flags=re.IGNORECASE):
        whole = re.match(r"\s*(?:versions?|generations?)(?![A-Za-z])", q.text[end:end + 20], flags=re.IGNORECASE)  # "any swin version"
    group = "qualifier" if family in TOKEN_FAMILIES else "family"
    if whole and q.free(end, end + whole.end()) and group == "family":
        # "EfficientNet family": efficientnet, efficientnetv2; "Swin V2 family": the versions named stay as written
        derived = lexicon.derived_families(family) if re.search(DERIVED_FAMILIES, whole.group(0), flags=re.IGNORECASE) else []
        q.add(any_of([cond("family", family, "prefix")] + [cond("family", f) for f in derived]), start, end + whole.end(), group)
        return
    q.add(cond("family", family), start, end, group)
    if letter and lexicon.family_has_size(family, letter[0]):
        size, letter_end, patch = letter
        if patch:  # "ViT-S/16 or S/32": size and patch are one alternative
            q.add(all_of([cond("size", size), cond("patch", patch)]), end, letter_end, "sizepatch")
        else:
            q.add(cond("size", size), end, letter_end, "size")


def parse_series(q: Scan, lexicon: Lexicon) -> None:
    """'(b/l series)', 'the Microsoft M-series': lettered series of the family named in the question."""
    # the family named alone, or through a series already read ("efficientvit m 시리즈 말고 b 시리즈")
    families = list(dict.fromkeys(f for a in q.atoms if a.group in ("family", "arch") and (f := _family_of(a, lexicon))))
    if not families:
        return
    for m in q.finditer(r"(?<![A-Za-z0-9])([a-z])((?:\s*(?:/|,|and|or)\s*[a-z])*)[\s\-]?(?:series|시리즈)(?![A-Za-z])"):
        letters = [m.group(1)] + re.findall(r"[a-z]", re.sub(r"\b(?:and|or)\b", " ", m.group(2)))
        archs = [a for family in families for letter in letters for a in lexicon.series(family, letter)]
        if archs:
            q.add(any_of([cond("arch", a) for a in dict.fromkeys(archs)]), *m.span(), "arch")
    # "EfficientViT L models", "efficientvit-b 가중치": a series letter right after its family, no "series" word
    for atom in [a for a in q.atoms if a.group == "family" and a.where.kind == "cond"]:
        m = re.match(r"[\s\-]*([A-Za-z])(?![A-Za-z0-9/_.\-])", q.original[atom.end:])
        if not m or m.group(1) in "aAiI" or q.text[atom.end + m.start(1)] == " ":
            continue
        archs = lexicon.series(str(atom.where.value), m.group(1).lower())
        if archs:
            q.add(any_of([cond("arch", a) for a in archs]), atom.end + m.start(1), atom.end + m.end(1), "arch")


def parse_versions(q: Scan, lexicon: Lexicon) -> None:
    """'V2 included', 'v1이든 v2든', 'v2는 빼고': a version of the family named before it (or after it)."""
    for m in q.finditer(VERSION_PATTERN):
        number = int(next(g for g in m.groups() if g))
        named = [(a, _family_of(a, lexicon)) for a in q.atoms if a.where is not None]
        named = [(a, f) for a, f in named if f]
        nearest = min(named, key=lambda af: (af[0].end > m.start(), abs(m.start() - af[0].end)), default=None)
        version = lexicon.version_of(nearest[1], number) if nearest else None
        if not version:
            continue
        # "poolformer m36/m48, including v2": the same architectures in that version, not the whole family
        archs = [c.value for a in q.atoms if a.end <= m.start() or a is nearest[0]
                 for c in arch_conds(a) if lexicon.names.arch_family.get(str(c.value)) == nearest[1]]
        siblings = [sib for arch in archs if (sib := lexicon.version_sibling(str(arch), nearest[1], version))]
        if archs and siblings:
            q.add(any_of([cond("arch", a) for a in dict.fromkeys(siblings)]), *m.span(), "arch")
        else:
            q.add(cond("family", version), *m.span(), "family")


def arch_conds(atom) -> list:
    if atom.where is None:  # a ranking or a consumed word: no condition
        return []
    items = atom.where.items if atom.where.kind == "or" else [atom.where]
    return [i for i in items if i.kind == "cond" and i.field == "arch"] if atom.group == "arch" else []


def _family_of(atom, lexicon: Lexicon) -> Optional[str]:
    """The family an atom names: a family condition's value, or the family of the architectures it names."""
    where = atom.where
    items = where.items if where.kind == "or" else [where]
    for item in items:
        if item.kind == "cond" and item.field == "family":
            return str(item.value)
        if item.kind == "cond" and item.field == "arch" and item.value in lexicon.names.arch_family:
            return lexicon.names.arch_family[item.value]
    return None
