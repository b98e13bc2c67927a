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


# inference benchmark file -> the speed field of a record it fills
SPEED_FILES = {
    "benchmark-infer-amp-nchw-pt291-cu128-4090.csv": "images_per_sec_gpu",  # RTX 4090, AMP, batch 1024
    "benchmark-infer-fp32-nchw-pt240-cpu-i7_12700h-dynamo.csv": "images_per_sec_cpu",  # i7-12700H, fp32, batch 1
}


def read_speeds(results_dir: Path) -> dict[str, list[dict]]:
    """arch -> rows {img_size, field, images_per_sec, gmacs} of timm's inference benchmark tables (by architecture)."""
    found: dict[str, list[dict]] = {}
    for name, field in SPEED_FILES.items():
        path = results_dir / name
        if not path.is_file():
            continue
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                size, rate = parse_number(row.get("infer_img_size", "")), parse_number(row.get("infer_samples_per_sec", ""))
                if row.get("model") and size and rate:
                    found.setdefault(row["model"], []).append(
                        {"img_size": int(size), "field": field, "images_per_sec": rate,
                         "gmacs": parse_number(row.get("infer_gmacs", "")),
                         "macts": parse_number(row.get("infer_macts", ""))})
    return found


def speed_facts(rows: list[dict], native_size: int) -> dict:
    """GMACs, activations and images/s of an architecture at the tag's input size. A size timm did not measure
    gives nothing: a speed at another size is another weight's figure."""
    facts: dict = {}
    for field in SPEED_FILES.values():
        row = next((r for r in rows if r["field"] == field and r["img_size"] == native_size), None)
        if row:
            facts[field] = row["images_per_sec"]
            facts.setdefault("gmacs", row.get("gmacs"))
            facts.setdefault("macts", row.get("macts"))
    return facts


def fact_source_problems(results_dir: Path | None = None) -> list[str]:
    """The results and benchmark tables kb reads facts from that are missing or hold no usable row, one line
    each ("results-imagenet.csv is missing"). A nightly refuses to build while any is listed: without it every
    fact it gives would turn null without a sound."""
    from kb import config

    folder = Path(results_dir) if results_dir is not None else config.RESULTS_DIR
    problems = []
    names = [f"{stem}.csv" for stem in BENCHMARKS] + list(SPEED_FILES)
    for name in names:
        path = folder / name
        if not path.is_file():
            problems.append(f"{path} is missing")
            continue
        try:
            with path.open(newline="", encoding="utf-8") as handle:
                usable = any(row.get("model") for row in csv.DictReader(handle))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            problems.append(f"{path} is unreadable ({error.__class__.__name__})")
            continue
        if not usable:
            problems.append(f"{path} is empty (no model rows)")
    return problems
