"""Read timm names the way the suffix guide teaches: `{arch}.{tag}`, e.g. `convnextv2_tiny.fcmae_ft_in22k_in1k_384`
(arch = family, size, variants, patch/window, resolution; tag = source/method, datasets, resolution). Pure
functions over kb.naming.vocab."""

from __future__ import annotations

import re
from typing import Iterable, Optional

from kb.naming import vocab
from kb.naming.parts import EPOCHS, PATCH, canonical_dataset, canonical_size, part, role_part
from kb.schema import DatasetUse, NamePart, ParsedName

_WINDOW = re.compile(r"^window(\d+)(?:to(\d+))?$")
_RES_RANGE = re.compile(r"^(\d{2,4})to(\d{2,4})$")  # swinv2 192to384: pretrained at 192, fine-tuned at 384
_TAG_RES = re.compile(r"^r(\d{2,4})$")
_SEEN_SAMPLES = re.compile(r"^s\d+[bm]?$")
_LLM_SIZE = re.compile(r"^(?:a?\d+(?:pt\d+)?[bm]|e\d+b)$")  # 27b, a22b, 2pt5b, e4b: sizes of the LLM a tower belongs to


def _is_resolution(token: str, family: str) -> Optional[int]:
    if family in vocab.NUMBER_IS_NOT_RESOLUTION or not token.isascii() or not token.isdigit() or token.startswith("0"):
        return None
    value = int(token)
    return value if value in vocab.RESOLUTIONS else None


def without_source_prefix(arch: str) -> str:
    """tf_efficientnetv2_m -> efficientnetv2_m: the arch as its family spells it, without where it was ported from."""
    tokens = arch.split("_")
    index = 0
    while index < len(tokens) - 1 and tokens[index] in vocab.ARCH_SOURCE_PREFIXES:
        index += 1
    return "_".join(tokens[index:])


def _family(tokens: list[str]) -> tuple[str, int, list[NamePart]]:
    """(family, number of tokens it used, parts for source prefixes)."""
    parts: list[NamePart] = []
    index = 0
    while index < len(tokens) - 1 and tokens[index] in vocab.ARCH_SOURCE_PREFIXES:
        term = vocab.ARCH_SOURCE_PREFIXES[tokens[index]]
        parts.append(part(tokens[index], "source", term.en, term.ko))
        index += 1
    rest = tokens[index:]
    if len(rest) >= 2 and rest[0] in vocab.ARCH_MODULE_PREFIXES:
        # eca_resnext26ts is a ResNeXt with ECA attention: the prefix is a variant, the family comes next
        term = vocab.ARCH_MODULE_PREFIXES[rest[0]]
        parts.append(part(rest[0], "variant", term.en, term.ko))
        return _family_of_token(rest[1]), index + 2, parts
    if len(rest) >= 2 and (rest[0], rest[1]) in vocab.COMPOUND_FAMILIES:
        family = vocab.COMPOUND_FAMILIES[(rest[0], rest[1])]
        used = 2 if family.count("_") <= 1 or not family.startswith(rest[0] + "_" + rest[1]) else 3
        if family == "inception_resnet_v2" and len(rest) >= 3:
            used = 3
        return family, index + used, parts
    return _family_of_token(rest[0]) if rest else "", index + 1, parts


# resnet50 -> resnet, densenet121 -> densenet, dla34 -> dla, resnet18d -> resnet; but deit3, eva02, beit3 and
# mobilenetv3 keep their digits: there the number names a generation, not a depth
_DEPTH_SUFFIX = re.compile(r"^([a-z][a-z0-9]*?[a-z])([1-9]\d+)((?:[a-z][a-z0-9]{0,2})?)$")


def _family_of_token(token: str) -> str:
    match = _DEPTH_SUFFIX.match(token)
    if match and not match.group(1).endswith("v"):
        return match.group(1)
    return token


def parse_arch(arch: str) -> dict:
    """Family, size, patch, window, resolution and variant tokens of a timm architecture name."""
    tokens = [t for t in arch.lower().split("_") if t]
    family, used, parts = _family(tokens)
    if family:
        family_tokens = tokens[used - 1] if parts and parts[-1].role == "variant" else "_".join(tokens[len(parts):used])
        parts.append(part(family_tokens, "family", f"model family {family}", f"모델 계열 {family}"))
    fields: dict = {"family": family, "size": None, "size_token": None, "patch_size": None, "window_size": None,
                    "name_resolution": None, "variant_tokens": [], "methods": [p.token for p in parts if p.role == "source"]}
    # a size word wins over a letter code anywhere in the arch (vit_small_r26_s32: s32 is a stride, not a size)
    has_size_word = any(t in vocab.SIZE_TERMS or t in vocab.SIZE_ALIASES for t in tokens[used:])
    for token in tokens[used:]:
        if (patch := PATCH.match(token)) and fields["patch_size"] is None:
            fields["patch_size"] = int(patch.group(1))
            parts.append(role_part(token, "patch", patch.group(1)))
        elif window := _WINDOW.match(token):
            fields["window_size"] = int(window.group(2) or window.group(1))
            parts.append(role_part(token, "window", token.removeprefix("window")))
        elif res_range := _RES_RANGE.match(token):
            fields["name_resolution"] = int(res_range.group(2))
            parts.append(part(token, "resolution",
                               f"pretrained at {res_range.group(1)}px, fine-tuned at {res_range.group(2)}px",
                               f"{res_range.group(1)}px로 사전학습, {res_range.group(2)}px로 파인튜닝"))
        elif (res := _is_resolution(token, family)) is not None:
            fields["name_resolution"] = res
            parts.append(role_part(token, "resolution", res))
        elif fields["size"] is None and (token in vocab.SIZE_TERMS or token in vocab.SIZE_ALIASES):
            fields["size"], fields["size_token"] = canonical_size(token), token
            term = vocab.SIZE_TERMS[fields["size"]]
            parts.append(part(token, "size", term.en if token == fields["size"] else f"{token} = {term.en}",
                               term.ko if token == fields["size"] else f"{token} = {term.ko}"))
        elif fields["size"] is None and not has_size_word and (size := canonical_size(token, family)):
            fields["size"], fields["size_token"] = size, token
            if family in vocab.SIZE_PATCH_FAMILIES and (digits := token.lstrip("sblh")).isdigit():
                fields["patch_size"] = int(digits)
            term = vocab.SIZE_TERMS[size]
            parts.append(part(token, "size", f"{token}: letter code for {term.en}", f"{token}: {term.ko}의 약자"))
        elif token in vocab.ARCH_TOKENS:
            term = vocab.ARCH_TOKENS[token]
            fields["variant_tokens"].append(token)
            parts.append(part(token, "variant", term.en, term.ko))
        else:
            fields["variant_tokens"].append(token)
            parts.append(role_part(token, "variant", token))
    fields["parts"] = parts
    return fields


def _stage_datasets(tokens: list[str]) -> list[DatasetUse]:
    """Datasets of a tag in order, with stages: before `ft` = pretrain; after it the last = finetune."""
    found: list[tuple[int, str, str]] = []  # (position, canonical, raw)
    for position, token in enumerate(tokens):
        canonical = canonical_dataset(token)
        if canonical:
            found.append((position, canonical, token))
    if not found:
        return []
    ft_positions = [i for i, t in enumerate(tokens) if t == "ft"]
    uses: list[DatasetUse] = []
    if ft_positions:
        first_ft = ft_positions[0]
        before = [f for f in found if f[0] < first_ft]
        after = [f for f in found if f[0] > first_ft]
        uses += [DatasetUse(name=c, stage="pretrain", raw=r) for _, c, r in before]
        for index, (_, c, r) in enumerate(after):
            uses.append(DatasetUse(name=c, stage="finetune" if index == len(after) - 1 else "intermediate", raw=r))
        return uses
    if len(found) == 1:
        _, c, r = found[0]
        return [DatasetUse(name=c, stage="train", raw=r)]
    for index, (_, c, r) in enumerate(found):
        stage = "pretrain" if index == 0 else "finetune" if index == len(found) - 1 else "intermediate"
        uses.append(DatasetUse(name=c, stage=stage, raw=r))
    return uses


def parse_tag(tag: str) -> dict:
    tokens = [t for t in tag.lower().split("_") if t]
    datasets = _stage_datasets(tokens)
    stage_of = {d.raw: d for d in datasets}
    fields: dict = {"methods": [], "datasets": datasets, "name_resolution": None, "epochs": None, "unknown": []}
    parts: list[NamePart] = []
    for position, token in enumerate(tokens):
        if token in stage_of:
            use = stage_of[token]
            entry = vocab.DATASETS[token]
            stage = vocab.STAGE_TERMS[use.stage]
            parts.append(part(token, "dataset", f"{stage.en} {entry.en}", f"{entry.ko} {stage.ko}"))
        elif token == "ft":
            parts.append(part(token, "stage", vocab.METHODS["ft"].en, vocab.METHODS["ft"].ko))
        elif token in vocab.METHODS:
            fields["methods"].append(token)
            term = vocab.METHODS[token]
            parts.append(part(token, "method", term.en, term.ko))
        elif patch := PATCH.match(token):
            parts.append(role_part(token, "patch", patch.group(1)))
        elif _SEEN_SAMPLES.match(token):
            parts.append(role_part(token, "samples", token))
        elif match := _TAG_RES.match(token):
            fields["name_resolution"] = int(match.group(1))
            parts.append(role_part(token, "resolution", match.group(1)))
        elif token.isdigit() and int(token) in vocab.RESOLUTIONS and position == len(tokens) - 1:
            fields["name_resolution"] = int(token)
            parts.append(role_part(token, "resolution", token))
        elif match := EPOCHS.match(token):
            fields["epochs"] = int(next(g for g in match.groups() if g))
            parts.append(role_part(token, "epochs", fields["epochs"]))
        elif _LLM_SIZE.match(token):
            parts.append(role_part(token, "llm_size", token))
        elif (token.isascii() and token.isdigit()) or re.fullmatch(r"\d+pt\d+", token):
            parts.append(part(token, "version", f"release/version number {token}", f"릴리스/버전 번호 {token}"))
        elif token in vocab.DATASETS:  # defensive: a dataset token not staged above
            entry = vocab.DATASETS[token]
            parts.append(part(token, "dataset", entry.en, entry.ko))
        else:
            fields["unknown"].append(token)
            parts.append(role_part(token, "other", token))
    fields["parts"] = parts
    return fields


def parse_timm_name(name: str) -> ParsedName:
    """Decode `arch.tag` (or a bare arch). Never raises: unknown pieces land in `unknown_tokens`."""
    text = (name or "").strip()
    arch, _, tag = text.partition(".")
    arch_fields = parse_arch(arch)
    tag_fields = parse_tag(tag) if tag else {"methods": [], "datasets": [], "name_resolution": None, "epochs": None,
                                             "unknown": [], "parts": []}
    methods = list(dict.fromkeys(arch_fields["methods"] + tag_fields["methods"]))
    return ParsedName(
        name=text,
        convention="timm",
        arch=arch.lower(),
        tag=tag.lower(),
        family=arch_fields["family"] or arch.lower(),
        size=arch_fields["size"],
        size_token=arch_fields["size_token"],
        variant_tokens=arch_fields["variant_tokens"],
        patch_size=arch_fields["patch_size"],
        window_size=arch_fields["window_size"],
        name_resolution=tag_fields["name_resolution"] or arch_fields["name_resolution"],
        methods=methods,
        datasets=tag_fields["datasets"],
        epochs=tag_fields["epochs"],
        parts=arch_fields["parts"] + tag_fields["parts"],
        unknown_tokens=tag_fields["unknown"],
    )


# ---- checks and matching ----------------------------------------------------------------------------------------


def resolution_disagreement(parsed: ParsedName, input_size: Iterable[int]) -> Optional[str]:
    """None when the name states no resolution or states the cfg's; else a short reason."""
    stated = parsed.name_resolution
    actual = list(input_size)[-1]
    if stated is None or stated == actual:
        return None
    return f"name says {stated}, cfg input_size is {actual}"
