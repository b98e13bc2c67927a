"""The idioms of the head and the sizes, read before any number: "feature extractor", "분류 헤드 없는", "a 1000-class
ImageNet head", "evaluated at a higher res than it trains at", "테스트 사이즈가 학습 사이즈보다 큰", "top-1 at the test size
lower than at the input size", "fixed input size", and a paper by its arXiv id."""

from __future__ import annotations

import re

from kb.facts import FACTS
from kb.query.expression import Cmp, all_of, cond
from kb.query.fact_words import bounded, regex, said_facts, words_of
from kb.query.scan import Scan

HEAD_IDIOMS = (  # the classifier head: no head, a head of n classes, a head
    (r"headless|no (?:classifier |classification )?head|without (?:a |the |any )?(?:classifier |classification )?head"
     r"|feature[\s\-]extract(?:or|ion)s?|backbone[\s\-]only|num[\s_]?classes\s*(?:=|==|:|is|of)?\s*0(?![\d.])"
     r"|(?:분류\s*)?헤드\s*(?:가|는|를)?\s*(?:없|뺀|빼|제거)\w*|특징\s*추출(?:기|용|만)?|피처\s*추출\w*|백본\s*(?:만|용)"
     # "이미지 임베딩용", "for image embeddings": what a weight without a head is used for
     r"|(?:이미지\s*)?임베딩\s*(?:용|추출)\w*|(?:for|as)\s+(?:an?\s+)?(?:image\s+)?embeddings?(?:\s+(?:extractor|model|backbone)s?)?"
     r"|embedding\s+(?:extractor|extraction)s?",
     lambda m: cond("num_classes", 0.0)),
    # "a 1000-class ImageNet head", "in12k 11821클래스 헤드": the dataset named with the count is the count's
    (r"(?:(?:in|imagenet[\s\-]?)\d+k\s*)?(\d{1,3}(?:,\d{3})+|\d+)[\s\-]*(?:class(?:es)?|클래스)\s*"
     r"(?:(?:imagenet|image\s*net|in\d+k|이미지넷)[\s\-]*)?(?:classifier\s*|분류\s*)?(?:head|헤드|classifier)"
     r"|(?:(?:in|imagenet[\s\-]?)\d+k\s*)?(?:classifier\s*|분류\s*)?(?:head|헤드|classifier)\s*(?:with|of|가|이|는)?\s*\(?\s*"
     r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:class(?:es)?|클래스|개)\s*\)?"
     # "(21841 클래스)", "a 11821-class head" said as a count of classes alone
     r"|(\d{1,3}(?:,\d{3})+|\d{3,6})[\s\-]*(?:개\s*)?(?:class(?:es)?|클래스)(?![a-z])",
     lambda m: cond("num_classes", float(next(g for g in m.groups() if g).replace(",", "")))),
    (r"with (?:a |the )?(?:classifier |classification )?head|(?:분류\s*)?헤드\s*(?:가|는)?\s*(?:있|달린|붙은)\w*",
     lambda m: cond("num_classes", 0.0, ">")),
)
_TEST_SIZE = r"test[\s\-_]*(?:size|res\w*|input(?:\s*size)?)"
_TRAIN_SIZE = r"(?:(?:its|the|their)\s+)?(?:train\w*\s*(?:input\s*)?|(?:native\s*)?input\s*|native\s*)(?:size|res\w*)?"
_KO_SIZE = r"(?:해상도|크기|사이즈)"
_ADVERB = r"(?:(?:actually|really|even|still|slightly|much|any)\s+)?"
_KO_TRAIN = r"(?:학습|훈련|입력|기본)(?:\s*(?:학습|훈련|입력))?"
INPUT_IDIOMS = (
    (r"(?:evaluat\w*|tested|eval(?:uated)?|test(?:ed)?|scor\w*)\s+at\s+(?:a\s+)?(?:higher|larger|bigger)\s+(?:test\s+)?(?:res\w*|size|input)"
     r"(?:\s+than\s+(?:it\s+|the\s+)?(?:trains?|trained|training|input)(?:\s+(?:at|size|res\w*))?)?"
     rf"|{_TEST_SIZE}\s*(?:is\s+)?(?:higher|larger|bigger|greater)\s+than\s+(?:at\s+)?{_TRAIN_SIZE}"
     rf"|{_KO_TRAIN}\s*{_KO_SIZE}\s*보다\s*(?:더\s*)?(?:큰|높은)\s*{_KO_SIZE}?\s*(?:에서)?\s*(?:평가|테스트|검증)\w*"
     rf"|(?:테스트|test)\s*{_KO_SIZE}\s*(?:가|이)?\s*(?:{_KO_TRAIN}\s*{_KO_SIZE}?\s*보다\s*)?(?:더\s*)?(?:큰|높은)"
     rf"|{_TEST_SIZE}\s*(?:가|이)?\s*(?:{_KO_TRAIN}\s*{_KO_SIZE}?|{_TRAIN_SIZE})\s*보다\s*(?:더\s*)?(?:큰|높은)",
     lambda m: Cmp(field="test_resolution", op=">", other="resolution")),
    (r"(?:has|have|with)\s+(?:a\s+)?(?:separate\s+)?test[\s\-_]*(?:size|res\w*)(?!\s*(?:of\s+|=|:)?\s*\d|\s*(?:top|탑|accuracy|정확도))"
     rf"|(?:테스트|test)[\s\-_]*(?:{_KO_SIZE}|size|res\w*)\s*(?:가|이)?\s*(?:따로\s*)?(?:있|따로)\w*",
     lambda m: cond("test_resolution", 0.0, ">")),
    # top-1 at the test size against top-1 at the input size: "top-1 at its test size is lower than at its input
    # size", "테스트 사이즈에서 top-1이 입력 사이즈보다 낮은"
    (rf"top[\s\-_]?1\s*(?:accuracy\s*)?(?:at|@|on)\s*(?:its\s+|the\s+)?{_TEST_SIZE}\s*(?:is\s+)?{_ADVERB}"
     rf"(?P<way>lower|worse|less|higher|better|greater)\s+than\s+(?:at\s+|on\s+)?{_TRAIN_SIZE}"
     rf"|테스트\s*{_KO_SIZE}\s*(?:에서(?:의)?|의)\s*(?:top[\s\-_]?1|정확도)\s*(?:이|가)?\s*{_KO_TRAIN}\s*{_KO_SIZE}\s*(?:에서)?\s*보다\s*"
     r"(?:더\s*)?(?P<ko_way>낮|높|나쁜|좋)\w*",
     lambda m: Cmp(field="top1_test", op="<" if (m.group("way") or m.group("ko_way") or "").lower() in (
         "lower", "worse", "less", "낮", "나쁜") else ">", other="top1")),
    # "get worse top-1 at their test size than at the native input size"
    (rf"(?P<way>lower|worse|less|higher|better|greater)\s+top[\s\-_]?1\s*(?:accuracy\s*)?(?:at|@|on)\s*(?:its\s+|the\s+|their\s+)?"
     rf"{_TEST_SIZE}\s+than\s+(?:at\s+|on\s+)?{_TRAIN_SIZE}",
     lambda m: Cmp(field="top1_test", op="<" if m.group("way").lower() in ("lower", "worse", "less") else ">", other="top1")),
    # "test size 에서 재면 top-1 이 오히려 떨어지는": measured at the test size, top-1 falls (or rises)
    (rf"(?:테스트|test)[\s\-_]*(?:{_KO_SIZE}|size|res\w*)\s*(?:에서|로)\s*(?:(?:재|평가하|테스트하|돌리|측정하)(?:면|니까|니)\s*)?"
     r"(?:top[\s\-_]?1|탑\s*1|정확도|성능)\s*(?:이|가|은|는)?\s*(?:오히려|더|좀)?\s*"
     r"(?:(?P<down>떨어지|떨어진|낮아지|낮아진|낮|줄어|나빠)|(?P<up>올라가|올라간|오르|높아지|높아진|좋아))\w*",
     lambda m: Cmp(field="top1_test", op="<" if m.group("down") else ">", other="top1")),
)


_HIGHER = r"higher|greater|better|larger|bigger|more"
_CLEAN = (r"(?:clean|plain|original|regular|standard)\s+(?:imagenet\s+)?(?:val(?:idation)?(?:\s+set)?|imagenet|top[\s\-]?1)"
          r"|(?:imagenet\s+)?val(?:idation)?\s+set|imagenet(?:[\s\-]?1k)?\s+itself(?:\s*\(?\s*top[\s\-]?1\s*\)?)?")
_THAN_EN = (rf"\s*(?:is\s+|are\s+)?{_ADVERB}(?P<way>{_HIGHER}|lower|less|worse|smaller|fewer)\s+than\s+"
            r"(?:(?:the|its|their|clean|plain|regular|standard)\s+)*")


def parse_fact_comparisons(q: Scan) -> None:
    """Two facts of one weight compared: "ImageNet-R top-1 higher than clean ImageNet top-1", "top-5가 ReaL보다 높은"."""
    numeric = said_facts(q, "number")
    top1 = next(f for f in FACTS if f.key == "top1")
    clean = regex(_CLEAN).search(q.text)
    for a in numeric:
        for b in [f for f in numeric if f is not a] + ([top1] if clean and a is not top1 and top1 not in numeric else []):
            first, second = bounded(words_of(a)), bounded(words_of(b))
            if b is top1:  # "than on the clean val set": ImageNet itself
                second = rf"(?:{second}|{_CLEAN})"
            pattern = (rf"(?P<a>{first}){_THAN_EN}(?P<b>{second})"
                       # "do better on ImageNet-R than on the clean val set"
                       rf"|(?:do|does|did|score|scores|perform|performs|get|gets)\s+(?P<way2>{_HIGHER}|lower|less|worse)\s+"
                       rf"(?:on|in)\s+(?:the\s+)?(?P<a2>{first})\s+than\s+(?:on|in)\s+(?:the\s+)?(?P<b2>{second})"
                       rf"|(?P<ko_a>{first})\s*(?:이|가|은|는)?\s*(?:(?:원래|기존|그냥|일반|보통|clean|plain)\s*)?(?P<ko_b>{second})"
                       r"\s*(?:보다|에\s*비해)\s*(?:더\s*)?(?P<ko_way>높|낮|크|작|좋|나쁘|나쁜)")
            for m in q.finditer(regex(pattern)):
                way = (m.group("way") or m.group("way2") or m.group("ko_way") or "").lower()
                higher = bool(re.fullmatch(_HIGHER, way)) or way in ("높", "크", "좋")
                q.add(Cmp(field=a.key, op=">" if higher else "<", other=b.key), *m.span(), a.key)


def parse_dropped_facts(q: Scan) -> None:
    """"GMACs 조건 말고", "drop the params limit": a follow-up lets go of its bound on that fact (kb.query.followup)."""
    for fact in said_facts(q):
        words = bounded(words_of(fact))
        for m in q.finditer(regex(rf"{words}\s*(?:조건|제한|기준|필터)\s*(?:은|는|을|를)?\s*(?:말고|빼고|없이|제외하고|지우고|풀고)"
                                  rf"|(?:drop|remove|forget|ignore|without|lose)\s+the\s+{words}\s+(?:condition|limit|bound|filter|constraint|cap)")):
            q.drops.append(fact.key)
            q.consume(*m.span())


def parse_fact_idioms(q: Scan) -> None:
    parse_dropped_facts(q)
    for idioms, group in ((HEAD_IDIOMS, "num_classes"), (INPUT_IDIOMS, "test_resolution")):
        for pattern, where in idioms:
            for m in q.finditer(regex(pattern)):
                q.add(where(m), *m.span(), group)
    parse_fact_comparisons(q)
    # "test_crop_pct 따로 있고", "weights that have a separate test crop pct": the fact is given for the weight
    given = []
    for fact in said_facts(q, "number"):
        words = bounded(words_of(fact))
        for m in q.finditer(regex(
                rf"{words}\s*(?:값|정보)?\s*(?:가|이|은|는)?\s*(?:따로\s*)?(?:잡혀\s*|설정되어\s*)?(?:있|존재|명시)\w*"
                rf"|(?:with|has|have|having)\s+(?:an?\s+)?(?:separate\s+|measured\s+|known\s+|listed\s+)?{words}"
                r"(?:\s+(?:reported|listed|given|measured|available))?(?=\s*(?:$|[,.?!;)]|and\b|or\b|that\b|which\b|도|만))")):
            given.append((m.span(), fact.key))
    taken: list[tuple[int, int]] = []
    for (start, end), key in sorted(given, key=lambda g: g[0][0] - g[0][1]):  # the longest name wins: test_crop_pct
        if all(end <= a or start >= b for a, b in taken):
            q.add(cond(key, 0.0, ">"), start, end, key)
            taken.append((start, end))
    # "whose HF repo lives under apple/ (rather than timm/)", "허브 id가 apple/로 시작하는": the hub organisation
    for m in q.finditer(regex(r"(?:hf|hugging\s*face)?\s*(?:repo(?:sitory)?|hub(?:\s*id)?|org(?:ani[sz]ation)?)s?\s+"
                              r"(?:lives?\s+|is\s+|are\s+|sits?\s+|hosted\s+)?(?:under|in|from|at)\s+([a-z0-9][\w\-]*)/"
                              r"(?:\s*,?\s*(?:rather|not|instead)\s+(?:than|of)\s+[a-z0-9][\w\-]*/)?"
                              r"|(?:허브\s*(?:id|아이디)|hf\s*(?:hub\s*)?id|레포)\s*(?:가|이)?\s*([a-z0-9][\w\-]*)/\s*(?:로\s*시작|아래|밑)\w*")):
        q.add(cond("hf_hub_id", f"{m.group(1) or m.group(2)}/*"), *m.span(), "hf_hub_id")
    # "that have a CPU benchmark", "GPU 측정값 있는": the speed measured on that device
    for m in q.finditer(regex(r"(?:has|have|with)\s+(?:an?\s+)?(cpu|gpu)\s+(?:benchmark|speed|throughput|measurement|number|row)s?"
                              r"|(cpu|gpu)\s*(?:benchmark|벤치마크|측정\s*값?|속도)\s*(?:이|가)?\s*(?:있|된)\w*")):
        device = (m.group(1) or m.group(2)).lower()
        q.add(cond(f"images_per_sec_{device}", 0.0, ">"), *m.span(), f"images_per_sec_{device}")
    # "a fixed 384 input", "448 고정 입력": fixed, at that size
    for m in q.finditer(regex(r"fixed\s+(\d{2,4})\s*(?:px\s*)?(?:input|res\w*|size)(?:\s*size)?"
                              r"|(\d{2,4})\s*(?:px\s*)?고정\s*(?:입력|해상도|크기|사이즈)?")):
        size = float(m.group(1) or m.group(2))
        q.add(all_of([cond("fixed_input_size", "true"), cond("resolution", size)]), *m.span(), "fixed_input_size")
    fixed = bounded(words_of(next(f for f in FACTS if f.key == "fixed_input_size")))
    for m in q.finditer(regex(fixed)):
        q.add(cond("fixed_input_size", "true"), *m.span(), "fixed_input_size")
    for m in q.finditer(regex(r"(?:flexible|any|variable|arbitrary)[\s\-]+input(?:[\s\-]+(?:size|res\w*))?"
                            r"|입력\s*(?:크기|해상도)\s*(?:가|를)?\s*(?:자유|가변|바꿀\s*수)\w*")):
        q.add(cond("fixed_input_size", "false"), *m.span(), "fixed_input_size")
    # "arXiv 2110.00476 (ResNet strikes back)": the paper it comes from; its title in parentheses says no more
    for m in q.finditer(regex(r"arxiv\s*[:\-]?\s*(\d{4}\.\d{4,5})(?:v\d)?(?:\s*\([^()]{1,80}\))?")):
        q.add(cond("paper", m.group(1)), *m.span(), "paper")
