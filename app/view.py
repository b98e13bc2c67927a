"""Pure formatting for the app: schema objects in, display values out. No Streamlit here, so it is unit-testable.

Note text and anything derived from it is escaped before it reaches st.markdown: HTML and markdown syntax in a
note are shown as the characters they are, never interpreted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from kb import Answer, Explanation, Lang, Manifest, ModelHit, QueryFilters, understood_chips

# CommonMark treats a backslash before ASCII punctuation as the literal character. `$` starts LaTeX in Streamlit.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:&])")

def escape_markdown(text: str) -> str:
    """Literal text for st.markdown: no HTML element, link, emphasis or formula can come out of it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def unescape_markdown(text: str) -> str:
    """Inverse of escape_markdown (tests use it to read what the user sees)."""
    return re.sub(r"\\(.)", r"\1", text)


@dataclass
class Turn:
    """One exchange of the chat history."""

    question: str
    lang: Lang
    answer: Optional[Answer] = None
    error: Optional[str] = None  # a KBError message shown instead of an answer
    rerun: bool = False  # asked again from the sidebar with edited filters


def filter_chips(answer: Answer, lang: Lang) -> list[str]:
    """The conditions the answer matched (its filter expression), in the UI language."""
    return understood_chips(answer, lang)


def chips_markdown(chips: list[str]) -> str:
    """Streamlit badges, one per understood constraint."""
    return " ".join(f":blue-badge[{escape_markdown(chip)}]" for chip in chips)


PAGE_SIZE = 20


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def _cell(value, digits: int = 1) -> str:
    """A table cell: numbers with their digits, nothing (not "None") when the registry has no value."""
    if value is None:
        return ""
    return f"{value:.{digits}f}" if isinstance(value, float) else escape_markdown(str(value))


def table_markdown(models: list[ModelHit], lang: Lang, page: int = 1, size: Optional[int] = PAGE_SIZE) -> str:
    """One page of the matches as a markdown table: the timm name, params, top-1, resolution (test resolution when
    any row has one), licence, and a Hugging Face link only when the cfg names one. Text in the page, so it can be
    searched and copied; the name is never a link (an underline hides its underscores)."""
    from kb import ui_text as t

    rows = models if size is None else models[(page - 1) * size: page * size]
    with_test_res = any(m.test_resolution for m in rows)
    keys = ["col_name", "col_params", "col_top1", "col_res"] + (["col_test_res"] if with_test_res else []) + ["col_license", "col_link"]
    lines = ["| " + " | ".join(t(k, lang) for k in keys) + " |", "|" + "---|" * len(keys)]
    for m in rows:
        cells = [f"`{m.name}`", _cell(m.params_m), _cell(m.top1, 2), _cell(m.resolution)]
        cells += [_cell(m.test_resolution)] if with_test_res else []
        cells += [_cell(m.license), f"[HF]({m.hf_url})" if m.hf_url else ""]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def detail_facts(hit: ModelHit, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) pairs of a weight's detail view; "not measured" where timm's benchmarks have no row."""
    from kb import ui_text as t

    pre = hit.preprocessing
    missing = t("not_measured", lang)
    rows = [
        ("col_params", _cell(hit.params_m, 2)), ("col_top1", _cell(hit.top1, 2)), ("col_top5", _cell(hit.top5, 2)),
        ("col_res", _cell(hit.resolution)), ("col_test_res", _cell(hit.test_resolution)),
        ("col_license", f"{_cell(hit.license)} ({hit.license_class})" if hit.license else ""),
        ("preprocessing", escape_markdown(f"{pre.interpolation}, crop {pre.crop_pct} {pre.crop_mode or ''}, "
                                          + (pre.normalization or f"mean {pre.mean}, std {pre.std}")) if pre else ""),
        ("gmacs", _cell(hit.gmacs, 2) or missing), ("speed_gpu", _cell(hit.images_per_sec_gpu, 0) or missing),
        ("speed_cpu", _cell(hit.images_per_sec_cpu, 1) or missing),
        ("paper", " · ".join(f"[{escape_markdown(u.rsplit('/', 1)[-1])}]({u})" for u in hit.paper_urls)),
    ]
    return [(t(key, lang), value or "-") for key, value in rows]


def comparison_markdown(comparison) -> str:
    """The comparison as a markdown table, the rows that differ in bold."""
    lines = ["| | " + " | ".join(f"`{n}`" for n in comparison.names) + " |", "|---|" + "---|" * len(comparison.names)]
    for row in comparison.rows:
        label = f"**{escape_markdown(row.label)}**" if row.differs else escape_markdown(row.label)
        values = [f"**{escape_markdown(v)}**" if row.differs else escape_markdown(v) for v in row.values]
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def by_citation(passages, cite) -> list[tuple[str, list[str], list[str]]]:
    """Passages under one heading (a section cut in pieces) as one entry: the citation once, texts in rank order."""
    grouped: dict[str, tuple[list[str], list[str]]] = {}
    for passage in passages:
        texts, models = grouped.setdefault(cite(passage), ([], []))
        texts.append(passage.text)
        models += [m for m in passage.models if m not in models]
    return [(c, texts, models) for c, (texts, models) in grouped.items()]


def plot_points(models: list[ModelHit]):
    """Matches that have both params and top-1, for the scatter plot."""
    import pandas as pd

    rows = [m for m in models if m.params_m is not None and m.top1 is not None]
    return pd.DataFrame(
        {
            "name": [m.name for m in rows],
            "params_m": [m.params_m for m in rows],
            "top1": [m.top1 for m in rows],
            "resolution": [f"{m.resolution}px" if m.resolution else "?" for m in rows],
        }
    )


# --------------------------------------------------------------------------------------------------------------
# Sidebar filters <-> QueryFilters
# --------------------------------------------------------------------------------------------------------------


@dataclass
class FilterForm:
    """The sidebar's editable filters. 0 means "any" for the numbers."""

    sizes: list[str] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    resolution: int = 0
    max_params_m: float = 0.0
    min_top1: float = 0.0
    families: list[str] = field(default_factory=list)
    licenses: list[str] = field(default_factory=list)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def form_from_filters(filters: QueryFilters) -> FilterForm:
    return FilterForm(
        sizes=list(filters.sizes),
        datasets=_unique(filters.datasets + filters.any_datasets + filters.pretrain_datasets + filters.finetune_datasets),
        resolution=filters.resolution or 0,
        max_params_m=float(filters.max_params_m or 0.0),
        min_top1=float(filters.min_top1 or 0.0),
        families=list(filters.families),
        licenses=list(filters.licenses),
    )


def edits_from_form(shown: FilterForm, edited: FilterForm) -> dict:
    """The sidebar fields the user changed, as `kb.edit_where` edits; untouched fields keep what the question
    said exactly (in22k as a *pretrain* dataset stays a pretrain condition unless the datasets box was edited)."""
    pairs = {"size": ("sizes", list), "data": ("datasets", list), "resolution": ("resolution", int),
             "params_max": ("max_params_m", float), "top1_min": ("min_top1", float), "family": ("families", list),
             "license": ("licenses", list)}
    return {key: (kind(getattr(edited, attr)) or None) if kind is not list else list(getattr(edited, attr))
            for key, (attr, kind) in pairs.items() if getattr(edited, attr) != getattr(shown, attr)}


# --------------------------------------------------------------------------------------------------------------
# Explanations and the manifest
# --------------------------------------------------------------------------------------------------------------


def _value(value: object, unit: str = "") -> str:
    return "-" if value in (None, "", []) else f"{value}{unit}"


FACT_LABELS: dict[str, dict[Lang, str]] = {
    "family": {"en": "family", "ko": "계열"},
    "size": {"en": "size", "ko": "크기"},
    "data": {"en": "data", "ko": "데이터"},
    "methods": {"en": "methods", "ko": "방법"},
    "res": {"en": "resolution", "ko": "해상도"},
    "test_res": {"en": "test resolution", "ko": "테스트 해상도"},
    "params": {"en": "params", "ko": "파라미터"},
    "top1": {"en": "ImageNet top-1", "ko": "ImageNet top-1"},
    "license": {"en": "licence", "ko": "라이선스"},
    "matches": {"en": "live timm weights", "ko": "해당 timm 가중치"},
}


def explanation_facts(exp: Explanation, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) pairs in the UI language; values are plain text."""
    chain = " → ".join(f"{d.raw} ({d.stage})" for d in exp.datasets)
    matches = ", ".join(exp.timm_matches[:8]) + (f" … +{len(exp.timm_matches) - 8}" if len(exp.timm_matches) > 8 else "")
    facts = [
        ("family", exp.family),
        ("size", exp.size),
        ("data", chain),
        ("methods", ", ".join(exp.methods)),
        ("res", exp.resolution),
        ("test_res", exp.test_resolution),
        ("params", None if exp.params_m is None else f"{exp.params_m}M"),
        ("top1", None if exp.top1 is None else f"{exp.top1}%"),
        ("license", exp.license),
        ("matches", matches),
    ]
    return [(FACT_LABELS[key][lang], _value(value)) for key, value in facts]


def manifest_facts(manifest: Manifest) -> list[tuple[str, str]]:
    counts = manifest.counts
    return [
        ("built", manifest.built_at.replace("T", " ")[:19] + " UTC"),
        ("timm", manifest.timm_version),
        ("weights", f"{counts.get('records', 0):,}"),
        ("passages", f"{counts.get('passages', 0):,}"),
        ("embed", manifest.embed_model),
    ]
