"""The paragraph people read first (kb.answering.text): what could not be applied, then the count, the reading and
the pick or the facts asked; a note quote only when it is about the answer. Real answers over the built index;
the questions are this file's own."""

from types import SimpleNamespace

import pytest

from kb.answering.quotes import related
from kb.evaluate import first_paragraph


def test_a_ranking_says_the_count_the_reading_and_the_pick_with_its_figure(knowledge_base):
    answer = knowledge_base.ask("the lightest convnext in GMACs")
    first = first_paragraph(answer.answer)
    assert answer.sort == "gmacs_asc" and answer.models
    assert answer.models[0].name in first and "GMACs" in first


def test_the_facts_asked_of_named_weights_come_first_even_with_a_question_word(knowledge_base):
    answer = knowledge_base.ask("deit_tiny_distilled_patch16_224.fb_in1k GMACs랑 activations 얼마야?")
    record = answer.models[0].record
    first = first_paragraph(answer.answer)
    assert f"{record.gmacs:.2f}" in first and f"{record.macts:.2f}" in first


def test_two_weights_compared_with_a_ranking_lead_with_the_ranking(knowledge_base):
    answer = knowledge_base.ask("resnet50.a1_in1k vs resnet50.tv2_in1k - which one is faster on CPU?")
    first = first_paragraph(answer.answer)
    assert answer.comparison is not None and answer.sort == "images_per_sec_cpu_desc"
    assert first.index(answer.models[0].name) < first.index("resnet50.a1_in1k, resnet50.tv2_in1k")


@pytest.mark.parametrize("question, word", [
    ("convnext tiny with the most downloads last month", "downloads last month"),
    ("mobilenetv4 볼륨 대비 배터리 소모 적은 거", "배터리 소모"),
])
def test_what_could_not_be_applied_is_said_first(knowledge_base, question, word):
    answer = knowledge_base.ask(question)
    assert answer.partial and answer.answer.index(word) < answer.answer.index(str(answer.total_matches))


@pytest.mark.parametrize("question", [
    "which small in22k model at 384?", "384 해상도의 small in22k 모델?", "eva02 base models at 448",
    "models over 80% top-1 with under 6M params", "CLIP models trained on LAION-2B at 384",
])
def test_a_structured_answer_quotes_only_what_is_about_its_weights(knowledge_base, question):
    answer = knowledge_base.ask(question)
    for quote in answer.quotes:
        linked = [m for p in answer.passages if (p.source, p.heading) == (quote.source, quote.heading) for m in p.models]
        passage = SimpleNamespace(heading=quote.heading, models=linked)
        assert related(SimpleNamespace(text=quote.text, passage=passage), answer.models, answer.where)


def test_a_question_about_an_experiment_in_the_notes_is_answered_from_them(knowledge_base):
    answer = knowledge_base.ask("in the CIFAR10 experiments, what test accuracy did full fine-tuning at lr 1e-3 reach?")
    assert not answer.partial and "80.75%" in first_paragraph(answer.answer)


def test_one_weight_named_in_full_is_answered_with_the_facts_the_rest_asks(knowledge_base):
    # "ViT" contradicts the weight named, and "fixed?" is asked of it: the weight, its facts, the dropped words said
    answer = knowledge_base.ask("ViT resnetv2_50x1_bit.goog_in21k_ft_in1k: interpolation? fixed input size?")
    first = first_paragraph(answer.answer)
    assert [m.name for m in answer.models] == ["resnetv2_50x1_bit.goog_in21k_ft_in1k"]
    assert "bilinear" in first and "does not have" in first


def test_a_question_about_a_family_s_meaning_reads_the_sections_about_it_first(knowledge_base):
    answer = knowledge_base.ask("what do the notes say about the data DINOv2 learned from?")
    assert answer.passages and "DINOv2" in answer.passages[0].heading
