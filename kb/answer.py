"""The short answer in the question's language: what was understood, what matched, and where the notes say so.

Pure functions over schema objects; the wording tables are here so Korean and English stay side by side.
"""

from __future__ import annotations

from typing import Optional

from kb.licenses import license_class
from kb.query.describe import chips
from kb.query.followup import RESTATED
from kb.schema import Comparison, FollowUp, Lang, NoteQuote, ModelHit, PassageHit, Relaxation, Understanding

SORT_LABELS: dict[str, dict[Lang, str]] = {
    "top1": {"en": "most accurate first", "ko": "정확도 높은 순"},
    "params_asc": {"en": "smallest first", "ko": "파라미터 적은 순"},
    "params_desc": {"en": "largest first", "ko": "파라미터 많은 순"},
    "resolution_desc": {"en": "highest resolution first", "ko": "해상도 높은 순"},
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
    "refined": {"en": "(Refining the previous question: {previous}.)", "ko": "(앞 질문을 이어서 좁혔습니다: {previous}.)"},
    "new_subject": {"en": "(A new question: the previous filters were dropped.)", "ko": "(새 질문으로 보고 앞의 조건은 뺐습니다.)"},
    "corrected": {"en": "Read '{written}' as {read_as}.", "ko": "'{written}'을(를) {read_as}(으)로 읽었습니다."},
    "ignored": {"en": "Not used: {words}.", "ko": "쓰지 않은 말: {words}."},
    "notes_say": {"en": " The notes: “{quote}” {cite}.", "ko": " 노트: “{quote}” {cite}."},
    "code_line": {"en": "In code: {code}", "ko": "코드로는: {code}"},
    "compared": {"en": "Compared {names}. They differ in: {fields}.", "ko": "{names} 비교: 다른 점은 {fields}입니다."},
    "custom_license": {"en": " Some have a custom licence: check its terms.", "ko": " 자체 라이선스인 가중치가 있습니다: 조건을 확인하세요."},
}


def condition_chips(where, sort: str, lang: Lang) -> list[str]:
    """Human-readable chips for every top-level condition understood, then the ranking."""
    found = chips(where, lang)
    if sort in SORT_LABELS:
        found.append(SORT_LABELS[sort][lang])
    return found


def understood_chips(answer, lang: Optional[Lang] = None) -> list[str]:
    """The chips of an answer: its expression (or, for an answer that has only the flat filters, theirs)."""
    from kb.query.legacy import where_of

    where = answer.where if answer.where is not None else where_of(answer.filters)
    return condition_chips(where, answer.sort if answer.where is not None else answer.filters.sort, lang or answer.language)


def _reading_notes(read: Understanding, lang: Lang, follow_up: Optional[FollowUp]) -> str:
    """What the reader should know about how the question was read: follow-up, corrections, ignored words."""
    notes = []
    if follow_up is not None and follow_up.mode == "refine":
        notes.append(TEXT["refined"][lang].format(previous=follow_up.previous or "-"))
    elif follow_up is not None and follow_up.mode == "new" and follow_up.reason != RESTATED:
        notes.append(TEXT["new_subject"][lang])
    for c in read.corrections:
        notes.append(TEXT["corrected"][lang].format(written=c.written, read_as=c.read_as))
    notes += [f"({note}.)" for note in read.notes if not note.startswith(("included:", "widened:", "example:"))]
    if read.ignored_words:
        notes.append(TEXT["ignored"][lang].format(words=", ".join(read.ignored_words[:8])))
    return (" " + " ".join(notes)) if notes else ""


def citation(hit: PassageHit) -> str:
    return f"[{hit.source} § {hit.heading}]"


def _fmt(value, digits: int = 1) -> str:
    return "?" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _snippet(text: str, limit: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _cite(quote: NoteQuote) -> str:
    return f"[{quote.source} § {quote.heading}]"


def _quoted(quote: NoteQuote, lang: Lang) -> str:
    return TEXT["code_line"][lang].format(code=quote.text) if quote.code else quote.text


def compose_answer(
    lang: Lang,
    read: Understanding,
    models: list[ModelHit],
    total_matches: int,
    passages: list[PassageHit],
    relaxations: list[Relaxation],
    follow_up: Optional[FollowUp] = None,
    comparison: Optional[Comparison] = None,
    quotes: Optional[list[NoteQuote]] = None,
    max_citations: int = 3,
) -> str:
    """A few sentences: the count and the best match, or the nearest relaxations, then citations."""
    if comparison is not None:
        differs = [row.label for row in comparison.rows if row.differs]
        return TEXT["compared"][lang].format(names=", ".join(comparison.names), fields=", ".join(differs) or "-")
    described = " · ".join(condition_chips(read.where, read.sort, lang))
    cond = described or TEXT["any"][lang]
    cites = " ".join(dict.fromkeys(citation(p) for p in passages[:max_citations]))
    notes = _reading_notes(read, lang, follow_up)
    if read.is_structured() and not (read.wants_explanation and passages):
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
            key = "best_top1" if read.sort == "top1" else "first"
            text += TEXT[key][lang].format(
                name=top.name, top1=_fmt(top.top1, 2), params=_fmt(top.params_m, 1), res=_fmt(top.resolution)
            )
            if any(license_class(m.license) == "custom" for m in models):
                text += TEXT["custom_license"][lang]
        text += notes
        for quote in quotes or []:  # the notes say something about it: their sentences, cited
            text += TEXT["notes_say"][lang].format(quote=_quoted(quote, lang), cite=_cite(quote))
        if cites:
            text += TEXT["see"][lang].format(cites=cites)
        return text
    if not passages:
        return TEXT["no_notes"][lang] + notes
    if quotes:  # the sentences that answer, first; code is said to be code
        text = " ".join(f"{_quoted(q, lang)} {_cite(q)}" for q in quotes)
        quoted = {_cite(q) for q in quotes}
        cites = " ".join(c for c in dict.fromkeys(citation(p) for p in passages[:max_citations]) if c not in quoted)
    else:
        best = passages[0]
        text = f"{TEXT['notes_only'][lang]} “{_snippet(best.text)}” {citation(best)}"
    if read.is_structured() and total_matches:
        text += " " + TEXT["found"][lang].format(n=total_matches, s="" if total_matches == 1 else "s", cond=cond)
    return text + notes + (TEXT["see"][lang].format(cites=cites) if cites and len(passages) > 1 else "")
