"""Lexical search: identifier-preserving tokens, stemming, the bilingual glossary, BM25 and the two fusions."""


from kb.retrieval.glossary import GLOSSARY, translate_tokens, translation_table
from kb.retrieval.lexical import BM25Index, relative_score_fusion, tokenize, weighted_rrf


def test_identifiers_stay_whole_and_are_never_stemmed():
    tokens = tokenize("convnext_small.fb_in22k_ft_in1k_384 uses blocks_in22k")
    assert "convnext_small.fb_in22k_ft_in1k_384" in tokens and "in22k" in tokens
    assert "blocks_in22k" in tokens and "blocks" in tokens  # parts of an identifier keep their spelling


def test_english_words_are_stemmed_in_english_and_inside_korean_text():
    assert tokenize("reduced blocks") == ["reduc", "block"]
    korean = tokenize("self-attention block의 빈도가 줄었음")
    assert {"block", "빈도", "줄"} <= set(korean)
    assert set(tokenize("blocks")) <= set(korean)


def test_every_korean_glossary_word_is_a_kiwi_token():
    """Written alone, or conjugated (줄이 only appears as 줄였다), each Korean word is what kiwi yields."""
    for _, korean in GLOSSARY:
        for word in korean.split():
            forms = [tokenize(word), tokenize(word + "다"), tokenize(word + "었다"), tokenize(word + "였다")]
            assert [word] in forms, (word, forms)


def test_glossary_translates_both_ways():
    table = translation_table()
    assert "커널" in table["kernel"] and "kernel" in table["커널"]
    assert {"빈도"} <= set(translate_tokens(tokenize("how frequent is it")))
    assert "accuraci" in translate_tokens(tokenize("정확도는?"))
    assert translate_tokens(["zzz-unknown"]) == []
    assert "권장" in translate_tokens(["추천"]) and "추천" in translate_tokens(["권장"])  # synonyms of one language


def test_bm25_finds_a_korean_passage_for_an_english_question_through_the_glossary():
    docs = {
        "kernel": "ConvNeXt는 커널 크기를 7×7로 키웠다",
        "latency": "모바일에서 지연 시간이 짧다",
        "data": "사전 학습 데이터는 LVD-142M이다",
    }
    index = BM25Index.build(list(docs), [tokenize(t) for t in docs.values()])
    question = tokenize("how large is the kernel?")
    assert index.top(question, 3) == []  # no shared token without the glossary
    translated = translate_tokens(question)
    assert index.top(question + translated, 1)[0][0] == "kernel"


def test_fusions_reward_agreement_and_keep_margins():
    rrf = weighted_rrf([(["a", "b", "c"], 1.0), (["b", "a"], 0.6)])
    assert [item for item, _ in rrf][:2] == ["a", "b"]
    # relative fusion: a wide BM25 margin for "x" outweighs a narrow dense lead for "y"
    dense = [("y", 0.84), ("x", 0.83), ("p", 0.70), ("q", 0.65), ("z", 0.60)]
    lexical = [("x", 20.0), ("y", 2.0), ("p", 1.0), ("q", 1.0), ("z", 1.0)]
    fused = relative_score_fusion([(dense, 1.0), (lexical, 0.6)])
    assert fused[0][0] == "x"
    assert relative_score_fusion([([], 1.0), ([("only", 3.0)], 0.6)]) == [("only", 0.0)]
