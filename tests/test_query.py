"""Question understanding and structured filters, in Korean and English, scored on the dev set."""

import pytest

from kb.evaluate import load_items, set_f1
from kb.filters import apply_filters, rank, relaxations
from kb.language import detect_language, validate_question
from kb.query_parse import FamilyIndex, parse_question
from kb.config import EVAL_FILE
from kb.errors import BadInput


@pytest.fixture(scope="module")
def index(registry_records):
    return FamilyIndex.from_records(registry_records)


def names(records, filters):
    return [r.name for r in rank(apply_filters(records, filters), filters)]


FIVE = {"convnext_small.fb_in22k_ft_in1k_384", "deit3_small_patch16_384.fb_in22k_ft_in1k",
        "vit_small_patch16_384.augreg_in21k_ft_in1k", "vit_small_patch32_384.augreg_in21k_ft_in1k",
        "vit_small_r26_s32_384.augreg_in21k_ft_in1k"}


@pytest.mark.parametrize("question", [
    "which small in22k model at 384?", "384 해상도의 small in22k 모델?", "small models on ImageNet-21k, 384x384",
    "이미지넷 22k 소형 모델 384px", "Show me small IN-22K weights with resolution 384",
])
def test_small_in22k_384_in_both_languages(question, index, registry_records):
    assert set(names(registry_records, parse_question(question, index))) == FIVE


@pytest.mark.parametrize("question, field, value", [
    ("models under 5M params", "max_params_m", 5.0),
    ("파라미터 1천만 개 이하 모델", "max_params_m", 10.0),
    ("< 30M parameters", "max_params_m", 30.0),
    ("more than 100 million parameters", "min_params_m", 100.0),
    ("top-1 above 80%", "min_top1", 80.0),
    ("정확도 85% 넘는 모델", "min_top1", 85.0),
    ("res 448 models", "resolution", 448),
    ("해상도 512인 모델", "resolution", 512),
])
def test_numbers(question, field, value, index):
    assert getattr(parse_question(question, index), field) == value


@pytest.mark.parametrize("question, families", [
    ("ConvNeXt V2 models", ["convnextv2"]), ("DeiT III weights", ["deit3"]), ("EVA-02 at 448", ["eva02"]),
    ("Swin V2 모델", ["swinv2"]), ("MaxViT 가중치", ["maxvit"]), ("SigLIP towers", ["siglip"]),
    ("BEiT v2", ["beitv2"]), ("CrossViT", ["crossvit"]), ("MobileNetV4 models", ["mobilenetv4"]),
])
def test_family_spellings(question, families, index):
    assert parse_question(question, index).families == families


def test_stage_licence_ranking_and_names(index):
    f = parse_question("base models pretrained on ImageNet-22k and fine-tuned on ImageNet-1k", index)
    assert (f.pretrain_datasets, f.finetune_datasets, f.sizes) == (["in22k"], ["in1k"], ["base"])
    assert parse_question("ImageNet-1k만으로 학습한 tiny 모델", index).in1k_only
    assert parse_question("비상업 라이선스 모델", index).licenses[0].startswith("cc-by-nc")
    assert parse_question("가장 정확한 small 모델", index).sort == "top1"
    assert parse_question("the smallest vit", index).sort == "params_asc"
    assert parse_question("resnet50 weights", index).archs == ["resnet50"]
    assert parse_question("what is the difference between ViT and ResNet?", index).free_text


def test_dev_structured_questions_score(index, registry_records):
    f1s, exact = [], []
    for item in load_items(EVAL_FILE):
        if item.kind == "note":
            continue
        got = names(registry_records, parse_question(item.q, index))
        if item.kind == "set":
            f1s.append(set_f1(got, item.gold))
        else:
            exact.append((not got) if item.kind == "empty" else got[:1] == item.gold)
    assert sum(f1s) / len(f1s) >= 0.95 and sum(exact) / len(exact) >= 0.9


def test_relaxation_offers_the_nearest_resolution(index, registry_records):
    f = parse_question("small in22k models at 448", index)
    assert names(registry_records, f) == []
    offers = relaxations(registry_records, f)
    assert offers[0].description == "at 384px there are 5"
    assert set(offers[0].examples) <= FIVE


@pytest.mark.parametrize("text", ["", "   ", "?!?...", "🔥🔥🤖", "x" * 10_000])
def test_bad_questions_are_refused_clearly(text):
    with pytest.raises(BadInput) as error:
        validate_question(text)
    assert error.value.exit_code == 2 and "/" in error.value.message


def test_language_detection():
    assert detect_language("384 해상도의 small in22k 모델?") == "ko"
    assert detect_language("convnext_small.fb_in22k_ft_in1k_384 설명해줘") == "ko"
    assert detect_language("which small in22k model at 384?") == "en"
    assert validate_question("'; DROP TABLE records; -- .*[") == "'; DROP TABLE records; -- .*["
