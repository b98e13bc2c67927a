"""Licence classes: what a licence id allows, as data. `kb licenses` prints this table against the live registry.

- permissive: commercial use allowed with attribution (apache-2.0, mit, bsd-*, cc-by-4.0, ...);
- noncommercial: research or non-commercial use only (cc-by-nc-*, fair-noncommercial-research-license,
  seer-license, apple-amlr, ...);
- custom: a licence of its own (dinov3-license, fastvit-license, nvidia-open-model-license, gemma, ...):
  usable under its own terms, which an answer tells the user to check;
- unknown: the registry gives no licence, or says "unknown".
A licence id the table does not list is custom: its terms are its own until someone classifies it.
"""

from __future__ import annotations

import re
from typing import Literal

LicenseClass = Literal["permissive", "noncommercial", "custom", "unknown"]
CLASSES: tuple[LicenseClass, ...] = ("permissive", "noncommercial", "custom", "unknown")

PERMISSIVE = {"apache-2.0", "mit", "bsd-3-clause", "bsd-2-clause", "cc-by-4.0", "cc0-1.0", "unlicense"}
NONCOMMERCIAL = re.compile(r"^cc-by-nc|noncommercial|non-commercial|^seer-license$|^apple-amlr$|research-only")
UNKNOWN = {"", "unknown", "other"}

CLASS_LABELS: dict[LicenseClass, tuple[str, str]] = {
    "permissive": ("commercially usable (permissive)", "상업적 사용 가능 (허용적)"),
    "noncommercial": ("non-commercial", "비상업"),
    "custom": ("custom licence: check its terms", "자체 라이선스: 조건을 확인하세요"),
    "unknown": ("licence unknown", "라이선스 미상"),
}


def license_class(license_id: str | None) -> LicenseClass:
    value = (license_id or "").strip().lower()
    if value in UNKNOWN:
        return "unknown"
    if value in PERMISSIVE:
        return "permissive"
    if NONCOMMERCIAL.search(value):
        return "noncommercial"
    return "custom"
