"""Question understanding, read through the flat `filters` projection of the JSON contract (in Korean and
English), and the matches of the expression, scored on every eval set."""

import pytest

from kb.answering.relax import relaxations
from kb.config import EVAL_FILE
from kb.errors import BadInput
from kb.evaluate import load_items, set_f1
from kb.language import detect_language, validate_question
from kb.query.flat import filters_of
from kb.query.lexicon import Lexicon
from kb.query.parse import understand
from kb.retrieval.filters import Matcher
from kb.retrieval.rank import rank


@pytest.fixture(scope="module")
def index(registry_records):
    return Lexicon.from_records(registry_records)


@pytest.fixture(scope="module")
def matcher(registry_records):
    return Matcher(registry_records)


def parse_question(question, lexicon):
    """The flat projection, with the expression itself kept on it for names()."""
    read = understand(question, lexicon)
    filters = filters_of(read, lexicon.licenses)
    filters.__dict__["_read"] = read
    return filters


def names(records, filters):
    read = filters.__dict__["_read"]
    return [r.name for r in rank(Matcher(records).select(read.where), read.sort)]


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
    noncommercial = parse_question("비상업 라이선스 모델", index).licenses  # the whole class, not one id
    assert "cc-by-nc-4.0" in noncommercial and {"fair-noncommercial-research-license", "seer-license"} <= set(noncommercial)
    assert parse_question("가장 정확한 small 모델", index).sort == "top1"
    assert parse_question("the smallest vit", index).sort == "params_asc"
    assert parse_question("resnet50 weights", index).archs == ["resnet50"]
    assert parse_question("what is the difference between ViT and ResNet?", index).free_text


@pytest.mark.parametrize("eval_file", [EVAL_FILE] + [EVAL_FILE.with_name(n) for n in ("heldout.jsonl", "blind.jsonl", "blind2.jsonl")])
def test_structured_questions_score_on_every_eval_set(eval_file, index, registry_records):
    f1s, exact = [], []
    for item in load_items(eval_file):
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
    offers = relaxations(Matcher(registry_records), f.__dict__["_read"].where, "relevance")
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


@pytest.mark.parametrize("question, pretrain, finetune", [
    ("models pretrained on 22k then fine-tuned on 1k", ["in22k"], ["in1k"]),
    ("12k로 사전학습하고 1k로 미세조정한 모델", ["in12k"], ["in1k"]),
])
def test_bare_1k_is_imagenet_1k_in_a_stage_chain(question, pretrain, finetune, index):
    f = parse_question(question, index)
    assert (f.pretrain_datasets, f.finetune_datasets) == (pretrain, finetune)


@pytest.mark.parametrize("question", [
    "ConvNeXt checkpoints that were never fine-tuned", "eva02 모델 중 파인튜닝 하지 않은 것",
    "Hiera weights before fine-tuning", "in22k only convnext",
])
def test_not_fine_tuned_keeps_only_released_pretraining_checkpoints(question, index, registry_records):
    f = parse_question(question, index)
    found = names(registry_records, f)
    assert f.not_finetuned and found
    assert not any("_ft_" in n or n.split(".")[1].startswith("ft_") for n in found)


@pytest.mark.parametrize("question, arch, port", [
    ("EfficientNet B0 weights", "efficientnet_b0", "tf_efficientnet_b0"),
    ("MixNet-L 가중치", "mixnet_l", "tf_mixnet_l"),
    ("DenseNet-201", "densenet201", None),
    ("RegNetY 320 checkpoints", "regnety_320", None),
])
def test_spoken_architecture_names_include_their_ports(question, arch, port, index):
    f = parse_question(question, index)
    assert arch in f.archs and f.resolution is None
    assert port is None or port in f.archs


def test_letter_size_and_patch_after_a_family(index, registry_records):
    f = parse_question("ViT-L/14 weights", index)
    assert f.sizes == ["large"] and f.families == ["vit"]
    found = names(registry_records, f)  # size and patch are whole tokens: vit_pe_core_large_patch14 is a ViT-L/14
    assert found and all({"large", "patch14"} <= set(n.split(".")[0].split("_")) for n in found)


def test_torchvision_weights_and_korean_fewest_params(index, registry_records):
    tv = names(registry_records, parse_question("torchvision weights for resnet101", index))
    assert tv and all(n.split(".")[1].startswith("tv") for n in tv)
    assert parse_question("파라미터 개수가 제일 적은 resnet", index).sort == "params_asc"


@pytest.mark.parametrize("question, field, value", [
    ("deit weights trained for 300 epochs", "epochs", 300),
    ("repvit 450e checkpoints", "epochs", 450),
    ("mobilenet models no bigger than 4M params", "max_params_m", 4.0),
    ("convnext at minimum 50M parameters", "min_params_m", 50.0),
    ("a tiny model that clears 82% on ImageNet", "min_top1", 82.0),
    ("vit base i21k weights", "datasets", ["in22k"]),
])
def test_wider_phrasings(question, field, value, index):
    assert getattr(parse_question(question, index), field) == value


def test_datasets_joined_by_or_mean_either(index, registry_records):
    f = parse_question("resnet50 trained on Instagram or YFCC", index)
    assert f.any_datasets == ["ig1b", "yfcc"] and not f.datasets
    found = names(registry_records, f)
    assert any("ig1b" in n for n in found) and any("yfcc" in n for n in found)


def test_lettered_series_shorthand_and_family_variants(index, registry_records):
    series = parse_question("EfficientNet B-series weights", index)
    assert "efficientnet_b3" in series.archs and not series.sizes
    assert all(any(t[0] == "b" and t[1:2].isdigit() for t in a.split("_")) for a in series.archs)
    assert "resnet101" in parse_question("RN101 at 224", index).archs
    read = parse_question("SE-ResNeXt weights", index).__dict__["_read"]
    variants = {r.family for r in Matcher(registry_records).select(read.where)}
    assert variants == {"seresnext", "seresnextaa"}
    read = parse_question("ECA-ResNet weights", index).__dict__["_read"]  # ecaresnetlight: a lighter ECA-ResNet
    assert {r.family for r in Matcher(registry_records).select(read.where)} == {"ecaresnet", "ecaresnetlight"}


def test_patch_size_batch_norm_ports_and_qualifiers(index, registry_records):
    patch = names(registry_records, parse_question("vit base patch32 at 224", index))
    assert patch and all("_patch32_" in n for n in patch)
    assert parse_question("DeiT-S/16 weights", index).patch_size == 16
    assert parse_question("vgg19 with batch norm", index).archs == ["vgg19_bn"]
    assert parse_question("EfficientNetV2-S", index).archs[0].startswith("tf_efficientnetv2_s")
    assert parse_question("levit models", index).families == ["levit"]
    both = names(registry_records, parse_question("so400m SigLIP weights", index))
    assert both and all("so400m" in n and "siglip" in n for n in both)
