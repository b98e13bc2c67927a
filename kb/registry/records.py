"""The live timm registry as typed records: one ModelRecord per pretrained tag of the installed timm.

Sources: `timm.list_models(pretrained=True)` and each tag's pretrained cfg (offline, milliseconds), the shipped
parameter counts (kb.registry.params) and timm's results tables (kb.registry.results). The built list is cached as JSON in KB_HOME,
keyed by everything it was built from, so a warm process skips the build.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable, Iterable, Optional

from kb.config import RESULTS_DIR, cache_dir
from kb.files import write_cache
from kb.naming.timm import parse_timm_name
from kb.registry.params import load_params, shipped_params_file
from kb.registry.results import native_result, read_results, read_speeds, speed_facts
from kb.schema import SCHEMA_VERSION, ModelRecord

HF_URL = "https://huggingface.co/{}"

# CSV benchmark -> ModelRecord field holding its top-1 at the native size
SECONDARY_TOP1 = {
    "imagenet-real": "top1_real",
    "imagenet-v2": "top1_v2",
    "imagenet-sketch": "top1_sketch",
    "imagenet-a": "top1_a",
    "imagenet-r": "top1_r",
}


def timm_version() -> str:
    from importlib.metadata import version

    return version("timm")


def _size(value) -> Optional[tuple[int, int, int]]:
    return tuple(int(v) for v in value) if value else None  # type: ignore[return-value]


def normalization_names() -> dict[tuple, str]:
    """(mean, std) -> the name of timm's constant pair: IMAGENET_DEFAULT, IMAGENET_INCEPTION, OPENAI_CLIP …"""
    import timm.data.constants as constants

    names = {}
    for attribute in dir(constants):
        if attribute.endswith("_MEAN") and hasattr(constants, attribute[:-5] + "_STD"):
            mean, std = getattr(constants, attribute), getattr(constants, attribute[:-5] + "_STD")
            names[(tuple(round(v, 4) for v in mean), tuple(round(v, 4) for v in std))] = attribute[:-5]
    names[((0.0, 0.0, 0.0), (1.0, 1.0, 1.0))] = "NONE"  # pixels left as they are: timm has no constant for it
    return names


def build_record(name: str, cfg: dict, params_m: Optional[float], rows: list, version: str,
                 speeds: Optional[list] = None, normalizations: Optional[dict[tuple, str]] = None) -> ModelRecord:
    parsed = parse_timm_name(name)
    input_size = _size(cfg.get("input_size")) or (3, 224, 224)
    native = input_size[-1]
    main = native_result(rows, "imagenet", native)
    test_size = _size(cfg.get("test_input_size"))
    at_test = native_result(rows, "imagenet", test_size[-1]) if test_size and test_size[-1] != native else None
    extra = {field: getattr(native_result(rows, bench, native), "top1", None) for bench, field in SECONDARY_TOP1.items()}
    hub_id = cfg.get("hf_hub_id") or None
    mean, std = (tuple(cfg[k]) if cfg.get(k) else None for k in ("mean", "std"))
    rounded = (tuple(round(v, 4) for v in mean), tuple(round(v, 4) for v in std)) if mean and std else None
    normalization = (normalizations or {}).get(rounded) if rounded else None
    return ModelRecord(
        name=name,
        arch=parsed.arch,
        tag=parsed.tag,
        family=parsed.family,
        size=parsed.size,
        size_token=parsed.size_token,
        variant_tokens=parsed.variant_tokens,
        patch_size=parsed.patch_size,
        methods=parsed.methods,
        datasets=parsed.datasets,
        name_resolution=parsed.name_resolution,
        input_size=input_size,
        test_input_size=test_size,
        fixed_input_size=bool(cfg.get("fixed_input_size")),
        crop_pct=cfg.get("crop_pct"),
        test_crop_pct=cfg.get("test_crop_pct"),
        crop_mode=cfg.get("crop_mode") or None,
        interpolation=cfg.get("interpolation") or None,
        mean=mean,
        std=std,
        normalization=normalization,
        **speed_facts(speeds or [], native),
        num_classes=cfg.get("num_classes"),
        license=cfg.get("license") or None,
        hf_hub_id=hub_id,
        hf_url=HF_URL.format(hub_id) if hub_id else None,
        paper_ids=[str(p) for p in (cfg.get("paper_ids") or [])] if not isinstance(cfg.get("paper_ids"), str) else [cfg["paper_ids"]],
        paper_name=cfg.get("paper_name") or None,
        params_m=params_m,
        top1=main.top1 if main else None,
        top5=main.top5 if main else None,
        top1_test=at_test.top1 if at_test else None,
        top5_test=at_test.top5 if at_test else None,
        results=rows,
        timm_version=version,
        **extra,
    )


def build_registry(
    progress: Optional[Callable[[Iterable[str]], Iterable[str]]] = None,
    results_dir: Path = RESULTS_DIR,
    home: Optional[Path] = None,
    stats: Optional[dict] = None,
) -> list[ModelRecord]:
    """Every live pretrained tag of the installed timm as a ModelRecord. Works offline."""
    import timm
    from timm.models import get_pretrained_cfg

    version = timm_version()
    names = timm.list_models(pretrained=True)
    params = load_params(names, version, progress=progress, home=home, stats=stats)
    results = read_results(results_dir)
    speeds = read_speeds(results_dir)
    normalizations = normalization_names()
    records = []
    defaults: dict[str, str] = {}  # arch -> the tag timm loads for the bare architecture name
    for name in progress(names) if progress else names:
        cfg = get_pretrained_cfg(name).to_dict()
        record = build_record(name, cfg, params.get(name), results.get(name, []), version,
                              speeds.get(name.split(".")[0], []), normalizations)
        if record.arch not in defaults:
            defaults[record.arch] = getattr(get_pretrained_cfg(record.arch), "tag", "") or ""
        records.append(record.model_copy(update={"default_tag": record.tag == defaults[record.arch]}))
    return records


def _cache_key(results_dir: Path) -> str:
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION};timm={timm_version()}".encode())
    for path in sorted(results_dir.glob("*.csv")) + [shipped_params_file(timm_version())]:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    # the decoder's vocabulary shapes every record: a change to it must rebuild the cache
    kb_root = Path(__file__).resolve().parent.parent
    for module in ("naming/timm.py", "naming/parts.py", "naming/vocab.py", "registry/records.py", "registry/results.py"):
        digest.update((kb_root / module).read_bytes())
    return digest.hexdigest()[:16]


def registry_cache_file(results_dir: Path = RESULTS_DIR, home: Optional[Path] = None) -> Path:
    return cache_dir(home) / f"registry-{_cache_key(results_dir)}.json"


def load_registry(refresh: bool = False, progress=None, results_dir: Path = RESULTS_DIR,
                  home: Optional[Path] = None, stats: Optional[dict] = None) -> list[ModelRecord]:
    """The registry from the JSON cache when it matches its sources, else built and cached. `stats` gets how
    many parameter counts were counted or reused from another timm version (see kb.registry.params)."""
    path = registry_cache_file(results_dir, home)
    if path.is_file() and not refresh:
        try:
            return [ModelRecord.model_validate(item) for item in json.loads(path.read_text(encoding="utf-8"))]
        except (ValueError, TypeError):
            pass  # a damaged cache is rebuilt below
    records = build_registry(progress=progress, results_dir=results_dir, home=home, stats=stats)
    write_cache(path, json.dumps([r.model_dump(mode="json") for r in records], ensure_ascii=False))
    return records


def records_by_name(records: list[ModelRecord]) -> dict[str, ModelRecord]:
    return {r.name: r for r in records}
