"""Side by side: two to four weights, fact by fact, with what differs marked and the note passages on each.

`kb compare A B [C D]`, a question like "compare A and B" / "A랑 B 차이" / "A vs B", and the app's row selection
all come here. Names may be full tags or architectures (an architecture stands for its default tag).
"""

from __future__ import annotations

import re
from typing import Optional

from kb.answering.schema import Comparison, ComparisonRow, PassageHit
from kb.errors import BadInput, UnknownName
from kb.registry.licenses import license_class
from kb.schema import Lang, ModelRecord, Passage

COMPARE_CUE = re.compile(r"\bcompare\b|\bcomparison\b|\bvs\.?\b|\bversus\b|differences? between|차이|비교", re.IGNORECASE)
MAX_COMPARED = 4

# (key, English label, Korean label, value of a record as text)
FIELDS: list[tuple[str, str, str, object]] = [
    ("params", "params (M)", "파라미터 (M)", lambda r: r.params_m),
    ("top1", "ImageNet top-1 (%)", "ImageNet top-1 (%)", lambda r: r.top1),
    ("top5", "ImageNet top-5 (%)", "ImageNet top-5 (%)", lambda r: r.top5),
    ("resolution", "input size", "입력 크기", lambda r: r.resolution),
    ("test_resolution", "test size", "테스트 크기", lambda r: r.test_resolution),
    ("data", "training data", "학습 데이터", lambda r: " → ".join(f"{d.raw} ({d.stage})" for d in r.datasets) or None),
    ("methods", "methods", "방법", lambda r: ", ".join(r.methods) or None),
    ("license", "licence", "라이선스", lambda r: f"{r.license or 'unknown'} ({license_class(r.license)})"),
    ("interpolation", "interpolation", "보간", lambda r: r.interpolation),
    ("crop", "crop", "크롭", lambda r: f"{r.crop_pct} {r.crop_mode or ''}".strip() if r.crop_pct is not None else None),
    ("mean_std", "normalisation (mean / std)", "정규화 (mean / std)",
     lambda r: r.normalization or (f"{r.mean} / {r.std}" if r.mean else None)),
    ("gmacs", "GMACs", "GMACs", lambda r: r.gmacs),
    ("gpu", "images/s (RTX 4090, AMP)", "초당 이미지 (RTX 4090, AMP)", lambda r: r.images_per_sec_gpu),
    ("cpu", "images/s (CPU, fp32, batch 1)", "초당 이미지 (CPU, fp32, 배치 1)", lambda r: r.images_per_sec_cpu),
    ("paper", "paper", "논문", lambda r: ", ".join(r.paper_ids) or None),
]
NOT_MEASURED = {"en": "not measured", "ko": "측정 없음"}


def resolve(names: list[str], records: dict[str, ModelRecord], by_arch: dict[str, list[str]]) -> list[ModelRecord]:
    """Records for the names as written (tag, or architecture = its default tag); UnknownName otherwise."""
    found = []
    for name in names:
        key = name.strip().lower()
        if key in records:
            found.append(records[key])
        elif key in by_arch:
            found.append(records[by_arch[key][0]])
        else:
            from kb.naming.index import closest_names

            raise UnknownName(f"{name!r} is not a live timm name", suggestions=closest_names(key, list(records)))
    return found


def compare(chosen: list[ModelRecord], passages: list[Passage], lang: Lang = "en") -> Comparison:
    if not 2 <= len(chosen) <= MAX_COMPARED:
        raise BadInput(f"compare 2 to {MAX_COMPARED} weights, not {len(chosen)} / 2~{MAX_COMPARED}개를 비교할 수 있습니다")
    rows = []
    for key, en, ko, value_of in FIELDS:
        values = [value_of(r) for r in chosen]
        shown = [NOT_MEASURED[lang] if v is None and key in ("gmacs", "gpu", "cpu") else "-" if v is None else
                 (f"{v:g}" if isinstance(v, float) else str(v)) for v in values]
        rows.append(ComparisonRow(key=key, label=ko if lang == "ko" else en, values=shown, differs=len(set(shown)) > 1))
    names = [r.name for r in chosen]
    evidence = [PassageHit(source=p.source, heading=p.heading, text=p.text, score=0.0,
                           models=[n for n in names if n in p.linked_tags])
                for p in passages if set(names) & set(p.linked_tags)]
    evidence.sort(key=lambda h: (-len(h.models), h.source, h.heading))
    return Comparison(names=names, rows=rows, passages=evidence[:6])


def names_to_compare(question: str, named: list[str]) -> Optional[list[str]]:
    """The names a question asks to compare, when it asks for a comparison of 2-4 of them."""
    unique = list(dict.fromkeys(named))
    return unique if COMPARE_CUE.search(question) and 2 <= len(unique) <= MAX_COMPARED else None
