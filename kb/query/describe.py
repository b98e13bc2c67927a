"""A filter expression in words, Korean or English: the answer's first line, the app's chips, `where_words`."""

from __future__ import annotations

import re
from typing import Optional

from kb.facts import BY_KEY
from kb.query.expression import Cmp, Cond, Not, Or, Where, conjuncts, is_true
from kb.registry.licenses import CLASS_LABELS
from kb.schema import Lang

NOT_TEST_FAMILY = "test"  # the default exclusion of timm's dummy test_* weights is not worth a chip

_OPS = {"<": ("<", "미만"), "<=": ("≤", "이하"), ">": (">", "초과"), ">=": ("≥", "이상")}
# field -> (English, Korean) with {v} for the value
_LABELS: dict[str, tuple[str, str]] = {
    "family": ("family {v}", "계열 {v}"),
    "arch": ("architecture {v}", "아키텍처 {v}"),
    "name": ("{v}", "{v}"),
    "size": ("size {v}", "크기 {v}"),
    "arch_token": ("with {v} in the architecture", "아키텍처에 {v}"),
    "tag": ("tag {v}", "태그 {v}"),
    "method": ("method {v}", "방법 {v}"),
    "data": ("data {v}", "데이터 {v}"),
    "pretrain": ("pretrained on {v}", "{v} 사전학습"),
    "finetune": ("fine-tuned on {v}", "{v} 파인튜닝"),
    "first": ("started from {v}", "{v}에서 시작"),
    "last": ("last trained on {v}", "마지막 학습 {v}"),
    "license": ("licence {v}", "라이선스 {v}"),
    "patch": ("patch {v}", "패치 {v}"),
    "epochs": ("{v} epochs", "{v} 에폭"),
}
_STAGES = {"finetuned": ("fine-tuned", "파인튜닝됨"), "in1k_only": ("ImageNet-1k only", "ImageNet-1k만")}


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe_cond(c: Cond, lang: Lang) -> str:
    ko = lang == "ko"
    value = _number(c.value)
    if c.field == "stage":
        return _STAGES.get(str(c.value), (value, value))[ko]
    if c.field == "license_class":
        return CLASS_LABELS.get(str(c.value), (value, value))[ko]
    fact = BY_KEY[c.field]
    if fact.kind == "number":
        if c.field == "resolution" and c.op == "=":
            return f"해상도 {value}" if ko else f"{value}px"
        unit = fact.unit if fact.unit in ("%", "M", "px") else ""
        if c.op == "=":
            return f"{fact.short(lang)} {value}{unit}"
        symbol, word = _OPS[c.op]
        return f"{fact.short(lang)} {value}{unit} {word}" if ko else f"{fact.short(lang)} {symbol} {value}{unit}"
    if fact.kind == "flag":
        yes = str(c.value).lower() in ("true", "1", "yes")
        return fact.label(lang) if yes else (f"{fact.label(lang)} 아님" if ko else f"not {fact.label(lang)}")
    if fact.kind == "text" and c.field not in ("license",):
        return f"{fact.short(lang)} {value}"
    if c.op == "prefix":
        return f"{value} 계열 전체" if ko else f"the whole {value} family" if c.field == "family" else f"{value}*"
    if any(ch in value for ch in "*?["):
        return f"{value} 패턴" if ko else f"matching {value}"
    en, kr = _LABELS.get(c.field, ("{v}", "{v}"))
    return (kr if ko else en).format(v=value)


def describe(where: Optional[Where], lang: Lang, top: bool = True) -> str:
    if is_true(where):
        return ""
    if isinstance(where, Cond):
        return describe_cond(where, lang)
    if isinstance(where, Cmp):
        return f"{BY_KEY[where.field].short(lang)} {_OPS.get(where.op, (where.op,))[0]} {BY_KEY[where.other].short(lang)}"
    if isinstance(where, Not):
        inner = describe(where.item, lang, top=False)
        return f"{inner} 제외" if lang == "ko" else f"not {inner}"
    if isinstance(where, Or):
        text = (" 또는 " if lang == "ko" else " or ").join(describe(i, lang, top=False) for i in where.items)
        return text if top else f"({text})"
    parts = [describe(i, lang, top=False) for i in where.items if not is_default_exclusion(i)]
    text = (" · " if top else (" 그리고 " if lang == "ko" else " and ")).join(p for p in parts if p)
    return text if top or len(parts) < 2 else f"({text})"


def is_default_exclusion(item: Where) -> bool:
    return isinstance(item, Not) and isinstance(item.item, Cond) and item.item.field == "family" and item.item.value == NOT_TEST_FAMILY


def chips(where: Optional[Where], lang: Lang) -> list[str]:
    """One short phrase per top-level condition (the default test_* exclusion left out)."""
    return [describe(c, lang) for c in conjuncts(where) if not is_default_exclusion(c)]


def first_version_notes(where: Optional[Where], families, lang: Lang) -> list[str]:
    """Say how a family named without a version was read: the first one, its later versions being families of their
    own ("swin means Swin V1 here (swin_*); swinv2 is its own family: say 'every swin version' for both")."""
    notes = []
    for c in (i for i in conjuncts(where) if isinstance(i, Cond) and i.field == "family" and i.op == "="):
        later = sorted(f for f in families if f != c.value and re.fullmatch(rf"{re.escape(str(c.value))}v?\d+", f))
        if later:
            listed = ", ".join(later)
            notes.append(f"{c.value} here is the first version, {c.value}_*; for {listed} too, ask for every {c.value} version"
                         if lang == "en" else
                         f"{c.value}는 첫 버전({c.value}_*)입니다. {listed}도 보려면 '{c.value} 모든 버전'이라고 하세요")
    return notes
