"""The language of questions, as tables: connectives, negation and inclusion cues, units, comparatives, stage
words, licence words, transliterations, stop words. Korean and English side by side.

Nothing here names a model: every architecture, tag token, family and licence id comes from the live registry
(kb.query.lexicon). What is left are words of the two languages, which no registry can supply.

Word boundaries are ASCII-only on purpose: in Korean a particle sticks to the word before it ("resnet50을",
"22k로", "384에서"), and Python's Unicode `\\w` would treat the Hangul as part of the word.
"""

from __future__ import annotations

# ---- shared regex pieces -------------------------------------------------------------------------------------

W = r"[A-Za-z0-9]"  # an ASCII letter or digit: Hangul particles and `_` (in22k_ft_in1k) end a Latin word
NOT_AFTER = rf"(?<!{W})"  # start of a Latin word
NOT_BEFORE = rf"(?!{W})"  # end of a Latin word
# a Hangul syllable, outside case folding: under IGNORECASE Python folds each of a range's 11,172 characters when
# it compiles the pattern (~1 ms a class, a third of a cold question's compiling), and Hangul has no case anyway
HANGUL = r"(?-i:[\uac00-\ud7a3])"
NUM = r"(\d+(?:\.\d+)?)"
PERCENT = r"(?:%|퍼센트|프로|percent|pct)"

# ---- numbers: params -----------------------------------------------------------------------------------------

KO_COMPOUND_MAN = r"\d+\s*천\s*\d+\s*백\s*만"  # "3천5백만": (3,000 + 500) × 10,000
KO_UNITS_M = {"억": 100.0, "천만": 10.0, "백만": 1.0, "십만": 0.1, "만": 0.01}
EN_UNITS_M = {"b": 1000.0, "bn": 1000.0, "billion": 1000.0, "m": 1.0, "mil": 1.0, "million": 1.0, "k": 0.001,
              "thousand": 0.001}

LESS = (r"(?:under|below|sub-?|less than|fewer than|smaller than|lighter than|at most|up to|no more than|not more than"
        r"|(?:no|not) (?:bigger|larger|heavier|greater) than|not (?:over|above|exceeding)"
        r"|max(?:imum)?(?: of)?|within|<=|=<|≤|<|⩽"
        # a bound set or moved: "the params cap to 20M", "상한을 2천만으로"
        r"|(?:ceiling|cap|upper bound|upper limit|상한(?:선)?)\s*(?:to|of|at|=|:|을|를)?)")
MORE = (r"(?:over|above|more than|greater than|larger than|bigger than|heavier than|higher than|better than"
        r"|at least|at minimum|(?:no|not) (?:less|fewer|smaller|lower) than|min(?:imum)?(?: of)?|exceeding|>=|=>|≥|>|⩾"
        # "bump the top-1 floor to 77", "top-1 하한을 77로"
        r"|(?:floor|lower bound|lower limit|cut-?off|threshold|bar|하한(?:선)?)\s*(?:to|of|at|=|:|을|를)?)")
# Verbs that state an accuracy reached: "clears 80%", "hits 85% on ImageNet"
REACH = (r"(?:clear(?:s|ing)?|reach(?:es|ing)?|hit(?:s|ting)?|achiev(?:es|ing)?|get(?:s|ting)?|scor(?:es|ing)|exceed(?:s|ing)?"
         r"|beat(?:s|ing)?|tops?|topping|surpass(?:es|ing)?|break(?:s|ing)?|cross(?:es|ing)?)")
KO_LESS = r"(?:이하|미만|보다\s*(?:는|도)?\s*(?:적|작|낮)|안\s*되|아래|이내|까지|밑)"
KO_MORE = r"(?:이상|초과|보다\s*(?:는|도)?\s*(?:많|크|큰|높)|넘|위)"
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
     r"|(?:scores?|scoring|ranks?|ranking)\s+(?:the\s+)?(?:highest|best|top)(?:\s+(?:on|in|for|by)\s+(?:imagenet\s+)?(?:top[\s\-]?1|accuracy|acc))?"
     r"|(?:sorted|ranked|ordered) by (?:top[\s\-]?1|accuracy)|(?:top[\s\-]?1|accuracy) (?:is )?(?:the )?highest"
     r"|(?:가장|제일|젤)\s*(?:정확|성능이?\s*(?:좋|높|뛰어)|좋은|뛰어난|우수|높은\s*(?:정확도|성능|top[\s\-]?1))"
     r"|(?:정확도|성능|top[\s\-]?1)(?:이|가)?\s*(?:가장|제일|젤)\s*(?:높|좋|뛰어)|최고\s*(?:의\s*)?(?:성능|정확도)"
     r"|(?:정확도|성능)\s*(?:최고|1위|순으로|높은\s*순)", "top1"),
    (r"smallest|lightest|tiniest|most compact|fewest param\w*|least param\w*|lowest param\w*"
     rf"|(?:가장|제일|젤)\s*(?:작은|가벼운|경량)|{PARAM_WORD}\s*(?:수|개수)?\s*(?:가|이|는)?\s*(?:가장|제일|젤)\s*적|최경량", "params_asc"),
    (rf"largest|biggest|heaviest|most param\w*|(?:가장|제일|젤)\s*(?:큰|무거운)|{PARAM_WORD}\s*(?:수|개수)?\s*(?:가|이|는)?\s*(?:가장|제일|젤)\s*많|최대\s*크기",
     "params_desc"),
    (r"highest[\s\-]resolution|largest input|해상도가?\s*(?:가장|제일|젤)\s*(?:높|큰)|최고\s*해상도", "resolution_desc"),
]

# ---- datasets --------------------------------------------------------------------------------------------------

IMAGENET = r"(?:image\s*net|imagenet|이미지\s*넷|in|i)"
TEST_SETS = r"[\s\-_]*(?:a|r|v2|real|sketch|c)(?![A-Za-z0-9])"  # ImageNet-A, -R, -V2, -ReaL, -Sketch  # "i21k" as people abbreviate it
SEP = r"[\s\-_]?"
# phrase -> canonical dataset; spaces, hyphens and underscores are optional between the parts
DATASET_PATTERNS: list[tuple[str, str]] = [
    (rf"{NOT_AFTER}{IMAGENET}{SEP}2[12]{SEP}(?:k|천){NOT_BEFORE}|{NOT_AFTER}2[12]\s*k{NOT_BEFORE}", "in22k"),
    (rf"{NOT_AFTER}{IMAGENET}{SEP}12{SEP}k{NOT_BEFORE}|{NOT_AFTER}12\s*k{NOT_BEFORE}", "in12k"),
    (rf"{NOT_AFTER}{IMAGENET}{SEP}1{SEP}k{NOT_BEFORE}|{NOT_AFTER}{IMAGENET}{SEP}1000{NOT_BEFORE}"
     rf"|{NOT_AFTER}1\s*k{NOT_BEFORE}", "in1k"),  # a bare "1k" as in "22k로 사전학습 후 1k로 파인튜닝"
    (rf"{NOT_AFTER}laion{SEP}2\s*b{NOT_BEFORE}|라이온\s*2\s*b", "laion2b"),
    (rf"{NOT_AFTER}laion{SEP}400\s*m{NOT_BEFORE}|라이온\s*400\s*m", "laion400m"),
    (rf"{NOT_AFTER}laion{NOT_BEFORE}|라이온", "laion"),  # umbrella names: see kb.naming.vocab.DATASET_GROUPS
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
    # "ImageNet-A / -R / -V2 / -ReaL / Sketch" are test sets (facts of kb.facts), not training data
    (rf"{NOT_AFTER}image\s*net(?!\s*[\-_]?\s*\d|{TEST_SETS}){NOT_BEFORE}|이미지\s*넷(?!\s*[\-_]?\s*\d|{TEST_SETS})", "in1k"),
]

# Stage cues around a dataset mention: (stage, regex just before the mention, regex just after it).
# first / last: the first or the last dataset of the tag ("began as LAION-2B CLIP", "22k 클래스로 분류하는").
STAGE_CUES: list[tuple[str, str, str]] = [
    ("only",
     r"(?:only|solely|just|purely|exclusively)\s+(?:(?:trained|pre-?trained)\s+(?:on|with|using)?|on|with|using)\s*(?:the\s+)?$"
     r"|(?:only|solely|purely|exclusively)\s+$"  # not "only the in22k-distilled ones": a follow-up's restriction
     r"|(?<![A-Za-z])raw\s+$",  # "skip the raw in22k ones": the pretraining checkpoint as released
     r"^\s*(?:(?:data(?:set)?|데이터셋|데이터)\s*)?(?:only|alone|만으로|만\s*으로|만\s*사용|만\s*써|만을|만\s*가지고"
     r"|으로만|로만|에서만|만\s*(?:학습|쓴|사용한)|(?:로|으로|에서)?\s*사전\s*학습만"
     r"|pre-?train(?:ed|ing)?[\s\-]*only|(?:로|으로|에서)?\s*사전\s*학습\s*전용)"),  # "in22k pretrain-only": not fine-tuned after
    ("intermediate",  # "중간에 in22k 거쳐서", "with an in22k stage in between": a middle step, not the first
     r"(?:중간에|중간\s*단계(?:에서|로)?|intermediate(?:ly)?(?:\s+(?:on|stage|step))?|by way of|via)\s*(?:an?\s+|the\s+)?$",
     r"^\s*(?:(?:을|를)\s*)?중간에|^\s*(?:(?:stage|step)\s+)?in between|^\s*as (?:an? )?(?:intermediate|middle) (?:stage|step)"),
    ("first",
     r"(?:began|begins|beginning|started|starts|starting|start|initiali[sz]ed|originally|originated|came"
     r"|(?:first|initial)(?: training| pre-?training)? (?:stage|dataset|data set|data|step|phase|round)s?(?: (?:was|is|are|were))?)\s+(?:as|from|with|out of|on)?\s*(?:an?\s+|the\s+)?$",
     r"^\s*(?:(?:clip|weights?|checkpoints?|가중치)\s*)?(?:에서|로부터|으로부터|으로|로)\s*(?:시작|출발)(?:한|하는|된|해서|했던|하고|해|하여)?"
     r"|^\s*(?:first|at first|initially)(?![A-Za-z])|^\s*(?:로|으로)\s*(?:먼저|처음)"),
    ("last",
     r"(?:ended|ends|ending|finished|finishing|(?:last|final)(?: training| fine-?tuning)? (?:stage|dataset|data set|data|step|phase|round)s?(?: (?:was|is|are|were))?(?: still| also| just)?"
     r"|whose classifier predicts|classifier (?:predicts|for)|classif(?:y|ies|ying) (?:into)?|predicts|finally|lastly|최종적으로|마지막으로|최종"
     r"|stop(?:s|ped|ping)?|end(?:s|ed)? up|last(?=\s+(?:on|in|with|at)\s))\s+(?:on|in|with|as|at|into)?\s*(?:an?\s+|the\s+)?$",
     r"^[\s\-]*(?:head|classifier|헤드|분류기)(?![A-Za-z])"  # "with a 1k head", "stop at the in22k head"
     r"|^\s*(?:-?\s*classes?|클래스)\s*(?:로|으로)?\s*(?:분류|예측|classifier|head)?(?:하는|한|되는|해)?|^\s*(?:로|으로|에서)\s*(?:끝(?:난|나는|낸|나고|내고)?|마무리(?:한|된|하고)?)"),
    ("pretrain",
     r"(?:pre-?trained|pre-?training|pretrain|first trained|trained first|from)\s+(?:(?:was|were|is)\s+)?(?:on|with|using|from)?\s*(?:the\s+)?$",
     r"^\s*(?:-|\s)?(?:(?:data(?:set)?|데이터셋|데이터)\s*)?(?:pre-?trained|pre-?training|pretrain|(?:로|으로|에서|에)?\s*사전\s*학습"
     r"|(?:로|으로|에서)?\s*프리\s*트레인|(?:로|으로|에서)?\s*선행\s*학습|(?:을|를)?\s*거쳐(?:서)?)"),
    ("finetune",
     r"(?:fine-?tuned|fine-?tuning|finetuned|ft|then (?:trained|tuned)|transferred|carried on)\s+(?:on|with|to|using)?\s*(?:the\s+)?$",
     r"^\s*(?:-|\s)?(?:(?:data(?:set)?|데이터셋|데이터)\s*)?(?:fine-?tuned|fine-?tuning|fine-?tunes?|finetuned|ft(?![a-z])|(?:로|으로|에서|에|까지)?\s*(?:파인\s*튜닝|파튜)"
     r"|(?:로|으로|에서|에)?\s*미세\s*조정|(?:로|으로|에서|에)?\s*추가\s*학습)"),
]
# "trained on ImageNet-1k only", "ImageNet-1k 데이터만", "without extra data": in1k alone, wherever the cue sits
IN1K_ONLY_ELSEWHERE = (r"{NOT_AFTER}only{NOT_BEFORE}|만으로|만\s*(?:학습|사용|써)|데이터만|without (?:extra|additional|external) data"
                       r"|no (?:extra|additional|external) data|추가\s*데이터\s*없이").format(NOT_AFTER=NOT_AFTER, NOT_BEFORE=NOT_BEFORE)
# "not fine-tuned", "without fine-tuning", "파인튜닝은 안 한": a checkpoint as released after pretraining. A dataset
# written right before the negated step ("1k 파인튜닝은 안 한") is the fine-tune that did not happen, not a filter.
FINETUNE_WORD = r"(?:fine[\s\-]?tun\w*|파인\s*튜닝|파튜|미세\s*조정)"
NOT_FINETUNED_PATTERNS = [
    rf"(?:not|never|no|without(?: any)?)\s+(?:been\s+)?{FINETUNE_WORD}(?:\s+(?:on|to)\s+\S+)?",
    rf"{NOT_AFTER}un[\s\-]?fine[\s\-]?tuned|pre[\s\-]?train(?:ed|ing)?[\s\-]only|only pre[\s\-]?trained|before fine[\s\-]?tuning",
    rf"(?:{NOT_AFTER}(?:{IMAGENET}{SEP})?\d+\s*k\s*(?:로|으로|에)?\s*)?{FINETUNE_WORD}\s*(?:은|는|을|를|이|가|도)?\s*(?:안\s*(?:한|된|했|하|됨)|하지\s*않|되지\s*않|없|전)",
    r"사전\s*학습만\s*(?:한|된|된\s*것)|사전\s*학습만(?=\s*(?:하고|해서|했고))|파인\s*튜닝\s*없이",
]
# "from in22k to in1k", "in22k -> in1k", "in22k에서 in1k로": a two-stage chain written as one phrase
CHAIN_CONNECTOR = (r"^[\s_]*(?:(?:로|으로|에서)?\s*pre-?train(?:ed|ing)?\s*)?(?:clip\s*|클립\s*)?(?:->|→|=>|to|then(?: to)?|then fine-?tuned (?:on|to)|ft|에서|으로부터|로부터|후|다음"
                   r"|(?:을|를)?\s*거쳐(?:서)?|(?:로|으로)?\s*사전\s*학습\s*(?:한\s*)?(?:후|뒤|다음)(?:에)?)[\s_]*$")

# ---- licences, methods, sizes ------------------------------------------------------------------------------------

# phrase -> licence class (kb.registry.licenses) or licence ids
LICENSE_PATTERNS: list[tuple[str, str]] = [
    (rf"{NOT_AFTER}cc[\s\-]?by[\s\-]?nc(?:[\s\-]?(?:sa|nd))?(?:[\s\-]?4(?:\.0)?)?{NOT_BEFORE}", "class:noncommercial"),
    (r"non[\s\-]?commercial|{NA}nc{NB}|비\s*상업|비\s*영리|상업(?:적으로|용으로|적)?\s*(?:사용|이용|활용|써|쓰)?(?:면|는)?\s*(?:불가|금지|안\s*되|안\s*돼|못)|research[\s\-]only"
     .format(NA=NOT_AFTER, NB=NOT_BEFORE), "class:noncommercial"),
    (r"commercial(?:ly)?[\s\-]?(?:use|friendly|ok|allowed|usable|use allowed)|permissive(?:ly)?|business[\s\-]friendly"
     r"|(?:for|in) commercial (?:use|products?|settings?|projects?)|(?:used|usable|use|deploy(?:ed|able)?) commercially"
     r"|상업(?:적으로|용으로|적)?\s*(?:사용|이용|활용|써|쓸|쓰)(?:해|할)?\s*(?:도|수)?\s*(?:가능|허용|되|돼|있|괜찮|ok|문제\s*(?:없|X))|상업\s*가능|상업용",
     "class:permissive"),
    (r"custom(?:\s*/\s*[a-z]+)?[\s\-]+licen[cs](?:e[sd]?)?|vendor licen[cs]es?|own licen[cs]es?|(?:자체|커스텀|벤더)\s*라이선스", "class:custom"),
    (r"(?:licen[cs]e|라이선스|라이센스)\s*(?:정보\s*)?(?:가\s*)?(?:없는|없음|미상|unknown|not given|missing|is missing)"
     r"|no (?:usable |known |clear |valid )?licen[cs]e(?: info(?:rmation)?)?|without a (?:usable |known )?licen[cs]e|unlicensed"
     r"|licen[cs]e unknown|licen[cs]e\s*(?:is\s+)?(?:blank|empty)"
     r"|(?:unknown|missing|blank)\s+(?:or\s+(?:unknown|missing|blank)\s+)?licen[cs]es?", "class:unknown"),
    (r"apache(?:[\s\-]?2(?:\.0)?)?|아파치", "apache-2.0"),
    (rf"(?<!from )(?<!by ){NOT_AFTER}mit{NOT_BEFORE}", "mit"),  # "EfficientViT from MIT" is the institute
    (rf"{NOT_AFTER}bsd(?:[\s\-]?3(?:[\s\-]?clause)?)?{NOT_BEFORE}", "bsd-3-clause"),
    (rf"{NOT_AFTER}cc[\s\-]?by(?:[\s\-]?4(?:\.0)?)?(?![A-Za-z0-9]|\s?-\s?[A-Za-z])", "cc-by-4.0"),
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
    (r"mx\s*net", "mx"),  # the MXNet ports (dpn68.mx_in1k)
    (r"semi[\s\-]?weakly[\s\-]?supervised|{NA}swsl{NB}".format(NA=NOT_AFTER, NB=NOT_BEFORE), "swsl"),
    (r"semi[\s\-]?supervised|{NA}ssl{NB}".format(NA=NOT_AFTER, NB=NOT_BEFORE), "ssl"),
    (rf"{NOT_AFTER}rand[\s\-]?augment{NOT_BEFORE}", "ra"),
]

# Question words for sizes, Korean and English.
SIZE_QUESTION_WORDS: dict[str, str] = {
    "atto": "atto", "아토": "atto", "femto": "femto", "펨토": "femto", "pico": "pico", "피코": "pico",
    "nano": "nano", "나노": "nano", "tiny": "tiny", "타이니": "tiny", "초소형": "tiny",
    "small": "small", "스몰": "small", "작은": "small", "소형": "small",
    "base": "base", "베이스": "base", "기본형": "base",
    "medium": "medium", "미디엄": "medium", "중형": "medium",
    "large": "large", "라지": "large", "대형": "large", "큰": "large",
    "huge": "huge", "휴즈": "huge", "거대": "huge", "초대형": "huge",
    "giant": "giant", "자이언트": "giant", "gigantic": "gigantic",
    "xlarge": "xlarge", "엑스라지": "xlarge", "xxlarge": "xxlarge", "엑스엑스라지": "xxlarge",
}

# More size phrases. Longest phrase wins.
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

# Spoken forms that the naming rules cannot derive from the registry names (Korean and English); Hangul spellings
# that sound like a registry name (레즈넷, 컨브넥스트, 스윈) are read by sound instead (kb.naming.hangul)
FAMILY_ALIASES: dict[str, str] = {
    "vision transformer": "vit", "비전 트랜스포머": "vit", "비전트랜스포머": "vit", "efficientnet v2": "efficientnetv2",
    "deit iii": "deit3", "mobile vit": "mobilevit", "convnext2": "convnextv2", "eva 2": "eva02", "eva-2": "eva02",
    # Hangul spellings no rule of kb.naming.hangul reaches (three vowels off, one consonant, a meaning not a sound)
    "이피션트넷": "efficientnet", "히에라": "hiera", "에바": "eva", "딥잇": "deit", "데잇": "deit", "에이치알넷": "hrnet",
    "swin transformer": "swin", "dino v2": "dinov2", "dino 2": "dinov2", "siglip 2": "siglip2",
    # 비트 sounds like both ViT and BiT; Koreans write ViT 비전 트랜스포머 / 빗, and BiT 비트
    "비트": "BiT", "리그넷": "regnet", "다이노": "dino", "디노": "dino", "모바일원": "mobileone", "하드코어나스": "hardcorenas",
}
# Words that may sit inside a spoken family name without changing it ("Swin Transformer V2")
FAMILY_FILLERS = {"transformer", "transformers", "net", "model", "models", "트랜스포머"}  # "family" asks for the whole family
# Families that are also ordinary words: only read as families when written with a capital (CoaT, PiT, NesT)
WORDLIKE_FAMILIES = {"coat", "pit", "nest", "twins", "bat", "lambda", "mixer", "test", "fast", "wide", "little"}
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}

# ---- explanation and stopwords ----------------------------------------------------------------------------------

# A question about meaning or reasons wants the notes first, even when it names a method or family.
# ("mean" the word, not the statistic: "mean/std", "mean 0, std 1", "the mean and std")
EXPLANATION_PATTERN = (r"what (?:does|do|is|are)|stand for|short for|abbreviat|acronym"
                       r"|mean(?:s|ing)?\b(?!\s*(?:/|and|&|,|-)\s*(?:std|standard)|\s*[=:]?\s*[\d(\[])|why\b|how (?:does|do|did)"
                       r"|explain|difference|according to|in the notes?\b|how many|how much|what(?:'s| is) (?:it|that|this)\s*\w*\s*called"
                       # the notes' tables and experiments: "the comparison table", "in the experiments", "실험에서"
                       r"|(?:comparison|results?)\s+table|experiments?\b|실험|비교\s*표"
                       r"|의미|뜻|무엇|뭐야|뭔가|뭐라고|약자|줄임말|왜|어떻게|설명|차이|란\?|이란|언제|얼마|몇|노트에서"
                       # "who trained the rw ones?", "per my notes", "붙은 건 뭐임": provenance and meaning
                       r"|\bwho\b|누가|누구|(?:per|in|from) (?:my|the|our) notes?\b|붙은\s*(?:건|거|것은|게)\s*(?:뭐|무슨)"
                       # advice on training settings is the notes' business, even when it names a model
                       r"|(?:recommended|suggested|typical|good)\s+(?:lr|learning rate|batch size|epochs?|settings?|hyper-?param\w*)"
                       r"|(?:lr|learning rate|학습률|배치\s*크기|에폭)\s*(?:추천|권장)|(?:추천|권장)\s*(?:범위|값|설정|lr|학습률)"
                       # advice asked outright: the notes' selection guide answers "뭘 추천해?"
                       r"|(?:뭘|뭐|무엇을|뭐를)\s*(?:추천|권장)|what (?:do|does|would) (?:you|the notes?|the guide) (?:recommend|suggest)"
                       # "뭐가 다른 거예요?", "어느 정도 크기를 말하는 거예요?": what a word means
                       r"|뭐가\s*(?:다르|다른|달라)|무슨\s*차이|말하는\s*(?:거|것)|가리키는\s*(?:거|것)")


EPOCH_PATTERN = rf"(\d{{2,4}})[\s\-]?(?:epochs?|ep|에폭|에포크|epoch\s*schedule)|{NOT_AFTER}(\d{{2,4}})e{NOT_BEFORE}"


PATCH_PATTERN = rf"(\d{{1,2}})\s*[x×]\s*\d{{1,2}}\s*(?:patch(?:es)?|패치)|{NOT_AFTER}patch[\s\-]?(?:size\s*)?(\d{{1,2}}){NOT_BEFORE}|{NOT_AFTER}p(\d{{1,2}}){NOT_BEFORE}|패치\s*(\d{{1,2}})"


BATCH_NORM_PATTERN = rf"(?:with\s+)?batch[\s\-]?norm(?:ali[sz]ation)?|{NOT_AFTER}bn{NOT_BEFORE}|배치\s*정규화"



# ---- operators: negation, inclusion, alternatives, widening, boundaries -----------------------------------------
# Each cue is (kind, regex). Kinds: not_pre negates what follows (to the next boundary); not_post negates what came
# before (back to the previous boundary: Korean puts it after); incl_pre / incl_post add what they mark to the set
# it qualifies ("ConvNeXt, V2 included"); or joins alternatives; widen drops the condition before it ("fine-tuned
# or not"); boundary ends a scope.
CUES: list[tuple[str, str]] = [
    ("widen", r"(?:or not|or without|with or without|either way|whether or not|regardless|or otherwise"
              r"|여부\s*(?:는|와)?\s*상관\s*(?:없이|없음|없는)|상관\s*없이|든\s*(?:말든|아니든|안\s*[했됐]든)|이든\s*아니든|붙든\s*안\s*붙든)"),
    ("whether", rf"{NOT_AFTER}(?:whether|no matter if){NOT_BEFORE}"),  # "whether timm-trained or a TF port": both
    ("not_pre", rf"{NOT_AFTER}(?:but not|and not|not even|other than|apart from|rather than|instead of|except(?: for)?|excluding|exclude|without(?: any)?"
                rf"|minus|skip(?:ping)?|drop(?:ping)?|leave out|leaving out|remove|none of|no(?:thing)?|not|(?:is|are|was|were|do|does|did|has|have|had)n['’]?t|never|neither|nor|non(?=[\s\-]))(?:\s+(?:the|a|an|any|those|ones))?{NOT_BEFORE}"),
    ("not_post", r"(?:은|는|이|가|을|를|도)?\s*(?:말고|빼(?:고|줘|\s*줘|주세요|줄래|라|면)|뺀|제외(?:하고|한|해(?:줘|서)?|하면)?|아닌|아니고|아니면서|아니라|없는|없이"
                 rf"|안\s?{HANGUL}{{0,3}}(?:된|한|은|던|친|쓴|간)(?=[\s,.)]|$|거|것|건)|못\s?{HANGUL}{{0,3}}(?:한|된|은)(?=[\s,.)]|$|거|것|건)"
                 rf"|안\s?{HANGUL}{{1,3}}고(?=[\s,.)]|$)"  # "in22k 안 거치고": without going through
                 r"|않은|않고|안\s*하고|하지\s*않은|되지\s*않은|빠진|외에|외의|말곤)"
                 rf"|{NOT_AFTER}(?:excluded|left out|not included|removed){NOT_BEFORE}"),
    ("incl_pre", rf"{NOT_AFTER}(?:including|incl\.?|plus|along with|as well as|together with|and also|also include|include|add|(?:throw|toss|bring|mix|add) in){NOT_BEFORE}(?:\s+(?:the|a|an))?"),
    ("incl_post", r"(?:도|까지|를|을)?\s*(?:포함(?:해서|하여|한|해|시켜|된)?|다\s*포함|(?<!똑)같이|함께|추가(?:해서|해줘|해|하고|로)?)"
                  rf"|{NOT_AFTER}(?:included|too(?!\s+(?:much|many|big|large|small|slow|fast|heavy|long|few|little))|as well|also){NOT_BEFORE}"
                  rf"|{NOT_AFTER}(?:(?:are|is)\s+(?:fine|ok(?:ay)?|welcome|allowed)){NOT_BEFORE}(?=\s*(?:[,.;:)\]!?]|$))"
                  r"|도\s*(?:괜찮|ok|OK|돼|됨)"),  # "tf ports are fine," at a clause's end; not "ok for commercial use"
    ("or_post", r"(?:이든|든|이던|던)(?=[\s,]|$)"),  # "A이든 B든": each closes an alternative (joined backwards)
    ("or", rf"{NOT_AFTER}(?:or|either){NOT_BEFORE}|/|또는|혹은|아니면|(?<=[A-Za-z0-9\x01])(?:이나|나)(?=\s)"),
    ("list", rf"(?:(?<=[A-Za-z0-9_\x01%])|(?<={HANGUL}))\s?(?:이랑|랑|및)(?=\s)"),  # "tf_ 포팅이랑 pruned는 빼고": one list
    ("boundary", rf"[,;:()\[\]—–]|{NOT_AFTER}(?:but|and|that|which|whose|where|with){NOT_BEFORE}|인데|이고|이면서|면서|중에서?|중(?=\s)|가운데|거기서|이면"
                 r"|(?:하고|되고|했고|됐고|이며)(?=\s|$)"),
]
# A parenthetical that lists examples ("NFNet F 시리즈(F0, F1 …)", "(e.g. ...)", "등"): its names are examples of
# what comes before, not conditions.
EXAMPLES_PAREN = r"\((?=[^()]*(?:…|\.\.\.|{NA}etc{NB}|{NA}e\.g\.|{NA}eg{NB}|{NA}such as{NB}|{NA}like{NB}|등|같은|예를\s*들어|예:))[^()]*\)".format(
    NA=NOT_AFTER, NB=NOT_BEFORE)
# Parentheses glued to a word ("비상업(NC)") are an aside inside the phrase, not a boundary.
GLUED_PAREN = r"(?<=[^\s(])\([^()]*\)"
# "d variant", "c and s stem variants", "_d 버전": letters an architecture name takes at its end
VARIANT_WORD = r"(?:variants?|versions?|stems?|버전|변형|계열)"
# "V2 included", "v1이든 v2든", "v2는 빼고": a version of the family named nearby
VERSION_PATTERN = rf"{NOT_AFTER}v\s?([1-9]){NOT_BEFORE}|{NOT_AFTER}(?:version|버전)\s?([1-9]){NOT_BEFORE}"
# "the whole family", "계열 전체": every family the name starts (mobilenet -> mobilenetv1 ... v5)
WHOLE_FAMILY = (r"whole family|entire family|all (?:versions|generations)|any (?:version|generation)|of any generation|every version"
                r"|famil(?:y|ies)(?!\s+(?:of|name))|계열(?:\s*(?:전체|전부|다))?|전\s*버전|모든\s*버전|(?:버전|세대)\s*(?:상관\s*없이|무관|불문)"
                r"|(?:(?:models?|weights?|checkpoints?|ones)\s+)?(?:exist|are there|are available)(?![A-Za-z])|variants?|derivatives?|변형(?:들)?|파생")
# "GhostNet variants", "VGG 파생": the family's versions and the families built on it (repghostnet, repvgg)
DERIVED_FAMILIES = r"variants?|derivatives?|변형(?:들)?|파생"
# "the tf_ ports", "tf 포트": weights ported from another framework, the arch's source prefix
PORT_WORD = r"(?:ports?|ported|porting|포트|포팅|이식)"
# A second turn that refines the first, or that starts over (kb.query.followup)
REFINE_CUES = (r"^\s*(?:only|just|those|these|of (?:those|these|them)|among (?:them|those|these)|which (?:of|one of) (?:those|these|them)"
               r"|which ones|any of (?:them|those|these)"
               r"|and\b|what about|how about|also|now|then|sort|order|rank|drop|remove|exclude|without|but|same|include|plus|add\b"
               r"|그\s*중|그중|이\s*중|이중|거기서|그\s*가운데|여기서|그러면|그럼|그리고|그\s*다음|이\s*중에서|이것들|그것들|정렬|빼고|제외|말고)"
               r"|(?:of|among|from) (?:those|these|them)|(?:of|among) the [\w\-]+ ones|(?:는|은)\s*\??\s*$|도\s*(?:포함|추가)"
               r"|(?:것|거|애|놈)들?\s*만\s*(?:요|줘|보여\s*줘)?\s*[?.!]*\s*$|만\s*(?:보여|남겨|골라|추려)")
# "1억 파라미터 넘는 것들로 바꿔줘", "switch to ones over 100M": the follow-up asks anew how big (sizes or params)
CHANGE_CUES = (r"바꿔|바꾸|바뀐|변경|대신|(?:걸|거|것으)로\s*[?.!]*\s*$|instead|switch(?:ed)? to|change (?:it |that |them )?to"
               r"|make (?:it|that|them|those)\b")
NEW_SUBJECT_CUES = r"different question|new question|another question|unrelated|forget (?:that|those|it)|start over|다른\s*질문|새\s*질문|딴\s*얘기|다른\s*얘기"
# Words that ask for timm's test_* dummy weights (otherwise never an answer)
TEST_WORDS = rf"{NOT_AFTER}test_(?!(?:crop_pct|res\w*|size|input_size|top\w*)(?![a-z0-9_]))\w*|{NOT_AFTER}(?:dummy|test) (?:models?|weights?|checkpoints?){NOT_BEFORE}|테스트\s*(?:용|모델|가중치)"
# Stage words without a dataset: "fine-tuned ones", "파인튜닝된 것"; "as released", "원본 그대로": not fine-tuned
FINETUNED_WORD = rf"{NOT_AFTER}(?:fine[\s\-]?tun(?:ed|es?|ing)|finetun(?:ed|es?|ing)|ft){NOT_BEFORE}|(?:파인\s*튜닝|파튜)\s*(?:된|한|됨)?|미세\s*조정\s*(?:된|한)?"
# "the lr when fine-tuning a model", "파인튜닝할 때 lr": fine-tuning as what the reader does (kb.query.datasets)
# an experiment's setting is the reader's too: "full fine-tuning with lr=1e-3", "fine-tuning 실험", "파인튜닝 lr=1e-5"
ACTIVITY_BEFORE = r"(?:when|while|for|during|before|after|about|how to|to|start|starting|full|전체)\s+$"
ACTIVITY_AFTER = (rf"^\s*(?:(?:a|an|my|your|our|it|them|this|that)(?![A-Za-z])|할|하는|하려면|하려(?:는|고)|할려|하고\s*싶|하면|하기|할\s*때|시(?!{HANGUL})"
                  r"|방법|전략|팁|요령"
                  r"|(?:할|하는)?\s*때|(?:with\s+(?:an?\s+|the\s+)?)?(?:lr|learning rate|학습률)\b|experiments?\b|runs?\b|performance|실험|결과|성능)")
# "without extra data", "추가 데이터 없이": ImageNet-1k alone, with no dataset named
NO_EXTRA_DATA = r"without (?:any )?(?:extra|additional|external) data|no (?:extra|additional|external) data|추가\s*데이터\s*(?:없이|없는|안\s*쓴)"
# "what other tags exist for this arch?", "같은 아키텍처의 다른 가중치": the pasted tag's siblings, not the tag itself;
# "all weights of this arch", "이 아키텍처 태그 전부": every tag of its architecture
OTHER_TAGS = (r"(?:other|the rest of the|remaining|sibling|alternative)\s+(?:pretrained\s+)?(?:tags?|weights?|checkpoints?|pretrain(?:ed|ings?))"
              r"|(?:(?:이|같은|동일한|해당)\s*(?:아키텍처|아키텍쳐|arch)\S*\s*)?(?:다른|나머지)\s*(?:사전\s*학습\s*)?(?:태그|가중치|체크포인트|웨이트)")
ALL_TAGS = (r"(?:all|every)\s+(?:the\s+)?(?:pretrained\s+)?(?:tags?|weights?|checkpoints?)\s+(?:of|for)\s+(?:this|that|the same|its)\s+arch\w*"
            r"|(?:이|같은|동일한|해당)\s*(?:아키텍처|아키텍쳐|arch)\S*\s*(?:(?:모든|전체|전부)\s*(?:태그|가중치|체크포인트)"
            r"|(?:태그|가중치|체크포인트)\S*\s*(?:모두|전부|전체|다))")
# "both", "as well": a question asking for one thing and its sibling together (kb.query.scope)
BOTH_WORDS = r"둘\s*다|양쪽|both|as well|(?<![A-Za-z])(?:too|also)(?![A-Za-z])|같이|함께|(?:버전|것|거)도"
# Descriptions of an architecture token, with an optional count before them: "4 register tokens" is reg4, "with
# registers" / "레지스터 토큰" any of reg1, reg4, reg8 (kb.query.tokens)
TOKEN_PHRASES: list[tuple[str, str]] = [
    (r"(?:(\d{1,2})\s*(?:-\s*)?|(?<![A-Za-z]))(?:registers?|레지스터)(?:\s*(?:tokens?|토큰))?(?![A-Za-z])", "reg"),
]
# Korean spellings of architecture words the registry writes in Latin
KO_TOKEN_WORDS = {"하이브리드": "hybrid", "라이트": "lite", "미니멀": "minimal", "퀵겔루": "quickgelu"}
# "any resolution is fine", "해상도는 상관없어": a field the previous turn fixed, let go (kb.query.followup)
ANY_FIELD = {
    "resolution": r"(?:any|whatever|all)\s+(?:input\s+)?(?:resolution|res|size|input size)s?|(?:해상도|입력\s*크기)\s*(?:는|은)?\s*(?:상관\s*없|무관|아무거나|다\s*괜찮)",
    "size": r"(?:any|whatever|all)\s+(?:model\s+)?sizes?|(?:크기|사이즈)\s*(?:는|은)?\s*(?:상관\s*없|무관|아무거나)",
    "license": r"(?:any|whatever)\s+licen[cs]es?|라이선스\s*(?:는|은)?\s*(?:상관\s*없|무관)",
    "data": r"(?:any|whatever)\s+(?:pretraining\s+)?data(?:set)?s?|데이터(?:셋)?\s*(?:는|은)?\s*(?:상관\s*없|무관)",
}
RAW_CHECKPOINT = r"원본\s*그대로|그대로인|as released|raw (?:pretrain(?:ing)? )?checkpoints?|pre-?train(?:ing)? checkpoints?|pretrain-only"
SCRATCH_WORD = r"from scratch|스크래치\s*(?:학습|부터)?|처음부터\s*학습"

