"""Read a Korean, English or mixed question into QueryFilters with rules and vocabularies (no LLM).

The rules run in a fixed order and each consumes the span it recognised, so a number is read once: explicit
model names first (resnet50 is not "50"), then licence ids, params, top-1, resolution, ranking intent, datasets
with their stage, licences, methods, families/architectures and sizes. Whatever is left (minus stopwords) is free
text for semantic search.

Word boundaries are ASCII-only on purpose: in Korean a particle sticks to the word before it ("resnet50을",
"22k로", "384에서"), and Python's Unicode `\\w` would treat the Hangul as part of the word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Optional

from kb import vocab
from kb.filters import TOKEN_FAMILIES
from kb.naming import without_source_prefix
from kb.schema import ModelRecord, QueryFilters

# ---- shared regex pieces -------------------------------------------------------------------------------------

W = r"[A-Za-z0-9]"  # an ASCII letter or digit: Hangul particles and `_` (in22k_ft_in1k) end a Latin word
NOT_AFTER = rf"(?<!{W})"  # start of a Latin word
NOT_BEFORE = rf"(?!{W})"  # end of a Latin word
NUM = r"(\d+(?:\.\d+)?)"
PERCENT = r"(?:%|퍼센트|프로|percent|pct)"

# ---- numbers: params -----------------------------------------------------------------------------------------

KO_UNITS_M = {"억": 100.0, "천만": 10.0, "백만": 1.0, "십만": 0.1, "만": 0.01}
EN_UNITS_M = {"b": 1000.0, "bn": 1000.0, "billion": 1000.0, "m": 1.0, "mil": 1.0, "million": 1.0, "k": 0.001,
              "thousand": 0.001}

LESS = (r"(?:under|below|less than|fewer than|smaller than|lighter than|at most|up to|no more than|not more than"
        r"|(?:no|not) (?:bigger|larger|heavier|greater) than|not (?:over|above|exceeding)"
        r"|max(?:imum)?(?: of)?|within|<=|=<|≤|<|⩽)")
MORE = (r"(?:over|above|more than|greater than|larger than|bigger than|heavier than|higher than|better than"
        r"|at least|at minimum|(?:no|not) (?:less|fewer|smaller|lower) than|min(?:imum)?(?: of)?|exceeding|>=|=>|≥|>|⩾)")
# Verbs that state an accuracy reached: "clears 80%", "hits 85% on ImageNet"
REACH = r"(?:clears?|reach(?:es|ing)?|hits?|achiev(?:es|ing)?|gets?|scor(?:es|ing)|exceed(?:s|ing)?|beats?|tops?)"
KO_LESS = r"(?:이하|미만|보다\s*적|보다\s*작|보다\s*낮|안\s*되|아래|이내|까지|밑)"
KO_MORE = r"(?:이상|초과|보다\s*많|보다\s*큰|보다\s*높|넘|위)"
EN_OR_LESS = r"(?:or (?:less|fewer|smaller|lower|below|under|lighter)|and (?:under|below|less|fewer)|max(?:imum)?|at most)"
EN_OR_MORE = r"(?:or (?:more|higher|better|above|greater|over|larger|bigger|heavier)|and (?:up|above|over|more|higher)|\+|at least|plus)"
PARAM_WORD = r"(?:param(?:eter)?s?(?:\s*count)?|weights?|파라미터|매개\s*변수|모수|패러미터)"

# ---- numbers: accuracy ---------------------------------------------------------------------------------------

ACC_WORD = (r"(?:(?:imagenet(?:[\s\-]?1k)?|이미지넷(?:[\s\-]?1k)?)\s*)?"
            r"(?:top[\s\-]?1(?:\s*(?:accuracy|acc))?|acc@1|accuracy|acc|정확도|성능|탑[\s\-]?1|top1)")

# ---- resolution ------------------------------------------------------------------------------------------------

RES_WORD = (r"(?:해상도|resolution|res|input size|input resolution|image size|img size|입력\s*크기|이미지\s*크기"
            r"|입력\s*해상도|입력\s*이미지|input|입력)")
RESOLUTION_PATTERNS = [
    r"(\d{2,4})\s*[x×\*]\s*(\d{2,4})",
    r"(\d{2,4})\s*(?:-\s*)?(?:px|pixels?|픽셀|피셀)",
    rf"{RES_WORD}\s*(?:of|is|at|=|:|가|이|는|은|으로|로)?\s*(\d{{2,4}}){NOT_BEFORE}",
    rf"(\d{{2,4}})\s*(?:-\s*)?{RES_WORD}",
    rf"(?:at|@|in)\s*(\d{{2,4}}){NOT_BEFORE}(?!\s*(?:%|{PERCENT}))",
]
LOOSE_RESOLUTION_PATTERN = RESOLUTION_PATTERNS[-1]  # "at 384" / "in 2021": only common input sizes count

# ---- ranking intent --------------------------------------------------------------------------------------------

RANKING_PHRASES: list[tuple[str, str]] = [
    (r"most accurate|highest[\s\-](?:top[\s\-]?1|accuracy|acc)|best[\s\-](?:top[\s\-]?1|accuracy|acc)"
     r"|best[\s\-]performing|top[\s\-]performing|highest[\s\-]scoring|strongest|the best|best model"
     r"|(?:sorted|ranked|ordered) by (?:top[\s\-]?1|accuracy)|(?:top[\s\-]?1|accuracy) (?:is )?(?:the )?highest"
     r"|(?:가장|제일)\s*(?:정확|성능이?\s*(?:좋|높|뛰어)|좋은|뛰어난|우수|높은\s*(?:정확도|성능|top[\s\-]?1))"
     r"|(?:정확도|성능|top[\s\-]?1)(?:이|가)?\s*(?:가장|제일)\s*(?:높|좋|뛰어)|최고\s*(?:의\s*)?(?:성능|정확도)"
     r"|(?:정확도|성능)\s*(?:최고|1위|순으로|높은\s*순)", "top1"),
    (r"smallest|lightest|tiniest|most compact|fewest param\w*|least param\w*|lowest param\w*"
     rf"|(?:가장|제일)\s*(?:작은|가벼운|경량)|{PARAM_WORD}\s*(?:수|개수)?\s*(?:가|이|는)?\s*(?:가장|제일)\s*적|최경량", "params_asc"),
    (rf"largest|biggest|heaviest|most param\w*|(?:가장|제일)\s*(?:큰|무거운)|{PARAM_WORD}\s*(?:수|개수)?\s*(?:가|이|는)?\s*(?:가장|제일)\s*많|최대\s*크기",
     "params_desc"),
    (r"highest[\s\-]resolution|largest input|해상도가?\s*(?:가장|제일)\s*(?:높|큰)|최고\s*해상도", "resolution_desc"),
]

# ---- datasets --------------------------------------------------------------------------------------------------

IMAGENET = r"(?:image\s*net|imagenet|이미지\s*넷|in|i)"  # "i21k" as people abbreviate it
SEP = r"[\s\-_]?"
# phrase -> canonical dataset; spaces, hyphens and underscores are optional between the parts
DATASET_PATTERNS: list[tuple[str, str]] = [
    (rf"{NOT_AFTER}{IMAGENET}{SEP}2[12]{SEP}(?:k|천|k\s*classes){NOT_BEFORE}|{NOT_AFTER}2[12]\s*k{NOT_BEFORE}", "in22k"),
    (rf"{NOT_AFTER}{IMAGENET}{SEP}12{SEP}k{NOT_BEFORE}|{NOT_AFTER}12\s*k{NOT_BEFORE}", "in12k"),
    (rf"{NOT_AFTER}{IMAGENET}{SEP}1{SEP}k{NOT_BEFORE}|{NOT_AFTER}{IMAGENET}{SEP}1000{NOT_BEFORE}"
     rf"|{NOT_AFTER}1\s*k{NOT_BEFORE}", "in1k"),  # a bare "1k" as in "22k로 사전학습 후 1k로 파인튜닝"
    (rf"{NOT_AFTER}laion{SEP}2\s*b{NOT_BEFORE}|라이온\s*2\s*b", "laion2b"),
    (rf"{NOT_AFTER}laion{SEP}400\s*m{NOT_BEFORE}|라이온\s*400\s*m", "laion400m"),
    (rf"{NOT_AFTER}laion{NOT_BEFORE}|라이온", "laion"),  # umbrella names: see kb.filters.DATASET_GROUPS
    (rf"{NOT_AFTER}open\s*ai{NOT_BEFORE}|오픈\s*(?:ai|에이아이)", "openai"),
    (rf"{NOT_AFTER}web\s*li{NOT_BEFORE}|웹\s*리", "webli"),
    (rf"{NOT_AFTER}lvd{SEP}142\s*m{NOT_BEFORE}", "lvd142m"),
    (rf"{NOT_AFTER}lvd{SEP}1689\s*m{NOT_BEFORE}|{NOT_AFTER}lvd{SEP}1\.7\s*b{NOT_BEFORE}", "lvd1689m"),
    (rf"{NOT_AFTER}lvd{NOT_BEFORE}", "lvd"),
    (rf"{NOT_AFTER}data\s*comp{SEP}xl{NOT_BEFORE}", "datacompxl"),
    (rf"{NOT_AFTER}data\s*comp{SEP}1\s*b{NOT_BEFORE}", "datacomp1b"),
    (rf"{NOT_AFTER}data\s*comp{NOT_BEFORE}|데이터\s*컴프", "datacomp"),
    (rf"{NOT_AFTER}dfn{SEP}2\s*b{NOT_BEFORE}", "dfn2b"),
    (rf"{NOT_AFTER}dfn{SEP}5\s*b{NOT_BEFORE}", "dfn5b"),
    (rf"{NOT_AFTER}dfn{NOT_BEFORE}", "dfn"),
    (rf"{NOT_AFTER}meta\s*clip{SEP}2{NOT_BEFORE}", "metaclip2"),
    (rf"{NOT_AFTER}meta\s*clip{NOT_BEFORE}|메타\s*클립", "metaclip"),
    (rf"{NOT_AFTER}yfcc{SEP}100\s*m{NOT_BEFORE}", "yfcc100m"),
    (rf"{NOT_AFTER}yfcc{SEP}15\s*m{NOT_BEFORE}", "yfcc15m"),
    (rf"{NOT_AFTER}yfcc{NOT_BEFORE}", "yfcc"),
    (rf"{NOT_AFTER}cc{SEP}12\s*m{NOT_BEFORE}|conceptual captions", "cc12m"),
    (rf"{NOT_AFTER}merged{SEP}38\s*m{NOT_BEFORE}|{NOT_AFTER}m38m{NOT_BEFORE}", "m38m"),
    (rf"{NOT_AFTER}merged{SEP}2\s*b{NOT_BEFORE}", "merged2b"),
    (rf"{NOT_AFTER}jft(?:{SEP}300\s*m)?{NOT_BEFORE}", "jft"),
    (rf"{NOT_AFTER}(?:instagram|ig){SEP}(?:1\s*b|3\.5\s*b){NOT_BEFORE}|{NOT_AFTER}instagram{NOT_BEFORE}|인스타그램|인스타", "ig1b"),
    (rf"{NOT_AFTER}sa{SEP}1\s*b{NOT_BEFORE}", "sa1b"),
    (rf"{NOT_AFTER}image\s*net(?!\s*[\-_]?\s*\d){NOT_BEFORE}|이미지\s*넷(?!\s*[\-_]?\s*\d)", "in1k"),
]

# Stage cues around a dataset mention: (regex just before the mention, regex just after it)
STAGE_CUES: list[tuple[str, str, str]] = [
    ("only",
     r"(?:only|solely|just|purely|exclusively)\s+(?:(?:trained|pre-?trained)\s+)?(?:on|with|using)?\s*(?:the\s+)?$",
     r"^\s*(?:(?:data(?:set)?|데이터셋|데이터)\s*)?(?:only|alone|만으로|만\s*으로|만\s*사용|만\s*써|만을|만\s*가지고"
     r"|으로만|로만|에서만|만)"),
    ("pretrain",
     r"(?:pre-?trained|pre-?training|pretrain|first trained|trained first|initiali[sz]ed|from)\s+(?:on|with|using|from)?\s*(?:the\s+)?$",
     r"^\s*(?:-|\s)?(?:(?:data(?:set)?|데이터셋|데이터)\s*)?(?:pre-?trained|pre-?training|pretrain|(?:로|으로|에서|에)?\s*사전\s*학습"
     r"|(?:로|으로|에서)?\s*프리\s*트레인|(?:로|으로|에서)?\s*선행\s*학습)"),
    ("finetune",
     r"(?:fine-?tuned|fine-?tuning|finetuned|ft|then (?:trained|tuned)|transferred)\s+(?:on|with|to|using)?\s*(?:the\s+)?$",
     r"^\s*(?:-|\s)?(?:(?:data(?:set)?|데이터셋|데이터)\s*)?(?:fine-?tuned|fine-?tuning|finetuned|(?:로|으로|에서|에)?\s*파인\s*튜닝"
     r"|(?:로|으로|에서|에)?\s*미세\s*조정|(?:로|으로|에서|에)?\s*추가\s*학습)"),
]
# "trained on ImageNet-1k only", "ImageNet-1k 데이터만", "without extra data": in1k alone, wherever the cue sits
IN1K_ONLY_ELSEWHERE = (r"{NOT_AFTER}only{NOT_BEFORE}|만으로|만\s*(?:학습|사용|써)|데이터만|without (?:extra|additional|external) data"
                       r"|no (?:extra|additional|external) data|추가\s*데이터\s*없이").format(NOT_AFTER=NOT_AFTER, NOT_BEFORE=NOT_BEFORE)
# "not fine-tuned", "without fine-tuning", "파인튜닝은 안 한": a checkpoint as released after pretraining. A dataset
# written right before the negated step ("1k 파인튜닝은 안 한") is the fine-tune that did not happen, not a filter.
FINETUNE_WORD = r"(?:fine[\s\-]?tun\w*|파인\s*튜닝|미세\s*조정)"
NOT_FINETUNED_PATTERNS = [
    rf"(?:not|never|no|without(?: any)?)\s+(?:been\s+)?{FINETUNE_WORD}(?:\s+(?:on|to)\s+\S+)?",
    rf"{NOT_AFTER}un[\s\-]?fine[\s\-]?tuned|pre[\s\-]?train(?:ed|ing)?[\s\-]only|only pre[\s\-]?trained|before fine[\s\-]?tuning",
    rf"(?:{NOT_AFTER}(?:{IMAGENET}{SEP})?\d+\s*k\s*(?:로|으로|에)?\s*)?{FINETUNE_WORD}\s*(?:은|는|을|를|이|가|도)?\s*(?:안\s*(?:한|된|했|하|됨)|하지\s*않|되지\s*않|없|전)",
    r"사전\s*학습만\s*(?:한|된)|파인\s*튜닝\s*없이",
]
# "from in22k to in1k", "in22k -> in1k", "in22k에서 in1k로": a two-stage chain written as one phrase
CHAIN_CONNECTOR = r"^[\s_]*(?:->|→|=>|to|then(?: to)?|then fine-?tuned (?:on|to)|ft|에서|으로부터|로부터|후|다음)[\s_]*$"

# ---- licences, methods, sizes ------------------------------------------------------------------------------------

LICENSE_WORD = r"licen[cs]e[sd]?|라이선스|라이센스|사용\s*허가"
PERMISSIVE = ["apache-2.0", "mit", "bsd-3-clause", "cc-by-4.0"]
# phrase -> licence ids; "noncommercial" is filled from the registry's cc-by-nc-* ids (see _license_table)
LICENSE_PATTERNS: list[tuple[str, object]] = [
    (r"non[\s\-]?commercial|{NA}nc{NB}|비\s*상업|비\s*영리|상업적?\s*(?:사용|이용)\s*(?:불가|금지|안\s*되|못)".format(NA=NOT_AFTER, NB=NOT_BEFORE),
     "noncommercial"),
    (r"commercial[\s\-]?(?:use|friendly|ok|allowed|usable)|permissive|상업적?\s*(?:사용|이용)\s*(?:가능|허용|되)|상업\s*가능",
     PERMISSIVE),
    (r"apache(?:[\s\-]?2(?:\.0)?)?|아파치", ["apache-2.0"]),
    (rf"{NOT_AFTER}mit{NOT_BEFORE}", ["mit"]),
    (rf"{NOT_AFTER}bsd(?:[\s\-]?3(?:[\s\-]?clause)?)?{NOT_BEFORE}", ["bsd-3-clause"]),
]

METHOD_PATTERNS: list[tuple[str, str]] = [
    (rf"{NOT_AFTER}fc[\s\-]?mae{NOT_BEFORE}", "fcmae"),
    (rf"{NOT_AFTER}mae{NOT_BEFORE}|masked auto-?encod\w*|마스크드\s*오토\s*인코더", "mae"),
    (rf"{NOT_AFTER}mim{NOT_BEFORE}|masked image model\w*|마스크드\s*이미지\s*모델링", "mim"),
    (rf"{NOT_AFTER}clip{NOT_BEFORE}|클립", "clip"),
    (r"distill(?:ed|ation)?|증류", "dist"),
    (rf"{NOT_AFTER}aug[\s\-]?reg{NOT_BEFORE}|augmentation regulari[sz]ation", "augreg"),
    (rf"model soups?|{NOT_AFTER}soups?{NOT_BEFORE}|모델\s*수프", "soup"),
    (rf"{NOT_AFTER}dino{NOT_BEFORE}|디노", "dino"),
    (rf"{NOT_AFTER}i[\s\-]?jepa{NOT_BEFORE}", "ijepa"),
    (r"noisy[\s\-]?student", "ns"),
    (rf"{NOT_AFTER}adv[\s\-]?prop{NOT_BEFORE}", "ap"),
    (rf"{NOT_AFTER}ssld{NOT_BEFORE}", "ssld"),
    (rf"{NOT_AFTER}swag{NOT_BEFORE}", "swag"),
    (r"torch\s*vision|토치\s*비전", "tv"),
    (r"semi[\s\-]?weakly[\s\-]?supervised|{NA}swsl{NB}".format(NA=NOT_AFTER, NB=NOT_BEFORE), "swsl"),
    (r"semi[\s\-]?supervised|{NA}ssl{NB}".format(NA=NOT_AFTER, NB=NOT_BEFORE), "ssl"),
    (rf"{NOT_AFTER}rand[\s\-]?augment{NOT_BEFORE}", "ra"),
]

# Size phrases the shared vocab does not list (question side only). Longest phrase wins.
EXTRA_SIZE_WORDS: dict[str, str] = {
    "기본 크기": "base", "기본 사이즈": "base", "기본 모델": "base", "기본형": "base", "베이스급": "base",
    "소형급": "small", "작은 크기": "small", "스몰급": "small", "small-size": "small", "small-sized": "small",
    "tiny-size": "tiny", "tiny-sized": "tiny", "base-size": "base", "base-sized": "base", "large-size": "large",
    "large-sized": "large", "큰 크기": "large", "라지급": "large", "거대한": "huge", "극소형": "tiny",
    "초대형": "huge", "미디움": "medium", "중간 크기": "medium",
}
# Letter codes after a family ("ViT-B", "DeiT-S", "ViT-B/16")
LETTER_SIZES = {"ti": "tiny", "t": "tiny", "s": "small", "m": "medium", "b": "base", "l": "large", "h": "huge", "g": "giant"}

# ---- families ---------------------------------------------------------------------------------------------------

# Spoken forms that the naming rules cannot derive from the registry names (Korean and English)
FAMILY_ALIASES: dict[str, str] = {
    "vision transformer": "vit", "비전 트랜스포머": "vit", "비전트랜스포머": "vit", "efficientnet v2": "efficientnetv2",
    "deit iii": "deit3", "mobile vit": "mobilevit", "convnext2": "convnextv2", "eva 2": "eva02", "eva-2": "eva02",
    "레즈넷": "resnet", "레스넷": "resnet", "컨브넥스트": "convnext", "콘브넥스트": "convnext", "스윈": "swin",
    "에피션트넷": "efficientnet", "이피션트넷": "efficientnet", "에피시언트넷": "efficientnet", "덴스넷": "densenet",
    "맥스빗": "maxvit", "히에라": "hiera",
    "swin transformer": "swin", "dino v2": "dinov2", "dino 2": "dinov2", "siglip 2": "siglip2",
}
# Words that may sit inside a spoken family name without changing it ("Swin Transformer V2")
FAMILY_FILLERS = {"transformer", "transformers", "net", "model", "models", "family"}
# Families that are also ordinary words: only read as families when written with a capital (CoaT, PiT, NesT)
WORDLIKE_FAMILIES = {"coat", "pit", "nest", "twins", "bat", "lambda", "mixer", "test", "fast", "wide", "little"}
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}

# ---- explanation and stopwords ----------------------------------------------------------------------------------

# A question about meaning or reasons wants the notes first, even when it names a method or family.
EXPLANATION_PATTERN = (r"what (?:does|do|is|are)|stand for|short for|abbreviat|acronym|mean(?:s|ing)?\b|why\b|how (?:does|do|did)"
                       r"|explain|difference|according to|in the notes?\b"
                       r"|의미|뜻|무엇|뭐야|뭔가|뭐라고|약자|줄임말|왜|어떻게|설명|차이|란\?|이란|언제|얼마|몇|노트에서")

# Words that carry no constraint and are not worth semantic search on their own.
STOPWORDS = set(
    """which what whats are is the a an of on at in for with and or to me show list give find any all every models
    model weights weight checkpoint checkpoints tags tag timm please that there those these than by from trained
    train training pretrained pre-trained fine-tuned finetuned how many do does have has can i you we need want
    looking get got some available versions version variants variant ones one it its their them whose size sized
    params param parameters parameter license licence licensed licenses top-1 top1 accuracy
    알려줘 알려 주세요 줘 모델 모델은 모델이 모델을 모델들 모델로 모델만 중 중에 중에서 가운데 있는 있어 있나 있나요 것 것은 것을 뭐 뭐야
    어떤 가중치 학습된 학습한 학습 의 로 으로 에서 이 가 은 는 을 를 과 와 및 좀 찾아줘 보여줘 목록 리스트 개 인 인것 것들
    해상도의 크기 크기의 크기인 사이즈 라이선스 라이선스인 라이센스 파라미터 데이터 데이터로 데이터셋 사용한 사용된 이면서 이고 그리고
    되는 된 된것 모두 전부 다 체크포인트 버전""".split()
)
KO_PARTICLES = ("으로", "에서", "이고", "이며", "인", "은", "는", "이", "가", "을", "를", "의", "로", "와", "과", "만", "도")


def _norm(text: str) -> str:
    return re.sub(r"[\s\-_]+", "", text.lower())


def _family_key(words: list[str]) -> list[str]:
    """Lookup keys for a run of words: as written, roman numerals as digits, fillers dropped, plural dropped."""
    lowered = [w.lower() for w in words]
    keys = [_norm(" ".join(lowered))]
    if len(lowered) >= 2 and lowered[-1] in ROMAN:  # DeiT III -> deit3
        keys.append(_norm("".join(lowered[:-1])) + ROMAN[lowered[-1]])
    kept = [w for w in lowered if w not in FAMILY_FILLERS]
    if kept and len(kept) < len(lowered):  # Swin Transformer V2 -> swinv2
        keys.append(_norm("".join(kept)))
    if len(lowered) == 1:  # ViTs -> vit, ResNets -> resnet; but "ViT S" is a ViT of size S, not a plural
        keys += [k[:-1] for k in list(keys) if k.endswith("s") and len(k) > 3]
    return list(dict.fromkeys(keys))


@dataclass
class FamilyIndex:
    """Families, architectures and tags of the live registry, keyed by their spoken forms."""

    families: dict[str, str] = field(default_factory=dict)  # normalised spoken form -> family id
    archs: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    licenses: set[str] = field(default_factory=set)
    arch_family: dict[str, str] = field(default_factory=dict)
    arch_by_norm: dict[str, str] = field(default_factory=dict)  # "resnet50", "efficientnetb3" -> arch
    ports_by_norm: dict[str, list[str]] = field(default_factory=dict)  # "efficientnetv2m" -> [tf_efficientnetv2_m]

    @classmethod
    def from_records(cls, records: Iterable[ModelRecord]) -> "FamilyIndex":
        index = cls()
        for record in records:
            index._add(record.name, record.arch, record.family, record.license)
        index._finish()
        return index

    @classmethod
    def from_names(cls, names: Iterable[str]) -> "FamilyIndex":
        """From bare timm names (arch.tag), families decoded by kb.naming; no licences."""
        from kb.naming import parse_timm_name

        index = cls()
        for name in names:
            parsed = parse_timm_name(name)
            index._add(name, parsed.arch, parsed.family, None)
        index._finish()
        return index

    def _add(self, name: str, arch: str, family: str, license_id: Optional[str]) -> None:
        self.names.add(name)
        self.archs.add(arch)
        self.arch_family[arch] = family
        self.arch_by_norm.setdefault(_norm(arch), arch)
        ported_from = without_source_prefix(arch)
        if ported_from != arch:
            self.ports_by_norm.setdefault(_norm(ported_from), []).append(arch)
        if license_id:
            self.licenses.add(license_id.lower())
        if family:
            self.families[_norm(family)] = family

    def _finish(self) -> None:
        for token in TOKEN_FAMILIES:
            self.families.setdefault(token, token)
        for spoken, family in FAMILY_ALIASES.items():
            if family in self.families.values():
                self.families.setdefault(_norm(spoken), family)

    def family_has_size(self, family: str, size: str) -> bool:
        return any(fam == family and size in arch.split("_") for arch, fam in self.arch_family.items())

    def series(self, family: str, letter: str) -> list[str]:
        """Archs of a family in a lettered series: ("efficientvit", "b") -> efficientvit_b0 … efficientvit_b3."""
        pattern = re.compile(rf"{re.escape(letter)}\d+[a-z]*")
        return sorted(a for a, fam in self.arch_family.items() if fam == family and any(pattern.fullmatch(t) for t in a.split("_")))

    def spoken_arch(self, phrase: str) -> list[str]:
        """The archs a spoken name means: "EfficientNet-B3" is efficientnet_b3 and its ports (tf_efficientnet_b3)."""
        key = _norm(phrase)
        arch = self.arch_by_norm.get(key)
        ports = sorted(self.ports_by_norm.get(key, []))  # also when only the port has weights (tf_efficientnetv2_m)
        return ([arch] if arch else []) + ports

    def lookup(self, phrase: str) -> Optional[str]:
        for key in _family_key(re.split(r"[\s\-_]+", phrase.strip())):
            if key in self.families:
                return self.families[key]
        return None

    def noncommercial_licenses(self) -> list[str]:
        return sorted(lic for lic in self.licenses if lic.startswith("cc-by-nc")) or list(vocab.LICENSE_QUESTION_WORDS["noncommercial"])


@dataclass
class _Text:
    """The question with consumed spans blanked out, so each rule sees only what earlier rules left."""

    original: str
    text: str = ""
    phrases: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.text = self.original.lower()

    def consume(self, start: int, end: int) -> None:
        phrase = self.original[start:end].strip()
        if phrase:
            self.phrases.append(phrase)
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def finditer(self, pattern: str):
        return list(re.finditer(pattern, self.text, flags=re.IGNORECASE))

    def free(self, start: int, end: int) -> bool:
        return self.text[start:end] == self.original[start:end].lower()


# ---- rules -------------------------------------------------------------------------------------------------------


def _to_millions(number: str, unit: Optional[str]) -> float:
    value = float(number)
    unit = (unit or "").strip().lower()
    if unit in KO_UNITS_M:
        return value * KO_UNITS_M[unit]
    if unit in EN_UNITS_M:
        return value * EN_UNITS_M[unit]
    return value / 1e6 if value >= 10000 else value  # a bare count (5000000) or millions (5)


def _korean_amount(text: str) -> Optional[float]:
    """'2천만' -> 20.0, '천만' -> 10.0, '500만' -> 5.0, '1억' -> 100.0, '5백만' -> 5.0, '1억 5천만' -> 150.0."""
    total, found = 0.0, False
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


def _parse_param_range(q: _Text, filters: dict, ko_amount: str) -> None:
    """'between 20M and 30M params', '20M-30M', '2천만~3천만 개', '1천만에서 2천만 사이': both limits at once."""
    en_amount = r"(\d+(?:\.\d+)?\s*(?:billion|million|bn|mil|b|m)?)"
    for pattern in (rf"between\s*{en_amount}\s*(?:and|-|to)\s*{en_amount}{NOT_BEFORE}\s*(?:{PARAM_WORD})?",
                    rf"{en_amount}\s*(?:-|~|to)\s*{en_amount}{NOT_BEFORE}\s*{PARAM_WORD}",
                    rf"(?:{PARAM_WORD}\s*(?:가|이|는)?\s*)?{ko_amount}\s*개?\s*(?:~|-|에서|부터)\s*{ko_amount}\s*개?\s*(?:사이|까지)?"):
        for m in q.finditer(pattern):
            low, high = _amount(m.group(1)), _amount(m.group(2))
            has_unit = re.search(r"[a-z억만]", m.group(1) + m.group(2), flags=re.IGNORECASE)
            if low is None or high is None or not (has_unit or re.search(PARAM_WORD, m.group(0))) or low >= high:
                continue
            if not re.search(r"[a-z억만]", m.group(1), flags=re.IGNORECASE):  # "20-30M": the unit is written once
                low = _amount(m.group(1) + re.sub(r"[\d.\s]", "", m.group(2)))
            filters["min_params_m"], filters["max_params_m"] = low, high
            q.consume(*m.span())


def _parse_params(q: _Text, filters: dict) -> None:
    ko_amount = (r"((?:\d+(?:\.\d+)?\s*)?억(?:\s*\d*\s*(?:천만|백만|만))?|(?:\d+(?:\.\d+)?\s*)?(?:천만|백만|십만|만)"
                 r"|\d+(?:\.\d+)?\s*(?:[mb]|million|billion)(?![a-z]))")
    ko_cmp = rf"({KO_LESS}|{KO_MORE})"
    _parse_param_range(q, filters, ko_amount)
    # Korean: "파라미터 2천만 개 이하", "1억 개 넘는 파라미터", "파라미터 5M 이하", "파라미터가 500만보다 적은"
    korean = [
        rf"{PARAM_WORD}\s*(?:수|개수)?\s*(?:가|이|는|은)?\s*{ko_amount}\s*(?:개)?\s*(?:가|이|보다)?\s*{ko_cmp}",
        rf"{ko_amount}\s*(?:개)?\s*(?:가|이)?\s*{ko_cmp}\w*\s*(?:의)?\s*{PARAM_WORD}",
        rf"{ko_amount}\s*개?\s*{ko_cmp}",
    ]
    for pattern in korean:
        for m in q.finditer(pattern):
            amount = _amount(m.group(1))
            if amount is None:
                continue
            key = "max_params_m" if re.match(KO_LESS, m.group(2)) else "min_params_m"
            filters[key] = amount
            q.consume(*m.span())
    # English: "under 5M params", "< 30M", "fewer than 10 million parameters", "params <= 10M", "5M or fewer"
    unit = r"(billion|million|thousand|bn|mil|b|m|k)"
    for comparator, key in ((LESS, "max_params_m"), (MORE, "min_params_m")):
        for pattern in (rf"(?:{PARAM_WORD}\s*(?:of|is|:)?\s*)?{comparator}\s*{NUM}\s*{unit}{NOT_BEFORE}\s*(?:{PARAM_WORD})?",
                        rf"{PARAM_WORD}\s*(?:of|is|:)?\s*{comparator}\s*{NUM}(?!\s*{PERCENT})",
                        rf"{comparator}\s*{NUM}\s*{PARAM_WORD}"):
            for m in q.finditer(pattern):
                filters[key] = _to_millions(m.group(1), m.group(2) if m.lastindex and m.lastindex >= 2 else None)
                q.consume(*m.span())
    for m in q.finditer(rf"{NUM}\s*{unit}{NOT_BEFORE}\s*(?:{PARAM_WORD})?\s*({EN_OR_LESS}|{EN_OR_MORE})"):
        key = "max_params_m" if re.fullmatch(EN_OR_LESS, m.group(3)) else "min_params_m"
        filters[key] = _to_millions(m.group(1), m.group(2))
        q.consume(*m.span())


EPOCH_PATTERN = rf"(\d{{2,4}})[\s\-]?(?:epochs?|ep|에폭|에포크|epoch\s*schedule)|{NOT_AFTER}(\d{{2,4}})e{NOT_BEFORE}"


PATCH_PATTERN = rf"{NOT_AFTER}patch[\s\-]?(?:size\s*)?(\d{{1,2}}){NOT_BEFORE}|{NOT_AFTER}p(\d{{1,2}}){NOT_BEFORE}|패치\s*(\d{{1,2}})"


BATCH_NORM_PATTERN = rf"(?:with\s+)?batch[\s\-]?norm(?:ali[sz]ation)?|{NOT_AFTER}bn{NOT_BEFORE}|배치\s*정규화"


def _parse_batch_norm(q: _Text, index: FamilyIndex, filters: dict) -> None:
    """"vgg16 with batch norm" is the arch vgg16_bn."""
    bn_archs = [f"{a}_bn" for a in filters.get("archs", []) if f"{a}_bn" in index.archs]
    if not bn_archs:
        return
    for m in q.finditer(BATCH_NORM_PATTERN):
        filters["archs"] = bn_archs
        q.consume(*m.span())


def _parse_top1(q: _Text, filters: dict) -> None:
    or_more = r"(?:or (?:more|higher|better|above)|and (?:up|above)|\+|plus)"
    patterns = [
        rf"{ACC_WORD}\s*(?:of|is|:|=|가|이|는|은|이가)?\s*{MORE}?\s*{NUM}\s*{PERCENT}?\s*(?:{KO_MORE}\w*|{or_more})?",
        rf"{MORE}\s*{NUM}\s*{PERCENT}\s*(?:{ACC_WORD})?",
        rf"{MORE}\s*{NUM}\s*{PERCENT}?\s*{ACC_WORD}",
        rf"{NUM}\s*{PERCENT}\s*(?:{or_more})?\s*(?:{ACC_WORD})",
        rf"{NUM}\s*{PERCENT}\s*(?:{KO_MORE}\w*|{or_more})(?:\s*의?\s*{ACC_WORD})?",
        rf"{REACH}\s*(?:{MORE}\s*)?{NUM}\s*{PERCENT}(?:\s*(?:on|in)\s*(?:image\s*net(?:[\s\-]?1k)?|in1k))?",
        rf"{NUM}\s*{PERCENT}\s*(?:on|in)\s*(?:image\s*net(?:[\s\-]?1k)?|in1k)",
    ]
    for pattern in patterns:
        for m in q.finditer(pattern):
            value = float(next(g for g in m.groups() if g is not None))
            if 1 < value <= 100:
                filters["min_top1"] = value
                q.consume(*m.span())


def _plausible_resolution(value: int, pattern: str) -> bool:
    if pattern == LOOSE_RESOLUTION_PATTERN:
        return value in vocab.RESOLUTIONS or (64 <= value <= 2048 and value % 16 == 0)
    return 64 <= value <= 2048


def _parse_resolution(q: _Text, filters: dict) -> None:
    for pattern in RESOLUTION_PATTERNS:
        for m in q.finditer(pattern):
            value = int(m.group(1))
            if _plausible_resolution(value, pattern):
                filters["resolution"] = value
                q.consume(*m.span())
                return
    # a bare number that is a common input size: "384 small in22k", "384짜리 모델"
    for m in q.finditer(rf"(?<![A-Za-z0-9_.%])(\d{{3,4}})(?![A-Za-z0-9_%.]|\s*{PERCENT})"):
        value = int(m.group(1))
        if value in vocab.RESOLUTIONS:
            filters["resolution"] = value
            q.consume(*m.span())
            return


def _parse_ranking(q: _Text, filters: dict) -> None:
    for pattern, key in RANKING_PHRASES:
        for m in q.finditer(pattern):
            filters["sort"] = key
            q.consume(*m.span())
            return


def _stage_of(q: _Text, start: int, end: int) -> tuple[str, int, int]:
    before, after = q.text[max(0, start - 40):start], q.text[end:end + 24]
    for stage, before_re, after_re in STAGE_CUES:
        b = re.search(before_re, before, flags=re.IGNORECASE)
        if b:
            return stage, start - (len(before) - b.start()), end
        a = re.match(after_re, after, flags=re.IGNORECASE)
        if a:
            return stage, start, end + a.end()
    return "any", start, end


def _take(q: _Text, patterns: list[str], filters: dict, key: str, value) -> None:
    """Every match of the patterns sets `key` to value(match) and is consumed."""
    for pattern in patterns:
        for m in q.finditer(pattern):
            filters[key] = value(m)
            q.consume(*m.span())


def _first_number(match: re.Match) -> int:
    return int(next(g for g in match.groups() if g))


def _parse_datasets(q: _Text, filters: dict) -> None:
    mentions: list[tuple[int, int, str]] = []
    for pattern, canonical in DATASET_PATTERNS:
        for m in q.finditer(pattern):
            if q.text[m.start():m.end()].strip():
                mentions.append((m.start(), m.end(), canonical))
                q.text = q.text[:m.start()] + "\0" * (m.end() - m.start()) + q.text[m.end():]  # hold the span
    mentions.sort()
    q.text = q.text.replace("\0", " ")
    stages: dict[int, str] = {}
    # "in22k -> in1k", "from in22k to in1k", "in22k에서 in1k로 파인튜닝": the first pretrains, the second fine-tunes
    for (s1, e1, d1), (s2, e2, d2) in zip(mentions, mentions[1:]):
        if re.match(CHAIN_CONNECTOR, q.text[e1:s2], flags=re.IGNORECASE):
            stages[s1], stages[s2] = "pretrain", "finetune"
    found: list[tuple[str, str]] = []
    for start, end, canonical in mentions:
        stage, span_start, span_end = _stage_of(q, start, end)
        if start in stages and stage in ("any", "pretrain"):
            stage = stages[start]
        q.consume(span_start, span_end)
        found.append((canonical, stage))
    # "trained on in12k then fine-tuned on in1k", "in22k models fine-tuned on in1k": what comes first pretrains
    first_finetune = next((i for i, (_, s) in enumerate(found) if s == "finetune"), None)
    if first_finetune is not None:
        found = [(c, "pretrain" if s == "any" and i < first_finetune else s) for i, (c, s) in enumerate(found)]
    if found and not any(c == "in1k" and s == "only" for c, s in found):
        bare_in1k = [(c, s) for c, s in found if c == "in1k" and s == "any"]
        if bare_in1k and len(found) == 1 and re.search(IN1K_ONLY_ELSEWHERE, q.original, flags=re.IGNORECASE):
            found = [("in1k", "only")]
    alternatives = {start for (s1, e1, _), (s2, _, _) in zip(mentions, mentions[1:])
                    if re.match(r"^\s*(?:or|/|또는|혹은|이나|나|or the)\s*$", q.original[e1:s2], flags=re.IGNORECASE)
                    for start in (s1, s2)}
    starts = [start for start, _, _ in mentions]
    has_finetune = any(s == "finetune" for _, s in found)
    for (canonical, stage), start in zip(found, starts):
        if start in alternatives and stage == "any":  # "Instagram or YFCC": either will do
            filters.setdefault("any_datasets", []).append(canonical)
        elif stage == "only" and canonical == "in1k":
            filters["in1k_only"] = True
        elif stage == "only":  # "in22k로만 학습": trained on it and not fine-tuned on anything else
            filters.setdefault("datasets", []).append(canonical)
            filters["not_finetuned"] = True
        elif stage == "pretrain" and has_finetune:
            filters.setdefault("pretrain_datasets", []).append(canonical)
        elif stage == "finetune":
            filters.setdefault("finetune_datasets", []).append(canonical)
        else:
            # "pretrained on X" with no fine-tune target: X anywhere in the chain (a timm tag X_ft_Y was pretrained
            # on X; this also keeps the few weights whose last step is a fine-tune on X, e.g. in1k_ft_in22k)
            filters.setdefault("datasets", []).append(canonical)


def _parse_names(q: _Text, index: FamilyIndex, filters: dict) -> None:
    """Explicit timm names: full tags, archs (resnet50, vit_base_patch16_224), arch.tag prefixes."""
    pattern = r"(?<![A-Za-z0-9_.\-])[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+|(?<![A-Za-z0-9_.\-])[a-z]+\d+[a-z0-9]*(?![A-Za-z0-9_\-])"
    for m in q.finditer(pattern):
        word = m.group(0).lower().strip(".")
        if word in index.names:
            filters.setdefault("names", []).append(word)
        elif word in index.archs:
            filters.setdefault("archs", []).append(word)
        elif "." in word and word.split(".")[0] in index.archs:
            # convnextv2_tiny.fcmae -> that arch, every tag starting with the written prefix
            arch, prefix = word.split(".", 1)
            tags = sorted(n for n in index.names if n.startswith(f"{arch}.{prefix}"))
            if tags:
                filters.setdefault("names", []).extend(tags)
            else:
                filters.setdefault("archs", []).append(arch)
        else:
            continue
        q.consume(m.start(), m.start() + len(word))
    # "R50", "RN101": the usual shorthand for a ResNet depth
    for m in q.finditer(r"(?<![A-Za-z0-9_.\-])rn?(\d{2,3})(?![A-Za-z0-9_\-])"):
        archs = index.spoken_arch(f"resnet{m.group(1)}")
        if archs:
            filters.setdefault("archs", []).extend(archs)
            q.consume(*m.span())
    # spoken names: "ResNet-50", "EfficientNet B3", "RegNetY-160" (before the resolution rule reads 160)
    for m in q.finditer(r"(?<![A-Za-z0-9_.\-])[A-Za-z][A-Za-z0-9]*(?:[\s\-]+[A-Za-z]{0,2}\d+[A-Za-z0-9]*)(?![A-Za-z0-9_\-])"):
        archs = index.spoken_arch(m.group(0))
        if archs:
            filters.setdefault("archs", []).extend(archs)
            q.consume(*m.span())


def _letter_series_after(q: _Text, end: int, family: str, index: FamilyIndex) -> Optional[tuple[list[str], int]]:
    """'EfficientViT B-series' / 'NFNet F 시리즈' -> (the archs of that series, end of the match)."""
    m = re.match(r"[\-\s]?([a-z])[\s\-]?(?:series|시리즈|계열)", q.text[end:end + 16], flags=re.IGNORECASE)
    if not m or not q.free(end, end + m.end()):
        return None
    archs = index.series(family, m.group(1).lower())
    return (archs, end + m.end()) if archs else None


def _letter_size_after(q: _Text, end: int) -> Optional[tuple[str, int, Optional[int]]]:
    """'ViT-B/16' -> ('base', end of match, 16); 'DeiT-S' -> ('small', end, None)."""
    m = re.match(r"[\-\s]?(ti|t|s|m|b|l|h|g)(?:\s*/\s*(\d{1,2}))?(?![A-Za-z0-9])", q.text[end:end + 8], flags=re.IGNORECASE)
    if not m or not q.free(end, end + m.end()):
        return None
    return LETTER_SIZES[m.group(1).lower()], end + m.end(), int(m.group(2)) if m.group(2) else None


def _parse_families(q: _Text, index: FamilyIndex, filters: dict) -> None:
    """Family names and spoken arch names, longest run of words first: 'Swin Transformer V2', 'ResNet-50', 'ViT'."""
    words = list(re.finditer(r"[A-Za-z0-9]+|[\uac00-\ud7a3]+", q.original))
    used: set[int] = set()
    for length in (4, 3, 2, 1):
        for i in range(len(words) - length + 1):
            run = words[i:i + length]
            if any(j in used for j in range(i, i + length)) or run[0].group(0).isdigit():
                continue
            start, end = run[0].start(), run[-1].end()
            if not q.free(start, end) or (length > 1 and re.search(r"[^A-Za-z0-9\s\-\uac00-\ud7a3]", q.original[start:end])):
                continue
            if length > 1 and run[0].group(0).lower() in vocab.SIZE_QUESTION_WORDS:
                continue  # "tiny ViT" is a tiny ViT, not the TinyViT family
            text = q.original[start:end]
            archs = index.spoken_arch(text) if length > 1 and any(c.isdigit() for c in text) else []
            if archs:  # ResNet-50, EfficientNet B3, DenseNet 121
                filters.setdefault("archs", []).extend(archs)
            else:
                family = _korean_family(text, index) if re.search(r"[\uac00-\ud7a3]", text) else index.lookup(text)
                if not family or _norm(text) in STOPWORDS or family in vocab.SIZE_TERMS:
                    continue
                if family in WORDLIKE_FAMILIES and text.islower():
                    continue
                end = _read_family(q, index, family, start, end, filters)
            used.update(range(i, i + length))
            q.consume(start, end)


def _read_family(q: _Text, index: FamilyIndex, family: str, start: int, end: int, filters: dict) -> int:
    """A family name and what a letter after it says; returns where the phrase ends.

    'EfficientViT B-series' -> the b* archs; 'MixNet-L' -> the arch mixnet_l; 'ViT-B/16' -> vit, base, patch16;
    'DeiT-S' -> deit, small. A letter the family has no size for ('EfficientViT B') is left alone."""
    series = _letter_series_after(q, end, family, index)
    if series:
        archs, series_end = series
        filters.setdefault("archs", []).extend(archs)
        return series_end
    letter = _letter_size_after(q, end)
    lettered_arch = index.spoken_arch(q.original[start:letter[1]]) if letter and not letter[2] else []
    if lettered_arch:
        filters.setdefault("archs", []).extend(lettered_arch)
        return letter[1]
    filters.setdefault("families", []).append(family)
    if not letter or not index.family_has_size(family, letter[0]):
        return end
    size, letter_end, patch = letter
    filters.setdefault("sizes", []).append(size)
    if patch:
        filters["patch_size"] = patch
    return letter_end


def _korean_family(text: str, index: FamilyIndex) -> Optional[str]:
    """Hangul spellings from FAMILY_ALIASES, with a trailing particle allowed: '스윈의', '레즈넷을'."""
    key = _norm(text)
    for particle in ("",) + KO_PARTICLES:
        stem = key[: len(key) - len(particle)] if particle and key.endswith(particle) else key
        if (not particle or key.endswith(particle)) and stem in index.families:
            return index.families[stem]
    return None


def _parse_words(q: _Text, table: list[tuple[str, object]], key: str, filters: dict, extend: bool = False) -> None:
    for pattern, value in table:
        for m in q.finditer(pattern):
            if extend:
                filters.setdefault(key, []).extend(value)  # type: ignore[arg-type]
            else:
                filters.setdefault(key, []).append(value)
            q.consume(*m.span())


def _license_table(index: FamilyIndex) -> list[tuple[str, object]]:
    return [(p, index.noncommercial_licenses() if v == "noncommercial" else v) for p, v in LICENSE_PATTERNS]


def _parse_license_ids(q: _Text, index: FamilyIndex, filters: dict) -> None:
    for license_id in sorted(index.licenses, key=len, reverse=True):
        for m in q.finditer(rf"{NOT_AFTER}{re.escape(license_id)}{NOT_BEFORE}"):
            filters.setdefault("licenses", []).append(license_id)
            q.consume(*m.span())


def _parse_sizes(q: _Text, filters: dict) -> None:
    table = {**vocab.SIZE_QUESTION_WORDS, **EXTRA_SIZE_WORDS}
    for word, size in sorted(table.items(), key=lambda kv: -len(kv[0])):
        body = re.escape(word).replace(r"\ ", r"\s*").replace(r"\-", r"[\s\-]?")
        pattern = rf"{NOT_AFTER}{body}(?:s|-sized?|\s+size[d]?)?{NOT_BEFORE}" if word.isascii() else body
        for m in q.finditer(pattern):
            filters.setdefault("sizes", []).append(size)
            q.consume(*m.span())


def _free_text(q: _Text) -> str:
    kept = []
    for word in re.findall(r"[\w\-]+", q.text):
        lowered = word.lower()
        if lowered in STOPWORDS or word.isdigit():
            continue
        stripped = next((lowered[: -len(p)] for p in KO_PARTICLES if lowered.endswith(p) and len(lowered) > len(p) + 1), lowered)
        if stripped in STOPWORDS:
            continue
        kept.append(word)
    return " ".join(kept)


def parse_question(text: str, index: FamilyIndex) -> QueryFilters:
    """QueryFilters for a question. Pure: the same text and index always give the same filters."""
    q = _Text(unicodedata.normalize("NFKC", text))  # full-width digits and letters read as ASCII
    found: dict = {}
    _parse_names(q, index, found)
    _parse_batch_norm(q, index, found)
    _take(q, [EPOCH_PATTERN], found, "epochs", _first_number)
    _take(q, [PATCH_PATTERN], found, "patch_size", _first_number)
    _parse_license_ids(q, index, found)
    _parse_params(q, found)
    _parse_top1(q, found)
    _parse_resolution(q, found)
    _parse_ranking(q, found)
    _take(q, NOT_FINETUNED_PATTERNS, found, "not_finetuned", lambda m: True)
    _parse_datasets(q, found)
    _parse_words(q, _license_table(index), "licenses", found, extend=True)
    _parse_words(q, METHOD_PATTERNS, "methods", found)
    _parse_families(q, index, found)
    _parse_sizes(q, found)
    for key in ("sizes", "datasets", "pretrain_datasets", "finetune_datasets", "families", "archs", "names", "methods", "licenses"):
        if key in found:
            found[key] = list(dict.fromkeys(found[key]))
    if found.get("licenses") and len(found["licenses"]) > 1 and any(lic in index.licenses for lic in found["licenses"]):
        found["licenses"] = [lic for lic in found["licenses"] if lic in index.licenses] or found["licenses"]
    wants_explanation = bool(re.search(EXPLANATION_PATTERN, text, flags=re.IGNORECASE))
    return QueryFilters(**found, free_text=_free_text(q), matched_phrases=list(dict.fromkeys(q.phrases)),
                        wants_explanation=wants_explanation)
