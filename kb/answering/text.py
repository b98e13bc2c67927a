"""The short answer in the question's language: what was understood, what matched, and where the notes say so.

Pure functions over schema objects; the wording tables are here so Korean and English stay side by side.
"""

from __future__ import annotations

from typing import Optional

from kb.answering.schema import Comparison, ModelHit, NoteQuote, PassageHit, Relaxation
from kb.query.describe import chips
from kb.query.followup import RESTATED
from kb.query.reading import FollowUp, Understanding
from kb.registry.licenses import license_class
from kb.schema import Lang
from kb.texts import TEXTS


def condition_chips(where, sort: str, lang: Lang) -> list[str]:
    """Human-readable chips for every top-level condition understood, then the ranking."""
    found = chips(where, lang)
    if f"sort.{sort}" in TEXTS:
        found.append(TEXTS[f"sort.{sort}"][lang])
    return found


def understood_chips(answer, lang: Optional[Lang] = None) -> list[str]:
    """The chips of an answer: its expression (or, for an answer that has only the flat filters, theirs)."""
    from kb.query.flat import where_of

    where = answer.where if answer.where is not None else where_of(answer.filters)
    return condition_chips(where, answer.sort if answer.where is not None else answer.filters.sort, lang or answer.language)


def _reading_notes(read: Understanding, lang: Lang, follow_up: Optional[FollowUp]) -> str:
    """What the reader should know about how the question was read: follow-up, corrections, ignored words."""
    notes = []
    if follow_up is not None and follow_up.mode == "refine":
        notes.append(TEXTS["answer.refined"][lang].format(previous=follow_up.previous or "-"))
    elif follow_up is not None and follow_up.mode == "new" and follow_up.reason != RESTATED:
        notes.append(TEXTS["answer.new_subject"][lang])
    for c in read.corrections:
        notes.append(TEXTS["answer.corrected"][lang].format(written=c.written, read_as=c.read_as))
    notes += [f"({note}.)" for note in read.notes if not note.startswith(("included:", "widened:", "example:"))]
    if read.ignored_words:
        notes.append(TEXTS["answer.ignored"][lang].format(words=", ".join(read.ignored_words[:8])))
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
    return TEXTS["answer.code_line"][lang].format(code=quote.text) if quote.code else quote.text


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
        return TEXTS["answer.compared"][lang].format(names=", ".join(comparison.names), fields=", ".join(differs) or "-")
    described = " · ".join(condition_chips(read.where, read.sort, lang))
    cond = described or TEXTS["answer.any"][lang]
    cites = " ".join(dict.fromkeys(citation(p) for p in passages[:max_citations]))
    notes = _reading_notes(read, lang, follow_up)
    if read.is_structured() and not (read.wants_explanation and passages):
        if total_matches == 0:
            text = TEXTS["answer.none"][lang].format(cond=cond)
            if relaxations:
                items = "; ".join((r.description_ko or r.description) if lang == "ko" else r.description for r in relaxations[:3])
                text += TEXTS["answer.relax"][lang].format(items=items)
        else:
            text = TEXTS["answer.found"][lang].format(n=total_matches, s="" if total_matches == 1 else "s", cond=cond)
            if len(models) < total_matches:
                text += TEXTS["answer.showing"][lang].format(k=len(models))
            top = models[0]
            key = "best_top1" if read.sort == "top1" else "first"
            text += TEXTS["answer." + key][lang].format(
                name=top.name, top1=_fmt(top.top1, 2), params=_fmt(top.params_m, 1), res=_fmt(top.resolution)
            )
            if any(license_class(m.license) == "custom" for m in models):
                text += TEXTS["answer.custom_license"][lang]
        text += notes
        for quote in quotes or []:  # the notes say something about it: their sentences, cited
            text += TEXTS["answer.notes_say"][lang].format(quote=_quoted(quote, lang), cite=_cite(quote))
        if cites:
            text += TEXTS["answer.see"][lang].format(cites=cites)
        return text
    if not passages:
        return TEXTS["answer.no_notes"][lang] + notes
    if quotes:  # the sentences that answer, first; code is said to be code
        text = " ".join(f"{_quoted(q, lang)} {_cite(q)}" for q in quotes)
        quoted = {_cite(q) for q in quotes}
        cites = " ".join(c for c in dict.fromkeys(citation(p) for p in passages[:max_citations]) if c not in quoted)
    else:
        best = passages[0]
        text = f"{TEXTS['answer.notes_only'][lang]} “{_snippet(best.text)}” {citation(best)}"
    if read.is_structured() and total_matches:
        text += " " + TEXTS["answer.found"][lang].format(n=total_matches, s="" if total_matches == 1 else "s", cond=cond)
    return text + notes + (TEXTS["answer.see"][lang].format(cites=cites) if cites and len(passages) > 1 else "")
