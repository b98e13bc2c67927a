"""A conversation turn that points back at the weights the previous answer showed: "those two", "the top three",
"the second one's create_model", "위 두 개", "둘 중에", "두 번째 거", "그거랑 X 비교".

`point_back` finds the reference and writes the names it means into the turn, so the turn is read like any
question that names its weights ("of A and B, which does better on ImageNet-V2?"). Pure: the same text and shown
names always give the same result.
"""

from __future__ import annotations

import re
from typing import Optional

from kb.query.fact_words import fact_mentions

COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "6": 6, "7": 7, "8": 8,
          "both": 2, "둘": 2, "두": 2, "셋": 3, "세": 3, "넷": 4,
          "네": 4, "다섯": 5, "2": 2, "3": 3, "4": 4, "5": 5}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "첫": 1, "두": 2, "세": 3, "네": 4,
            "1": 1, "2": 2, "3": 3, "4": 4, "마지막": -1}
_COUNT = r"(two|three|four|five|six|seven|eight|both|2|3|4|5|6|7|8)"
_KO_COUNT = r"(둘|두|셋|세|넷|네|다섯|2|3|4|5)"
SEVERAL = [  # the first n shown
    rf"(?<![A-Za-z])(?:of\s+)?(?:those|these|the\s+(?:top|first|above|previous))\s+{_COUNT}(?:\s+(?:ones|models|weights|above))?(?![A-Za-z])",
    rf"(?<![A-Za-z])(?:of|among)\s+the\s+{_COUNT}(?![A-Za-z])",  # "which of the five is fastest"
    rf"(?<![\w\-])(?:the\s+)?{_COUNT}\s+(?:above|listed|shown)(?![A-Za-z])(?!\s*\d)",  # never "top-5 above 96"
    r"(?<![A-Za-z])(both)\s+of\s+(?:them|those|these)(?![A-Za-z])|(?<![A-Za-z])(?:compare\s+)?(both)(?=\s*[?.!,]?\s*$)",
    # a word of its own: "위 두 개", "이 둘"; never inside a name ("레그넷" is no "그 넷")
    rf"(?<![가-힣])(?:위|앞|상위|이|그)\s*(?:의\s*)?{_KO_COUNT}\s*(?:개|가지)?(?:\s*(?:중에서|중에|중|를|을|만|다|랑|끼리))?(?![가-힣])",
    rf"(?<![가-힣A-Za-z0-9_]){_KO_COUNT}\s*(?:개\s*)?중(?:에서|에)?",
]
ONE = [  # one of those shown, by position
    r"(?<![A-Za-z])the\s+(first|second|third|fourth|last)\s+(?:one|model|weight)(?:'s)?(?![A-Za-z])",
    r"(?<![A-Za-z])(?:number|no\.?|#)\s*([1-4])(?![0-9])",
    r"(첫|두|세|네|마지막)\s*(?:번째)?\s*(?:거|것|꺼|께|모델|가중치)(?:의|는|은|이랑|랑)?",
    r"([1-4])\s*(?:번째|등(?!\s*만))\s*(?:거|것|꺼|모델|가중치)?(?:의|는|은|이랑|랑)?",  # never "1등만": a count
]
THAT_ONE = (r"(?<![A-Za-z])(?:that|this)\s+one(?:'s)?(?![A-Za-z])(?!\s*(?:aside|apart))|(?<![A-Za-z])its(?![A-Za-z])"
            # "the better one", "더 나은 거": the first of the answer shown, its best by the reading it was ranked by
            r"|(?<![A-Za-z])the\s+(?:better|best|top|winning)\s+one(?:'s)?(?![A-Za-z])"
            r"|(?<![가-힣])(?:그거|그것|그\s*모델|이거|이것)(?:의|는|은|이랑|랑|하고|과|와)?(?!\s*(?:말고|빼고|아닌|말구|대신))")


RANKED_BY = r"(?<![A-Za-z])(?:by|on|sorted|ranked)\s+\S|기준|순으로|순서로"


def point_back(text: str, shown: list[str]) -> Optional[tuple[str, list[str]]]:
    """(the turn with the reference replaced by the names it means, those names), or None when the turn points at
    nothing the previous answer showed."""
    if not shown:
        return None
    for pattern in SEVERAL:
        m = re.search(pattern, text, flags=re.IGNORECASE)
        if m and re.search(r"top|first|상위", m.group(0), flags=re.IGNORECASE) and (
                re.search(RANKED_BY, text, flags=re.IGNORECASE) or fact_mentions(text[:m.start()], set())):
            continue  # "the top 2 by top-5", "top-5 기준으로 상위 2개", "ImageNet-R 상위 3개": a ranking, not the names shown
        if m:
            count = COUNTS[next(g for g in m.groups() if g).lower()]
            if count <= len(shown):
                return _written(text, m, shown[:count])
    for pattern in ONE:
        m = re.search(pattern, text, flags=re.IGNORECASE)
        if m:
            position = ORDINALS[m.group(1).lower()]
            if position == -1 or position <= len(shown):
                return _written(text, m, [shown[position - 1] if position > 0 else shown[-1]])
    m = re.search(THAT_ONE, text, flags=re.IGNORECASE)
    if m and not re.search(r"[a-z0-9]_[a-z0-9_]*\.[a-z0-9_]+", text):  # "switch to X - its Sketch?": its is X's
        return _written(text, m, shown[:1])
    m = re.search(r"(?<![A-Za-z])which\s+(?:one|of the two|of them)(?![A-Za-z])|어느\s*(?:쪽|거|것)", text, flags=re.IGNORECASE)
    if m and 2 <= len(shown) <= 4:  # after two to four weights: "which one is better on ImageNet-A?"
        return _written(text, m, shown)
    m = re.search(_WHICH_ONE, text, flags=re.IGNORECASE)
    if m:  # "of the L one", "nano 짜리": the one shown whose architecture has that part
        word = (m.group(1) or m.group(2)).lower()
        named = [n for n in shown if word in n.split(".")[0].split("_")]
        if len(named) == 1:
            return _written(text, m, named)
    return None


_WHICH_ONE = r"(?<![A-Za-z])the\s+([a-z0-9]{1,8})\s+one(?:'s)?(?![A-Za-z])|(?<![A-Za-z0-9_])([a-z0-9]{1,8})\s*짜리"


def _written(text: str, m: re.Match, names: list[str]) -> tuple[str, list[str]]:
    joined = " and ".join(names) if len(names) > 1 else names[0]
    return f"{text[:m.start()]} {joined} {text[m.end():]}".strip(), names


# "두번째로 높은 거", "the second most accurate", "3rd fastest": a place in a ranking, not the first
_ORDINAL_RANK = re.compile(
    r"(?P<ko>첫|두|세|네|다섯)\s*번째\s*로"
    r"|(?<![A-Za-z])(?:the\s+)?(?P<en>second|third|fourth|fifth|2nd|3rd|4th|5th)(?=[\s\-]+(?:most|least|highest|lowest|best|worst"
    r"|fastest|slowest|largest|biggest|smallest|lightest|heaviest|cheapest|\w+est)(?![A-Za-z]))", re.IGNORECASE)
_PLACES = {"첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3,
           "4th": 4, "5th": 5}


def ranked_place(text: str) -> Optional[tuple[int, str, str]]:
    """(the place asked for, the turn asking for the first instead, the turn without the place) when a turn asks
    for the n-th of a ranking: "거기서 top1 두번째로 높은거" -> (2, "거기서 top1 제일 높은거", "거기서 top1 높은거")."""
    m = _ORDINAL_RANK.search(text)
    if not m:
        return None
    place = _PLACES[(m.group("ko") or m.group("en")).lower()]
    first = f"{text[:m.start()]}{'제일 ' if m.group('ko') else ''}{text[m.end():]}".strip()
    return place, first, f"{text[:m.start()]}{text[m.end():]}".strip()
