"""timm's ImageNet results tables (data/timm-results/results-*.csv) as EvalResult rows per tag."""

from __future__ import annotations

import csv
from pathlib import Path

from kb.schema import EvalResult

# file stem -> benchmark id used in records and answers
BENCHMARKS = {
    "results-imagenet": "imagenet",
    "results-imagenet-real": "imagenet-real",
    "results-imagenetv2-matched-frequency": "imagenet-v2",
    "results-sketch": "imagenet-sketch",
    "results-imagenet-a": "imagenet-a",
    "results-imagenet-a-clean": "imagenet-a-clean",
    "results-imagenet-r": "imagenet-r",
    "results-imagenet-r-clean": "imagenet-r-clean",
}


def parse_number(text: str) -> float | None:
    """CSV numbers, including timm's thousands commas ("1,013.01")."""
    text = (text or "").replace(",", "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def read_results_file(path: Path, benchmark: str) -> dict[str, list[EvalResult]]:
    rows: dict[str, list[EvalResult]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            top1, top5, size = parse_number(row.get("top1", "")), parse_number(row.get("top5", "")), parse_number(row.get("img_size", ""))
            if not row.get("model") or top1 is None or size is None:
                continue
            rows.setdefault(row["model"], []).append(
                EvalResult(
                    benchmark=benchmark,
                    img_size=int(size),
                    top1=top1,
                    top5=top5 if top5 is not None else 0.0,
                    param_count_m=parse_number(row.get("param_count", "")),
                    crop_pct=parse_number(row.get("crop_pct", "")),
                )
            )
    return rows


def read_results(results_dir: Path) -> dict[str, list[EvalResult]]:
    """Every known results table in `results_dir`, merged per tag."""
    merged: dict[str, list[EvalResult]] = {}
    for stem, benchmark in BENCHMARKS.items():
        path = results_dir / f"{stem}.csv"
        if path.is_file():
            for tag, rows in read_results_file(path, benchmark).items():
                merged.setdefault(tag, []).extend(rows)
    return merged


def native_result(rows: list[EvalResult], benchmark: str, native_size: int) -> EvalResult | None:
    """The row of `benchmark` at the tag's native input size; other sizes are test-resolution results."""
    for row in rows:
        if row.benchmark == benchmark and row.img_size == native_size:
            return row
    return None
