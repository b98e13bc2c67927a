"""kb.retrieval.extract: the sentence of the notes that answers, chosen inside the top passages (pure, no index)."""

from __future__ import annotations

import pytest

from kb.answering.schema import PassageHit
from kb.retrieval.extract import _units, best_sentences


def passage(text: str, heading: str = "Notes", score: float = 1.0) -> PassageHit:
    return PassageHit(source="notes.md", heading=heading, text=text, score=score)


def test_the_sentence_that_holds_the_terms_beats_a_code_block():
    hit = passage("```python\nmodel = timm.create_model('convnext_tiny', kernel_size=7)\n```\n"
                  "ConvNeXt enlarged the depthwise kernel size from 3×3 to 7×7.")
    quotes = best_sentences("how large a kernel size does ConvNeXt use?", [hit])
    assert quotes[0].text == "ConvNeXt enlarged the depthwise kernel size from 3×3 to 7×7." and not quotes[0].code


def test_a_code_line_is_quoted_as_code_only_when_nothing_else_holds_a_term():
    hit = passage("Some unrelated prose here.\n\n```python\nMAX_LEN = 128\n```")
    quotes = best_sentences("what is max_len set to?", [hit])
    assert [(q.text, q.code) for q in quotes] == [("MAX_LEN = 128", True)]


def test_bare_fences_hold_prose_and_diagrams_lose_their_frame():
    units = _units("```\nStep 5: Large kernel sizes (3×3 → 7×7)\n│   Token IDs:  [101, 146, 102]   │\n"
                   "└──────────┘\n```\n```python\nx = self.norm(x)\n```")
    assert units == [("Step 5: Large kernel sizes (3×3 → 7×7)", False), ("Token IDs: [101, 146, 102]", False),
                     ("x = self.norm(x)", True)]


def test_a_comment_in_a_code_fence_is_code_and_loses_to_the_prose_that_answers():
    hit = passage("```python\nmodel = load('backbone', num_labels=10)  \n# Train on your own dataset\n```\n"
                  "The backbone was pretrained on a curated dataset of 142M images.")
    assert _units(hit.text)[1] == ("Train on your own dataset", True)
    quote = best_sentences("what dataset was the backbone pretrained on?", [hit])[0]
    assert quote.text.startswith("The backbone was pretrained") and not quote.code


def test_table_rows_read_as_column_value_pairs_and_the_header_is_not_a_sentence():
    units = _units("| model | params |\n|---|---|\n| DINOv2-g | 1.1B |")
    assert units == [("model: DINOv2-g; params: 1.1B", False)]


def test_a_lead_in_ending_with_a_colon_loses_to_the_sentence_that_answers():
    hit = passage("ResNet-50에서 시작하여 단계별로 ConvNeXt 개선사항을 적용:\n\nConvNeXt는 커널 크기를 7×7로 키웠습니다.")
    assert best_sentences("ConvNeXt 커널 크기는?", [hit])[0].text == "ConvNeXt는 커널 크기를 7×7로 키웠습니다."


def test_when_questions_find_the_date_under_the_heading_that_names_the_subject():
    hit = passage("- 이미지 사이즈 : 224x224\n- 2022.01.24\n- 패치 임베딩 때문?", heading="2022 > timm/convmixer_768_32.in1k")
    assert "2022.01.24" in [q.text for q in best_sentences("ConvMixer는 언제 발표됐어?", [hit], limit=3)]


def test_korean_questions_reach_english_sentences_through_the_glossary():
    hit = passage("The model names are divided into five parts: algorithm, module, pretrain, training and data.")
    quotes = best_sentences("MMPretrain 모델 이름은 몇 개의 부분으로 나눠?", [hit])
    assert quotes and "five parts" in quotes[0].text


def test_no_quote_without_a_question_term_and_repeats_are_dropped():
    assert best_sentences("quantum chromodynamics", [passage("ConvNeXt uses 7×7 kernels.")]) == []
    twice = [passage("_ft means fine-tuned."), passage("_ft means fine-tuned.", heading="Again", score=0.9)]
    assert [q.text for q in best_sentences("what does _ft mean?", twice, limit=3)] == ["_ft means fine-tuned."]


def test_stored_units_are_used_as_they_are():
    from kb.retrieval.extract import SentenceIndex, passage_sentences

    hit = passage("ConvNeXt는 커널 크기를 7×7로 키웠습니다.", heading="ConvNeXt")
    stored = passage_sentences("p1", hit.heading, hit.text)
    assert stored.units[0].text == hit.text and "커널" in stored.units[0].stems
    doctored = stored.model_copy(update={"units": [stored.units[0].model_copy(update={"stems": ["marker"]})]})
    index = SentenceIndex({(hit.source, hit.heading, hit.text): doctored})
    assert index.units(hit)[0][2] == frozenset({"marker"})  # read from the store, not cut again
    stale = doctored.model_copy(update={"version": "old"})
    assert "커널" in SentenceIndex({(hit.source, hit.heading, hit.text): stale}).units(hit)[0][2]


@pytest.mark.slow
@pytest.mark.parametrize("question", ["which small in22k model at 384?", "ConvNeXt는 커널 크기를 얼마로 키웠어?"])
def test_no_question_starts_kiwi(built_kb_home, question):
    """English on Korean notes, and a Korean note question: cut by what kiwi made of the notes at ingest."""
    import subprocess
    import sys

    code = ("import sys, kb, kb.retrieval.lexical as lx; k = kb.open_kb(); a = k.ask(sys.argv[1]); "
            "print(len(a.passages) > 0, lx._kiwi_instance is None)")
    out = subprocess.run([sys.executable, "-c", code, question], capture_output=True, text=True, timeout=300,
                         env={**__import__("os").environ, "KB_HOME": str(built_kb_home)})
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.split()[-2:] == ["True", "True"]
