"""Which note sentences an answer quotes: a structured answer only what is about the weights it returned, or what
says a word its filters could not apply; code only for a how-to. Pure functions over quotes, the returned weights
and the reading."""

from __future__ import annotations

import re

from kb.answering.schema import ModelHit, NoteQuote
from kb.answering.text import FEW
from kb.facts import BY_KEY
from kb.query.expression import positive_conds
from kb.query.stopwords import korean_stem
from kb.retrieval.extract import code_block

_NAMES = re.compile(r"[\w/.\-]*[_/.][\w/.\-]*|[()\[\]:,]")


def knows_asked(read, models: list[ModelHit]) -> bool:
    """Whether timm's data holds a fact the question asked of the weights the answer names first."""
    return any(BY_KEY[key].value(m) not in (None, "", [], ()) for m in models[:FEW] for key in read.asked
               if key in BY_KEY and key != "create_model")  # "코드 어떻게 씀?": a how-to, the notes' code answers


CODE_WORDS = re.compile(r"코드|code|snippet|예제|how (?:do|can|to|would)|어떻게|어케|방법", re.IGNORECASE)


def wants_code(question: str, read) -> bool:
    """A how-to ("코드 어케 짬?", "how do I load …"): code from the notes answers it."""
    return "create_model" in read.asked or bool(CODE_WORDS.search(question))


def says_any(quote, words: list[str]) -> bool:
    """The sentence or its heading says one of these words of the question (a Korean particle dropped; a Latin
    word whole: "lr" is not in "clr")."""
    text = f"{quote.passage.heading} {quote.text}".lower()
    stems = [korean_stem(w).lower() for w in words]
    return any(len(s) > 1 and (re.search(rf"(?<![a-z0-9]){re.escape(s)}(?![a-z0-9])", text) if s.isascii() else s in text)
               for s in stems)


def statement(quote) -> bool:
    """Not a bare name line ("timm/deit3_base_patch16_224 (deit3_base_patch16_224.fb_in1k)")."""
    return len(_NAMES.sub(" ", quote.text).split()) >= 3


_ABOUT_ANOTHER = re.compile(r"timm/[\w.\-]+|\b[a-z0-9]+_[\w]+\.[a-z0-9_]+\b")  # a heading that names one weight or page
_PRACTICE = re.compile(r"연습\s*문제|exercises?\b|quiz|실습\s*과제", re.IGNORECASE)
SHOWN_FIRST = 10  # the weights an answer shows first: a quote about a family the long tail holds is not about it


def about_another(quote, models: list[ModelHit]) -> bool:
    """A section titled with one weight or family page ("timm/dm_nfnet_f0.dm_in1k", "timm/convnext") that none of the
    returned weights is linked to: what it says is about that one."""
    title = quote.passage.heading.split(">")[-1]
    return bool(_ABOUT_ANOTHER.search(title)) and not set(quote.passage.models) & {m.name for m in models}


def related(quote, models: list[ModelHit], where=None) -> bool:
    """A sentence a structured answer may quote: it says something (not a bare name line) about a returned weight:
    its passage is linked to one of them and the sentence names it, or the sentence or its heading names a
    returned weight's family or architecture, or a subject the question named ("ConvNeXt V2는 …" for convnextv2
    weights, "DINOv2 > 주요 혁신" for family:dinov2). Anything else is unrelated to the answer."""
    if not statement(quote):
        return False
    section = quote.passage.heading.split(">")[-1]  # the section's own title, below its chapter's
    if _PRACTICE.search(quote.passage.heading):
        return False  # an exercise for the reader ("입력 shape (2, 64, 32, 32)로 테스트하세요") says nothing of a weight
    if about_another(quote, models):
        return False  # "timm/dm_nfnet_f0.dm_in1k": a section about another weight (it may mention EfficientNet-B7)
    text = f"{quote.passage.heading} {quote.text}".lower()
    # "DINOv2-g" names dinov2, "Swin-T" swin, "Res-Net" resnet, "ConvNeXt V2-H" convnextv2
    texts = (text, text.replace("-", ""), re.sub(r"[\s-]+(v\d)", r"\1", text))
    linked = bool({m.name for m in models} & set(quote.passage.models))

    def names(word: str) -> bool:  # "ConvNeXt" names convnext; "ConvNeXt V2" and "convnextv2_tiny" do not
        if re.search(rf"(?<![a-z0-9]){re.escape(word)}[\s\-]*v\d", section.lower()):
            return False  # "ConvNeXt > 2.4 ConvNeXt V2 개선사항": the section is about a later version
        return any(re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9]|\s*v\d)", t) for t in texts)
    subjects = {str(c.value) for c in positive_conds(where) if c.field in ("family", "arch", "arch_token") and c.op == "="}
    # a dataset the question named, where the sentence defines it: "_in12k: ImageNet-12k …" explains in12k weights,
    # or a tag word: ".soup: 'Model Souping' …" explains weights with soup
    data = {str(c.value) for c in positive_conds(where) if c.op == "=" and c.field in ("data", "first", "last", "finetune",
                                                                                        "method", "tag")}
    defines = any(re.match(rf"[._]?{re.escape(d)}(?![a-z0-9])", quote.text.lower()) for d in data)
    return defines or any(names(s) for s in subjects) or any(
        m.record is not None and (names(m.record.family) or names(m.record.arch) or (linked and m.name in quote.text))
        for m in models[:SHOWN_FIRST])


def quotes_of(found: list) -> list[NoteQuote]:
    """The quotes an answer leads with; a line of code becomes the sentence that introduces its block and the
    block itself, whole."""
    quotes: list[NoteQuote] = []
    for quote in found:
        block = code_block(quote) if quote.code else None
        source, heading = quote.passage.source, quote.passage.heading
        if block is None:
            quotes.append(NoteQuote(text=quote.text, code=quote.code, source=source, heading=heading))
            continue
        lead, code = block
        if lead and all(q.text != lead for q in quotes):
            quotes.append(NoteQuote(text=lead, source=source, heading=heading))
        if all(q.text != code for q in quotes):
            quotes.append(NoteQuote(text=code, code=True, source=source, heading=heading))
    return quotes
