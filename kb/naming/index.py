"""Every live timm name, indexed the ways people write them: the one place name lookups happen.

Built from the registry (or from bare `arch.tag` names): tags, architectures and their tags, families and their
architectures, the source-prefix ports (tf_efficientnet_b3 is a port of efficientnet_b3), licences. The ingest
linker resolves note mentions with it and the question lexicon (kb.query) is built on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from kb.naming.timm import parse_timm_name, without_source_prefix
from kb.schema import ModelRecord


def closest_names(text: str, pool: Iterable[str], limit: int = 5, normalise: bool = True) -> list[str]:
    """The entries of `pool` nearest to `text` (did-you-mean). `normalise` compares lower-cased, punctuation as
    spaces; without it, as written."""
    from rapidfuzz import fuzz, process, utils

    processor = utils.default_process if normalise else None
    return [m for m, _, _ in process.extract(text, list(pool), scorer=fuzz.WRatio, processor=processor, limit=limit)]



_SEPARATORS = re.compile(r"[\s\-_]+")


def squash(text: str) -> str:
    """The spelling-insensitive key of a name: lower case, no spaces, hyphens or underscores ("ConvNeXt-V2")."""
    return _SEPARATORS.sub("", text.lower())


@dataclass
class NameIndex:
    tags: list[str] = field(default_factory=list)  # every live arch.tag, registry order
    tag_set: set[str] = field(default_factory=set)
    arch_tags: dict[str, list[str]] = field(default_factory=dict)  # arch -> its tags, timm's default tag first
    arch_family: dict[str, str] = field(default_factory=dict)
    family_archs: dict[str, list[str]] = field(default_factory=dict)
    arch_by_squash: dict[str, str] = field(default_factory=dict)  # "resnet50", "efficientnetb3" -> arch
    ports_by_squash: dict[str, list[str]] = field(default_factory=dict)  # "efficientnetv2m" -> [tf_efficientnetv2_m]
    licenses: set[str] = field(default_factory=set)

    @classmethod
    def from_records(cls, records: Iterable[ModelRecord]) -> "NameIndex":
        """Every record's names; an architecture's tags with timm's default first (what a bare name loads)."""
        index = cls()
        for record in records:
            index._add(record.name, record.arch, record.family, record.license)
            if record.default_tag:
                tags = index.arch_tags[record.arch]
                tags.insert(0, tags.pop())
        return index

    def _add(self, name: str, arch: str, family: str, license_id: Optional[str]) -> None:
        self.tags.append(name)
        self.tag_set.add(name)
        if arch not in self.arch_tags:
            self.arch_tags[arch] = []
            self.arch_family[arch] = family
            self.family_archs.setdefault(family, []).append(arch)
            self.arch_by_squash.setdefault(squash(arch), arch)
            ported_from = without_source_prefix(arch)
            if ported_from != arch:
                self.ports_by_squash.setdefault(squash(ported_from), []).append(arch)
        self.arch_tags[arch].append(name)
        if license_id:
            self.licenses.add(license_id.lower())

    # ---- lookups -----------------------------------------------------------------------------------------------

    def family_tags(self, family: str) -> list[str]:
        return [t for arch in self.family_archs.get(family, []) for t in self.arch_tags[arch]]

    def spoken_arch(self, phrase: str) -> list[str]:
        """The archs a spoken name means: "EfficientNet-B3" is efficientnet_b3 and its ports (tf_efficientnet_b3)."""
        key = squash(phrase)
        arch = self.arch_by_squash.get(key)
        ports = sorted(self.ports_by_squash.get(key, []))  # also when only the port has weights (tf_efficientnetv2_m)
        return ([arch] if arch else []) + [p for p in ports if p != arch]

    def resolve(self, text: str) -> tuple[str, list[str]]:
        """(kind, tags) for a name as written: kind is tag, arch or family, or '' when it is not a live name."""
        name = text.strip().lower()
        if name in self.tag_set:
            return "tag", [name]
        if name in self.arch_tags:
            return "arch", list(self.arch_tags[name])
        compact = name.replace("-", "").replace(" ", "")
        if compact in self.arch_tags:
            return "arch", list(self.arch_tags[compact])
        if compact in self.family_archs:
            return "family", self.family_tags(compact)
        return "", []

    def looks_like_model(self, identifier: str) -> bool:
        """An unknown identifier is a model name only if it starts like a live family (convnext_huge_xyz)."""
        return parse_timm_name(identifier.split(".")[0]).family in self.family_archs

    def closest(self, text: str, limit: int = 3) -> list[str]:
        """The live archs and tags nearest to `text` as written (for did-you-mean and broken links)."""
        return closest_names(text, list(self.arch_tags) + self.tags, limit, normalise=False)
