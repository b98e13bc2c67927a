"""Words of a question that are architecture parts: variants ("the d variants", "tf_ ports", a pasted `_gap`),
size words, and any other word or number the registry uses as an architecture or tag token (gap, swag, ns, the
depth 24 of xcit_tiny_24_p8), read after names and families (kb.query.names) so they know what was named.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache

from kb.naming.vocab import SIZE_TERMS
from kb.query.expression import all_of, any_of, cond
from kb.query.lexicon import Lexicon
from kb.query.names import widen_to_variants
from kb.query.scan import Scan
from kb.query.stopwords import COMMON_WORDS, STOPWORDS
from kb.query.typos import language_words
from kb.query.words import (
    EXTRA_SIZE_WORDS,
    HANGUL,
    KO_TOKEN_WORDS,
    LETTER_SIZES,
    NOT_AFTER,
    NOT_BEFORE,
    PORT_WORD,
    SIZE_QUESTION_WORDS,
    TOKEN_PHRASES,
    VARIANT_WORD,
)


def parse_variants(q: Scan, lexicon: Lexicon) -> None:
    """'the d variant', 'the c and s stem variants' of an architecture named before; 'the tf_ ports'."""
    for m in q.finditer(rf"{NOT_AFTER}((?:[a-z]{{1,2}})(?:\s*(?:,|and|or|/|&)\s*[a-z]{{1,2}})*)\s+(?:stem\s+)?{VARIANT_WORD}"):
        archs = [a for a in q.atoms_before(m.start()) if a.group == "arch" and a.where.kind == "cond"]
        letters = re.findall(r"[a-z]{1,2}", re.sub(r"\band\b|\bor\b", " ", m.group(1)))
        found = [v for a in archs for letter in letters for v in lexicon.variant_archs(a.where.value, letter)]
        families = [str(a.where.value) for a in q.atoms_before(m.start()) if a.group == "family" and a.where.kind == "cond"]
        if not archs and families:  # "gluon ResNets, except the d variants": resnet50d, resnet101d … of the family
            found = [v for family in families for letter in letters for v in lexicon.family_variants(family, letter)]
        if found:
            q.add(any_of([cond("arch", v) for v in found]), *m.span(), "arch")
        elif not archs and letters and all(lexicon.is_arch_token(x) and x not in ("a", "i", "an") for x in letters):
            # no architecture named here ("what about the m variant?"): the letter itself, for a follow-up; a
            # tag prefix as well ("tv 계열": tv_in1k and tv2_in1k weights)
            tags = [t for letter in letters for t in sorted(lexicon.tag_tokens) if re.fullmatch(rf"{letter}\d*", t)]
            q.add(any_of([cond("arch_token", letter) for letter in letters] + [cond("tag", t) for t in tags]), *m.span(), "token")
    for m in q.finditer(rf"(?<![A-Za-z0-9])[`_]*(tf|tv|gluon|legacy)[`_]*\s*{PORT_WORD}"):
        port = m.group(1).lower()
        if lexicon.is_arch_token(port):  # a port is named by its architecture (tf_efficientnet) or its tag (.tf_in1k)
            q.add(any_of([cond("arch_token", port)] + ([cond("tag", port)] if lexicon.is_tag_token(port) else [])),
                  *m.span(), "port")
    # "_c 붙은", "the _gap ones": a suffix as pasted from names
    for m in q.finditer(r"(?<![A-Za-z0-9_])_([a-z][a-z0-9]*)(?![A-Za-z0-9_*])"):
        if lexicon.is_arch_token(m.group(1).lower()):
            q.add(cond("arch_token", m.group(1).lower()), *m.span(), "token")
    # "tf_", "tv2_": a prefix as pasted from names, of architectures (tf_efficientnet_b0) or of tags (tv2_in1k)
    for m in q.finditer(r"(?<![A-Za-z0-9_.\-])([a-z][a-z0-9]*)_(?![A-Za-z0-9*])"):
        prefix = m.group(1).lower()
        in_arch = any(a.startswith(prefix + "_") for a in lexicon.names.arch_tags)
        in_tag = lexicon.is_tag_token(prefix)
        if in_arch or in_tag:
            where = any_of(([cond("arch_token", prefix)] if in_arch else []) + ([cond("tag", prefix)] if in_tag else []))
            q.add(where, *m.span(), "port" if in_arch else "tag")


def _context_families(q: Scan, lexicon: Lexicon) -> list[str]:
    """The families the question names: by name, by architecture, or by a name token (res2net50 -> res2net)."""
    families = [str(a.where.value) for a in q.atoms if a.group == "family" and a.where is not None and a.where.kind == "cond"]
    for atom in (a for a in q.atoms if a.where is not None and a.group in ("arch", "token")):
        items = atom.where.items if atom.where.kind == "or" else [atom.where]
        for item in (i for i in items if i.kind == "cond"):
            if item.field == "arch" and "*" in str(item.value):  # "tiny_vit" read as tiny_vit_*
                families += {f for a, f in lexicon.names.arch_family.items() if fnmatch.fnmatchcase(a, str(item.value))}
            elif item.field == "arch":
                families.append(lexicon.names.arch_family.get(str(item.value)))
            elif item.field == "arch_token" and atom.group == "token" and not str(item.value).isdigit():
                families += lexicon.families_with_token(str(item.value))
    return sorted(set(families) - {None})


@lru_cache(maxsize=1)
def _size_words() -> tuple[str, tuple[str, ...]]:
    """Every size word in one pattern (longest first), one named group per word: one compile, not sixty, on the
    first question of a process."""
    table = sorted({**SIZE_QUESTION_WORDS, **EXTRA_SIZE_WORDS}.items(), key=lambda kv: -len(kv[0]))
    latin, korean = [], []
    for index, (word, _) in enumerate(table):
        body = re.escape(word).replace(r"\ ", r"\s*").replace(r"\-", r"[\s\-]?")
        if word.isascii():
            latin.append(rf"(?P<w{index}>{NOT_AFTER}{body}(?:s|-sized?|\s+size[d]?)?{NOT_BEFORE})")
        else:
            korean.append(f"(?P<w{index}>{body})")
    # a Korean size word starts a word: "큰 모델", not the 큰 inside "토큰" (one look-behind for them all)
    korean = [rf"(?<!{HANGUL})(?:{'|'.join(korean)})"] if korean else []
    return "|".join(latin + korean), tuple(size for _, size in table)


def parse_sizes(q: Scan) -> None:
    pattern, sizes = _size_words()
    for m in q.finditer(pattern):
        q.add(cond("size", sizes[int(m.lastgroup[1:])]), *m.span(), "size")
    # "S/16 or S/32", "B/16": a ViT size letter with its patch
    for m in q.finditer(rf"{NOT_AFTER}(ti|s|b|l|h)\s*/\s*(\d{{1,2}}){NOT_BEFORE}"):
        q.add(all_of([cond("size", LETTER_SIZES[m.group(1).lower()]), cond("patch", int(m.group(2)))]), *m.span(), "sizepatch")


FAMILY_NOUN = r"(?:계열|계통|패밀리|family|families|series|시리즈|models?|모델|weights?|ones|variants?)"


def parse_family_prefixes(q: Scan, lexicon: Lexicon) -> None:
    """"cs3 계열", "the efficientformer family" when no family is spelled so: a word that begins two or more live
    families' names, with a family noun after it, means all of them (cs3darknet, cs3edgenet, cs3se…)."""
    pattern = rf"(?<![A-Za-z0-9_])([a-z][a-z0-9]{{1,}})\s*{FAMILY_NOUN}"
    for m in q.finditer(pattern):
        word = m.group(1).lower()
        if not re.fullmatch(pattern, q.original[m.start():m.end()], flags=re.IGNORECASE):
            continue  # the noun must follow the word as written, not across words another rule read
        if word in lexicon.family_set or lexicon.is_arch_token(word) or word in STOPWORDS or word in COMMON_WORDS \
                or word in language_words():
            continue  # "fast models", "efficient ones": English, not a name
        started = [f for f in lexicon.family_set if f.startswith(word)]
        if len(started) >= 2:
            q.add(cond("arch", f"{word}*"), m.start(1), m.end(1), "family")


def parse_token_phrases(q: Scan, lexicon: Lexicon) -> None:
    """"ViTs with 4 register tokens": reg4; "with registers", "레지스터 토큰 있는": any reg* architecture token."""
    for pattern, stem in TOKEN_PHRASES:
        for m in q.finditer(pattern):
            counted = f"{stem}{m.group(1)}" if m.group(1) else None
            if counted and lexicon.is_arch_token(counted):
                q.add(cond("arch_token", counted), *m.span(), "token")
            elif not counted and stem in lexicon.token_stems:
                q.add(cond("arch_token", stem, "prefix"), *m.span(), "token")


def parse_tokens(q: Scan, lexicon: Lexicon, common_words: set[str]) -> None:
    """Any word left that the registry uses as an architecture token (gap, quickgelu, lite0, minimal) or a tag
    token (swag, ns, sw, ra4, a1): a condition, because the live registry has it."""
    for korean, token in KO_TOKEN_WORDS.items():  # "하이브리드": hybrid; "라이트3": lite3
        for m in q.finditer(re.escape(korean) + r"\s?(\d{1,2})?(?!\d)"):
            if m.group(1) and lexicon.is_arch_token(token + m.group(1)):
                q.add(cond("arch_token", token + m.group(1)), *m.span(), "token")
            elif lexicon.is_arch_token(token) or token in lexicon.token_stems:
                q.add(cond("arch_token", token, "prefix" if token in lexicon.token_stems else "="), *m.span(), "token")
    families = _context_families(q, lexicon)
    for m in q.finditer(r"(?<![A-Za-z0-9_])(?:[a-z][a-z0-9]*|\d+x\d+[a-z]*)(?![A-Za-z0-9_])"):  # 32x32d: a width token
        word = m.group(0).lower()
        if len(word) > 4 and word.endswith("s") and word not in common_words and not lexicon.is_arch_token(word) \
                and not lexicon.is_tag_token(word) and (lexicon.is_arch_token(word[:-1]) or lexicon.is_tag_token(word[:-1])):
            word = word[:-1]  # "not the hybrids": an English plural of a registry token
        if word in common_words and families and any(lexicon.family_has_token(f, word) for f in families):
            q.add(cond("arch_token", word), *m.span(), "token")  # "xception, legacy 포함": legacy_xception
            continue
        if word in common_words and re.search(r"[a-z][A-Z]|^[A-Z]{2,}$", q.original[m.start():m.end()]) \
                and lexicon.is_arch_token(word):
            q.add(cond("arch_token", word), *m.span(), "token")  # "BiT", "BIT": an acronym typed on purpose, not "a bit"
            continue
        if len(word) < 2 or word in STOPWORDS or word in common_words:
            continue
        if word in lexicon.token_stems or any(t.startswith(word) and t[len(word):].isdigit() for t in lexicon.token_stems.get(word, [])):
            q.add(cond("arch_token", word, "prefix"), *m.span(), "token")  # lite: lite, lite0 ... lite4
        elif lexicon.is_arch_token(word) and lexicon.is_tag_token(word) and lexicon.tag_role(word) == "method":
            q.add(any_of([cond("arch_token", word), cond("tag", word)]), *m.span(), "token")  # ns: either place
        elif lexicon.is_arch_token(word) and word not in SIZE_TERMS:
            q.add(cond("arch_token", word), *m.span(), "token")
        elif lexicon.is_tag_token(word) and (lexicon.tag_role(word) != "number" or re.fullmatch(r"[a-z]+\d+", word)):
            q.add(cond("tag", word), *m.span(), "tag")  # "e3600": a tag's number, written as the tag writes it
    # "xcit tiny 24 p8", "mobilenetv3 large 100": a bare number the named family spells as an architecture token
    families = _context_families(q, lexicon)
    _depths_not_resolutions(q, lexicon, families)
    _token_variants(q, lexicon)
    fragment = not q.atoms  # "175로 바꿔서", "what about 100?": a follow-up naming only the number
    for m in q.finditer(r"(?<![A-Za-z0-9_.\-#])([0-9]{1,3}[a-z]?)(?![A-Za-z0-9_.%\-]|\s*(?:등|위|번째|순위|개|가지))"):
        if families and any(lexicon.family_has_token(f, m.group(1)) for f in families) \
                or fragment and lexicon.is_arch_token(m.group(1)):
            q.add(cond("arch_token", m.group(1)), *m.span(), "token")


def _depths_not_resolutions(q: Scan, lexicon: Lexicon, families: list[str]) -> None:
    """"levit conv 128, 192, 256": bare numbers read as input sizes that the named family spells in its
    architecture names and none of its weights is pretrained at are those architectures."""
    named = [str(a.where.value) for a in q.atoms if a.group == "family" and a.where is not None and a.where.kind == "cond"]
    families = named or families  # "levit conv": the family named, not every family with a conv token
    if not families:
        return
    for atom in [a for a in q.atoms if a.group == "resolution" and a.where is not None and a.where.kind == "cond"]:
        value = atom.where.value
        if atom.where.op != "=" or not re.fullmatch(r"\d+", q.original[atom.start:atom.end].strip()):
            continue
        number = str(int(value))
        if all(lexicon.family_has_token(f, number) and int(value) not in lexicon.family_resolutions.get(f, ())
               for f in families):
            atom.where, atom.group = cond("arch_token", number), "token"


def _token_variants(q: Scan, lexicon: Lexicon) -> None:
    """"res2net50 변형들", "resnet50 variants": an architecture's first word with a variant noun after it holds the
    architectures that go on from it in letters too (res2net50d)."""
    for atom in [a for a in q.atoms if a.group == "token" and a.where is not None and a.where.kind == "cond"
                 and a.where.field == "arch_token" and a.where.op == "="]:
        widen_to_variants(q, atom, lexicon.archs_going_on(str(atom.where.value), underscore=False))

