"""The answer a person reads first, in the question's language.

A structured answer's first paragraph is one or two plain sentences: what could not be applied (said first), how
many weights match the reading (in words; the syntax stays in `where_text`), and the top pick with why it is
first, or the facts the question asked about the weights it named. Notes are quoted in a paragraph of their own,
only when the quote is about a returned weight or its family or answers what was asked, with the citation of the
passage it comes from. A note answer leads with the sentences that answer; code is shown whole, as a block, under
the sentence that explains it.
"""

from __future__ import annotations

from typing import Optional

from kb.answering.schema import Comparison, ModelHit, NoteQuote, PassageHit, Relaxation
from kb.facts import BY_KEY, sort_order
from kb.query.describe import chips
from kb.query.followup import RESTATED
from kb.query.reading import FollowUp, Understanding
from kb.registry.licenses import license_class
from kb.schema import Lang
from kb.texts import TEXTS

TOP_FACTS = ("top1", "params", "resolution")  # what the first paragraph says of its top pick
FEW = 4  # asked facts are said for up to this many named weights


def _t(key: str, lang: Lang, **values) -> str:
    text = TEXTS[key][lang]
    return text.format(**values) if values else text


def sort_chip(sort: str, lang: Lang) -> Optional[str]:
    order = sort_order(sort)
    if order is None:
        return None
    return _t("sort.desc" if order[1] else "sort.asc", lang, fact=BY_KEY[order[0]].short(lang))


def condition_chips(where, sort: str, lang: Lang) -> list[str]:
    """Human-readable chips for every top-level condition understood, then the ranking."""
    found = chips(where, lang)
    ranking = sort_chip(sort, lang)
    return found + ([ranking] if ranking else [])


def understood_chips(answer, lang: Optional[Lang] = None) -> list[str]:
    """The chips of an answer: its expression (or, for an answer that has only the flat filters, theirs)."""
    from kb.query.flat import where_of

    where = answer.where if answer.where is not None else where_of(answer.filters)
    return condition_chips(where, answer.sort if answer.where is not None else answer.filters.sort, lang or answer.language)


def citation(hit: PassageHit) -> str:
    return f"[{hit.source} § {hit.heading}]"


def _cite(quote: NoteQuote) -> str:
    return f"[{quote.source} § {quote.heading}]"


def _snippet(text: str, limit: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _fact(hit: ModelHit, key: str, lang: Lang) -> str:
    """"top-1 85.75%", "라이선스 apache-2.0 (permissive)": a fact of a weight as the answer says it."""
    fact = BY_KEY[key]
    value = fact.value(hit)
    text = fact.shown(value, lang, unit=True) if value is not None else _t("answer.no_value", lang)
    if key == "license" and value:
        text += f" ({license_class(value)})"
    if key == "normalization" and hit.record is not None and hit.record.mean:
        text += f" (mean {BY_KEY['mean'].shown(hit.record.mean)}; std {BY_KEY['std'].shown(hit.record.std)})"
    return f"{fact.short(lang)} {text}"


_MEASURED_AT = {"top1_test": "test_resolution", "top5_test": "test_resolution"}  # a figure said with the size it is at


def _facts(hit: ModelHit, keys, lang: Lang) -> str:
    keys = [k for key in keys for k in ((_MEASURED_AT[key], key) if key in _MEASURED_AT else (key,))]
    return ", ".join(_value(hit, k, lang) if k == "resolution" else _fact(hit, k, lang) for k in dict.fromkeys(keys))


def partial_sentence(read: Understanding, lang: Lang, unread: list[str]) -> str:
    """"I could not apply 'downloads last month': timm-kb has no download counts." — said before anything else."""
    reasons: dict[str, list[str]] = {}
    for word, why in zip(read.unapplied, read.unapplied_why, strict=False):
        en, _, ko = why.partition("|")
        reasons.setdefault(ko if lang == "ko" else en, []).append(word)
    if unread:
        reasons.setdefault(_t("answer.partial_why", lang), []).extend(unread[:6])
    return " ".join(_t("answer.partial", lang, words=", ".join(f"'{w}'" for w in words), why=why)
                    for why, words in reasons.items())


def _reading_notes(read: Understanding, lang: Lang, follow_up: Optional[FollowUp]) -> list[str]:
    """How the question was read, in words: a follow-up, corrections, operators read as asides."""
    notes = []
    if follow_up is not None and follow_up.mode == "refine":
        pointed = follow_up.reason.startswith("the turn points back at ")
        notes.append(_t("answer.pointed", lang, names=follow_up.reason.removeprefix("the turn points back at "))
                     if pointed else _t("answer.refined", lang))
    elif follow_up is not None and follow_up.mode == "new" and follow_up.reason != RESTATED:
        notes.append(_t("answer.alone" if follow_up.reason.startswith("nothing the previous") else "answer.new_subject", lang))
    notes += [_t("answer.corrected", lang, written=c.written, read_as=c.read_as) for c in read.corrections]
    notes += [f"({note}.)" for note in read.notes if not note.startswith(("included:", "widened:", "example:"))]
    return notes


def _value(hit: ModelHit, key: str, lang: Lang) -> str:
    value = BY_KEY[key].value(hit)
    return BY_KEY[key].shown(value, lang, unit=True) if value is not None else _t("answer.no_value", lang)


def _josa(word: str) -> str:
    """이 / 가 after a Korean word (a Latin or digit ending reads as a vowel here: "GMACs가", "top-1이")."""
    last = word[-1:]
    if "\uac00" <= last <= "\ud7a3":
        return "이" if (ord(last) - 0xAC00) % 28 else "가"
    return "이" if last in "1365780lmnLMN" else "가"


def _ranked(read: Understanding, models: list[ModelHit], total: int, among: int, cond: str, lang: Lang,
            others: list[ModelHit]) -> str:
    key, high_first = sort_order(read.sort)
    way = BY_KEY[key].way(high_first, lang)
    fact = BY_KEY[key].short(lang)
    if read.top_n == 1:  # "the lightest", "CPU에서 더 빠른 거": the one, the ones tied with it, the others named
        ties = _t("answer.tied_with", lang, names=", ".join(m.name for m in models[1:total])) if total > 1 else ""
        text = _t("answer.the_one", lang, among=among, s="" if among == 1 else "s", cond=cond, name=models[0].name,
                  way=way, fact=fact, josa=_josa(fact), value=_value(models[0], key, lang), ties=ties)
        if others:
            text += _t("answer.others", lang, items="; ".join(f"{m.name} {_value(m, key, lang)}" for m in others))
        return text
    if not read.top_n:
        return _t("answer.ordered", lang, n=total, s="" if total == 1 else "s", cond=cond, fact=fact, way=way,
                  name=models[0].name, facts=_facts(models[0], [key, "top1", "params"], lang))
    shown = models[:max(read.top_n, 1)]
    items = ", ".join(f"{m.name} ({_fact(m, key, lang)})" for m in shown)
    if total > len(shown):
        value = BY_KEY[key].shown(BY_KEY[key].read(models[len(shown) - 1].record), lang, unit=True) \
            if models[len(shown) - 1].record is not None else "?"
        items += _t("answer.tied", lang, k=total - len(shown) + 1, value=value)
    return _t("answer.ranked", lang, fact=fact, way=way, among=among, s="" if among == 1 else "s", cond=cond, items=items)


def structured_paragraph(lang: Lang, read: Understanding, models: list[ModelHit], total: int, among: int,
                         relaxations: list[Relaxation], cond: str, others: list[ModelHit]) -> str:
    """The count, the reading in words, and the top pick with why it is first (or the facts asked about)."""
    if total == 0:
        text = _t("answer.none", lang, cond=cond)
        if relaxations:
            items = "; ".join((r.description_ko or r.description) if lang == "ko" else r.description for r in relaxations[:3])
            text += _t("answer.relax", lang, items=items)
        return text
    if read.asked and total <= FEW:  # "X 라이선스가 뭐야?": the asked facts of each weight, first
        ranked = _ranked(read, models, total, among, cond, lang, others) + " " if read.sort != "relevance" else ""
        return ranked + " ".join(_t("answer.facts_of", lang, name=m.name, facts=_facts(m, read.asked, lang))
                                 for m in models[:FEW])
    if read.sort != "relevance":  # "mean/std of the most accurate": the first's asked facts after the ranking
        ranked = _ranked(read, models, total, among, cond, lang, others)
        return ranked + (" " + _t("answer.facts_of", lang, name=models[0].name, facts=_facts(models[0], read.asked, lang))
                         if read.asked else "")
    text = _t("answer.found", lang, n=total, s="" if total == 1 else "s", cond=cond)
    top = models[0]
    best = top.top1 is not None and total > 1
    text += _t("answer.best" if best else "answer.first", lang, name=top.name, facts=_facts(top, TOP_FACTS + tuple(read.asked), lang))
    if any(license_class(m.license) == "custom" for m in models):
        text += _t("answer.custom_license", lang)
    return text


def compose_answer(lang: Lang, read: Understanding, models: list[ModelHit], total_matches: int,
                   passages: list[PassageHit], relaxations: list[Relaxation], follow_up: Optional[FollowUp] = None,
                   comparison: Optional[Comparison] = None, quotes: Optional[list[NoteQuote]] = None,
                   among: Optional[int] = None, others: Optional[list[ModelHit]] = None,
                   unread: Optional[list[str]] = None) -> str:
    """The answer's text: a first paragraph of one or two sentences, then (when they fit) the notes' words.
    `among`: how many weights matched before a ranking kept its first n; `others`: the few it left out, when the
    question named them ("X랑 Y 중에 더 빠른 거": Y's figure is said too); `unread`: the words no rule read that
    the answer must say it did not apply."""
    quotes = quotes or []
    notes = _reading_notes(read, lang, follow_up)
    partial = partial_sentence(read, lang, unread or []) if read.is_structured() else ""
    cond = " · ".join(chips(read.where, lang)) or _t("answer.any", lang)
    if comparison is not None:
        differs = [BY_KEY[row.key].short(lang) if row.key in BY_KEY else row.label for row in comparison.rows if row.differs]
        shown = ", ".join(differs[:6]) + (f" (+{len(differs) - 6})" if len(differs) > 6 else "")
        first = _t("answer.compared", lang, names=", ".join(comparison.names), fields=shown or "-")
        # "X vs Y - which one's faster on the GPU?": the ranking answers first, the side by side follows
        ranked = structured_paragraph(lang, read, models, total_matches, among or total_matches, relaxations, cond,
                                      others or []) if read.is_structured() and read.sort != "relevance" and models else ""
        chosen = [_t("answer.default_tag", lang, written=d.written, tag=d.tag, others=d.others) for d in comparison.defaults]
        return " ".join(x for x in [partial, ranked, first] + chosen + notes if x)
    facts_of_named = bool(read.asked) and 0 < total_matches <= FEW  # "ConvNeXt V2 huge 정확도가 몇이라고 돼 있어?"
    if read.is_structured() and (facts_of_named or not (read.wants_explanation and passages)):
        first = structured_paragraph(lang, read, models, total_matches, among or total_matches, relaxations, cond,
                                     others or [])
        paragraphs = [" ".join(x for x in [partial, first] + notes if x)]
        paragraphs += [_t("answer.notes_say", lang, quote=q.text, cite=_cite(q)) for q in quotes if not q.code]
        paragraphs += [f"{_cite(q)}\n```\n{q.text}\n```" for q in quotes if q.code]
        return "\n\n".join(paragraphs)
    if not passages:
        return " ".join([_t("answer.no_notes", lang)] + notes)
    paragraphs = []
    for quote in quotes:  # the sentences that answer, each with its citation; code whole, as a block
        if quote.code:
            paragraphs.append(f"{_cite(quote)}\n```\n{quote.text}\n```")
        else:
            paragraphs.append(f"{quote.text} {_cite(quote)}")
    if not quotes:
        paragraphs.append(f"{_t('answer.notes_only', lang)} “{_snippet(passages[0].text)}” {citation(passages[0])}")
    if read.is_structured() and total_matches:
        paragraphs.append(_t("answer.found", lang, n=total_matches, s="" if total_matches == 1 else "s", cond=cond))
    if notes:
        paragraphs[0] += " " + " ".join(notes)
    return "\n\n".join(paragraphs)
