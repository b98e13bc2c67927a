"""Words that carry no condition: stop words and fillers of both languages, the particles Korean glues to a
word, the endings of a Korean predicate, and ordinary English words that are also registry tokens. A question's
word is used by a rule, one of these, or reported as not applied (kb.query.parse)."""

from __future__ import annotations

import re

# Words that carry no constraint and are not worth semantic search on their own.
STOPWORDS = set(
    """which what whats are is the a an of on at in for with and or to me show list give find any all every models
    model weights weight checkpoint checkpoints tags tag timm please that there those these than by from trained
    train training pretrained pre-trained fine-tuned finetuned how many do does have has can i you we need want
    looking get got some available versions version variants variant ones one plain vanilla 거쳐 거쳐서 해서 그럼 그러면 it its their them whose size sized name names
    params param parameters parameter license licence licensed licenses top-1 top1 accuracy
    알려줘 알려 주세요 줘 모델 모델은 모델이 모델을 모델들 모델로 모델만 중 중에 중에서 가운데 있는 있어 있나 있나요 것 것은 것을 뭐 뭐야
    어떤 가중치 학습된 학습한 학습 의 로 으로 에서 이 가 은 는 을 를 과 와 및 좀 찾아줘 보여줘 목록 리스트 개 인 인것 것들 테스트용
    해상도의 크기 크기의 크기인 사이즈 라이선스 라이선스인 라이센스 파라미터 데이터 데이터로 데이터셋 사용한 사용된 이면서 이고 그리고
    되는 된 된것 모두 전부 다 체크포인트 버전 사전학습 사전학습한 사전학습된 사전학습하고 학습하고 하고 태그 그 그중 이중 버전들 뭐있음 된거 된것 학습한걸로 학습한거로 ㄱㄱ 계열 아키텍처 구조 원조 만 다른 자체 학습한거 학습된거 뽑아줘 골라줘 찾아줘 추려줘 은거 인거 들어간 들어있는 붙은 달린 달린거 붙은거 있는 하는 쓴 거 것 건 게 거만 것만 건만 애들 놈 거는 것은 거요 건데 해줘 보여 보여줘요 있음 뭐임
    어느 쪽 쪽이 쪽은 쪽을 쪽의 어느쪽 어떤거 어떤게 뭐있어 뭐가 있어 나머지 나머지는 끝나는 이름들 이름이 이름 rest others remaining other 있을까 있나 찾고 싶어 주라 좀 다 줘봐 알려줘요 목록 모델들 웨이트 까지 기준 기준으로 ckpt ckpts stuff 바꿔줘 바꿔 바꿔서 얼마 얼마야 얼마임 얼마지 몇 몇장 몇개 가능한 가능한걸로 걸로 거로 것으로 가능 measured 대신 다시 뽑아주세요 하나 시리즈 상수 전처리 preprocessing 뭐로 맞춰야""".split()
)
KO_PARTICLES = ("으로", "에서", "이고", "이며", "인", "은", "는", "이", "가", "을", "를", "의", "로", "와", "과", "만", "도")
# a Korean word that ends as a verb or adjective does ("쓰는", "나오는", "들어간거", "보여줄래", "됐고", "거친"): it
# says what is done, not which weights; the noun it qualifies is what narrows the answer
KO_PREDICATE = re.compile(r"[가-힣](?:는|은|ㄴ|던|고|면|래|요|야|지|거|건|게|서|며|대|데|까|니|음|임|함|된|한|친|린|진|든|운|울|릴|할|될|줄|온|씀)$"
                          r"|(?:하나|하나만|각각|그냥|그건|그거|이거|저거|별개로|새로|직접|일반|정확히|전체|최종|쪽만|짜리|뭐뭐|됐고)$"
                          r"|^(?:한|두|세|네|다섯|여섯)\s*개$")

# Ordinary English words that are also registry tokens (tags "it", "mix", "green"; archs "plus", "next", "big") or
# that a typo must never be corrected into a name: they are read as words, not as conditions.
COMMON_WORDS = set(
    """a an am as at be by do go if in is it me my no of on or so to up us we ad all and any are but can did few for
    get got had has her him his how its let may new not now off old one our out own per put run say see set she the
    too two use was way who why yes yet you also back been best both each even ever from give have here into just
    keep kind like look made make many more most much must need next only open over part plus same show some such
    take than that them then they this used very want were what when will with your about above after again along
    being below could every first found great green large later least might never other place quite right since small
    still their there these thing think those three under until where which while would drive flash lion vision snap
    mix rewind teacher radio tiling worldwide altogether short tall wide little mini core lang legacy merge focus
    dagger spatial mixed seg exp nav bit sam big base model models weight weights version versions variant variants
    checkpoint checkpoints ones original originals family families arch archs stem stems port ports ported linear classifier
    classes class head towers tower backbone backbones image images recipe recipes anything something everything
    trained training pretrained fine tuned tune tuning imagenet accuracy params parameters parameter license licence
    licensed licenses licences resolution input size sized sizes weights scratch raw went through stage stages last
    began start started ended ending whose predicts predict own skip raw generation generations any either way
    please thanks list lists listing show give which what whats options option bert gpt llama roberta imdb cifar
    mnist nlp saw seen actually exactly exact inclusive somewhere doing come comes tagged ship product products gets
    runs matching listed pls plz ok okay hey hi so well really just kinda sort maybe btw anyway basically
    note notes guide table experiment experiments hm hmm umm uh ah oh compare comparison versus vs 비교 비교해줘 비교해
    비교하면 차이 across overall everywhere regardless hold holds held reach reaches reaching cite cites citing perform
    performs performing does bump bumped raise raised tighten loosen relax move moved set change changed instead
    evaluate evaluates evaluated evaluating 처리 백본 week weeks month months day days year years call calls called carry carries tell""".split()
)


def korean_stem(word: str) -> str:
    """The word without one particle glued to it and a plural 들 before it ("가중치들을" -> "가중치")."""
    lowered = word.lower()
    stem = next((lowered[: -len(p)] for p in KO_PARTICLES if lowered.endswith(p) and len(lowered) > len(p) + 1), lowered)
    return stem[:-1] if stem.endswith("들") and len(stem) > 2 else stem


def narrows(word: str) -> bool:
    """Whether a word no rule read could have narrowed the answer: not a Korean predicate ("쓰는", "뭐였지"), not a
    number or code ("1e-5", "cifar10"). An answer that leaves such a word unapplied says so (a partial answer)."""
    lowered, stem = word.lower(), korean_stem(word)
    return not (KO_PREDICATE.search(lowered) or KO_PREDICATE.search(stem) or re.search(r"\d", word))
