"""The short answer in the question's language: what was understood, what matched, and where the notes say so.

Pure functions over schema objects; the wording tables are here so Korean and English stay side by side.
"""

from __future__ import annotations

from kb.schema import Lang, ModelHit, PassageHit, QueryFilters, Relaxation

SORT_LABELS: dict[str, dict[Lang, str]] = {
    "top1": {"en": "most accurate first", "ko": "정확도 높은 순"},
    "params_asc": {"en": "smallest first", "ko": "파라미터 적은 순"},
    "params_desc": {"en": "largest first", "ko": "파라미터 많은 순"},
    "resolution_desc": {"en": "highest resolution first", "ko": "해상도 높은 순"},
}

# One template per filter field: (English, Korean). `{v}` is the value.
FILTER_LABELS: dict[str, tuple[str, str]] = {
    "sizes": ("size {v}", "크기 {v}"),
    "datasets": ("data {v}", "데이터 {v}"),
    "any_datasets": ("data any of {v}", "데이터 {v} 중 하나"),
    "epochs": ("{v} epochs", "{v} 에폭"),
    "patch_size": ("patch {v}", "패치 {v}"),
    "pretrain_datasets": ("pretrained on {v}", "{v} 사전학습"),
    "finetune_datasets": ("fine-tuned on {v}", "{v} 파인튜닝"),
    "resolution": ("{v}px", "해상도 {v}"),
    "min_params_m": ("≥ {v}M params", "파라미터 {v}M 이상"),
    "max_params_m": ("≤ {v}M params", "파라미터 {v}M 이하"),
    "min_top1": ("top-1 ≥ {v}%", "top-1 {v}% 이상"),
    "families": ("family {v}", "계열 {v}"),
    "archs": ("architecture {v}", "아키텍처 {v}"),
    "names": ("name {v}", "이름 {v}"),
    "methods": ("method {v}", "방법 {v}"),
    "licenses": ("licence {v}", "라이선스 {v}"),
}

TEXT: dict[str, dict[Lang, str]] = {
    "found": {
        "en": "{n} live timm weight{s} match {cond}.",
        "ko": "{cond} 조건에 맞는 timm 가중치는 {n}개입니다.",
    },
    "showing": {"en": " Showing the first {k}.", "ko": " 앞의 {k}개를 보여 드립니다."},
    "best_top1": {
        "en": " Most accurate: {name} (top-1 {top1}%, {params}M params, {res}px).",
        "ko": " 가장 정확한 모델은 {name}입니다 (top-1 {top1}%, 파라미터 {params}M, {res}px).",
    },
    "first": {
        "en": " First: {name} ({params}M params, top-1 {top1}, {res}px).",
        "ko": " 첫 번째: {name} (파라미터 {params}M, top-1 {top1}, {res}px).",
    },
    "none": {
        "en": "No live timm weight matches {cond}.",
        "ko": "{cond} 조건에 맞는 timm 가중치가 없습니다.",
    },
    "relax": {"en": " Nearest: {items}.", "ko": " 가까운 대안: {items}."},
    "notes_only": {
        "en": "The notes that answer this best:",
        "ko": "이 질문에 가장 가까운 노트 내용입니다:",
    },
    "no_notes": {
        "en": "I found nothing in the notes or the registry for this question.",
        "ko": "노트와 레지스트리에서 이 질문에 맞는 내용을 찾지 못했습니다.",
    },
    "see": {"en": " See {cites}.", "ko": " 참고: {cites}."},
    "any": {"en": "your question", "ko": "질문"},
}


def describe_filters(filters: QueryFilters, lang: Lang) -> list[str]:
    """Human-readable chips for every constraint the rules understood."""
    chips: list[str] = []
    for field, (en, ko) in FILTER_LABELS.items():
        value = getattr(filters, field)
        if value in (None, [], ""):
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        shown = " | ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        chips.append((ko if lang == "ko" else en).format(v=shown))
    if filters.in1k_only:
        chips.append("ImageNet-1k만" if lang == "ko" else "ImageNet-1k only")
    if filters.not_finetuned:
        chips.append("파인튜닝 전 사전학습 가중치" if lang == "ko" else "pretrained only, not fine-tuned")
    if filters.sort in SORT_LABELS:
        chips.append(SORT_LABELS[filters.sort][lang])
    return chips


def citation(hit: PassageHit) -> str:
    return f"[{hit.source} § {hit.heading}]"


def _fmt(value, digits: int = 1) -> str:
    return "?" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _snippet(text: str, limit: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def compose_answer(
    lang: Lang,
    filters: QueryFilters,
    models: list[ModelHit],
    total_matches: int,
    passages: list[PassageHit],
    relaxations: list[Relaxation],
    max_citations: int = 3,
) -> str:
    """A few sentences: the count and the best match, or the nearest relaxations, then citations."""
    chips = describe_filters(filters, lang)
    cond = " · ".join(chips) if chips else TEXT["any"][lang]
    cites = " ".join(dict.fromkeys(citation(p) for p in passages[:max_citations]))
    if filters.is_structured() and not (filters.wants_explanation and passages):
        if total_matches == 0:
            text = TEXT["none"][lang].format(cond=cond)
            if relaxations:
                items = "; ".join((r.description_ko or r.description) if lang == "ko" else r.description for r in relaxations[:3])
                text += TEXT["relax"][lang].format(items=items)
        else:
            text = TEXT["found"][lang].format(n=total_matches, s="" if total_matches == 1 else "s", cond=cond)
            if len(models) < total_matches:
                text += TEXT["showing"][lang].format(k=len(models))
            top = models[0]
            key = "best_top1" if filters.sort == "top1" else "first"
            text += TEXT[key][lang].format(
                name=top.name, top1=_fmt(top.top1, 2), params=_fmt(top.params_m, 1), res=_fmt(top.resolution)
            )
        if cites:
            text += TEXT["see"][lang].format(cites=cites)
        return text
    if not passages:
        return TEXT["no_notes"][lang]
    best = passages[0]
    text = f"{TEXT['notes_only'][lang]} “{_snippet(best.text)}” {citation(best)}"
    if filters.is_structured() and total_matches:
        text += " " + TEXT["found"][lang].format(n=total_matches, s="" if total_matches == 1 else "s", cond=cond)
    return text + (TEXT["see"][lang].format(cites=cites) if len(passages) > 1 else "")
