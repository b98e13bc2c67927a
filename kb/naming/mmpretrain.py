"""MMPretrain model names (`{algorithm}_{module}_{pretrain}_{training}_{data}`), decoded into the same fields as
a timm name and matched to the closest live timm weights. The conventions are the shipped MMPretrain note's."""

from __future__ import annotations

import re
from typing import Optional

from kb.naming import vocab
from kb.naming.parts import EPOCHS, PATCH, canonical_size
from kb.naming.parts import part as name_part
from kb.schema import Convention, DatasetUse, NamePart, ParsedName

_MM_RES = re.compile(r"^(\d{2,4})px$")
_MM_BATCH = re.compile(r"^(\d+)xb(\d+)$")

_MM_MODULE_ARCH = {"vit": "vit", "deit": "deit", "deit3": "deit3", "swin": "swin", "swinv2": "swinv2",
                   "convnext": "convnext", "convnextv2": "convnextv2", "beit": "beit", "beitv2": "beitv2",
                   "eva": "eva", "eva02": "eva02", "resnet50": "resnet50", "resnet": "resnet"}


def detect_convention(name: str) -> Convention:
    """MMPretrain names join words inside a part with `-` and have no `.tag`; timm names never contain `-`."""
    text = (name or "").strip()
    if "." not in text and ("-" in text or re.search(r"_\d+xb\d+", text) or re.search(r"_in1k$|_in21k$", text) and "-" in text):
        return "mmpretrain"
    return "timm"


def _mm_module(words: list[str]) -> dict:
    """`vit-base-p16` / `convnext-base` / `resnet50` -> family, size, patch, timm-style arch guess."""
    family = words[0]
    size = next((canonical_size(w) for w in words[1:] if canonical_size(w)), None)
    size_word = next((w for w in words[1:] if canonical_size(w)), None)
    patch = next((int(m.group(1)) for w in words[1:] if (m := PATCH.match(w))), None)
    arch_tokens = [family] + ([size] if size else []) + ([f"patch{patch}"] if patch else [])
    return {"family": family, "size": size, "size_token": size_word, "patch": patch, "arch_tokens": arch_tokens}


def parse_mmpretrain_name(name: str) -> ParsedName:
    """Decode `{algorithm}_{module}_{pretrain}_{training}_{data}` into the same fields as a timm name."""
    text = (name or "").strip()
    parts_raw = [p for p in text.lower().split("_") if p]
    parts: list[NamePart] = []
    methods: list[str] = []
    datasets: list[DatasetUse] = []
    resolution: Optional[int] = None
    epochs: Optional[int] = None
    unknown: list[str] = []
    module: Optional[dict] = None
    module_text = ""
    data_part: Optional[str] = parts_raw[-1] if len(parts_raw) > 1 else None

    for index, part in enumerate(parts_raw):
        words = part.split("-")
        if index == len(parts_raw) - 1 and data_part is not None:
            term = vocab.MMPRETRAIN_PARTS["data"]
            for word in words:
                if (m := _MM_RES.match(word)):
                    resolution = int(m.group(1))
            data_names = [w for w in words if w in vocab.MMPRETRAIN_DATASETS]
            for w in data_names:
                stage = "finetune" if any(d.stage == "pretrain" for d in datasets) else "train"
                datasets.append(DatasetUse(name=vocab.MMPRETRAIN_DATASETS[w], stage=stage, raw=w))
            parts.append(name_part(part, "data", f"{term.en}: {part}", f"{term.ko}: {part}"))
            continue
        algorithm = module is None and index == 0 and words[0] in vocab.MMPRETRAIN_ALGORITHMS
        if algorithm and len(parts_raw) > 2 and not PATCH.match(words[-1]) and len(words) == 1:
            term = vocab.MMPRETRAIN_ALGORITHMS[words[0]]
            methods.append(words[0])
            parts.append(name_part(part, "algorithm", term.en, term.ko))
            continue
        if algorithm and "-" in part and not any(canonical_size(w) or PATCH.match(w) for w in words):
            # an algorithm with a style suffix, e.g. eva-mae-style
            methods.append(words[0])
            term = vocab.MMPRETRAIN_ALGORITHMS[words[0]]
            parts.append(name_part(part, "algorithm", term.en, term.ko))
            continue
        if module is None:
            module = _mm_module(words)
            module_text = part
            term = vocab.MMPRETRAIN_PARTS["module"]
            parts.append(name_part(part, "module", f"{term.en}: {part}", f"{term.ko}: {part}"))
            continue
        if words[-1] == "pre" or "pre" in words:
            pre_words = [w for w in words if w != "pre"]
            for w in pre_words:
                if w in vocab.MMPRETRAIN_DATASETS:
                    datasets.insert(0, DatasetUse(name=vocab.MMPRETRAIN_DATASETS[w], stage="pretrain", raw=w))
                    if w == "openai":
                        methods.append("openai")
                elif w in vocab.METHODS or w in ("clip", "mae", "distill"):
                    methods.append("dist" if w == "distill" else w)
                elif (m := EPOCHS.match(w)):
                    epochs = int(next(g for g in m.groups() if g))
                elif w == "3rdparty":
                    methods.append("3rdparty")
            term = vocab.MMPRETRAIN_PARTS["pretrain"]
            parts.append(name_part(part, "pretrain", f"{term.en}: {part}", f"{term.ko}: {part}"))
            continue
        # training info: 8xb32, 3rdparty, amp-coslr-300e, ft/pt
        for w in words:
            if w == "3rdparty":
                methods.append("3rdparty")
            elif (m := EPOCHS.match(w)):
                epochs = int(next(g for g in m.groups() if g))
        term = vocab.MMPRETRAIN_PARTS["training"]
        batch = _MM_BATCH.match(words[0])
        detail = f" ({batch.group(1)} GPUs x {batch.group(2)} per GPU)" if batch else ""
        detail_ko = f" (GPU {batch.group(1)}개 x GPU당 {batch.group(2)})" if batch else ""
        parts.append(name_part(part, "training", f"{term.en}: {part}{detail}", f"{term.ko}: {part}{detail_ko}"))

    module = module or {"family": parts_raw[0] if parts_raw else "", "size": None, "size_token": None, "patch": None,
                        "arch_tokens": parts_raw[:1]}
    # datasets written after a -pre part are fine-tune data; re-stage now that every part is read
    if any(d.stage == "pretrain" for d in datasets):
        datasets = [d if d.stage == "pretrain" else DatasetUse(name=d.name, stage="finetune", raw=d.raw) for d in datasets]
    arch_tokens = list(module["arch_tokens"])
    if resolution:
        arch_tokens.append(str(resolution))
    family = _MM_MODULE_ARCH.get(module["family"], module["family"])
    return ParsedName(
        name=text,
        convention="mmpretrain",
        arch="_".join(arch_tokens) or module_text,
        tag="",
        family=family,
        size=module["size"],
        size_token=module["size_token"],
        patch_size=module["patch"],
        name_resolution=resolution,
        methods=list(dict.fromkeys(methods)),
        datasets=datasets,
        epochs=epochs,
        parts=parts,
        unknown_tokens=unknown,
    )


def _dataset_names(parsed: ParsedName) -> set[str]:
    return {d.name for d in parsed.datasets}


def match_mmpretrain_to_timm(parsed: ParsedName, live: list[ParsedName], limit: int = 5) -> list[str]:
    """The live timm tags closest to an MMPretrain name: same family, size and patch; then resolution and data."""
    from kb.naming.timm import parse_timm_name

    want_data = _dataset_names(parsed)
    want_pre = {d.name for d in parsed.datasets if d.stage == "pretrain"}
    # "resnet50_8xb32_in1k": a module word that is a timm architecture names its family the timm way (resnet)
    module = parsed.arch.replace("-", "_")
    families = {parsed.family, parse_timm_name(module).family}
    scored: list[tuple[float, str]] = []
    for candidate in live:
        if candidate.family not in families:
            continue
        if parsed.size and candidate.size != parsed.size:
            continue
        if parsed.patch_size and candidate.patch_size not in (None, parsed.patch_size):
            continue
        score = 5.0 if candidate.arch == module else 0.0
        if parsed.patch_size and candidate.patch_size == parsed.patch_size:
            score += 2
        resolution = candidate.name_resolution or 224
        wanted_res = parsed.name_resolution or 224
        score += 3 if resolution == wanted_res else -abs(resolution - wanted_res) / 100
        have = _dataset_names(candidate)
        score += 2 * len(want_data & have) - 0.5 * len(have - want_data)
        if want_pre and want_pre <= {d.name for d in candidate.datasets if d.stage == "pretrain"}:
            score += 2
        methods = set(parsed.methods) - {"3rdparty"}
        score += len(methods & set(candidate.methods))
        # plain variants first: extra arch tokens (clip, gap, reg4 ...) mean another design
        score -= 0.5 * len([t for t in candidate.variant_tokens if t not in parsed.arch.split("_")])
        scored.append((score, candidate.name))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [name for _, name in scored[:limit]]
