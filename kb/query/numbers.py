"""Numbers in a question: parameter counts, top-1, resolution, epochs, patch size, and the ranking intent.

A comparator keeps its strictness: "under 5M", "미만" are <; "at most", "이하", "or fewer" are <=; "over", "above",
"초과", "넘는" are >; "at least", "이상", "or more" are >=. A range ("between 10M and 30M", "10~30M", "84-86%")
gives both limits.
"""

from __future__ import annotations

import re
from typing import Optional

from kb.naming import vocab
from kb.query.expression import cond
from kb.query.scan import Scan
from kb.query.words import (
    ACC_WORD,
    EN_OR_LESS,
    EN_OR_MORE,
    EN_UNITS_M,
    EPOCH_PATTERN,
    HANGUL,
    KO_COMPOUND_MAN,
    KO_LESS,
    KO_MORE,
    KO_UNITS_M,
    LESS,
    LOOSE_RESOLUTION_PATTERN,
    MORE,
    NOT_BEFORE,
    NUM,
    PARAM_WORD,
    PATCH_PATTERN,
    PERCENT,
    RANKING_PHRASES,
    REACH,
    RES_WORD,
    RESOLUTION_PATTERNS,
)

_STRICT_LESS = re.compile(r"under|below|sub|less|fewer|smaller|lighter|미만|보다|아래|밑|<(?!=)|안\s*되", re.IGNORECASE)
_STRICT_MORE = re.compile(r"over|above|more than|greater|larger|bigger|heavier|higher|better|exceed|초과|넘|보다|>(?!=)|위",
                          re.IGNORECASE)


def _less_op(text: str) -> str:
    inclusive = (r"at most|or (?:less|fewer|below|under|lower|smaller|lighter)|and (?:below|under|down|lower)|이하|no more"
                 r"|not more|이내|까지|<=|≤|ceiling|cap|upper|상한")
    return "<" if _STRICT_LESS.search(text) and not re.search(inclusive, text, re.I) else "<="


def _more_op(text: str) -> str:
    inclusive = (r"at least|or (?:more|above|over|higher|greater|larger|bigger|better)|and (?:up|above|over|higher|more)"
                 r"|이상|no less|not less|>=|≥|\+|floor|lower bound|lower limit|cut-?off|threshold|bar|하한")
    return ">" if _STRICT_MORE.search(text) and not re.search(inclusive, text, re.I) else ">="


def _to_millions(number: str, unit: Optional[str]) -> float:
    value = float(number)
    unit = (unit or "").strip().lower()
    if unit in KO_UNITS_M:
        return value * KO_UNITS_M[unit]
    if unit in EN_UNITS_M:
        return value * EN_UNITS_M[unit]
    return value / 1e6 if value >= 10000 else value  # a bare count (5000000) or millions (5)


def _korean_amount(text: str) -> Optional[float]:
    """'2천만' -> 20.0, '천만' -> 10.0, '500만' -> 5.0, '1억' -> 100.0, '5백만' -> 5.0, '1억 5천만' -> 150.0,
    '3천5백만' -> 35.0."""
    total, found = 0.0, False
    compound = re.search(KO_COMPOUND_MAN, text)
    if compound:
        thousands, hundreds = re.findall(r"\d+", compound.group(0))
        total, found = (int(thousands) * 1000 + int(hundreds) * 100) / 100, True
        text = text[:compound.start()] + text[compound.end():]
    for m in re.finditer(r"(\d+(?:\.\d+)?)?\s*(억|천만|백만|십만|만)", text):
        total += (float(m.group(1)) if m.group(1) else 1.0) * KO_UNITS_M[m.group(2)]
        found = True
    return total if found else None


def _amount(raw: str) -> Optional[float]:
    amount = _korean_amount(raw)
    if amount is not None:
        return amount
    unit_match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(billion|million|thousand|bn|mil|b|m|k)?\s*", raw, flags=re.IGNORECASE)
    return _to_millions(unit_match.group(1), unit_match.group(2)) if unit_match else None


def _range(q: Scan, low: float, high: float, start: int, end: int, field: str, text: str) -> None:
    upper = "<" if re.search(r"미만|under|below|less than", text, re.I) else "<="
    lower = ">" if re.search(r"초과|over|above|more than", text, re.I) else ">="
    q.add(cond(field, low, lower), start, end, field)
    q.add(cond(field, high, upper), start, end, field)


def parse_params(q: Scan) -> None:
    ko_amount = (rf"((?:\d+(?:\.\d+)?\s*)?억(?:\s*\d*\s*(?:천만|백만|만))?|{KO_COMPOUND_MAN}|(?:\d+(?:\.\d+)?\s*)?(?:천만|백만|십만|만)"
                 r"|\d+(?:\.\d+)?\s*(?:[mb]|million|billion)(?![a-z]))")
    en_amount = r"(\d+(?:\.\d+)?\s*(?:billion|million|bn|mil|b|m)?)"
    # ranges: 'between 20M and 30M params', '20M-30M', '10~30M 사이', '2천만~3천만 개', '1천만에서 2천만 사이'
    for pattern in (rf"between\s*{en_amount}\s*(?:and|-|to)\s*{en_amount}{NOT_BEFORE}\s*(?:{PARAM_WORD})?",
                    rf"{en_amount}\s*(?:-|~|to)\s*{en_amount}{NOT_BEFORE}\s*(?:{PARAM_WORD}|사이)",
                    rf"(?:{PARAM_WORD}\s*(?:가|이|는)?\s*)?{ko_amount}\s*개?\s*(?:~|-|에서|부터)\s*{ko_amount}\s*개?\s*(?:사이|까지)?"):
        for m in q.finditer(pattern):
            low, high = _amount(m.group(1)), _amount(m.group(2))
            has_unit = re.search(r"[a-z억만]", m.group(1) + m.group(2), flags=re.IGNORECASE)
            if low is None or high is None or not (has_unit or re.search(PARAM_WORD, m.group(0))) or low >= high:
                continue
            if not re.search(r"[a-z억만]", m.group(1), flags=re.IGNORECASE):  # "20-30M": the unit is written once
                low = _amount(m.group(1) + re.sub(r"[\d.\s]", "", m.group(2)))
            _range(q, low, high, *m.span(), "params", m.group(0))
    ko_cmp = rf"({KO_LESS}|{KO_MORE})"
    # Korean: "파라미터 2천만 개 이하", "1억 개 넘는 파라미터", "파라미터 5M 이하", "파라미터가 500만보다 적은"
    for pattern in (
        rf"{ko_amount}\s*(?:개)?\s*(?:의)?\s*{PARAM_WORD}\s*(?:수|개수)?\s*(?:가|이|는|은)?\s*{ko_cmp}",  # "3천만 파라미터 미만"
        rf"{PARAM_WORD}\s*(?:수|개수)?\s*(?:가|이|는|은)?\s*{ko_amount}\s*(?:개)?\s*(?:가|이|보다)?\s*{ko_cmp}",
        rf"{ko_amount}\s*(?:개)?\s*(?:가|이)?\s*{ko_cmp}\w*\s*(?:의)?\s*{PARAM_WORD}",
        rf"{ko_amount}\s*개?\s*{ko_cmp}",
    ):
        for m in q.finditer(pattern):
            amount = _amount(m.group(1))
            if amount is None:
                continue
            op = _less_op(m.group(2)) if re.match(KO_LESS, m.group(2)) else _more_op(m.group(2))
            q.add(cond("params", amount, op), *m.span(), "params")
    # English: "under 5M params", "< 30M", "fewer than 10 million parameters", "params <= 10M", "5M or fewer"
    unit = r"(billion|million|thousand|bn|mil|b|m|k)"
    for comparator, less in ((LESS, True), (MORE, False)):
        for pattern in (rf"(?:{PARAM_WORD}\s*(?:of|is|:)?\s*)?({comparator})\s*{NUM}\s*{unit}{NOT_BEFORE}\s*(?:{PARAM_WORD})?",
                        # (never "weights above 88 top-1": a number a top-1 word follows is a top-1)
                        rf"{PARAM_WORD}\s*(?:of|is|:)?\s*({comparator})\s*{NUM}(?![\d.])(?!\s*{PERCENT}|\s*(?:top[\s\-]?[15]|accuracy|acc\b|정확도))",
                        rf"({comparator})\s*{NUM}\s*{PARAM_WORD}"):
            for m in q.finditer(pattern):
                value = _to_millions(m.group(2), m.group(3) if m.lastindex and m.lastindex >= 3 else None)
                q.add(cond("params", value, _less_op(m.group(1)) if less else _more_op(m.group(1))), *m.span(), "params")
    for m in q.finditer(rf"{NUM}\s*{unit}{NOT_BEFORE}\s*(?:{PARAM_WORD})?\s*({EN_OR_LESS}|{EN_OR_MORE})"):
        less = bool(re.fullmatch(EN_OR_LESS, m.group(3)))
        q.add(cond("params", _to_millions(m.group(1), m.group(2)), "<=" if less else ">="), *m.span(), "params")


ON_IMAGENET = r"(?:\s*(?:on|in)\s*(?:image\s*net(?:[\s\-]?1k)?|in1k|이미지넷))?"  # the metric's dataset, not a filter


def parse_top1(q: Scan) -> None:
    or_more = r"(?:or (?:more|higher|better|above)|and (?:up|above)|\+|plus)"
    # "under 87% top-1", "below 80%": an upper bound written before the number
    for m in q.finditer(rf"({LESS})\s*{NUM}\s*{PERCENT}\s*(?:{ACC_WORD})?{ON_IMAGENET}"):
        q.add(cond("top1", float(m.group(2)), _less_op(m.group(1))), *m.span(), "top1")
    # ranges: "top-1 between 84 and 86%", "84~86%", "top1 84-86"
    for pattern in (rf"{ACC_WORD}\s*(?:of|is|:|가|이|는)?\s*between\s*{NUM}\s*{PERCENT}?\s*(?:and|-|~|to)\s*{NUM}\s*{PERCENT}?",
                    rf"between\s*{NUM}\s*{PERCENT}?\s*(?:and|-|~|to)\s*{NUM}\s*{PERCENT}\s*(?:{ACC_WORD})?",
                    rf"{ACC_WORD}\s*(?:가|이|는)?\s*{NUM}\s*{PERCENT}?\s*(?:~|-|에서)\s*{NUM}\s*{PERCENT}?\s*(?:사이)?",
                    rf"{NUM}\s*{PERCENT}?\s*(?:~|-)\s*{NUM}\s*{PERCENT}\s*(?:사이)?\s*(?:{ACC_WORD})?"):
        for m in q.finditer(pattern):
            low, high = float(m.group(1)), float(m.group(2))
            if 1 < low < high <= 100:
                _range(q, low, high, *m.span(), "top1", m.group(0))
    # "top-1 below 80%", "정확도 80% 미만", "top-1 70% 미만": before a bare "top-1 70%" reads as a floor
    for pattern in (rf"{ACC_WORD}\s*(?:of|is|가|이|는)?\s*({LESS})\s*{NUM}\s*{PERCENT}?",
                    rf"{ACC_WORD}\s*(?:가|이|는)?\s*{NUM}\s*{PERCENT}?\s*({KO_LESS})"):
        for m in q.finditer(pattern):
            number = next(g for g in m.groups() if g and re.fullmatch(r"\d+(?:\.\d+)?", g))
            q.add(cond("top1", float(number), _less_op(m.group(0))), *m.span(), "top1")
    # "70% 미만인 건?", "80% 이상": a percentage with a Korean bound and no metric named is top-1 (no other field is a %)
    for m in q.finditer(rf"{NUM}\s*%\s*({KO_LESS}|{KO_MORE})"):
        less = re.match(KO_LESS, m.group(2))
        q.add(cond("top1", float(m.group(1)), _less_op(m.group(0)) if less else _more_op(m.group(0))), *m.span(), "top1")
    patterns = [
        (rf"{ACC_WORD}\s*(?:of|is|:|=|가|이|는|은|이가)?\s*({MORE})?\s*{NUM}\s*{PERCENT}?\s*({KO_MORE}\w*|{or_more})?", True),
        (rf"({MORE})\s*{NUM}\s*{PERCENT}\s*(?:{ACC_WORD})?{ON_IMAGENET}", False),
        (rf"({MORE})\s*{NUM}\s*{PERCENT}?\s*{ACC_WORD}{ON_IMAGENET}", False),
        (rf"{NUM}\s*{PERCENT}\s*({or_more})?\s*(?:{ACC_WORD}){ON_IMAGENET}", False),
        (rf"{NUM}\s*({or_more}|{KO_MORE}\w*)\s*(?:의\s*)?(?:{ACC_WORD}){ON_IMAGENET}", False),  # "87+ top1", "85 이상 정확도"
        (rf"{NUM}\s*{PERCENT}\s*({KO_MORE}\w*|{or_more})(?:\s*의?\s*{ACC_WORD})?", False),
        (rf"({REACH})\s*(?:{MORE}\s*)?{NUM}\s*{PERCENT}(?:\s*(?:on|in)\s*(?:image\s*net(?:[\s\-]?1k)?|in1k))?", False),
        (rf"{NUM}\s*{PERCENT}\s*(?:on|in)\s*(?:image\s*net(?:[\s\-]?1k)?|in1k)", False),
        # "clear 86 top-1", "top-1 that beats 85": a verb of reaching with the metric named, no percent sign
        (rf"({REACH})\s*(?:{MORE}\s*)?{NUM}\s*{PERCENT}?\s*(?:on\s+)?{ACC_WORD}{ON_IMAGENET}", False),
        (rf"{ACC_WORD}\s*(?:that|which)?\s*({REACH})\s*(?:{MORE}\s*)?{NUM}(?![\d.])\s*{PERCENT}?", False),
    ]
    for pattern, _ in patterns:
        for m in q.finditer(pattern):
            index = next(i for i, g in enumerate(m.groups(), 1) if g is not None and re.fullmatch(r"\d+(?:\.\d+)?", g))
            value = float(m.group(index))
            if re.search(r"(?:top|상위|탑)[\s\-]?$", m.string[:m.start(index)], flags=re.IGNORECASE):
                continue  # "ImageNet-R top-1 top 5": a count of a ranking, not a top-1
            if 1 < value <= 100:
                less = re.search(rf"{LESS}|{KO_LESS}", m.group(0), flags=re.IGNORECASE)
                op = _less_op(m.group(0)) if less else _more_op(m.group(0))
                q.add(cond("top1", value, op), *m.span(), "top1")


def parse_bound_continuations(q: Scan) -> None:
    """'탑1 80 이상 82 미만', 'params over 10M and under 30': a second bound right after the first, its unit implied."""
    for m in q.finditer(rf"(?:but|and|,|이고|면서)?\s*(?:({LESS}|{MORE})\s*)?(\d+(?:\.\d+)?)\s*({PERCENT}|m|M)?"
                        rf"\s*((?:{KO_LESS}|{KO_MORE}){HANGUL}{{0,2}})?"):
        if not m.group(2) or not (m.group(1) or m.group(4)):
            continue
        start = m.start(1) if m.group(1) else m.start(2)  # not the blanked atom a leading \s* swept up
        previous = [a for a in q.atoms if a.group in ("top1", "params") and a.end <= start
                    and re.fullmatch(r"\s*(?:but|and|,|이고|면서|이면서)?\s*", q.original[a.end:start], flags=re.I)]
        if not previous:
            continue
        word = m.group(1) or m.group(4)
        less = re.search(rf"{LESS}|{KO_LESS}", word, flags=re.IGNORECASE)
        field = previous[-1].group
        q.add(cond(field, float(m.group(2)), _less_op(word) if less else _more_op(word)), start, m.end(), field)


def _plausible_resolution(value: int, pattern: str) -> bool:
    if pattern == LOOSE_RESOLUTION_PATTERN:
        return value in vocab.RESOLUTIONS or (64 <= value <= 2048 and value % 16 == 0)
    return 64 <= value <= 2048


RES_UNIT = r"(?:px|pixels?|픽셀)"
RES_TO = r"(?:to|and|through|-|–|~|에서|부터)"
RESOLUTION_RANGES = (  # "input res from 256 to 320", "256-320px", "해상도 256에서 320 사이", "256~320 해상도"
    rf"(?:{RES_WORD})\s*(?:가|이|는|은|of|is|:)?\s*(?:from|between)?\s*(\d{{2,4}})\s*{RES_UNIT}?\s*{RES_TO}\s*(\d{{2,4}})"
    rf"\s*{RES_UNIT}?\s*(?:사이|까지|inclusive)?",
    rf"(?:from|between)?\s*(\d{{2,4}})\s*{RES_UNIT}?\s*{RES_TO}\s*(\d{{2,4}})\s*{RES_UNIT}\s*(?:사이|까지)?",
    rf"(\d{{2,4}})\s*{RES_UNIT}?\s*(?:~|-|–|에서|부터)\s*(\d{{2,4}})\s*(?:사이|까지)?\s*(?:의)?\s*(?:{RES_WORD})",
)


def parse_resolution_ranges(q: Scan) -> None:
    """Both limits of a resolution range, inclusive: people who say "from 256 to 320" mean 320 too."""
    for pattern in RESOLUTION_RANGES:
        for m in q.finditer(pattern):
            low, high = int(m.group(1)), int(m.group(2))
            if 64 <= low < high <= 2048:
                q.add(cond("resolution", low, ">="), *m.span(), "resolution")
                q.add(cond("resolution", high, "<="), *m.span(), "resolution")


def parse_resolution(q: Scan) -> None:
    parse_resolution_ranges(q)
    # comparisons: "해상도 384 이상", "at least 384px", "384 or higher", "resolution >= 384"
    for pattern in (rf"(?:{RES_WORD})\s*(?:가|이|는|은)?\s*(\d{{2,4}})\s*(?:px|픽셀)?\s*((?:{KO_LESS}|{KO_MORE}){HANGUL}{{0,2}})",
                    rf"({LESS}|{MORE})\s*(\d{{2,4}})\s*(?:px|pixels?|픽셀)",
                    rf"(?:{RES_WORD})\s*(?:of\s*)?({LESS}|{MORE}|>=|<=)\s*(\d{{2,4}})",
                    rf"(\d{{2,4}})\s*(?:px|pixels?|픽셀)?\s*({EN_OR_MORE}|{EN_OR_LESS}|(?:{KO_MORE}|{KO_LESS}){HANGUL}{{0,2}})(?:\s*(?:{RES_WORD}))?"):
        for m in q.finditer(pattern):
            number, word = (m.group(1), m.group(2)) if m.group(1).isdigit() else (m.group(2), m.group(1))
            value = int(number)
            if not 64 <= value <= 2048 or not (value in vocab.RESOLUTIONS or re.search(rf"{RES_WORD}|px|픽셀", m.group(0), re.I)):
                continue
            less = re.search(rf"{LESS}|{KO_LESS}|{EN_OR_LESS}|<", word, flags=re.IGNORECASE)
            q.add(cond("resolution", value, _less_op(word) if less else _more_op(word)), *m.span(), "resolution")
    for pattern in RESOLUTION_PATTERNS:
        for m in q.finditer(pattern):
            value = int(m.group(1))
            if _plausible_resolution(value, pattern):
                q.add(cond("resolution", value), *m.span(), "resolution")
    # a bare number that is a common input size: "384 small in22k", "384짜리 모델", "224 or 256"
    for m in q.finditer(rf"(?<![A-Za-z0-9_.%~\-])(\d{{3,4}})(?![A-Za-z0-9_%.~]|\s*{PERCENT}|\s*-\s*\d)"):
        if int(m.group(1)) in vocab.RESOLUTIONS:
            q.add(cond("resolution", int(m.group(1))), *m.span(), "resolution")


def parse_ranking(q: Scan) -> None:
    for pattern, key in RANKING_PHRASES:
        for m in q.finditer(pattern):
            q.add(None, *m.span(), "ranking", ranking=key)
            return


def parse_epochs_and_patch(q: Scan) -> None:
    for pattern, field in ((EPOCH_PATTERN, "epochs"), (PATCH_PATTERN, "patch")):
        for m in q.finditer(pattern):
            q.add(cond(field, int(next(g for g in m.groups() if g))), *m.span(), field)
