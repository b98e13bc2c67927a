"""The Korean cut without kiwi (kb.retrieval.korean_cut): a question's Hangul read by what kiwi made of the notes."""

from kb.retrieval.korean_cut import KoreanVocabulary, cut, runs_of

VOCABULARY = KoreanVocabulary(
    runs={"전이학습": ("전이", "학습"), "정확도가": ("정확도",), "불안정을": ("안정",)},
    morphemes=frozenset({"전이", "학습", "정확도", "안정", "바꾸", "나오", "키우", "적히", "크기", "쓰", "어"}))


def test_a_run_the_notes_hold_is_cut_as_kiwi_cut_it_there():
    assert cut("불안정을", VOCABULARY) == ["안정"]
    assert cut("전이학습에서", VOCABULARY) == ["전이", "학습"]  # the longest run the notes hold, then a particle


def test_a_contracted_verb_opens_to_its_stem():
    assert cut("바꿨었지", VOCABULARY) == ["바꾸"]
    assert cut("나왔지", VOCABULARY) == ["나오"]
    assert cut("키웠어", VOCABULARY) == ["키우"]
    assert cut("적혀", VOCABULARY) == ["적히"]


def test_particles_and_unexplained_syllables_add_nothing():
    assert cut("은", VOCABULARY) == []
    assert cut("어떻게", VOCABULARY) == []  # no 어: 떻게 is no ending
    assert cut("쓰는", VOCABULARY) == ["쓰"]
    assert cut("크기를", VOCABULARY) == ["크기"]


def test_runs_of_keeps_the_morphemes_inside_each_run():
    class Token:
        def __init__(self, form, start, length):
            self.form, self.start, self.len = form, start, length

    text = "ConvNeXt는 커널을 키웠다"
    tokens = [Token("커널", 10, 2), Token("키우", 14, 2)]
    assert runs_of(text, tokens) == {"는": (), "커널을": ("커널",), "키웠다": ("키우",)}
