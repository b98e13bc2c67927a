"""Conditions, rankings and questions on any fact of the fact table (kb.facts), read from the table's words.

- a number with a comparison: "GMACs under 5", "5 GMACs 이하", "top-5 95% 이상", "CPU에서 초당 100장 넘는",
  "ImageNet-R 80+", "test size 288", ranges ("between 1 and 5 GMACs");
- a text fact's value: "bilinear", "squash crop", "OpenAI CLIP mean/std";
- (the idioms of the head and the sizes, "feature extractor", "fixed input size", are kb.query.fact_idioms');
- rankings over any number, both ways, with a count: "lightest", "most GMACs", "slowest on CPU", "top-3 by
  top-5", "가장 빠른 거 2개", "X랑 Y 중에 CPU에서 더 빠른 거";
- the facts a question asks to be told ("X 라이선스가 뭐야?", "input size and mean/std of X?"): kb.query.parse
  reads them from what is left.

Parameter counts, ImageNet top-1 and the input size keep their own recognizers (kb.query.numbers), which run after
these, so "top-1 at the test size" or "test size 288" are read here first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from kb.facts import FACTS, Fact, sort_name
from kb.facts.missing import MISSING
from kb.facts.table import SPEED
from kb.query.expression import all_of, cond
from kb.query.scan import Scan
from kb.query.words import EN_OR_LESS, EN_OR_MORE, KO_LESS, KO_MORE, LESS, MORE, NOT_AFTER, NOT_BEFORE, REACH
from kb.regex_programs import compiled

BESPOKE = ("params", "top1", "resolution")  # read by kb.query.numbers
# "초당 1만장": Korean thousands and ten-thousands, when a unit or a bound follows
# "over 20k img/s": thousands as k, when a unit or a bound follows
NUMBER = (r"(?<![A-Za-z_.\d])(\d+(?:,\d{3})*(?:\.\d+)?(?:\s*[천만](?=\s*(?:장|개|배|img|images?|이상|이하|넘|초과|미만))"
          r"|k(?=\s*(?:img|images?|fps|장|이상|이하|넘|초과|미만|or\s|and\s|\+|$)))?)")
KO_MULTIPLIERS = {"천": 1e3, "만": 1e4, "k": 1e3}
_IS_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?(?:\s*[천만]|k)?")  # a group NUMBER captured
UNIT = (r"(?:\s*(?:%|퍼센트|프로|px|픽셀|g?macs|gflops|(?:m|million)(?![a-z])|img\s*/\s*s(?:ec)?|images?\s*/\s*s(?:ec)?"
        r"|images? per second|fps|장\s*/\s*(?:s|sec|초)|장|개|classes|클래스|배))?")
GAP = r"\s*(?:is|are|of|at|exactly|:|=|가|이|는|은|이가|에서|에서의|의|값이?|도)?\s*"  # "ImageNet-R 도 70 이상"
SUPER_MORE = r"(?:most|highest|largest|biggest|greatest|max(?:imum)?|best|top(?![\s\-]?\d)|strongest|최고|최대)"
MORE_THAN = r"(?:better|higher|greater|more|larger|bigger|stronger|더\s*(?:높|좋|크|큰|많))"  # among named weights
LESS_THAN = r"(?:lower|less|fewer|smaller|weaker|worse|더\s*(?:낮|작|적|나쁜))"
SUPER_LESS = r"(?:least|lowest|smallest|fewest|min(?:imum)?|worst|weakest|bottom|최저|최소)"
KO_SUPER = r"(?:가장|제일|젤)"
KO_HIGH = r"(?:높은|큰|많은|높|크|많|좋은)"
KO_LOW = r"(?:안\s*좋은|나쁜|낮은|작은|적은|낮|작|적)"
ORDER_WORD = (r"(?:sorted|ordered|ranked|sort|order|rank)\s+(?:them\s+)?by|(?<=\s)by(?=\s)|기준(?:으로)?")
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_EN_NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten)"
_KO_NUMBER = r"(?:두|세|네|다섯|여섯|일곱|여덟|아홉|열)"
COUNT = (  # "top 3", "3 fastest", "2개", "상위 5", "which three do best"; not the metrics top-1 / top-5 unless a count
    # follows ("top-5 by …")
    r"(?:best|first|상위|탑)\s*(\d{1,2})(?![\d.%])"
    r"|top[\s\-]?(\d{1,2})(?=\s+(?:by|models?|weights?|ones|checkpoints?|of|among|in|on|개|모델|가중치))"
    r"|top[\s\-]?([2-46-9]|\d{2})(?![\d.%])(?!\s*(?:%|accuracy|acc|정확도))"
    r"|(\d{1,2})\s*(?:개|가지)(?![\d])(?!\s*(?:있|밖에|뿐))"  # never "두개 있던데": how many there are
    rf"|(\d{{1,2}}|{_EN_NUMBER})\s+(?=(?:best|fastest|slowest|lightest|heaviest|smallest|largest|biggest|most|least|highest|lowest|cheapest)\b)"
    rf"|(?:which|the|top|give me(?:\s+the)?|show(?:\s+me)?(?:\s+the)?|pick|list)\s+(\d{{1,2}}|{_EN_NUMBER})(?=\s+[a-z]|\s*[.!?]*\s*$)"
    rf"|({_KO_NUMBER})\s*(?:개|가지)(?![가-힣])(?!\s*(?:있|밖에|뿐))"
    rf"|(?:lowest|highest|fastest|slowest|smallest|largest|cheapest|lightest|fewest|most|least|best|worst|bottom)[\s\-]+"
    rf"(\d{{1,2}}|{_EN_NUMBER})(?![\d.%])(?!\s*(?:%|m\b|px|gmacs|img|개))")
# the fact ranked by the count before it: "top 5 models on ImageNet-A", "best 3 by GMACs"; after it: "ImageNet-R top 3",
# "테스트 사이즈 top-1 상위 3개"
TOP_COUNT = (rf"(?P<cue>top(?=[\s\-]?(?:(?:[2-46-9]|\d{{2}}|{_EN_NUMBER})(?![\d.%])"  # never the metrics top-1 / top-5
             r"|[15]\s+(?:models?|weights?|ones|checkpoints?|of|on|in|by|개|모델|가중치)))"
             rf"|best(?=\s*(?:\d|{_EN_NUMBER}))|상위(?=\s*\d)|탑(?=\s*\d))[\s\-]?")
# "clears 80%", "tops 81% top-1 at the test size": reached; "top" only before a percentage ("top 3 on …" is a count)
REACHES = rf"(?:{REACH.replace('|tops?|topping', '')}|tops?(?=\s*\d+(?:\.\d+)?\s*%))"
UNIT_NOTE = r"(?:\s*\([^()]{1,20}\))?"  # "activations(M)", "처리량(images/s)": a unit in parentheses after the fact
DEVICE_WORDS = {"images_per_sec_cpu": r"cpu|씨피유|i7", "images_per_sec_gpu": r"gpu|4090|cuda|그래픽\s*카드"}


@lru_cache(maxsize=None)
def regex(pattern: str) -> "re.Pattern":
    """Compiled once and kept here: the table makes hundreds of patterns, more than `re`'s cache keeps."""
    return compiled(pattern, re.IGNORECASE)


def words_of(fact: Fact) -> str:
    return "(?:" + "|".join(fact.words) + ")"


def bounded(pattern: str) -> str:
    return f"{NOT_AFTER}{pattern}{NOT_BEFORE}"


def _said(q: Scan, words: str) -> bool:
    """Whether a fact's words occur in what is left unread: its long patterns (each holds the words) are compiled
    only then, so a question pays for the facts it names, not for the whole table."""
    return bool(q.finditer(regex(bounded(words))))


def said_facts(q: Scan, kind: Optional[str] = None) -> list[Fact]:
    """The facts (of that kind) whose words occur in what is left unread."""
    return [f for f in FACTS if f.words and (kind is None or f.kind == kind) and _said(q, words_of(f))]


def _number(raw: str, fact: Fact) -> Optional[float]:
    raw = raw.replace(",", "").strip()
    value = float(raw[:-1].strip()) * KO_MULTIPLIERS[raw[-1]] if raw[-1] in KO_MULTIPLIERS else float(raw)
    if fact.key in ("crop_pct", "test_crop_pct") and value > 1:
        value /= 100.0  # "crop 95%"
    if fact.percent and not 0 < value <= 100:
        return None
    return value


def _op(text: str, less: bool) -> str:
    from kb.query.numbers import _less_op, _more_op

    return _less_op(text) if less else _more_op(text)


def _is_less(word: str, fact: Fact) -> bool:
    return bool(regex(rf"{LESS}|{KO_LESS}|{EN_OR_LESS}|<").search(word)) or any(regex(w).search(word) for w in fact.less)


@lru_cache(maxsize=None)
def _patterns(key: str, spoken: Optional[str] = None) -> list[tuple[str, "re.Pattern"]]:
    """Compiled once: the fact table's patterns are many, more than `re`'s own cache would keep beside the rest."""
    return [(kind, compiled(pattern, re.IGNORECASE)) for kind, pattern in _pattern_texts(key, spoken)]


def _pattern_texts(key: str, spoken: Optional[str] = None) -> list[tuple[str, str]]:
    """(kind, pattern) for one numeric fact: comparisons written before or after, ranges, a bare value. `spoken`:
    other words for it than the table's (a speed said without its device)."""
    fact = next(f for f in FACTS if f.key == key)
    words = bounded(spoken or words_of(fact))
    more = "|".join(fact.more + fact.less)
    than = rf"(?:(?:{more})\s+than|{LESS}|{MORE})" if more else rf"(?:{LESS}|{MORE})"
    after = rf"(?:(?:{KO_LESS}|{KO_MORE})\w*|{EN_OR_LESS}|{EN_OR_MORE})"
    # before the fact it bounds, the bound word ends no clause: "85 이상이면서 4090 …" is a bound of what came first
    tight = rf"(?:(?:{KO_LESS}|{KO_MORE})(?:인|의|되는|하는|짜리|으로|로)?|{EN_OR_LESS}|{EN_OR_MORE})"
    return [
        ("range", rf"{words}{GAP}(?:between\s*)?{NUMBER}{UNIT}\s*(?:~|-|to|and|에서|부터)\s*{NUMBER}{UNIT}\s*(?:사이)?"),
        ("range", rf"between\s*{NUMBER}{UNIT}\s*(?:and|-|to)\s*{NUMBER}{UNIT}\s*(?:of\s+|on\s+|in\s+)?{words}"),
        ("before", rf"{words}{GAP}({than})\s*{NUMBER}{UNIT}"),
        ("after", rf"{words}{GAP}{NUMBER}{UNIT}\s*({after})"),
        ("before", rf"({than}|{REACHES})\s*{NUMBER}{UNIT}\s*(?:of\s+|on\s+|in\s+|for\s+)?(?:the\s+)?{words}"),
        ("after", rf"{NUMBER}{UNIT}\s*(?:of\s+|on\s+|in\s+)?{words}{GAP}({after})"),
        ("after", rf"{NUMBER}{UNIT}\s*({tight})\s*(?:of\s+|on\s+|in\s+|for\s+)?(?:the\s+)?{words}"),
        ("equal", rf"{words}{GAP}{NUMBER}(?![\d.])" + (r"\s*%?" if fact.percent else "") + rf"(?!\s*(?:{after}|~|-|to|등|위))"),
    ] + ([("equal", rf"{NUMBER}\s*(?:px|픽셀)?[\s\-]*{words}")] if fact.unit == "px" else [])  # "a 320 test size"


def parse_fact_numbers(q: Scan) -> None:
    """Every fact's numbers, the longest phrase first: "top-1 at the test size over 84" is top1_test, not the test
    size over 84."""
    found = [c for fact in FACTS if fact.kind == "number" and fact.key not in BESPOKE and fact.words
             and _said(q, words_of(fact)) for c in _read_numbers(q, fact, _patterns(fact.key))]
    _add_longest(q, found)
    speeds = [f for f in FACTS if f.key in DEVICE_WORDS]  # "초당 100장 넘는" with the device said elsewhere, or not
    bare = [(kind, p) for kind, p in _patterns(speeds[0].key, SPEED) if kind != "equal"] if _said(q, SPEED) else []
    if any(q.finditer(p) for _, p in bare):
        fact = _device(q, speeds)
        _add_longest(q, _read_numbers(q, fact, bare))


def _add_longest(q: Scan, found: list) -> None:
    taken: list[tuple[int, int]] = []
    for (start, end), where, group in sorted(found, key=lambda c: (c[0][0] - c[0][1], c[0][0])):
        if all(end <= s or start >= e for s, e in taken):
            q.add(where, start, end, group)
            taken.append((start, end))


# a unit written after a number, and the facts it can belong to (by their unit)
_UNITS = ((r"%|퍼센트|프로", ("%",)), (r"(?:m|million)(?![a-z])", ("M",)), (r"px|픽셀", ("px",)),
          (r"g?macs|gflops", ("GMACs",)), (r"img|images?|fps|장", ("img/s",)))


def _unit_fits(after: str, fact: Fact) -> bool:
    """Whether the unit written after a number (if any) is the fact's: "100M" is never a top-1, "85%" never a size."""
    for pattern, units in _UNITS:
        if regex(rf"\s*(?:{pattern})").match(after):
            return fact.unit in units or (fact.percent and "%" in units)
    return True


def _read_numbers(q: Scan, fact: Fact, patterns: list) -> list:
    """((start, end), condition, group) for every phrase that states a number of the fact."""
    found = []
    for kind, pattern in patterns:
        for m in q.finditer(pattern):
            numbers = [g for g in m.groups() if g and _IS_NUMBER.fullmatch(g)]
            if not all(_unit_fits(m.string[m.end(i):], fact) for i, g in enumerate(m.groups(), 1)
                       if g and _IS_NUMBER.fullmatch(g)):
                continue  # "params 100M 이하에서 ImageNet-R top-1": 100M is a parameter count, not a top-1
            words = [g for g in m.groups() if g and not _IS_NUMBER.fullmatch(g)]
            values = [_number(n, fact) for n in numbers]
            if not values or None in values:
                continue
            if kind == "range" and len(values) == 2 and values[0] < values[1]:
                where = all_of([cond(fact.key, values[0], ">="), cond(fact.key, values[1], "<=")])
            elif kind == "equal":
                where = cond(fact.key, values[0])
            elif kind in ("before", "after") and words:
                where = cond(fact.key, values[0], _op(m.group(0), _is_less(words[0], fact)))
            else:
                continue
            found.append((m.span(), where, fact.key))
    return found


def parse_fact_values(q: Scan) -> None:
    """"bilinear", "squash", "OpenAI CLIP mean/std": the value of a text fact, with or without the fact's name."""
    for fact in FACTS:
        if fact.kind != "text" or not fact.values:
            continue
        words = words_of(fact) if fact.words else None
        for value, patterns in fact.values.items():
            # timm's constant as written ("IMAGENET_DPN"), and "… 상수로": the value named as a constant
            written = value if "_" in value else None  # with its underscore: "OpenAI CLIP" is a data source
            named = "(?:" + "|".join(patterns + ((written,) if written else ())) + r")(?:\s*(?:constants?|상수)(?:로|를|인|의|이)?)?"
            for pattern in ([rf"{named}\s*(?:{words})?", rf"{words}{GAP}{named}"] if words else [named]):
                for m in q.finditer(regex(bounded(pattern))):
                    q.add(cond(fact.key, value), *m.span(), fact.key)


def _device(q: Scan, facts: list[Fact]) -> Fact:
    """Of the speed facts, the one whose device the question names (CPU or GPU); the first (GPU) when none."""
    for fact in facts:
        found = fact.key in DEVICE_WORDS and regex(rf"(?:on\s+(?:an?\s+|the\s+)?)?{bounded(DEVICE_WORDS[fact.key])}"
                                                 r"(?:\s*(?:에서|에서는|으로|로))?").search(q.text)
        if found:
            q.consume(*found.span())  # the device said which speed
            return fact
    return facts[0]


def _named(q: Scan) -> bool:
    """Two or more weights named outright: a comparative among them ("더 빠른 거", "which does better") ranks them."""
    return sum(1 for a in q.atoms if a.group in ("name", "arch")) >= 2


def _ranked(q: Scan, fact: Fact, high_first: bool, start: int, end: int, superlative: bool) -> None:
    q.add(None, start, end, "ranking", ranking=sort_name(fact.key, high_first))
    if superlative and q.top_n is None:
        q.top_n = 1


def parse_fact_rankings(q: Scan) -> None:
    """A ranking by any numeric fact: superlatives ("most GMACs", "가장 빠른"), an order ("sorted by top-5", "GMACs
    순으로") and comparatives among named weights ("X랑 Y 중에 더 빠른 거"), with a count ("top 3", "2개")."""
    numeric = [f for f in FACTS if f.kind == "number" and f.words]
    found = []  # (spans, fact, high first, superlative): the longest wins ("top1 at the test size" over "top1")
    gap = r"[\s\-]+(?:\w+\s+){0,3}?"  # "largest samvit by param count", "Lowest-GMACs": the words between stay
    for fact in (f for f in numeric if _said(q, words_of(f))):
        words = f"(?P<fact>{bounded(words_of(fact))}{UNIT_NOTE})"
        better = fact.better != "low"
        for pattern, high, superlative in (  # "most GMACs", "lowest ImageNet-A top-1", "가장 높은 top-5", "GMACs가 제일 낮은"
                (rf"{NOT_AFTER}(?P<cue>{SUPER_MORE}){gap}{words}", True, True),
                (rf"{NOT_AFTER}(?P<cue>{SUPER_LESS}){gap}{words}", False, True),
                # "top 5 models on ImageNet-A", "ImageNet-R top 3", "테스트 사이즈 top-1 상위 3개": its better way
                (rf"{TOP_COUNT}\S+\s+(?:(?:\S+\s+){{0,3}}?(?:on|in|by|for|of)\s+(?:the\s+)?)?{words}", better, True),
                (rf"{words}\s*(?:기준\s*(?:으로)?\s*)?(?:에서\s*)?{TOP_COUNT}", better, True),
                # after a fact, "top 5" is a count, never the metric: "ImageNet-R top-1 top 5"
                (rf"{words}\s*(?:기준\s*(?:으로)?\s*)?(?:에서\s*)?(?P<cue>top|최?상위|탑)[\s\-]?(?P<n>\d{{1,2}})(?![\d.%])", better, True),
                # "img/s 제일 잘 나오는", "test-size top-1 1등": the fact's better way
                (rf"{words}{GAP}(?:{KO_SUPER}\s*(?:잘\s*나오|잘\s*나와|잘\s*되)|1\s*등|일등)", better, True),
                (rf"{KO_SUPER}\s*{KO_HIGH}\w*\s*{words}", True, True), (rf"{KO_SUPER}\s*{KO_LOW}\w*\s*{words}", False, True),
                (rf"{words}{GAP}{KO_SUPER}\s*{KO_HIGH}", True, True), (rf"{words}{GAP}{KO_SUPER}\s*{KO_LOW}", False, True),
                # "sorted by top-5", "by CPU speed" after a count, "GMACs 순으로", "top-5 낮은 순"
                (rf"(?:{ORDER_WORD})\s*(?:the\s+)?{words}", True, False),
                # "rank those by GMACs, lowest 3", "sorted by activations ascending": the way said after it
                (rf"(?:{ORDER_WORD})\s*(?:the\s+)?{words}[\s,]*(?:{SUPER_LESS}|ascending|low(?:est)?\s+first)", False, False),
                (rf"(?:{ORDER_WORD})\s*(?:the\s+)?{words}[\s,]*(?:{SUPER_MORE}|descending|high(?:est)?\s+first)", True, False),
                (rf"{words}\s*(?:이|가)?\s*{KO_HIGH}?\s*순(?:으로|서)?", True, False),
                # "crop pct 더 큰 쪽이 어느 거?": of the weights at hand, the one higher on it
                (rf"{words}\s*(?:이|가)?\s*더\s*(?:큰|높은|많은)\s*(?:쪽|거|것)", True, True),
                (rf"{words}\s*(?:이|가)?\s*최고", better, True), (rf"{words}\s*(?:이|가)?\s*최저", not better, True),
                # "ImageNet-A 기준으로 줄세워 주세요": ranked by it, its better way first
                (rf"{words}\s*기준\s*(?:으로)?\s*(?:줄\s*세\w*|정렬\w*|순위\w*|나열\w*|랭킹\w*)", better, False),
                (rf"{words}\s*(?:이|가)?\s*더\s*(?:작은|낮은|적은)\s*(?:쪽|거|것)", False, True),
                (rf"{words}\s*(?:이|가)?\s*{KO_LOW}\s*순(?:으로|서)?", False, False)) + ((
                # among named weights: "which does better on ImageNet-V2", "top5 더 높은 거", "lower GMACs"
                (rf"{NOT_AFTER}(?P<cue>{MORE_THAN}){gap}{words}", True, True),
                (rf"{NOT_AFTER}(?P<cue>{LESS_THAN}){gap}{words}", False, True),
                (rf"{words}{GAP}{MORE_THAN}", True, True), (rf"{words}{GAP}{LESS_THAN}", False, True)) if _named(q) else ()):
            for m in q.finditer(regex(pattern)):
                count = m.group("n") if "n" in m.re.groupindex else None
                if count in ("1", "5") and re.fullmatch(r"top[\-_]?", q.text[m.start("cue"):m.start("n")]):
                    continue  # "test size 에서 top1 top5는": two metrics; "ImageNet-R top-1 top 5" is a count
                spans = [m.span("cue"), m.span("fact")] if "cue" in m.re.groupindex else [m.span()]
                spans += [m.span("n")] if count else []
                said = m.end("fact") - m.start("fact")  # of two facts in one span, the one said at more length
                found.append((spans, (m.end() - m.start(), said), m.start(), fact, high, superlative, count))
    by_adjective: dict[str, list[Fact]] = {}
    for fact in numeric:
        for word in fact.more:
            by_adjective.setdefault(word, []).append(fact)
        for word in fact.less:
            by_adjective.setdefault("-" + word, []).append(fact)
    named, adjective = _named(q), None
    # "fastest", "가장 가벼운", "the lightest 3"; among named weights "더 빠른"
    for word, facts in ((w, f) for w, f in by_adjective.items() if q.finditer(regex(w.lstrip("-")))):
        pattern = word.lstrip("-")
        # "가장 빠른", "fastest", "빠른 순으로 2개": the adjective's way
        # … and "가벼운 모델 5개": the adjective with a count a few words on
        # "그 중 큰 쪽": of those, the larger one
        superlative = (rf"{KO_SUPER}\s*(?:{pattern})|{NOT_AFTER}(?:{pattern})(?<=est){NOT_BEFORE}|(?:{pattern})\s*순(?:으로|서대로|서)?"
                       rf"|(?:{pattern})\s*쪽(?![가-힣])"
                       rf"|(?:{pattern})(?=\S*(?:\s+\S+){{0,3}}?\s*\d{{1,2}}\s*(?:개|가지))")
        comparative = rf"더\s*(?:{pattern})|{NOT_AFTER}(?:{pattern})(?<=er){NOT_BEFORE}(?!\s+than)"
        m = next(iter(q.finditer(regex(superlative + (f"|{comparative}" if named else "")))), None)
        if m and (adjective is None or m.start() < adjective[0][0]):
            adjective = (m.span(), facts, not word.startswith("-"))
    best = max(found, key=lambda f: (f[1], -f[2])) if found else None
    if best is not None and (best[5] or adjective is None):  # "most GMACs", "sorted by top-5": the fact said outright
        spans, _, _, fact, high, superlative, count = best
        _ranked(q, fact, high, *spans[0], superlative)
        for start, end in spans[1:]:
            q.consume(start, end)
        if count:
            q.top_n = int(count)
    elif adjective is not None:  # "fastest", "smallest … by parameter count": its way, the fact an order names
        span, facts, high = adjective
        # "the lightest convnext in GMACs", "cheapest in terms of activations": the fact said after it
        named = next((f for f in numeric if f.key not in DEVICE_WORDS and _said(q, words_of(f)) and q.finditer(
            regex(rf"(?:in|by|on|for)\s+(?:terms\s+of\s+)?(?:the\s+)?{bounded(words_of(f))}"))), None)
        fact = best[3] if best is not None else named or _device(q, facts)
        _ranked(q, fact, high, *span, superlative=True)
        for start, end in (best[0] if best is not None else []):
            q.consume(start, end)
        for m in q.finditer(regex(rf"(?:(?:in|by|of)\s+)?{bounded(words_of(fact))}{UNIT_NOTE}") if fact.words else ()):
            q.consume(*m.span())  # "the cheapest in GMACs": the fact the adjective ranks, said again
    if any(a.ranking for a in q.atoms):  # the count, read where the words around it were ("the 3 lightest")
        for m in regex(COUNT).finditer(q.original):
            if q.free(*m.span(m.lastindex)):
                count = m.group(m.lastindex).lower()
                q.top_n = NUMBER_WORDS[count] if count in NUMBER_WORDS else int(count)
                q.consume(*m.span(m.lastindex))
                counter = regex(r"\s*(?:개|가지)(?:만|씩|정도|까지)?").match(q.original, m.end(m.lastindex))
                if counter and counter.group(0).strip():  # "2개만": the counter with its particle
                    q.consume(*counter.span())
                break


def parse_missing(q: Scan) -> None:
    """What timm's data does not hold ("downloads last month", "latency on a Pixel 7"): read, so it is not taken
    for something else, and kept to be said first in the answer."""
    for missing in MISSING:
        for m in q.finditer(regex(bounded(f"(?:{missing.pattern})"))):
            if m.group(0).strip():
                q.unapplied.append((q.original[m.start():m.end()].strip(), missing.en, missing.ko))
                q.consume(*m.span())


def fact_mentions(text: str, taken: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, fact key) of every fact named in `text`, the longest first where two overlap ("테스트 해상도" is
    the test size, not the resolution)."""
    found = [(m.start(), m.end(), fact.key) for fact in FACTS
             if fact.words and fact.hit_key and fact.key not in taken and regex(bounded(words_of(fact))).search(text)
             for m in regex(bounded(words_of(fact))).finditer(text) if m.group(0).strip()]
    chosen: list[tuple[int, int, str]] = []
    for start, end, key in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, key))
    return sorted(chosen)


# a fact asked with another that reads it: the crop pct with its crop mode, the test size with its top-1 there
ASKED_WITH = {"crop_pct": "crop_mode", "test_resolution": "top1_test"}


def _with_partners(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(k for key in keys for k in (key, ASKED_WITH.get(key)) if k))


def parse_fact_mentions(q: Scan) -> None:
    """A fact named with no condition or ranking ("ImageNet-ReaL, ImageNet-V2 top-1 알려줘"), read before the registry's
    tokens could take a piece of it ("V2"): the question asks to be told it (kb.query.parse joins it to the asked)."""
    for start, end, key in fact_mentions(q.text, set()):
        if key not in q.mentioned:
            q.mentioned.append(key)
        q.consume(start, end)
    q.mentioned[:] = _with_partners(q.mentioned)


def asked_facts(leftover: str, taken: set[str]) -> tuple[list[str], str]:
    """The facts the words left over name ("라이선스가 뭐야", "input size and mean/std of"): the question asks to be
    told them. Returns (fact keys, the leftover with those words blanked)."""
    asked = []
    for start, end, key in fact_mentions(leftover, taken):
        if key not in asked:
            asked.append(key)
        leftover = leftover[:start] + " " * (end - start) + leftover[end:]
    return _with_partners(asked), leftover
