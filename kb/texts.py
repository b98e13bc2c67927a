"""Every string timm-kb shows a person, English and Korean side by side: the answer's sentences, rankings, `kb
explain`, the CLI and the app. One table, so a wording is changed once and both languages stay in step."""

from __future__ import annotations

from kb.schema import Lang

TEXTS: dict[str, dict[Lang, str]] = {
    # ---- answers (kb.answering.text)
    "answer.found": {"en": "{n} live timm weight{s} match {cond}.", "ko": "{cond} 조건에 맞는 timm 가중치는 {n}개입니다."},
    "answer.best": {"en": " The most accurate is {name} ({facts}).", "ko": " 그중 가장 정확한 것은 {name}입니다 ({facts})."},
    "answer.first": {"en": " First: {name} ({facts}).", "ko": " 첫 번째는 {name}입니다 ({facts})."},
    "answer.ordered": {"en": "{n} live timm weight{s} match {cond}, ordered by {fact}, {way} first. First: {name} ({facts}).",
                       "ko": "{cond} 조건에 맞는 timm 가중치 {n}개를 {fact} {way} 순으로 보여 드립니다. 첫 번째는 {name}입니다 ({facts})."},
    "answer.ranked": {"en": "Ranked by {fact}, {way} first, among the {among} weight{s} matching {cond}: {items}.",
                      "ko": "{cond} 조건에 맞는 {among}개 중 {fact} {way} 순으로: {items}."},
    "answer.tied": {"en": " ({k} tied at {value})", "ko": " ({value}로 {k}개 동률)"},
    "answer.the_one": {"en": "Of the {among} weight{s} matching {cond}, {name} has the {way} {fact} ({value}){ties}.",
                       "ko": "{cond} 조건에 맞는 {among}개 중 {fact}{josa} 가장 {way} 것은 {name}입니다 ({value}){ties}."},
    "answer.tied_with": {"en": ", tied with {names}", "ko": ", 공동: {names}"},
    "answer.others": {"en": " Beside it: {items}.", "ko": " 나머지: {items}."},
    "answer.no_value": {"en": "not in timm's tables", "ko": "timm 표에 없음"},
    "answer.facts_of": {"en": "{name}: {facts}.", "ko": "{name}: {facts}."},
    "answer.none": {"en": "No live timm weight matches {cond}.", "ko": "{cond} 조건에 맞는 timm 가중치가 없습니다."},
    "answer.relax": {"en": " Nearest: {items}.", "ko": " 가까운 대안: {items}."},
    "answer.partial": {"en": "I could not apply {words}: {why}.", "ko": "{words}: 적용하지 못했습니다 ({why})."},
    "answer.partial_why": {"en": "no fact timm-kb knows matches it", "ko": "timm-kb가 아는 정보 중 해당하는 것이 없습니다"},
    "answer.notes_only": {"en": "The notes that answer this best:", "ko": "이 질문에 가장 가까운 노트 내용입니다:"},
    "answer.no_notes": {"en": "I found nothing in the notes or the registry for this question.",
                        "ko": "노트와 레지스트리에서 이 질문에 맞는 내용을 찾지 못했습니다."},
    "answer.any": {"en": "your question", "ko": "질문"},
    "answer.refined": {"en": "(Narrowing the previous question.)", "ko": "(앞 질문을 이어서 좁혔습니다.)"},
    "answer.pointed": {"en": "(About {names} from the previous answer.)", "ko": "(앞 답의 {names}에 대한 답입니다.)"},
    "answer.new_subject": {"en": "(A new question: the previous filters were dropped.)", "ko": "(새 질문으로 보고 앞의 조건은 뺐습니다.)"},
    "answer.alone": {"en": "(Read on its own: nothing the previous answer held fits it.)",
                     "ko": "(앞 답에는 맞는 가중치가 없어 새 질문으로 읽었습니다.)"},
    "answer.corrected": {"en": "(Read '{written}' as {read_as}.)", "ko": "('{written}'을(를) {read_as}(으)로 읽었습니다.)"},
    "answer.notes_say": {"en": "The notes: “{quote}” {cite}", "ko": "노트: “{quote}” {cite}"},
    "answer.default_tag": {"en": "({written} is {tag}, the weight timm loads for it; {others} other {written} weights.)",
                           "ko": "({written}은(는) timm이 불러오는 기본 가중치 {tag}로 읽었습니다. 다른 {written} 가중치 {others}개.)"},
    "answer.compared": {"en": "Compared {names}. They differ in: {fields}.", "ko": "{names} 비교: 다른 점은 {fields}입니다."},
    "answer.custom_license": {"en": " Some have a custom licence: check its terms.", "ko": " 자체 라이선스인 가중치가 있습니다: 조건을 확인하세요."},
    # ---- rankings (the chip of a sort: its fact's label and the way)
    "sort.desc": {"en": "{fact}: highest first", "ko": "{fact} 높은 순"},
    "sort.asc": {"en": "{fact}: lowest first", "ko": "{fact} 낮은 순"},
    # ---- kb explain
    "explain.parts": {"en": "Name parts", "ko": "이름 구성"},
    "explain.facts": {"en": "Registry facts", "ko": "레지스트리 정보"},
    "explain.matches": {"en": "Live timm weights", "ko": "해당 timm 가중치"},
    "explain.input": {"en": "input size", "ko": "입력 크기"},
    "explain.test": {"en": "test size", "ko": "테스트 크기"},
    "explain.params": {"en": "params", "ko": "파라미터"},
    "explain.top1": {"en": "ImageNet top-1", "ko": "ImageNet top-1"},
    "explain.license": {"en": "licence", "ko": "라이선스"},
    "explain.hf": {"en": "Hugging Face", "ko": "Hugging Face"},
    "explain.conv": {"en": "convention", "ko": "명명 규칙"},
    "explain.family": {"en": "family", "ko": "계열"},
    "explain.size": {"en": "size", "ko": "크기"},
    "explain.data": {"en": "data", "ko": "데이터"},
    "explain.loads": {"en": "A bare {name} loads {tag} (timm's default tag); {others} other {name} weights.",
                      "ko": "{name}만 쓰면 timm은 {tag}를 불러옵니다 (기본 태그). 다른 {name} 가중치 {others}개."},
    # ---- the app
    "title": {"en": "timm-kb", "ko": "timm-kb"},
    "tagline": {
        "en": "Ask which timm weights fit: size, datasets, resolution, accuracy, licence. Korean or English.",
        "ko": "조건에 맞는 timm 가중치를 물어보세요: 크기, 데이터셋, 해상도, 정확도, 라이선스. 한국어/영어 모두 됩니다.",
    },
    "ask": {"en": "Ask about timm models", "ko": "timm 모델에 대해 물어보세요"},
    "examples": {"en": "Try: which small in22k model at 384?", "ko": "예: 384 해상도의 small in22k 모델 알려줘"},
    "read": {"en": "How I read your question", "ko": "질문을 이렇게 이해했어요"},
    "read_nothing": {"en": "no filters: searched the notes by meaning", "ko": "필터 없음: 노트를 의미로 검색했어요"},
    "matches": {"en": "Matching weights", "ko": "조건에 맞는 가중치"},
    "evidence": {"en": "From your notes", "ko": "노트에서 찾은 근거"},
    "plot": {"en": "Params vs ImageNet top-1", "ko": "파라미터 vs ImageNet top-1"},
    "none": {"en": "No live timm weight matches.", "ko": "조건에 맞는 timm 가중치가 없습니다."},
    "relax": {"en": "Nearest alternatives", "ko": "가까운 대안"},
    "rerun_note": {"en": "re-run with edited filters", "ko": "수정한 필터로 다시 실행"},
    "bad_input": {"en": "I can't work with that question: {msg}", "ko": "이 질문으로는 찾을 수 없어요: {msg}"},
    "failed": {"en": "Something went wrong: {msg}", "ko": "문제가 생겼어요: {msg}"},
    # table columns
    "col_name": {"en": "model", "ko": "모델"},
    "col_top5": {"en": "top-5 (%)", "ko": "top-5 (%)"},
    "not_measured": {"en": "not measured", "ko": "측정 없음"},
    "preprocessing": {"en": "preprocessing", "ko": "전처리"},
    "gmacs": {"en": "GMACs", "ko": "GMACs"},
    "speed_gpu": {"en": "images/s (RTX 4090, AMP)", "ko": "초당 이미지 (RTX 4090, AMP)"},
    "speed_cpu": {"en": "images/s (CPU, batch 1)", "ko": "초당 이미지 (CPU, 배치 1)"},
    "paper": {"en": "paper", "ko": "논문"},
    "page": {"en": "page", "ko": "페이지"},
    "show_all": {"en": "show all {n}", "ko": "{n}개 모두 보기"},
    "pick": {"en": "Details or comparison: pick 1 to 4 weights", "ko": "자세히 보기 또는 비교: 가중치 1~4개 선택"},
    "choose": {"en": "Choose options", "ko": "선택하세요"},
    "details": {"en": "Details", "ko": "자세히"},
    "compare": {"en": "Side by side", "ko": "나란히 비교"},
    "load_with": {"en": "Load it with", "ko": "불러오는 코드"},
    "rerun_with": {"en": "re-run with edited filters: {where}", "ko": "수정한 필터로 다시 실행: {where}"},
    "code_quote": {"en": "From the notes (code)", "ko": "노트의 코드"},
    "col_params": {"en": "params (M)", "ko": "파라미터 (M)"},
    "col_top1": {"en": "top-1 (%)", "ko": "top-1 (%)"},
    "col_res": {"en": "resolution", "ko": "해상도"},
    "col_test_res": {"en": "test resolution", "ko": "테스트 해상도"},
    "col_license": {"en": "licence", "ko": "라이선스"},
    "col_link": {"en": "link", "ko": "링크"},
    # sidebar
    "filters": {"en": "Filters", "ko": "필터"},
    "filters_help": {
        "en": "Pre-filled with how the last question was read. Edit, then re-run.",
        "ko": "마지막 질문을 이해한 대로 채워져 있어요. 고친 뒤 다시 실행하세요.",
    },
    "f_size": {"en": "size", "ko": "크기"},
    "f_datasets": {"en": "datasets (all of)", "ko": "데이터셋 (모두 포함)"},
    "f_res": {"en": "resolution (0 = any)", "ko": "해상도 (0 = 상관없음)"},
    "f_params": {"en": "max params, M (0 = any)", "ko": "최대 파라미터, M (0 = 상관없음)"},
    "f_top1": {"en": "min top-1 % (0 = any)", "ko": "최소 top-1 % (0 = 상관없음)"},
    "f_family": {"en": "family", "ko": "계열"},
    "f_license": {"en": "licence", "ko": "라이선스"},
    "rerun": {"en": "Re-run last question", "ko": "마지막 질문 다시 실행"},
    "decode": {"en": "Decode a name", "ko": "이름 해석"},
    "decode_hint": {"en": "e.g. convnext_base.fb_in22k_ft_in1k", "ko": "예: convnext_base.fb_in22k_ft_in1k"},
    "did_you_mean": {"en": "Did you mean", "ko": "혹시 이 이름인가요"},
    "part_token": {"en": "part", "ko": "부분"},
    "part_role": {"en": "role", "ko": "역할"},
    "part_ko": {"en": "meaning (ko)", "ko": "의미 (한국어)"},
    "part_en": {"en": "meaning (en)", "ko": "의미 (영어)"},
    "facts": {"en": "Facts", "ko": "정보"},
    "index": {"en": "Index", "ko": "인덱스"},
    "built": {"en": "built", "ko": "빌드"},
    "weights": {"en": "weights", "ko": "가중치"},
    "passages": {"en": "passages", "ko": "문단"},
    "embed": {"en": "embeddings", "ko": "임베딩"},
    # no index yet
    "no_index": {"en": "No index has been built yet", "ko": "아직 인덱스가 없습니다"},
    "no_index_why": {
        "en": "The app answers from an index of your notes and the live timm registry in {home}. "
              "Build it here (a minute or two), or run `kb ingest` in a terminal.",
        "ko": "이 앱은 {home}에 있는 노트와 timm 레지스트리 인덱스로 답합니다. "
              "여기서 만들거나 (1~2분), 터미널에서 `kb ingest`를 실행하세요.",
    },
    "build": {"en": "Build the index now", "ko": "지금 인덱스 만들기"},
    "building": {"en": "Building the index…", "ko": "인덱스를 만드는 중…"},
    "built_ok": {"en": "Index built.", "ko": "인덱스를 만들었어요."},
}


def ui_text(key: str, lang: Lang, **values: object) -> str:
    text = TEXTS[key][lang]
    return text.format(**values) if values else text


def ui_text_both(key: str, **values: object) -> str:
    """English and Korean together, for what is shown before any question sets the language."""
    return f"{ui_text(key, 'en', **values)} / {ui_text(key, 'ko', **values)}"
