"""The question lexicon, computed from the live registry: every family (and the families it starts), every
architecture and tag token with its role, the sizes and licences the registry has. Language tables
(kb.query.words) add only spellings: transliterations and spoken forms of the names found here.

Built with the index's records when a KnowledgeBase opens (a few tens of milliseconds), so a new timm brings its
new words without a line of code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Optional

from kb.naming import vocab
from kb.naming.index import NameIndex, squash
from kb.naming.parts import canonical_dataset
from kb.naming.vocab import TOKEN_FAMILIES
from kb.query.words import FAMILY_ALIASES, FAMILY_FILLERS, ROMAN
from kb.registry.licenses import license_class
from kb.schema import ModelRecord

_DIGITS = re.compile(r"\d")
# s, m, b3, f1, sa36, 040 ... (v2 is a version)
_SIZE_CODE = re.compile(r"(?:xxs|xs|xl|xxl|ti|[a-uw-z])\d{0,2}|[a-uw-z]{2}\d{1,2}|\d{2,4}")
_SIZE_LETTERS_OF = {"t": "tiny", "s": "small", "m": "medium", "b": "base", "l": "large", "h": "huge", "g": "giant"}
_TAG_NUMBER = re.compile(r"^(?:r?\d+|e\d+|\d+e|\d+ep|\d+[mb]|a?\d+(?:pt\d+)?b|s\d+[bm]?)$")


def family_keys(words: list[str]) -> list[str]:
    """Lookup keys for a run of words: as written, roman numerals as digits, fillers dropped, plural dropped."""
    lowered = [w.lower() for w in words]
    keys = [squash(" ".join(lowered))]
    if len(lowered) >= 2 and lowered[-1] in ROMAN:  # DeiT III -> deit3
        keys.append(squash("".join(lowered[:-1])) + ROMAN[lowered[-1]])
    kept = [w for w in lowered if w not in FAMILY_FILLERS]
    if kept and len(kept) < len(lowered):  # Swin Transformer V2 -> swinv2
        keys.append(squash("".join(kept)))
    if len(lowered) == 1:  # ViTs -> vit, ResNets -> resnet; but "ViT S" is a ViT of size S, not a plural
        keys += [k[:-1] for k in list(keys) if k.endswith("s") and len(k) > 3]
        keys += [re.sub(r"(\d)$", r"v\1", k) for k in list(keys) if re.fullmatch(r"[a-z]{3,}\d", k)]  # mobilevit2 -> mobilevitv2
    keys += [k[:-2] for k in list(keys) if re.fullmatch(r"[a-z]{3,}v1", k)]  # convnextv1 -> convnext: the first generation
    return list(dict.fromkeys(keys))


@dataclass
class Lexicon:
    names: NameIndex
    families: dict[str, str] = field(default_factory=dict)  # spoken key (squashed) -> family
    family_set: set[str] = field(default_factory=set)
    arch_tokens: Counter = field(default_factory=Counter)  # token -> number of archs that have it
    token_stems: dict[str, list[str]] = field(default_factory=dict)  # "lite" -> [lite0 ... lite4]
    tag_tokens: Counter = field(default_factory=Counter)
    sizes: set[str] = field(default_factory=set)  # size classes some architecture spells as a token
    licenses: set[str] = field(default_factory=set)
    family_stems: set[str] = field(default_factory=set)  # "fbnet": what fbnetc and fbnetv3 share, itself no family
    family_resolutions: dict[str, set[int]] = field(default_factory=dict)  # family -> its weights' input sizes

    @classmethod
    def from_records(cls, records: Iterable[ModelRecord]) -> "Lexicon":
        records = list(records)
        lexicon = cls(names=NameIndex.from_records(records))
        for arch, family in lexicon.names.arch_family.items():
            lexicon.family_set.add(family)
            lexicon.families.setdefault(squash(family), family)
            if family != "test":  # timm's dummy test_* weights: "test accuracy" is not a filter on them
                lexicon.arch_tokens.update(set(arch.split("_")))
        for record in records:
            lexicon.tag_tokens.update(set(record.tag.split("_")))
            family = lexicon.names.arch_family.get(record.arch, "")
            lexicon.family_resolutions.setdefault(family, set()).add(record.input_size[-1])
            if record.license:
                lexicon.licenses.add(record.license.lower())
        for token in TOKEN_FAMILIES:
            lexicon.families.setdefault(token, token)
        for spoken, family in FAMILY_ALIASES.items():
            if family in lexicon.family_set:
                lexicon.families.setdefault(squash(spoken), family)
        lexicon.sizes = {t for t in lexicon.arch_tokens if t in vocab.SIZE_TERMS}
        # a stem two families share, one of them by a version (fbnetc, fbnetv3 -> fbnet; not efficientvit/vim)
        stems = Counter(re.sub(r"(?:v\d+|[a-z])$", "", f) for f in lexicon.family_set)
        versioned = {re.sub(r"v\d+$", "", f) for f in lexicon.family_set if re.search(r"[a-z]v\d+$", f)}
        lexicon.family_stems = {s for s, n in stems.items() if n >= 2 and s in versioned and s.isalnum()
                                and squash(s) not in lexicon.families}
        for token in lexicon.arch_tokens:
            stem = token.rstrip("0123456789")
            # "cait xs" is xs24; a two-letter stem only where the registry also spells it alone (mobilevit_xs)
            if stem != token and (len(stem) >= 3 or len(stem) == 2 and stem in lexicon.arch_tokens):
                lexicon.token_stems.setdefault(stem, []).append(token)
        return lexicon

    # ---- families ----------------------------------------------------------------------------------------------

    def family(self, phrase: str) -> Optional[str]:
        """The family a spoken name means ("Swin Transformer V2" -> swinv2, "EVA-02" -> eva02), or None."""
        for key in family_keys(re.split(r"[\s\-_]+", phrase.strip())):
            if key in self.families:
                return self.families[key]
        return None

    def version_of(self, family: str, version: int) -> Optional[str]:
        """convnext + 2 -> convnextv2; swin + 1 -> swin (the first version has no suffix); None when not live."""
        base = re.sub(r"v\d+$", "", family)
        generation = re.match(r"([a-z]+[a-z])0?\d$", base)  # eva02, deit3, beit3: a generation written without v
        if generation and generation.group(1) in self.family_set:
            base = generation.group(1)
        if version == 1:
            return f"{base}v1" if f"{base}v1" in self.family_set else base if base in self.family_set else None
        candidates = (f"{base}v{version}", f"{base}{version}", f"{base}0{version}")  # convnextv2, deit3, eva02
        return next((c for c in candidates if c in self.family_set), None)

    def whole_family(self, family: str) -> list[str]:
        """Every live family the name starts with a version: mobilenet -> mobilenet, mobilenetv1 ... mobilenetv5."""
        base = re.sub(r"v\d+$", "", family)
        return sorted(f for f in self.family_set if f == base or re.fullmatch(rf"{re.escape(base)}v?\d+", f))

    def family_has_size(self, family: str, size: str) -> bool:
        return self.family_has_token(family, size)

    def series(self, family: str, letter: str, low: Optional[int] = None, high: Optional[int] = None) -> list[str]:
        """Archs of a family in a lettered series: ("efficientvit", "b") -> efficientvit_b0 … b3; with low/high
        only that range ("efficientnet b0~b3"). Ports (tf_efficientnet_b3) belong to their family's series."""
        pattern = re.compile(rf"{re.escape(letter)}(\d+)(?:[a-z][a-z0-9]*)?")  # b1, b1g4 (grouped convs), f0s
        found = []
        for arch, fam in self.names.arch_family.items():
            if fam != family:
                continue
            tokens = arch.split("_")
            for index, token in enumerate(tokens):
                m = pattern.fullmatch(token)
                # the code ends the name, or a number finishes it (repvit_m1_5); efficientnet_b3_pruned and
                # tf_efficientnet_cc_b1_8e are variants of the series, named only when asked for
                if m and (low is None or low <= int(m.group(1)) <= high) and all(t.isdigit() for t in tokens[index + 1:]):
                    found.append(arch)
                    break
        return sorted(found)

    def derived_families(self, family: str) -> list[str]:
        """Families built on `family` by a prefix the registry uses on more than one family: rep + ghostnet
        (repghostnet, like repvgg and repvit), not mobi + levit (mobilevit: "mobi" prefixes nothing else)."""
        found = []
        for other in sorted(self.family_set):
            prefix = other[: -len(family)] if other.endswith(family) and other != family else ""
            if len(prefix) >= 2 and sum(1 for f in self.family_set if f.startswith(prefix) and f[len(prefix):] in self.family_set) >= 2:
                found.append(other)
        return found

    def family_variants(self, family: str, letters: str) -> list[str]:
        """("resnet", "d") -> resnet50d, resnet101d …: the family's archs whose name token takes the letters after
        its depth."""
        pattern = re.compile(rf"[a-z]*\d+{re.escape(letters)}")  # resnet50d, and resnetv2_50d's 50d
        return sorted(arch for arch, fam in self.names.arch_family.items()
                      if fam == family and any(pattern.fullmatch(t) for t in arch.split("_")))

    @cached_property
    def tokens_of_family(self) -> dict[str, set[str]]:
        """family -> every `_` token of its architectures (built once; questions look tokens up)."""
        found: dict[str, set[str]] = {}
        for arch, family in self.names.arch_family.items():
            found.setdefault(family, set()).update(arch.split("_"))
        return found

    def family_has_token(self, family: str, token: str) -> bool:
        return token in self.tokens_of_family.get(family, ())

    def families_with_token(self, token: str) -> list[str]:
        return sorted(f for f, tokens in self.tokens_of_family.items() if token in tokens)

    def version_sibling(self, arch: str, family: str, version: str) -> Optional[str]:
        """poolformer_m36 in poolformerv2 -> poolformerv2_m36, when live."""
        tokens = arch.split("_")
        for i, token in enumerate(tokens):
            if token == family:
                candidate = "_".join(tokens[:i] + [version] + tokens[i + 1:])
                return candidate if candidate in self.names.arch_tags else None
        return None

    def variant_archs(self, arch: str, letters: str) -> list[str]:
        """resnet101 + "d" -> [resnet101d] when live: the letters an architecture name takes at its end."""
        candidate = f"{arch}{letters}"
        return [candidate] if candidate in self.names.arch_tags else []

    def stem_sibling(self, arch: str, stem: str) -> Optional[str]:
        """The one sibling of `arch` that spells a token of `stem` ("reg": vit_base_patch14_dinov2 ->
        vit_base_patch14_reg4_dinov2); None when there is none, or several (lite0 … lite4 after efficientnet_b0)."""
        found = {s for token in self.token_stems.get(stem, []) if (s := self.sibling(arch, token)) and s != arch}
        return found.pop() if len(found) == 1 else None

    def sibling(self, arch: str, value: str) -> Optional[str]:
        """The architecture next to `arch` with `value` in place of its size or series code: convnextv2_tiny +
        nano -> convnextv2_nano, tf_efficientnetv2_s + m -> tf_efficientnetv2_m, hgnetv2_b4 + b5 -> hgnetv2_b5."""
        tokens = arch.split("_")
        if value in tokens:
            return arch  # "b0 through b2" after tf_efficientnet_b0: b0 is the arch itself
        letters = {v: k for k, v in _SIZE_LETTERS_OF.items()}
        for i, token in enumerate(tokens):
            if token in vocab.SIZE_TERMS or _SIZE_CODE.fullmatch(token):
                for replacement in (value, letters.get(value)):
                    if replacement and replacement != token:
                        candidate = "_".join(tokens[:i] + [replacement] + tokens[i + 1:])
                        if candidate in self.names.arch_tags:
                            return candidate
        if re.fullmatch(r"v\d+", value):  # inception_v3 + v4 -> inception_v4: the version in its place
            for i, token in enumerate(tokens):
                candidate = "_".join(tokens[:i] + [value] + tokens[i + 1:])
                if re.fullmatch(r"v\d+", token) and token != value and candidate in self.names.arch_tags:
                    return candidate
        if value.isdigit():  # mobilevitv2_150 + 175 -> mobilevitv2_175: the number in its place
            for i, token in enumerate(tokens):
                if token.isdigit() and token != value:
                    candidate = "_".join(tokens[:i] + [value] + tokens[i + 1:])
                    if candidate in self.names.arch_tags:
                        return candidate
            glued = re.sub(r"(?<=[a-z])\d+$", value, tokens[0])  # densenet121 + 169 -> densenet169, resnet50 + 101
            if glued != tokens[0] and "_".join([glued] + tokens[1:]) in self.names.arch_tags:
                return "_".join([glued] + tokens[1:])
        parts = value.split("_")
        if len(parts) > 1:  # repvit_m1_1 + m1_5 -> repvit_m1_5: the last tokens replaced
            candidate = "_".join(tokens[:len(tokens) - len(parts)] + parts)
            if len(tokens) > len(parts) and candidate in self.names.arch_tags:
                return candidate
        for i in range(1, len(tokens) + 1):  # levit_128s + conv -> levit_conv_128s: the token added
            candidate = "_".join(tokens[:i] + [value] + tokens[i:])
            if candidate in self.names.arch_tags:
                return candidate
        return None

    # ---- tokens ------------------------------------------------------------------------------------------------

    def is_arch_token(self, word: str) -> bool:
        return word in self.arch_tokens

    def is_tag_token(self, word: str) -> bool:
        return word in self.tag_tokens

    def tag_role(self, token: str) -> str:
        """dataset | number | method: what a tag token is about."""
        if canonical_dataset(token):
            return "dataset"
        if _TAG_NUMBER.match(token):
            return "number"
        return "method"

    def license_class(self, license_id: str) -> str:
        return license_class(license_id)

    def archs_going_on(self, name: str, underscore: bool = True) -> list[str]:
        """The architectures that go on from `name` in letters (dla60 -> dla60x, dla60x_c; res2net50 -> res2net50d)
        or, with `underscore`, in `_` parts too (hrnet_w18 -> hrnet_w18_small); its digits do not go on."""
        return sorted(a for a in self.names.arch_tags if a.startswith(name) and len(a) > len(name)
                      and (a[len(name)].isalpha() and a[len(name)].islower() or underscore and a[len(name)] == "_"))

    @cached_property
    def mixed_words(self) -> list[str]:
        """Families and architectures' first words with a digit inside (res2net, res2net50, sequencer2d): what a
        misspelt word with a digit in it is read against (kb.query.typos.correct_mixed)."""
        first_words = {a.split("_")[0] for a in self.names.arch_tags}
        return sorted(w for w in self.vocabulary() | first_words if re.search(r"[a-z]\d+[a-z]", w))

    @cached_property
    def spoken_words(self) -> tuple[str, ...]:
        """The registry words a name written in Hangul may sound like (kb.naming.hangul): families, their stems and
        the first words of architectures, letters only (the digits a Korean writer attaches stay attached)."""
        words = set()
        for word in self.family_set | self.family_stems | {a.split("_")[0] for a in self.names.arch_tags}:
            letters = re.match(r"[a-z]+", word)
            if letters and len(letters.group(0)) >= 3:
                words.add(letters.group(0))
        # regnetx, regnety, regnetz: "레그넷" is all of them, as "RegNet" is
        words |= {w[:-1] for w in words if sum(1 for o in words if len(o) == len(w) and o[:-1] == w[:-1]) >= 2}
        return tuple(sorted(words))

    def vocabulary(self) -> set[str]:
        """Every word a typo may be a misspelling of: families, tokens with letters, sizes."""
        return self._vocabulary

    @cached_property
    def _vocabulary(self) -> set[str]:  # once: the lexicon is complete when built, every question asks twice
        words = set(self.family_set) | self.family_stems | {f for f in self.families if not _DIGITS.search(f) or len(f) > 5}
        words |= {t for t in self.arch_tokens if len(t) >= 3 and t.isalpha()}
        words |= {t for t in self.tag_tokens if len(t) >= 3 and t.isalpha()}
        words |= {part for lic in self.licenses for part in re.split(r"[\-.]", lic) if len(part) >= 3 and part.isalpha()}
        return words
