"""Parameter counts per pretrained tag.

Counting needs a model instance, which costs ~0.1 s a tag even on the meta device, so the counts for the pinned
timm ship as `data/params/timm-<version>.json` and only tags missing from it are counted (and cached in KB_HOME).

Across timm versions a count is reused when the tag's *fingerprint* is unchanged: the source of the model module
that defines its architecture plus the parts of its pretrained cfg that shape the model (classes, input size,
…). A timm upgrade then counts only the tags that are new or whose module or cfg changed. Nothing here runs at
query time.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional

from kb.config import PARAMS_DIR, cache_dir
from kb.files import write_cache

# cfg keys that say where weights live or who may use them, not what the model is
_CFG_KEYS_IGNORED = {"url", "hf_hub_id", "hf_hub_filename", "license", "paper_ids", "paper_name", "notes",
                     "origin_url", "tag", "source", "file", "state_dict", "custom_load"}


def shipped_params_file(timm_version: str) -> Path:
    return PARAMS_DIR / f"timm-{timm_version}.json"


def fingerprints_file(params_file: Path) -> Path:
    return params_file.with_name(params_file.stem + ".fingerprints.json")


def cache_params_file(timm_version: str, home: Optional[Path] = None) -> Path:
    return cache_dir(home) / f"params-timm-{timm_version}.json"


def count_params_m(name: str) -> float:
    """Parameters of `name` in millions, counted without allocating weights."""
    import timm
    import torch

    with torch.device("meta"):
        model = timm.create_model(name, pretrained=False)
    return round(sum(p.numel() for p in model.parameters()) / 1e6, 2)


@lru_cache(maxsize=512)
def _module_digest(path: str) -> str:
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def fingerprint(name: str) -> str:
    """What the count of `name` depends on, in the installed timm: its model module's source and shaping cfg."""
    import inspect

    from timm.models import get_pretrained_cfg, model_entrypoint

    arch = name.split(".")[0]
    source = inspect.getsourcefile(model_entrypoint(arch)) or ""
    cfg = {k: v for k, v in get_pretrained_cfg(name).to_dict().items() if k not in _CFG_KEYS_IGNORED}
    shaped = json.dumps([arch, _module_digest(source), cfg], sort_keys=True, default=str)
    return hashlib.sha1(shaped.encode()).hexdigest()[:16]


def _read(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _counts(path: Path) -> dict[str, float]:
    data = _read(path)
    counts = data.get("params", data) if "params" in data else data  # cache files: {"params", "fingerprints"}
    try:
        return {str(k): float(v) for k, v in counts.items()}
    except (TypeError, ValueError):
        return {}


def _fingerprints(path: Path) -> dict[str, str]:
    data = _read(path)
    if "fingerprints" in data:
        return dict(data["fingerprints"])
    return {str(k): str(v) for k, v in _read(fingerprints_file(path)).items()}


def _reusable(timm_version: str, home: Optional[Path]) -> list[tuple[dict[str, float], dict[str, str]]]:
    """(counts, fingerprints) of every other timm version shipped or cached, newest file first."""
    files = sorted((p for p in PARAMS_DIR.glob("timm-*.json") if not p.name.endswith(".fingerprints.json")),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    files += sorted(cache_dir(home).glob("params-timm-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    current = {shipped_params_file(timm_version), cache_params_file(timm_version, home)}
    return [(_counts(p), _fingerprints(p)) for p in files if p not in current]


def load_params(
    names: Iterable[str],
    timm_version: str,
    count: Callable[[str], float] = count_params_m,
    progress: Optional[Callable[[Iterable[str]], Iterable[str]]] = None,
    home: Optional[Path] = None,
    stats: Optional[dict] = None,
) -> dict[str, float]:
    """Counts for `names`: the shipped file, then the KB_HOME cache, then counts of other timm versions whose
    fingerprint is unchanged, then counting. `stats` (when given) gets params_counted / params_reused."""
    known = _counts(shipped_params_file(timm_version))
    cache_file = cache_params_file(timm_version, home)
    cached = _counts(cache_file)
    known.update(cached)
    wanted = list(names)
    missing = [n for n in wanted if n not in known]
    reused: dict[str, float] = {}
    counted: dict[str, float] = {}
    prints: dict[str, str] = {}
    if missing:
        older = _reusable(timm_version, home)
        for name in missing:
            try:
                prints[name] = fingerprint(name)
            except Exception:  # an entrypoint timm cannot describe: count it
                continue
            for counts, old_prints in older:
                if old_prints.get(name) == prints[name] and name in counts:
                    reused[name] = counts[name]
                    break
        to_count = [n for n in missing if n not in reused]
        for name in progress(to_count) if progress else to_count:
            try:
                counted[name] = count(name)
            except Exception:  # a model that cannot be built keeps params unknown rather than stopping the build
                continue
        old_cache = _read(cache_file)
        write_cache(cache_file, json.dumps({
            "params": dict(sorted({**cached, **reused, **counted}.items())),
            "fingerprints": dict(sorted({**old_cache.get("fingerprints", {}), **prints}.items())),
        }, indent=0) + "\n")
        known.update(reused)
        known.update(counted)
    if stats is not None:
        stats.update(params_counted=len(counted), params_reused=len(reused))
    return {n: known[n] for n in wanted if n in known}


def write_shipped_params(timm_version: str, progress=None) -> Path:
    """Regenerate the shipped counts and fingerprints for the installed timm (a maintainer step, ~3 minutes)."""
    import timm

    names = timm.list_models(pretrained=True)
    counts = {name: count_params_m(name) for name in (progress(names) if progress else names)}
    path = shipped_params_file(timm_version)
    path.write_text(json.dumps(dict(sorted(counts.items())), indent=0) + "\n", encoding="utf-8")
    write_shipped_fingerprints(timm_version)
    return path


def write_shipped_fingerprints(timm_version: str) -> Path:
    """The fingerprints next to the shipped counts, so a later timm can tell which counts still hold."""
    import timm

    path = fingerprints_file(shipped_params_file(timm_version))
    prints = {name: fingerprint(name) for name in timm.list_models(pretrained=True)}
    path.write_text(json.dumps(dict(sorted(prints.items())), indent=0) + "\n", encoding="utf-8")
    return path
