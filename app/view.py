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
    """Literal text for st.markdown: no HTML element, image, `[text](target)` link, emphasis or formula can come
    out of it, so nothing is fetched and no link hides its target.

    Policy for bare URLs: a `http(s)://…` or `www.…` written in the text stays as written (copying it gives the
    URL, no hidden character is inserted), and Streamlit's renderer (GFM autolink literals, found after escapes
    are read) may show it as a clickable link whose text is the URL itself. Nothing is loaded unless the reader
    clicks; `javascript:` and other schemes are never linked. Text that must not be clickable at all (passages)
    is shown with st.text instead. See docs/architecture.md ("What the app renders")."""
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


def table_markdown(models: list[ModelHit], lang: Lang, page: int = 1, size: Optional[int] = PAGE_SIZE,
                   extra: tuple[str, ...] = ()) -> str:
    """One page of the matches as a markdown table: the fact table's "table" columns (a column timm has no value
    for on this page is left out), and the facts the question asked about or ranked by. Text in the page, so it
    can be searched and copied; the name is never a link (an underline hides its underscores)."""
    from kb import fact, in_place

    rows = models if size is None else models[(page - 1) * size: page * size]
    columns = [f for f in in_place("table") if f.key in ("name", "hf_url") or any(f.value(m) is not None for m in rows)]
    columns += [fact(k) for k in dict.fromkeys(extra) if k not in {f.key for f in columns}]
    lines = ["| " + " | ".join(escape_markdown(f.header(lang)) for f in columns) + " |", "|" + "---|" * len(columns)]
    for m in rows:
        cells = []
        for f in columns:
            value = f.value(m)
            if f.key == "name":
                cells.append(f"`{m.name}`")
            elif f.key == "hf_url":
                cells.append(f"[HF]({value})" if value else "")
            else:
                cells.append("" if value is None else escape_markdown(f.shown(value, lang)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def detail_facts(hit: ModelHit, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) pairs of a weight's detail view, every fact of the table's "detail" place with its unit;
    "not measured" where timm's benchmarks have no row."""
    from kb import in_place

    rows = []
    for f in in_place("detail"):
        if f.key in ("create_model", "hf_url", "name"):
            continue  # shown as code and as a link
        value = f.value(hit)
        if f.key == "paper" and hit.paper_urls:
            rows.append((f.plain(lang), " · ".join(f"[{escape_markdown(u.rsplit('/', 1)[-1])}]({u})" for u in hit.paper_urls)))
        elif value is not None or f.measured:
            rows.append((f.plain(lang), escape_markdown(f.shown(value, lang, unit=True))))
    return rows


def answer_blocks(text: str) -> list[tuple[str, str]]:
    """The answer's text as ("prose" | "code", text) blocks: prose is shown escaped, code as code, whole."""
    blocks = []
    for i, piece in enumerate(re.split(r"^```[^\n]*\n(.*?)^```\s*$", text, flags=re.S | re.M)):
        if piece.strip():
            blocks.append(("code" if i % 2 else "prose", piece.strip("\n") if i % 2 else piece.strip()))
    return blocks


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


def widget_facts():
    """The facts the sidebar edits: the fact table's "widget" place (kb.facts)."""
    from kb import in_place

    return in_place("widget")


def widget_keys(fact) -> list[str]:
    """A list fact has one widget, a number two: its lowest and its highest value (0 = any)."""
    return [f"f_{fact.key}_min", f"f_{fact.key}_max"] if fact.kind == "number" else [f"f_{fact.key}"]


def options(records, fact, chosen: list[str]) -> list[str]:
    """The values a list widget offers: what the live records have, and what is already chosen."""
    values: set[str] = set(chosen)
    for record in records:
        value = record.dataset_names if fact.key == "data" else fact.read(record)
        values.update(v for v in (value if isinstance(value, list) else [value]) if v)
    return sorted(values)


@dataclass
class FilterForm:
    """The sidebar's values by widget key (widget_keys): a list, or a number where 0 means any."""

    values: dict = field(default_factory=dict)


def form_from_answer(answer: Optional[Answer]) -> FilterForm:
    """The sidebar as the answer read its question: the flat filters' lists, each number's bounds."""
    filters = answer.filters if answer is not None else QueryFilters()
    lists = {"size": filters.sizes, "family": filters.families, "license": filters.licenses,
             "data": _unique(filters.datasets + filters.any_datasets + filters.pretrain_datasets + filters.finetune_datasets)}
    values: dict = {}
    for fact in widget_facts():
        if fact.kind != "number":
            values[f"f_{fact.key}"] = list(lists.get(fact.key, []))
            continue
        low = high = 0.0
        where = answer.where if answer is not None else None
        for part in (where.items if getattr(where, "kind", "") == "and" else [where] if where is not None else []):
            if getattr(part, "kind", "") == "cond" and part.field == fact.key and not isinstance(part.value, str):
                low = float(part.value) if part.op in ("=", ">", ">=") else low
                high = float(part.value) if part.op in ("=", "<", "<=") else high
        values[f"f_{fact.key}_min"], values[f"f_{fact.key}_max"] = low, high
    return FilterForm(values)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def edits_from_form(shown: FilterForm, edited: FilterForm) -> dict:
    """The facts the user changed, as `kb.edit_where` edits; untouched facts keep what the question said exactly
    (in22k as a *pretrain* dataset stays a pretrain condition unless the datasets box was edited)."""
    edits: dict = {}
    for fact in widget_facts():
        keys = widget_keys(fact)
        if all(shown.values.get(k) == edited.values.get(k) for k in keys):
            continue
        if fact.kind == "number":
            low, high = (edited.values.get(k) or None for k in keys)
            edits[fact.key] = (low, high)
        else:
            edits[fact.key] = list(edited.values.get(keys[0]) or [])
    return edits


# --------------------------------------------------------------------------------------------------------------
# Explanations and the manifest
# --------------------------------------------------------------------------------------------------------------


def explanation_facts(exp: Explanation, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) pairs in the UI language: the name's family, size and data, then the weight's facts."""
    from kb import fact

    chain = " → ".join(f"{d.raw} ({d.stage})" for d in exp.datasets)
    rows = [(fact("family").plain(lang), exp.family), (fact("size").plain(lang), exp.size or "-"),
            (fact("data").plain(lang), chain or "-")]
    facts = exp.facts or {"resolution": exp.resolution, "params": exp.params_m, "top1": exp.top1, "license": exp.license}
    rows += [(fact(k).plain(lang), fact(k).shown(v, lang, unit=True)) for k, v in facts.items()
             if v is not None and k not in ("family", "size", "data", "method")]
    return rows


def manifest_facts(manifest: Manifest) -> list[tuple[str, str]]:
    counts = manifest.counts
    return [
        ("built", manifest.built_at.replace("T", " ")[:19] + " UTC"),
        ("timm", manifest.timm_version),
        ("weights", f"{counts.get('records', 0):,}"),
        ("passages", f"{counts.get('passages', 0):,}"),
        ("embed", manifest.embed_model),
    ]
