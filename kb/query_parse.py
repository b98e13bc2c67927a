"""Read a Korean, English or mixed question into QueryFilters with rules and vocabularies (no LLM).

The rules run in a fixed order and each consumes the span it recognised, so a number is read once: a model
name first (resnet50 is not "50"), then params, top-1, resolution, datasets with their stage, ranking intent,
sizes, families, methods and licences. Whatever is left is free text for semantic search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from kb import vocab
from kb.filters import TOKEN_FAMILIES
from kb.schema import ModelRecord, QueryFilters

# ---- phrase tables -------------------------------------------------------------------------------------------

NUM = r"(\d+(?:\.\d+)?)"

# Korean number units, in millions of parameters
KO_UNITS_M = {"억": 100.0, "천만": 10.0, "백만": 1.0, "십만": 0.1, "만": 0.01}
EN_UNITS_M = {"b": 1000.0, "billion": 1000.0, "m": 1.0, "million": 1.0, "k": 0.001, "thousand": 0.001}

LESS = r"(?:under|below|less than|fewer than|smaller than|at most|up to|no more than|max(?:imum)?|<=|=<|≤|<|lighter than)"
MORE = r"(?:over|above|more than|greater than|larger than|bigger than|at least|min(?:imum)?|>=|=>|≥|>|exceeding)"
KO_LESS = r"(?:이하|미만|보다\s*적|보다\s*작|안\s*되는|아래|이내|까지)"
KO_MORE = r"(?:이상|초과|보다\s*많|보다\s*큰|넘는|넘게|넘어|넘고|넘은|을\s*넘|를\s*넘|위)"
PARAM_WORD = r"(?:param(?:eter)?s?|weights?|파라미터|매개변수|모수)"

RANKING_PHRASES: list[tuple[str, str]] = [
    (r"most accurate|highest (?:top-?1|accuracy)|best (?:top-?1|accuracy)|best[- ]performing|top[- ]performing|the best|가장\s*정확|정확도가?\s*가장\s*높|최고\s*(?:성능|정확도)|가장\s*(?:좋은|뛰어난|성능이\s*좋은)|성능이\s*가장\s*좋", "top1"),
    (r"smallest|lightest|fewest param\w*|least param\w*|가장\s*(?:작은|가벼운)|파라미터가?\s*가장\s*적|제일\s*(?:작은|가벼운)", "params_asc"),
    (r"largest|biggest|most param\w*|가장\s*큰|파라미터가?\s*가장\s*많|제일\s*큰", "params_desc"),
    (r"highest resolution|largest input|해상도가?\s*가장\s*높", "resolution_desc"),
]

# phrase -> canonical dataset; spaces, hyphens and underscores are optional between the parts
DATASET_PATTERNS: list[tuple[str, str]] = [
    (r"(?:image\s*net|imagenet|이미지넷|in)[\s\-_]?2[12][\s\-_]?k", "in22k"),
    (r"(?:image\s*net|imagenet|이미지넷|in)[\s\-_]?12[\s\-_]?k", "in12k"),
    (r"(?:image\s*net|imagenet|이미지넷|in)[\s\-_]?1[\s\-_]?k", "in1k"),
    (r"(?<![\w.])2[12]k(?![\w])", "in22k"),
    (r"(?<![\w.])12k(?![\w])", "in12k"),
    (r"laion[\s\-_]?2\s*b", "laion2b"),
    (r"laion[\s\-_]?400\s*m", "laion400m"),
    (r"laion(?![\s\-_]?(?:2|400))", "laion2b"),
    (r"라이온", "laion2b"),
    (r"open\s*ai|오픈\s*ai", "openai"),
    (r"web\s*li", "webli"),
    (r"lvd[\s\-_]?142\s*m", "lvd142m"),
    (r"lvd[\s\-_]?1689\s*m", "lvd1689m"),
    (r"data\s*comp[\s\-_]?xl", "datacompxl"),
    (r"data\s*comp(?:[\s\-_]?1b)?", "datacomp1b"),
    (r"dfn[\s\-_]?5\s*b|(?<![\w])dfn(?![\w\-])", "dfn5b"),
    (r"dfn[\s\-_]?2\s*b", "dfn2b"),
    (r"meta\s*clip[\s\-_]?2", "metaclip2"),
    (r"meta\s*clip", "metaclip"),
    (r"yfcc[\s\-_]?15\s*m|(?<![\w])yfcc(?![\w\-])", "yfcc15m"),
    (r"yfcc[\s\-_]?100\s*m", "yfcc100m"),
    (r"cc[\s\-_]?12\s*m|conceptual captions", "cc12m"),
    (r"merged[\s\-_]?38\s*m|m38m", "m38m"),
    (r"merged[\s\-_]?2\s*b", "merged2b"),
    (r"jft(?:[\s\-_]?300\s*m)?", "jft"),
    (r"instagram|ig[\s\-_]?1\s*b", "ig1b"),
    (r"(?<![\w])imagenet(?![\w\-\s]*\d)|이미지넷(?![\s\-]*\d)", "in1k"),
]

# Stage cues around a dataset mention: (regex before the mention, regex after it, stage)
PRETRAIN_BEFORE = r"(?:pre-?trained|pre-?training|trained first|from)\s+(?:on|with|using)?\s*(?:the\s+)?$"
PRETRAIN_AFTER = r"^\s*(?:-|\s)?(?:pre-?trained|pre-?training|pretrain|로\s*사전\s*학습|으로\s*사전\s*학습|에서\s*사전\s*학습|\s*사전\s*학습|사전학습|프리트레인)"
FINETUNE_BEFORE = r"(?:fine-?tuned|fine-?tuning|finetuned|ft)\s+(?:on|with|to)?\s*(?:the\s+)?$"
FINETUNE_AFTER = r"^\s*(?:-|\s)?(?:fine-?tuned|fine-?tuning|finetuned|로\s*파인\s*튜닝|으로\s*파인\s*튜닝|에서\s*파인\s*튜닝|\s*파인\s*튜닝|로\s*미세\s*조정|으로\s*미세\s*조정|에서\s*미세\s*조정|\s*미세\s*조정)"
ONLY_BEFORE = r"(?:only|solely|just|purely|exclusively)\s+(?:on|with)?\s*(?:the\s+)?$"
ONLY_AFTER = r"^\s*(?:only|alone|만으로|만\s*으로|만\s*사용|만\s*써서|만|으로만|로만|에서만)"

RESOLUTION_PATTERNS = [
    r"(\d{2,4})\s*[x×\*]\s*(\d{2,4})",
    r"(\d{2,4})\s*(?:px|pixels?|픽셀)",
    r"(?:해상도|resolution|input size|image size|입력\s*크기|이미지\s*크기|입력\s*해상도)\s*(?:of|is|=|:|가|이|는|은)?\s*(\d{2,4})",
    r"(\d{2,4})\s*(?:해상도|resolution|input)",
    r"(?:at|@)\s*(\d{2,4})(?![\w%])",
]

LICENSE_PATTERNS: list[tuple[str, list[str]]] = [
    (r"non[\s\-]?commercial|비\s*상업|비\s*영리|상업적\s*(?:사용|이용)\s*(?:불가|금지|안\s*되는)", vocab.LICENSE_QUESTION_WORDS["noncommercial"]),
    (r"commercial[\s\-]?(?:use|friendly|ok|allowed)|상업적\s*(?:사용|이용)\s*(?:가능|허용)|상업\s*가능", ["apache-2.0", "mit", "bsd-3-clause", "cc-by-4.0"]),
    (r"apache|아파치", ["apache-2.0"]),
    (r"(?<![\w])mit(?![\w])", ["mit"]),
    (r"bsd", ["bsd-3-clause"]),
]

METHOD_PATTERNS: list[tuple[str, str]] = [
    (r"(?<![\w])fc[\s\-]?mae(?![\w])", "fcmae"),
    (r"(?<![\w])mae(?![\w])|masked auto-?encoder|마스크드\s*오토\s*인코더", "mae"),
    (r"(?<![\w])mim(?![\w])|masked image model", "mim"),
    (r"(?<![\w])clip(?![\w])", "clip"),
    (r"distill(?:ed|ation)?|증류", "dist"),
    (r"aug[\s\-]?reg|augmentation regularization", "augreg"),
    (r"model soups?|(?<![\w])soups?(?![\w])|수프", "soup"),
    (r"(?<![\w])dino(?![\w])", "dino"),
    (r"i[\s\-]?jepa", "ijepa"),
    (r"noisy[\s\-]?student", "ns"),
    (r"adv[\s\-]?prop", "ap"),
    (r"(?<![\w])ssld(?![\w])", "ssld"),
    (r"(?<![\w])swag(?![\w])", "swag"),
]

# A question about meaning or reasons wants the notes first, even when it names a method or family.
EXPLANATION_PATTERN = (r"what (?:does|do|is|are)|stand for|mean(?:s|ing)?\b|why\b|how does|explain|difference"
                       r"|의미|뜻|무엇|뭐야|뭔가|왜|어떻게|설명|차이|란\?|이란|언제|얼마|몇")

# Words that carry no constraint and are not worth semantic search on their own.
STOPWORDS = set(
    """which what whats are is the a an of on at in for with and or to me show list give find any all models model
    weights weight checkpoint checkpoints tags tag timm please that there those these than by from trained train
    training pretrained fine-tuned finetuned how many do does have has can i you we need want looking
    알려줘 알려 주세요 줘 모델 모델은 모델이 모델을 모델들 중 중에 중에서 있는 있어 있나 있나요 것 것은 뭐 뭐야 어떤 가중치 학습된 학습한 학습 의 로 으로
    에서 이 가 은 는 을 를 과 와 및 좀 찾아줘 보여줘 목록 리스트 개 인 인것 것들 해상도의 크기 크기의""".split()
)

# Families that are also ordinary words: only read as families when written with a capital (CoaT, PiT, NesT)
WORDLIKE_FAMILIES = {"coat", "pit", "nest", "twins", "bat", "lambda", "mixer", "dla", "tnt", "gernet", "levit", "volo", "test", "fast", "wide", "little"}

ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}


def _norm(text: str) -> str:
    return re.sub(r"[\s\-_]+", "", text.lower())


@dataclass
class FamilyIndex:
    """Families, architectures and tags of the live registry, keyed by their spoken forms."""

    families: dict[str, str] = field(default_factory=dict)  # normalised spoken form -> family id
    archs: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    licenses: set[str] = field(default_factory=set)

    @classmethod
    def from_records(cls, records: Iterable[ModelRecord]) -> "FamilyIndex":
        index = cls()
        for record in records:
            index.archs.add(record.arch)
            index.names.add(record.name)
            if record.license:
                index.licenses.add(record.license.lower())
            if record.family:
                index.families[_norm(record.family)] = record.family
        for token in TOKEN_FAMILIES:
            index.families.setdefault(token, token)
        # spoken aliases that rules cannot derive from the names
        for spoken, family in {"vision transformer": "vit", "efficientnet v2": "efficientnetv2", "deit iii": "deit3",
                               "mobile vit": "mobilevit", "convnext2": "convnextv2", "eva 2": "eva02"}.items():
            if family in index.families.values():
                index.families[_norm(spoken)] = family
        return index

    def lookup(self, phrase: str) -> Optional[str]:
        key = _norm(phrase)
        words = re.split(r"[\s\-_]+", phrase.lower().strip())
        if len(words) >= 2 and words[-1] in ROMAN:  # DeiT III -> deit3
            key = _norm("".join(words[:-1])) + ROMAN[words[-1]]
        if key in self.families:
            return self.families[key]
        # "eva-02" -> eva02 and "ViT" -> vit are covered by _norm; "v2" written apart: "ConvNeXt V2" -> convnextv2
        return None


@dataclass
class _Text:
    """The question with consumed spans blanked out, so each rule sees only what earlier rules left."""

    original: str
    text: str = ""
    phrases: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.text = self.original.lower()

    def consume(self, start: int, end: int) -> None:
        self.phrases.append(self.original[start:end].strip())
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def finditer(self, pattern: str):
        return list(re.finditer(pattern, self.text, flags=re.IGNORECASE))


def _to_millions(number: str, unit: Optional[str]) -> float:
    value = float(number)
    if not unit:
        return value
    unit = unit.strip().lower()
    if unit in KO_UNITS_M:
        return value * KO_UNITS_M[unit]
    return value * EN_UNITS_M.get(unit, 1.0)


def _korean_amount(text: str) -> Optional[float]:
    """'2천만' -> 20.0, '천만' -> 10.0, '500만' -> 5.0, '1억' -> 100.0, '5백만' -> 5.0 (millions)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)?\s*(억|천만|백만|십만|만)\s*", text)
    if not match:
        return None
    number = float(match.group(1)) if match.group(1) else 1.0
    return number * KO_UNITS_M[match.group(2)]


def _parse_params(q: _Text, filters: dict) -> None:
    # Korean: "파라미터 2천만 개 이하", "1억 개 넘는 파라미터", "파라미터 5M 이하"
    ko_amount = r"((?:\d+(?:\.\d+)?\s*)?(?:억|천만|백만|십만|만)|\d+(?:\.\d+)?\s*[mMbB](?![a-z]))"
    patterns = [
        rf"{PARAM_WORD}\s*(?:수|개수)?\s*(?:가|이|는)?\s*{ko_amount}\s*개?\s*({KO_LESS}|{KO_MORE})",
        rf"{ko_amount}\s*개?\s*({KO_LESS}|{KO_MORE})\s*(?:의)?\s*{PARAM_WORD}",
        rf"{ko_amount}\s*개?\s*({KO_LESS}|{KO_MORE})",
    ]
    for pattern in patterns:
        for m in q.finditer(pattern):
            raw, comparator = m.group(1), m.group(2)
            amount = _korean_amount(raw)
            if amount is None:
                unit_match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([mMbB])\s*", raw)
                if not unit_match:
                    continue
                amount = _to_millions(unit_match.group(1), unit_match.group(2))
            key = "max_params_m" if re.fullmatch(KO_LESS, comparator.strip()) or re.match(KO_LESS, comparator) else "min_params_m"
            filters[key] = amount
            q.consume(*m.span())
    # English: "under 5M params", "< 30M", "fewer than 10 million parameters", "more than 100M"
    unit = r"(b|billion|m|million|k|thousand)"
    for comparator_re, key in ((LESS, "max_params_m"), (MORE, "min_params_m")):
        for m in q.finditer(rf"{comparator_re}\s*{NUM}\s*{unit}(?![a-z0-9])\s*(?:{PARAM_WORD})?"):
            filters[key] = _to_millions(m.group(1), m.group(2))
            q.consume(*m.span())
        for m in q.finditer(rf"{comparator_re}\s*{NUM}\s*{PARAM_WORD}"):
            filters[key] = float(m.group(1)) / 1e6 if float(m.group(1)) > 10000 else float(m.group(1))
            q.consume(*m.span())
    for m in q.finditer(rf"{NUM}\s*{unit}\s*{PARAM_WORD}?\s*(or less|or fewer|and (?:under|below|less)|max(?:imum)?|or more|and (?:up|above|over)|\+)"):
        key = "min_params_m" if re.search(r"more|up|above|over|\+", m.group(3)) else "max_params_m"
        filters[key] = _to_millions(m.group(1), m.group(2))
        q.consume(*m.span())


def _parse_top1(q: _Text, filters: dict) -> None:
    acc = r"(?:top-?\s?1|accuracy|acc|정확도|성능|top1)"
    patterns = [
        rf"{acc}\s*(?:of|is|:|=|가|이|는)?\s*{MORE}?\s*{NUM}\s*%?\s*(?:{KO_MORE}|or (?:more|higher|better|above)|\+)?",
        rf"{MORE}\s*{NUM}\s*%\s*{acc}?",
        rf"{NUM}\s*%\s*{KO_MORE}",
        rf"{NUM}\s*%\s*(?:or (?:more|higher|better|above)|\+)?\s*{acc}",
        rf"{NUM}\s*%\s*(?:or (?:more|higher|better|above)|\+)",
    ]
    for pattern in patterns:
        for m in q.finditer(pattern):
            value = float(next(g for g in m.groups() if g is not None))
            if 1 < value <= 100:
                filters["min_top1"] = value
                q.consume(*m.span())


def _parse_resolution(q: _Text, filters: dict) -> None:
    for pattern in RESOLUTION_PATTERNS:
        for m in q.finditer(pattern):
            value = int(m.group(1))
            if value in vocab.RESOLUTIONS or 64 <= value <= 2048:
                filters["resolution"] = value
                q.consume(*m.span())
                return
    for m in q.finditer(r"(?<![\w.%])(\d{3,4})(?![\w%.])"):
        value = int(m.group(1))
        if value in vocab.RESOLUTIONS:
            filters["resolution"] = value
            q.consume(*m.span())
            return


def _stage_of(q: _Text, start: int, end: int) -> tuple[str, int, int]:
    before, after = q.text[max(0, start - 40):start], q.text[end:end + 24]
    for stage, before_re, after_re in (("only", ONLY_BEFORE, ONLY_AFTER), ("pretrain", PRETRAIN_BEFORE, PRETRAIN_AFTER),
                                       ("finetune", FINETUNE_BEFORE, FINETUNE_AFTER)):
        b = re.search(before_re, before, flags=re.IGNORECASE)
        if b:
            return stage, start - (len(before) - b.start()), end
        a = re.match(after_re, after, flags=re.IGNORECASE)
        if a:
            return stage, start, end + a.end()
    return "any", start, end


def _parse_datasets(q: _Text, filters: dict) -> None:
    found: list[tuple[int, str, str, int, int]] = []
    for pattern, canonical in DATASET_PATTERNS:
        for m in q.finditer(pattern):
            if q.text[m.start():m.end()].strip() == "":
                continue
            stage, start, end = _stage_of(q, m.start(), m.end())
            found.append((m.start(), canonical, stage, start, end))
            q.consume(start, end)
    for _, canonical, stage, _, _ in sorted(found):
        if stage == "only" and canonical == "in1k":
            filters["in1k_only"] = True
        elif stage == "pretrain":
            filters.setdefault("pretrain_datasets", []).append(canonical)
        elif stage == "finetune":
            filters.setdefault("finetune_datasets", []).append(canonical)
        else:
            filters.setdefault("datasets", []).append(canonical)
    # "only ImageNet-1k" written without a stage cue on the dataset: "trained only on ImageNet-1k"
    if "in1k" in filters.get("datasets", []) and re.search(r"\bonly\b|만으로|만\s*학습|only on", q.original.lower()):
        filters["datasets"].remove("in1k")
        filters["in1k_only"] = True


def _parse_ranking(q: _Text, filters: dict) -> None:
    for pattern, key in RANKING_PHRASES:
        for m in q.finditer(pattern):
            filters["sort"] = key
            q.consume(*m.span())
            return


def _parse_names(q: _Text, index: FamilyIndex, filters: dict) -> None:
    """Explicit timm names: full tags, archs (resnet50, vit_base_patch16_224), arch.tag prefixes."""
    for m in q.finditer(r"(?<![\w.\-])[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+|(?<![\w.\-])[a-z]+\d+[a-z0-9]*(?![\w.\-])"):
        word = m.group(0).strip(".")
        if word in index.names:
            filters.setdefault("names", []).append(word)
        elif word in index.archs:
            filters.setdefault("archs", []).append(word)
        elif "." in word and word.split(".")[0] in index.archs:
            # convnextv2_tiny.fcmae -> that arch, with the tag prefix as methods
            arch, tag = word.split(".", 1)
            filters.setdefault("archs", []).append(arch)
            tag_methods = [t for t in tag.split("_") if t in vocab.METHODS and t != "ft"]
            filters.setdefault("methods", []).extend(tag_methods)
        else:
            continue
        q.consume(*m.span())


def _parse_families(q: _Text, index: FamilyIndex, filters: dict) -> None:
    # candidate phrases: up to three words (Latin/digits), longest first; Hangul particles are not part of a word
    words = list(re.finditer(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*", q.original))
    taken: set[int] = set()
    for length in (3, 2, 1):
        for i in range(len(words) - length + 1):
            span = words[i:i + length]
            if any(id(w) in taken for w in span):
                continue
            start, end = span[0].start(), span[-1].end()
            if q.text[start:end].strip() != q.original[start:end].strip().lower():
                continue  # already consumed by another rule
            between = q.original[start:end]
            if length > 1 and re.search(r"[^A-Za-z0-9\s\-]", between):
                continue
            family = index.lookup(between)
            if not family:
                continue
            if family in WORDLIKE_FAMILIES and between.islower():
                continue
            if family in vocab.SIZE_TERMS or _norm(between) in STOPWORDS:
                continue
            filters.setdefault("families", []).append(family)
            taken.update(id(w) for w in span)
            q.consume(start, end)


def _parse_words(q: _Text, table: list[tuple[str, object]], key: str, filters: dict, extend: bool = False) -> None:
    for pattern, value in table:
        for m in q.finditer(pattern):
            if extend:
                filters.setdefault(key, []).extend(value)  # type: ignore[arg-type]
            else:
                filters.setdefault(key, []).append(value)
            q.consume(*m.span())


def _parse_sizes(q: _Text, filters: dict) -> None:
    for word, size in sorted(vocab.SIZE_QUESTION_WORDS.items(), key=lambda kv: -len(kv[0])):
        pattern = rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])" if word.isascii() else re.escape(word)
        for m in q.finditer(pattern):
            filters.setdefault("sizes", []).append(size)
            q.consume(*m.span())


def _parse_license_ids(q: _Text, index: FamilyIndex, filters: dict) -> None:
    for license_id in sorted(index.licenses, key=len, reverse=True):
        for m in q.finditer(re.escape(license_id)):
            filters.setdefault("licenses", []).append(license_id)
            q.consume(*m.span())


def _free_text(q: _Text) -> str:
    words = re.findall(r"[\w\-]+", q.text)
    return " ".join(w for w in words if w.lower() not in STOPWORDS and not w.isdigit())


def parse_question(text: str, index: FamilyIndex) -> QueryFilters:
    """QueryFilters for a question. Pure: the same text and index always give the same filters."""
    q = _Text(text)
    found: dict = {}
    _parse_names(q, index, found)
    _parse_license_ids(q, index, found)
    _parse_params(q, found)
    _parse_top1(q, found)
    _parse_resolution(q, found)
    _parse_ranking(q, found)
    _parse_datasets(q, found)
    _parse_words(q, LICENSE_PATTERNS, "licenses", found, extend=True)
    _parse_words(q, METHOD_PATTERNS, "methods", found)
    _parse_families(q, index, found)
    _parse_sizes(q, found)
    for key in ("sizes", "datasets", "pretrain_datasets", "finetune_datasets", "families", "archs", "names", "methods", "licenses"):
        if key in found:
            found[key] = list(dict.fromkeys(found[key]))
    # "pretrained on X" also names X as data; keep it only in the stage list
    for stage_key in ("pretrain_datasets", "finetune_datasets"):
        for name in found.get(stage_key, []):
            if name in found.get("datasets", []):
                found["datasets"].remove(name)
    wants_explanation = bool(re.search(EXPLANATION_PATTERN, text, flags=re.IGNORECASE))
    return QueryFilters(**found, free_text=_free_text(q), matched_phrases=[p for p in q.phrases if p],
                        wants_explanation=wants_explanation)
