"""Parameter counts per pretrained tag.

Counting needs a model instance, which costs ~0.1 s a tag even on the meta device, so the counts for the pinned
timm ship as `data/params/timm-<version>.json` and only tags missing from that file are counted (and cached in
KB_HOME). Nothing here runs at query time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable, Optional

from kb.config import PARAMS_DIR, kb_home


def shipped_params_file(timm_version: str) -> Path:
    return PARAMS_DIR / f"timm-{timm_version}.json"


def cache_params_file(timm_version: str) -> Path:
    return kb_home() / "cache" / f"params-timm-{timm_version}.json"


def count_params_m(name: str) -> float:
    """Parameters of `name` in millions, counted without allocating weights."""
    import timm
    import torch

    with torch.device("meta"):
        model = timm.create_model(name, pretrained=False)
    return round(sum(p.numel() for p in model.parameters()) / 1e6, 2)


def _read(path: Path) -> dict[str, float]:
    if not path.is_file():
        return {}
    try:
        return {str(k): float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (ValueError, AttributeError):
        return {}


def _write(path: Path, counts: dict[str, float]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(dict(sorted(counts.items())), indent=0) + "\n", encoding="utf-8")
    tmp.replace(path)


def load_params(
    names: Iterable[str],
    timm_version: str,
    count: Callable[[str], float] = count_params_m,
    progress: Optional[Callable[[Iterable[str]], Iterable[str]]] = None,
) -> dict[str, float]:
    """Counts for `names`: shipped file first, then the KB_HOME cache, then counting (saved to the cache)."""
    known = _read(shipped_params_file(timm_version))
    known.update(_read(cache_params_file(timm_version)))
    wanted = list(names)
    missing = [n for n in wanted if n not in known]
    if missing:
        counted: dict[str, float] = {}
        for name in progress(missing) if progress else missing:
            try:
                counted[name] = count(name)
            except Exception:  # a model that cannot be built keeps params unknown rather than stopping the build
                continue
        cached = _read(cache_params_file(timm_version))
        cached.update(counted)
        _write(cache_params_file(timm_version), cached)
        known.update(counted)
    return {n: known[n] for n in wanted if n in known}


def write_shipped_params(timm_version: str, progress=None) -> Path:
    """Regenerate the shipped file for the installed timm (a maintainer step, ~3 minutes)."""
    import timm

    names = timm.list_models(pretrained=True)
    counts = {}
    for name in progress(names) if progress else names:
        counts[name] = count_params_m(name)
    path = shipped_params_file(timm_version)
    _write(path, counts)
    return path
