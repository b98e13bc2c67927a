"""`kb eval`: score timm-kb and three baselines on an evaluation set, the same way for all four.

Metrics: mean set-F1 on `set` questions; exact rate on `top1` (first model is the gold), `top` (the first
len(gold) models are the gold set: a top-N with its ties) and `empty` (no model) questions; hit@5 and MRR@10 on
`note` questions, where a hit is a passage from the expected source that contains the expected phrase. For
timm-kb also: the asked facts of a one-weight question (`expect`) in the answer's first paragraph; answers that
say they are partial where the question holds words timm's data cannot apply (`unknowable`); and silent
broadenings: answers strictly wider than the gold set that do not say they are partial.

Baselines:
- wildcards: `timm.list_models` patterns a skilled user would type, generated from the parsed filters. Wildcards
  cannot express params, top-1 or licence, and cannot rank: the first listed name is its top-1 answer.
- bm25 / dense: one retriever alone over model descriptions (top 10 as the answer set) and over passages.
"""

from __future__ import annotations

import fnmatch
import itertools
import json
import re
from pathlib import Path
from typing import Callable, Iterable, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kb.answering.schema import PassageHit
from kb.query.reading import QueryFilters
from kb.schema import Lang


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvalItem(BaseModel):
    """One evaluation question. A conversation gives its `turns`; gold is for the last one. Other keys (a
    writer's notes, classes, turn-1 specs) are kept out of the way rather than refused."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["set", "top1", "top", "empty", "note"]
    q: str = ""
    turns: list[str] = Field(default_factory=list)
    wildcards: Optional[dict] = None  # the writer's timm.list_models include/exclude patterns for this question
    lang: Lang
    spec: dict = Field(default_factory=dict)
    gold: list[str] = Field(default_factory=list)
    source: Optional[str] = None
    phrase: Optional[str] = None
    expect: dict = Field(default_factory=dict)  # a one-weight question's asked facts, as timm's data gives them
    unknowable: list[str] = Field(default_factory=list)  # words no fact of timm's data can apply

    @model_validator(mode="before")
    @classmethod
    def _derived_keys(cls, data):
        """The shared conversation format gives only turns, spec and gold: kind and language follow from them."""
        if isinstance(data, dict) and data.get("turns"):
            data = dict(data)
            spec = data.get("spec") or {}
            data.setdefault("kind", "top1" if "sort" in spec else "set" if data.get("gold") else "empty")
            data.setdefault("lang", "ko" if any("\uac00" <= ch <= "\ud7a3" for ch in "".join(data["turns"])) else "en")
        return data

    @model_validator(mode="after")
    def _question_of_a_conversation(self) -> "EvalItem":
        if self.turns and not self.q:
            self.q = self.turns[-1]
        return self


class ItemResult(_Model):
    kind: str
    q: str
    score: float  # F1, exact (0/1) or reciprocal rank
    hit: Optional[bool] = None
    got: list[str] = Field(default_factory=list)
    gold: list[str] = Field(default_factory=list)


class SystemScore(_Model):
    system: str
    set_f1: Optional[float] = None
    exact: Optional[float] = None
    note_hit5: Optional[float] = None
    note_mrr10: Optional[float] = None
    note_quote: Optional[float] = None  # the key phrase is in the answer text itself (not only in a passage)
    fact_first: Optional[float] = None  # one-weight questions: every asked fact in the answer's first paragraph
    partial_said: Optional[float] = None  # questions with unknowable words: the answer says it is partial
    silent_broadenings: int = 0  # answers strictly wider than gold that do not say they are partial
    misses: list[ItemResult] = Field(default_factory=list)
    items: list[ItemResult] = Field(default_factory=list)


class EvalReport(_Model):
    file: str
    counts: dict[str, int]
    systems: list[SystemScore]


BASELINE_SET_SIZE = 10


def load_items(path: Path) -> list[EvalItem]:
    """The items of a JSON-lines set; ValueError in one line (the line number, the first problem) when one is bad."""
    from pydantic import ValidationError

    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(EvalItem.model_validate(json.loads(line)))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "item"
            more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
            raise ValueError(f"line {number}: {where}: {first['msg']}{more}") from None
        except ValueError as error:
            raise ValueError(f"line {number}: {str(error).splitlines()[0]}") from None
    return items


def set_f1(got: Iterable[str], gold: Iterable[str]) -> float:
    got_set, gold_set = set(got), set(gold)
    if not got_set and not gold_set:
        return 1.0
    if not got_set or not gold_set:
        return 0.0
    overlap = len(got_set & gold_set)
    if overlap == 0:
        return 0.0
    precision, recall = overlap / len(got_set), overlap / len(gold_set)
    return 2 * precision * recall / (precision + recall)


def passage_rank(passages: list[PassageHit], source: str, phrase: str, depth: int = 10) -> Optional[int]:
    """1-based rank of the first passage from `source` containing `phrase`, within `depth`."""
    for index, passage in enumerate(passages[:depth], start=1):
        if passage.source == source and phrase.lower() in passage.text.lower():
            return index
    return None


class System:
    """What a scored system must answer: a model list per structured question, passages per note question."""

    name = "system"

    def models(self, item: EvalItem) -> list[str]:
        raise NotImplementedError

    def passages(self, item: EvalItem) -> list[PassageHit]:
        raise NotImplementedError

    def answer_text(self, item: EvalItem) -> Optional[str]:
        """The answer as a reader sees it, for the key-phrase rate; None for systems that give none."""
        return None

    def partial(self, item: EvalItem) -> Optional[bool]:
        """Whether the answer says it could not apply part of the question; None for systems that cannot say."""
        return None


def without_markup(text: str) -> str:
    """Text as read, for the key-phrase rate: "`_ft` (Fine-tuned)" in a note is "_ft (Fine-tuned)" in an answer."""
    return " ".join(re.sub(r"\*\*|__|`", "", text).lower().split())


def phrase_in(phrase: str, text: str) -> bool:
    """The key phrase is in the answer as a reader sees it. A table row's cells ("Swin-B | 88M") count when each
    is there in order, as an answer writes a row ("아키텍처: Swin-B; 파라미터: 88M")."""
    text = without_markup(text)
    cells = [without_markup(c) for c in phrase.strip().strip("|").split("|")] if "|" in phrase else [without_markup(phrase)]
    position = 0
    for cell in cells:
        position = text.find(cell, position)
        if position < 0:
            return False
        position += len(cell)
    return True


def _value_forms(value) -> list[list[str]]:
    """The ways an answer may write a fact's value: each inner list is alternatives, all outer ones must appear."""
    if isinstance(value, bool):
        return [["yes", "fixed", "true", "고정", "예"]] if value else [["no", "not fixed", "false", "아니", "고정되지"]]
    if isinstance(value, (list, tuple)):
        return [form for v in value for form in _value_forms(v)]
    if isinstance(value, float):
        forms = {f"{value:g}", f"{value:.2f}", f"{value:.1f}", f"{value:.3f}"}
        if value <= 1.0:
            forms.add(f"{value * 100:g}")
        return [sorted(forms)]
    return [[str(value).lower()]]


def facts_in(expect: dict, text: str) -> bool:
    """Every asked fact's value is written in the text (a missing value: "not measured" or "-" is said)."""
    text = text.lower()
    for value in expect.values():
        if value is None or value == []:
            if not any(w in text for w in ("not measured", "unknown", "none", "없", "-")):
                return False
            continue
        if not all(any(form in text for form in forms) for forms in _value_forms(value)):
            return False
    return True


def first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0]


def score_system(system: System, items: list[EvalItem]) -> SystemScore:
    results: dict[str, list[ItemResult]] = {"set": [], "exact": [], "note": []}
    quoted: list[float] = []
    fact_first: list[float] = []
    partial_said: list[float] = []
    broadenings = 0
    for item in items:
        if item.kind == "note":
            text = system.answer_text(item)
            if text is not None:
                quoted.append(float(phrase_in(item.phrase or "", text)))
            rank = passage_rank(system.passages(item), item.source or "", item.phrase or "")
            results["note"].append(
                ItemResult(kind=item.kind, q=item.q, score=(1.0 / rank) if rank else 0.0, hit=bool(rank and rank <= 5),
                           gold=[f"{item.source}: {item.phrase}"], got=[f"rank {rank}" if rank else "not in top 10"])
            )
            continue
        got = system.models(item)
        said_partial = system.partial(item)
        if item.expect and (text := system.answer_text(item)) is not None:
            fact_first.append(float(facts_in(item.expect, first_paragraph(text))))
        if item.unknowable and said_partial is not None:
            partial_said.append(float(said_partial))
        if not said_partial and item.kind in ("set", "top", "empty") and set(got) > set(item.gold):
            broadenings += 1
        if item.kind == "set":
            results["set"].append(ItemResult(kind=item.kind, q=item.q, score=set_f1(got, item.gold), got=got, gold=item.gold))
        elif item.kind == "top":
            ok = set(got[: len(item.gold)]) == set(item.gold)
            results["exact"].append(ItemResult(kind=item.kind, q=item.q, score=float(ok), hit=ok, got=got[: len(item.gold) + 3],
                                               gold=item.gold))
        else:
            ok = (not got) if item.kind == "empty" else bool(got) and got[0] == item.gold[0]
            results["exact"].append(ItemResult(kind=item.kind, q=item.q, score=float(ok), hit=ok, got=got[:5], gold=item.gold))

    def mean(values: list[float]) -> Optional[float]:
        return round(sum(values) / len(values), 4) if values else None

    notes = results["note"]
    all_items = results["set"] + results["exact"] + notes
    return SystemScore(
        system=system.name,
        set_f1=mean([r.score for r in results["set"]]),
        exact=mean([r.score for r in results["exact"]]),
        note_hit5=mean([float(bool(r.hit)) for r in notes]),
        note_mrr10=mean([r.score for r in notes]),
        note_quote=mean(quoted),
        fact_first=mean(fact_first),
        partial_said=mean(partial_said),
        silent_broadenings=broadenings,
        misses=[r for r in all_items if r.score < 1.0 or r.hit is False],
        items=all_items,
    )


# ---- the systems -------------------------------------------------------------------------------------------------


class TimmKB(System):
    name = "timm-kb"

    def __init__(self, kb):
        self.kb = kb
        self._cache: dict[str, object] = {}

    def _ask(self, item):
        """The answer to the question, or to the last turn of the conversation (asked turn by turn)."""
        key = "\n".join(item.turns) or item.q
        if key not in self._cache:
            if item.turns:
                chat = self.kb.conversation()
                for turn in item.turns[:-1]:
                    chat.ask(turn, limit=100000)
                self._cache[key] = chat.ask(item.turns[-1], limit=100000)
            else:
                self._cache[key] = self.kb.ask(item.q, limit=100000)
        return self._cache[key]

    def models(self, item):
        answer = self._ask(item)
        return [m.name for m in answer.models] if answer.where is not None or answer.sort != "relevance" else []

    def passages(self, item):
        return self._ask(item).passages

    def answer_text(self, item):
        return self._ask(item).answer

    def partial(self, item):
        return bool(getattr(self._ask(item), "partial", False))


def wildcard_patterns(filters: QueryFilters) -> list[str]:
    """The `timm.list_models` patterns a user who knows timm's naming would type for these filters."""
    heads = filters.names or filters.archs or [f"{f}_*" for f in filters.families] or ["*"]
    sizes = [f"*{s}*" for s in filters.sizes] or [""]
    datasets = sorted({d for d in filters.datasets + filters.pretrain_datasets + filters.finetune_datasets})
    data_alts = [["in21k", "in22k"] if d in ("in21k", "in22k") else [d] for d in datasets]
    patterns = []
    for head, size in itertools.product(heads, sizes):
        for data_combo in itertools.product(*data_alts) if data_alts else [()]:
            tag = "".join(f"*{d}" for d in data_combo)
            if filters.resolution:
                # the resolution is written in the arch (vit_small_patch16_384) or at the end of the tag (_384)
                patterns.append(f"{head}{size}*{filters.resolution}*.*{tag}*".replace("**", "*"))
                patterns.append(f"{head}{size}.*{tag}*{filters.resolution}".replace("**", "*"))
            else:
                patterns.append(f"{head}{size}*.*{tag}*".replace("**", "*") if tag else f"{head}{size}*".replace("**", "*"))
    for method in filters.methods:
        patterns = [p if method in p else p.rstrip("*") + f"*{method}*" for p in patterns]
    return list(dict.fromkeys(patterns))


class Wildcards(System):
    name = "list_models wildcards"

    def __init__(self, kb, names: list[str]):
        self.kb = kb
        self.names = names

    def models(self, item):
        if item.wildcards is not None:  # the set's writer typed the patterns: include, then exclude
            include, exclude = item.wildcards.get("include") or [], item.wildcards.get("exclude") or []
            return [n for n in self.names if any(fnmatch.fnmatchcase(n, p) for p in include)
                    and not any(fnmatch.fnmatchcase(n, p) for p in exclude)]
        answer = self.kb.ask(item.q, limit=1)
        filters = answer.filters
        if answer.where is None and answer.sort == "relevance":
            return []
        patterns = wildcard_patterns(filters)
        return [n for n in self.names if any(fnmatch.fnmatchcase(n, p) for p in patterns)]

    def passages(self, item):
        return []  # list_models knows nothing of the notes


class Retriever(System):
    """One retriever alone (bm25 or dense) for both models and passages."""

    def __init__(self, searcher, kind: str):
        self.searcher = searcher
        self.kind = kind
        self.name = f"{kind} only"

    def _passage_ids(self, q: str) -> list[tuple[str, float]]:
        return self.searcher.bm25_passages(q, 10) if self.kind == "bm25" else self.searcher.dense_passages(q, 10)

    def models(self, item):
        if self.kind == "bm25":
            return [n for n, _ in self.searcher.bm25_models(item.q, BASELINE_SET_SIZE)]
        return [n for n, _ in self.searcher.dense_models(item.q, BASELINE_SET_SIZE)]

    def passages(self, item):
        return self.searcher._passage_hits(self._passage_ids(item.q))


def run_eval(kb, items: list[EvalItem], file: str, progress: Optional[Callable] = None) -> EvalReport:
    searcher = kb.searcher
    systems: list[System] = [
        TimmKB(kb),
        Wildcards(kb, [r.name for r in kb.records()]),
        Retriever(searcher, "bm25"),
        Retriever(searcher, "dense"),
    ]
    scores = [score_system(s, list(progress(items, desc=s.name)) if progress else items) for s in systems]
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return EvalReport(file=file, counts=counts, systems=scores)
