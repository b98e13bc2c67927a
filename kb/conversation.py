"""A conversation over one knowledge base: each turn read in the light of the turns before it (kb.query.followup
merges readings; kb.query.rereading and kb.query.pointers read the turns that point back at an answer)."""

from __future__ import annotations

import re
from typing import Optional

from kb.answering.schema import Answer
from kb.query.expression import Where
from kb.schema import Lang


class Conversation:
    """Turns of one conversation. A turn that refines keeps the previous filters; a new subject starts over; a turn
    that points back ("those two", "위 두 개", "the second one's create_model") is about the weights the previous
    answer showed; `Answer.follow_up` says which. A turn the notes answer (no filters) leaves the last filters for
    the next one; a comparison is not a set to refine: the turn after it starts over unless it points back."""

    def __init__(self, kb: "KnowledgeBase"):  # noqa: F821 (kb.api, which makes conversations, imports this module)
        self.kb = kb
        self.previous = None  # the last structured Understanding
        self.answered = None  # the last structured Understanding whose answer had weights
        self.asked: list[str] = []  # the facts the last turn that asked for facts asked
        self.shown: list[str] = []  # the weights the last answer listed (or compared), in order

    def ask(self, question: str, *, limit: int = 50, lang: Optional[Lang] = None,
            where: "Optional[str | Where]" = None) -> Answer:
        """The next turn. `where` (e.g. the sidebar's edited expression) is the turn's exact reading: no merge."""
        from kb.query.expression import to_syntax
        from kb.query.followup import merge, says_refine
        from kb.query.pointers import point_back
        from kb.query.reading import FollowUp
        from kb.query.rereading import recounted, revalued, reversed_ranking
        from kb.query.words import NEW_SUBJECT_CUES

        searcher = self.kb.searcher
        if where is not None:
            read = self.kb.understand(question, where, exact_where=True)
            return self._answer(question, limit, lang, read, FollowUp(mode="first"))
        if self.previous is not None:
            flipped = reversed_ranking(self.previous, question)
            if flipped is not None:  # "상위 말고 하위 2개는?"
                return self._answer(question, limit, lang, flipped, FollowUp(
                    mode="refine", previous=to_syntax(self.previous.where), reason="the turn turns the ranking round"))
            revalue = revalued(self.previous, searcher.understand(question), question)
            if revalue is not None:  # "make that 70": the previous reading with that bound moved
                return self._answer(question, limit, lang, revalue, FollowUp(
                    mode="refine", previous=to_syntax(self.previous.where), reason="the turn moves a bound of the previous one"))
        pointed = None if re.search(NEW_SUBJECT_CUES, question, flags=re.IGNORECASE) else point_back(question, self.shown)
        if pointed is None and self.shown and not re.search(NEW_SUBJECT_CUES, question, flags=re.IGNORECASE):
            pointed = self._about_shown(question) or self._at_place(question)
        if pointed is not None:  # read with the names it points at written out
            read = searcher.understand(pointed[0])
            reason = f"the turn points back at {', '.join(pointed[1])}"
            context = (self.previous, self.shown, self.answered)
            answer = self._answer(question, limit, lang, read, FollowUp(mode="refine", reason=reason))
            if len(pointed[1]) == 1 and answer.comparison is None:
                # "the third one: what input size?": a question about one of the list; the list stays the context
                # (after a comparison there is no list: the next question starts over unless it points back)
                self.previous, self.shown, self.answered = context if context[0] is not None else (None, context[1], None)
            return answer
        read = searcher.understand(question)
        if self.previous is not None and not (read.is_structured() or read.additions or read.drops):
            recount = recounted(self.previous, read, question)
            if recount is not None:  # "같은 조건으로 5개까지 늘려줘"
                return self._answer(question, limit, lang, recount,
                                    FollowUp(mode="refine", previous=to_syntax(self.previous.where),
                                             reason=f"the same reading, {recount.top_n} shown"))
            read = self._in_context(question, read)
        if self.previous is None:
            merged, follow_up = read, FollowUp(mode="first")
        else:
            merged, follow_up = merge(self.previous, read, question, searcher.lexicon)
            if follow_up.mode == "refine" and not self._matches(merged) and self.answered is not None \
                    and self.answered is not self.previous and not self._matches(self.previous):
                # the previous answer was empty: the turn goes on from the last answer that had weights ("ok then …")
                again, again_follow = merge(self.answered, read, question, searcher.lexicon)
                if again_follow.mode == "refine" and self._matches(again):
                    merged, follow_up = again, FollowUp(mode="refine", previous=to_syntax(self.answered.where),
                                                        reason="the previous answer was empty; refining the one before it")
            if follow_up.mode == "refine" and read.where is not None and not self._matches(merged) and self._matches(read) \
                    and not says_refine(question):
                # nothing of the previous answer fits the turn, while the turn alone has answers: a new question
                merged = read
                follow_up = FollowUp(mode="new", previous=follow_up.previous,
                                     reason="nothing the previous answer held fits it; read on its own")
        if follow_up.mode == "refine" and not merged.asked and self.asked \
                and re.search(r"(?:는|은)\s*\??\s*$|^\s*(?:what|how)\s+about\b|^\s*and\b", question.strip(), flags=re.IGNORECASE):
            merged = merged.model_copy(update={"asked": self.asked})  # "b5 ns는?": the facts the last turn asked, of these
        context = (self.previous, self.shown, self.answered)
        answer = self._answer(question, limit, lang, merged, follow_up)
        if follow_up.mode == "refine" and merged.asked and answer.total_matches == 1 and context[0] is not None:
            # "top-1 and top-5 of the nano one?": a question about one weight of the list; the list stays the context
            self.previous, self.shown, self.answered = context
        return answer

    def _about_shown(self, question: str) -> "Optional[tuple[str, list[str]]]":
        """A turn about the weights just shown without pointing at them: facts asked and nothing else after one
        weight ("테스트 사이즈에선 top1 얼마?"); a comparison that names one weight ("resnet50.a1_in1k 랑 둘 비교해줘"):
        that weight beside the first one shown."""
        from kb.answering.compare import COMPARE_CUE
        from kb.query.describe import is_default_exclusion
        from kb.query.expression import conjuncts, field_of, positive_conds

        if len(self.shown) == 1 and (self.previous is None or self.previous.sort == "relevance"):
            # (after a ranking, "and on ImageNet-A?" asks the ranking again by that fact: kb.query.rereading.reranked)
            about = self.kb.searcher.understand(f"{self.shown[0]} {question}")
            said = [p for p in conjuncts(about.where) if not is_default_exclusion(p)]
            if about.asked and len(said) == 1 and field_of(said[0]) == "name" and about.sort == "relevance":
                return f"{self.shown[0]} {question}", self.shown[:1]
        read = self.kb.searcher.understand(question)
        named = [str(c.value) for c in positive_conds(read.where) if c.field == "name"]
        if COMPARE_CUE.search(question) and len(named) == 1 and named[0] != self.shown[0]:
            return f"{self.shown[0]} {question}", self.shown[:1]
        return None

    def _at_place(self, question: str) -> "Optional[tuple[str, list[str]]]":
        """"거기서 top1 두번째로 높은거 GMACs 얼마?": the previous list ranked as asked; the weight at that place."""
        from kb.query.followup import merge
        from kb.query.pointers import ranked_place

        place = ranked_place(question)
        if place is None or self.previous is None:
            return None
        searcher = self.kb.searcher
        merged, _ = merge(self.previous, searcher.understand(place[1]), place[1], searcher.lexicon)
        if merged.sort == "relevance":
            return None
        ranked = searcher.ask(place[1], limit=place[0], understanding=merged.model_copy(update={"top_n": place[0]}))
        if len(ranked.models) < place[0]:
            return None
        name = ranked.models[place[0] - 1].name
        return f"{name} {place[2]}", [name]

    def _matches(self, read) -> bool:
        """The reading has answers, or a repair the answer would say it made ("no weight has tv2 with pycls")."""
        from kb.answering.relax import repair_empty

        searcher = self.kb.searcher
        if read.where is None:
            return False
        return bool(searcher.matcher.mask(read.where).any()) or repair_empty(
            searcher.matcher, searcher.lexicon.family_set, read.where, read.asides) is not None

    def _answer(self, question: str, limit: int, lang: Optional[Lang], read, follow_up) -> Answer:
        answer = self.kb.searcher.ask(question, limit=limit, lang=lang, understanding=read, follow_up=follow_up)
        self.asked = list(read.asked) or self.asked
        if answer.comparison is not None:
            self.previous, self.shown, self.answered = None, list(answer.comparison.names), None
        elif read.is_structured():
            self.previous, self.shown = read, [m.name for m in answer.models]
            self.answered = read if answer.total_matches else self.answered
        return answer

    def _in_context(self, question: str, read):
        """A turn that reads as nothing alone: "m 시리즈는?" with the previous turn's family; "and on ImageNet-A?" as
        the previous ranking by another fact (kb.query.followup)."""
        from kb.query.rereading import read_with_family, reranked

        return reranked(self.previous, read) or read_with_family(question, self.previous, self.kb.searcher.lexicon,
                                                                 self.kb.searcher.understand) or read

    def reset(self) -> None:
        self.previous = None
        self.answered = None
        self.asked = []
        self.shown = []
