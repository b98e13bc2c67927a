"""A bilingual glossary of deep-learning vocabulary, for lexical search across languages.

The notes are mostly Korean and users ask in both languages. Dense e5 vectors bridge the languages only partly, and
BM25 not at all: "how large did the kernel get?" shares no token with "커널 크기를 키웠어". Each entry pairs English
words with the Korean morphemes kiwi produces for the same idea (키웠어 -> 키우, 크기 -> 크기), so a question's tokens
can be expanded with their counterparts in the other language.

English words are written plainly and Snowball-stemmed when the table is read; Korean words are kiwi content
morphemes (a test checks that kiwi yields each of them as one token). The table is general vocabulary of the field,
not phrases of particular questions.
"""

from __future__ import annotations

from functools import lru_cache

from kb.retrieval.lexical import stem

# (English words, Korean morphemes). Several words on one side are synonyms of each other.
GLOSSARY: list[tuple[str, str]] = [
    # training and optimisation
    ("train training trained", "학습 훈련"),
    ("pretrain pretraining pretrained", "사전 학습"),
    ("finetune finetuning finetuned fine-tune fine-tuning", "파인 튜닝 미세 조정"),
    ("recipe", "레시피 설정"),
    ("configuration config setting", "설정 구성"),
    ("epoch epochs", "에폭 에포크"),
    ("optimizer", "옵티마이저 최적"),
    ("schedule scheduler", "스케줄"),
    ("warmup", "워밍업"),
    ("batch", "배치"),
    ("loss", "손실"),
    ("regularization regularisation", "정규화"),
    ("normalization normalisation", "정규화"),
    ("augmentation augment", "증강"),
    ("distillation distilled distill teacher student", "증류"),
    ("freeze frozen", "동결 고정"),
    ("progressive", "점진"),
    ("self-supervised", "자기 지도"),
    ("supervised supervision", "지도"),
    ("label labels labeled", "레이블 라벨"),
    ("converge convergence", "수렴"),
    ("overfit overfitting", "과적합"),
    # architecture
    ("architecture", "아키텍처 구조"),
    ("model models", "모델"),
    ("network", "네트워크 신경망"),
    ("layer layers", "레이어 층"),
    ("block blocks", "블록"),
    ("stage stages", "스테이지 단계"),
    ("kernel", "커널"),
    ("convolution convolutional conv", "합성 컨볼루션"),  # 합성곱 is 합성 + 곱 to kiwi
    ("depthwise", "깊이"),
    ("attention", "어텐션 주의"),
    ("self-attention", "셀프 어텐션"),
    ("transformer transformers", "트랜스포머"),
    ("token tokens", "토큰"),
    ("patch patches", "패치"),
    ("window windows shifted", "윈도우"),
    ("hierarchical hierarchy", "계층"),
    ("bottleneck", "병목"),
    ("residual skip connection", "잔차 연결"),
    ("branch branches", "분기 브랜치"),
    ("head heads classifier", "헤드 분류기"),
    ("backbone", "백본"),
    ("encoder", "인코더"),
    ("decoder", "디코더"),
    ("activation", "활성"),
    ("embedding embeddings", "임베딩"),
    ("channel channels width", "채널 너비"),
    ("depth deep", "깊이"),
    ("hybrid combine combined combining", "결합 하이브리드"),
    ("module", "모듈"),
    ("feature features", "특징 피처"),
    ("scale scales scaling multi-scale", "스케일"),
    ("aggregation aggregate", "집계"),
    ("fusion fuse", "융합"),
    ("mask masked masking", "마스크 마스킹"),
    ("query", "쿼리"),
    # data and evaluation
    ("dataset data", "데이터"),
    ("image images", "이미지"),
    ("resolution", "해상도"),
    ("size", "크기 사이즈"),
    ("accuracy accurate", "정확도"),
    ("performance", "성능"),
    ("benchmark", "벤치마크"),
    ("result results", "결과"),
    ("classification", "분류"),
    ("detection", "탐지 감지 검출"),
    ("segmentation", "분할"),
    ("instance", "인스턴스"),
    ("object", "객체"),
    ("baseline", "기준선"),  # 베이스라인 is 베이스 + 라인: 베이스 would match the base size
    ("class classes category", "클래스"),
    ("sample samples sampling", "샘플 샘플링"),
    ("validation", "검증"),
    ("test", "테스트"),
    ("inference", "추론"),
    # cost and efficiency
    ("parameter parameters params", "파라미터 매개 변수"),
    ("compute computation computational", "연산 계산"),
    ("complexity", "복잡"),
    ("memory", "메모리"),
    ("latency", "지연"),
    ("speed fast faster", "속도 빠르"),
    ("slow slower", "느리"),
    ("efficient efficiency", "효율"),
    ("lightweight light", "가볍"),
    ("mobile", "모바일"),
    ("overhead", "오버헤드"),
    ("time", "시간"),
    # change and comparison
    ("reduce reduced reduces reduction decrease fewer lower", "줄 줄이 감소"),
    ("increase increased larger bigger enlarge", "증가 늘리 키우"),
    ("improve improved improvement better", "개선 향상"),
    ("replace replaced replacing", "대체 교체"),
    ("frequency frequent", "빈도"),
    ("difference different differ", "차이 다르"),
    ("compare comparison", "비교"),
    ("limitation limitations limit", "한계"),
    ("problem issue", "문제"),
    ("modern modernize modernized", "현대"),
    ("simple", "단순 간단"),
    ("large", "대형"),
    ("small", "소형"),
    ("new novel", "새롭"),
    ("change changed modify", "바꾸 변경"),
    ("convert converted conversion port ported", "변환"),
    ("repository repo", "저장소"),
    ("official", "공식"),
    ("external third-party", "외부"),
    ("step steps", "단계"),
    ("value", "값"),
    ("part parts component components", "부분 요소"),
    ("divide divided split", "나누 분할"),
    ("role purpose", "역할"),
    ("count", "개수"),
    ("original", "원래 원본"),
    # papers and meta
    ("paper", "논문"),
    ("published publish released release introduced", "발표 공개 출시"),
    ("year date when", "연도 날짜"),
    ("author authors", "저자"),
    ("method approach technique", "방법 기법"),
    ("strategy", "전략"),
    ("goal objective purpose", "목표 목적"),
    ("example", "예시"),
    ("meaning means stand", "의미 뜻"),
    ("abbreviation short", "줄이"),
    ("suffix", "접미사"),
    ("prefix", "접두사"),
    ("name naming", "이름 명명"),
    ("convention", "규칙 규약"),
    ("weight weights checkpoint", "가중 체크 포인트"),
    ("license licence", "라이선스"),
    ("library", "라이브러리"),
    ("code", "코드"),
    ("install installation", "설치"),
    ("load loading", "로드 불러오"),
    ("foundation", "파운데이션 기반"),
    ("diffusion", "확산"),
    ("generation generative", "생성"),
    ("consistency", "일관"),
    ("recommend recommended recommendation suggest suggested advice", "권장 추천"),
    ("range", "범위"),
]


# Short forms the notes' code and tables use for words a question spells out (MAX_LEN, lr, DINOv2-L): English to
# English, so "maximum token length" meets `MAX_LEN = 128`. (Not size letters: "small" meeting every "-S" row
# quoted a DINOv2 table row under "which small in22k model at 384?".)
ABBREVIATIONS: list[tuple[str, str]] = [
    ("max", "maximum"),
    ("min", "minimum"),
    ("len", "length"),
    ("num", "number"),
    ("lr", "learning rate"),
    ("acc", "accuracy"),
    ("dim", "dimension"),
    ("param params", "parameter parameters"),
    ("img", "image"),
    ("cfg", "config configuration"),
    ("ft", "finetune fine-tuned"),
    ("fc", "classifier head"),  # the FC layer is timm's classifier head (model.fc, get_classifier())
]


# Words of one language that mean the same, matched both ways ("lr 추천 범위" meets "💡 권장: lr = 1e-3 ~ 1e-4").
SYNONYMS: list[tuple[str, str]] = [
    ("추천", "권장 권고"),
]


# Size words and the letters tables write them as ("DINOv2-L", "ViT-S"): used only to find the sentence that
# answers a question about the notes, never for retrieval or a structured answer's quote.
SIZE_LETTERS = {"tiny": "ti", "small": "s", "base": "b", "large": "l", "huge": "h", "giant": "g"}


@lru_cache(maxsize=1)
def translation_table() -> dict[str, tuple[str, ...]]:
    """Token -> tokens of the other language. English keys are Snowball stems, matching kb.retrieval.lexical's tokens."""
    table: dict[str, set[str]] = {}
    for english, korean in GLOSSARY:
        english_tokens = {stem(word.lower()) for word in english.split()}
        korean_tokens = set(korean.split())
        for token in english_tokens:
            table.setdefault(token, set()).update(korean_tokens)
        for token in korean_tokens:
            table.setdefault(token, set()).update(english_tokens)
    for short, long in ABBREVIATIONS + SYNONYMS:
        shorts, longs = {stem(w) for w in short.split()}, {stem(w) for w in long.split()}
        for token in longs:
            table.setdefault(token, set()).update(shorts)
        for token in shorts:
            table.setdefault(token, set()).update(longs)
    return {token: tuple(sorted(others)) for token, others in table.items()}


def translate_tokens(tokens: list[str]) -> list[str]:
    """The other language's tokens for a question's tokens, in order, without repeats or the originals."""
    table = translation_table()
    seen = set(tokens)
    extra: list[str] = []
    for token in tokens:
        for other in table.get(token, ()):
            if other not in seen:
                seen.add(other)
                extra.append(other)
    return extra
