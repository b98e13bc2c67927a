"""Every fact a weight has is something to ask for (issue 24): one or two questions of each class, in Korean and
English, with the expression, ranking and count the parser builds. The wordings are this file's own; none comes
from an evaluation set."""

import pytest

from kb.query.expression import to_syntax
from kb.query.parse import understand

NT = " AND NOT family:test"

FACT_CONDITIONS = [  # facts the answers show, as conditions
    ("head", "efficientnet feature extractors", f"family:efficientnet AND num_classes:0{NT}"),
    ("head", "분류 헤드 없는 convnext 가중치", f"num_classes:0 AND family:convnext{NT}"),
    ("head", "vit weights that still have the 21843-class head", f"family:vit AND num_classes:21843{NT}"),
    ("test size", "resnet50 weights evaluated at a higher res than they train at", f"arch:resnet50 AND test_res>res{NT}"),
    ("test size", "테스트 해상도 320 이상인 regnety", f"test_res>=320 AND family:regnety{NT}"),
    ("top-5", "deit models with top-5 above 96%", f"family:deit AND top5>96{NT}"),
    ("top-1 at test", "top-1 at the test size over 84 among resnets", f"top1_test>84 AND family:resnet{NT}"),
    ("robustness", "ImageNet-R 70 이상인 convnext", f"top1_r>=70 AND family:convnext{NT}"),
    ("robustness", "vit weights scoring 60+ on imagenet-sketch", f"family:vit AND top1_sketch>=60{NT}"),
    ("interpolation", "bilinear interpolation resnet weights", f"interpolation:bilinear AND family:resnet{NT}"),
    ("crop", "squash crop 쓰는 eva02", f"crop_mode:squash AND family:eva02{NT}"),
    ("crop", "crop pct of 1.0 deit3", f"crop_pct:1 AND family:deit3{NT}"),
    ("normalisation", "convnext with OpenAI CLIP mean/std", f"family:convnext AND normalization:openai_clip{NT}"),
    ("compute", "under 2 GMACs with top-1 over 78", f"gmacs<2 AND top1>78{NT}"),
    ("compute", "GMACs 1 이하 mobilenetv4", f"gmacs<=1 AND family:mobilenetv4{NT}"),
    ("activations", "activations under 10M and params under 20M", f"macts<10 AND params<20M{NT}"),
    ("speed", "at least 200 img/s on CPU", f"images_per_sec_cpu>=200{NT}"),
    ("speed", "CPU에서 초당 100장 넘는 convnext", f"images_per_sec_cpu>100 AND family:convnext{NT}"),
    ("speed", "resnet50 with more than 3000 img/s", f"arch:resnet50 AND images_per_sec_gpu>3000{NT}"),
    ("fixed size", "swin weights with a fixed input size", f"family:swin AND fixed_input_size:true{NT}"),
    ("head", "deit weights that carry an 1000-class imagenet head", f"family:deit AND num_classes:1000{NT}"),
    ("head", "in22k 21841클래스 헤드 달린 convnext", f"num_classes:21841 AND family:convnext{NT}"),
    ("test size", "regnety whose test size is larger than the input size", f"family:regnety AND test_res>res{NT}"),
    ("test size", "테스트 사이즈가 학습 입력 사이즈보다 큰 deit3", f"test_res>res AND family:deit3{NT}"),
    ("top-1 at test", "weights whose top-1 at the test size is worse than at the train size", f"top1_test<top1{NT}"),
    ("normalisation", "efficientnet with IMAGENET_INCEPTION mean/std", f"family:efficientnet AND normalization:imagenet_inception{NT}"),
    ("normalisation", "resnet weights without normalisation (mean 0, std 1)", f"family:resnet AND normalization:none{NT}"),
    ("paper", "weights from arXiv 2201.03545 (A ConvNet for the 2020s)", f"paper:2201.03545{NT}"),
    ("paper", "weights from arXiv 2201.03545", f"paper:2201.03545{NT}"),
    # Korean thousands, a head count in parentheses, the test size before its noun, "top-1 there", ReaL alone
    ("speed", "GPU에서 초당 2만장 넘는 것", f"images_per_sec_gpu>20000{NT}"),
    ("head", "convnext with an in22k head (21841 classes)", f"family:convnext AND num_classes:21841{NT}"),
    ("test size", "models evaluated at a 288 test size with over 83% top-1 there", f"test_res:288 AND top1_test>83{NT}"),
    ("test size", "regnety 중 test size가 input size보다 큰 것", f"family:regnety AND test_res>res{NT}"),
    ("top-1 at test", "weights whose top-1 at the test size is lower than at their native input size", f"top1_test<top1{NT}"),
    ("robustness", "ReaL top-1 89 넘는 deit3", f"top1_real>89 AND family:deit3{NT}"),
    # a number's unit says whose it is: 50M is a parameter count, never a top-1
    ("unit", "params 50M 이하에서 ImageNet-A top-1 순", f"params<=50M{NT}"),
]


@pytest.mark.parametrize("case, question, expected", FACT_CONDITIONS, ids=[c[1] for c in FACT_CONDITIONS])
def test_a_fact_the_answer_shows_is_a_condition(lexicon, case, question, expected):
    assert to_syntax(understand(question, lexicon).where) == expected


RANKINGS = [  # superlatives and orderings over any number, both ways, with a count; ties are kept by the answer
    ("lightest convnext", "params_asc", 1),
    ("가장 가벼운 vit", "params_asc", 1),
    ("the largest deit3 model", "params_desc", 1),
    ("most GMACs among swin", "gmacs_desc", 1),
    ("GMACs가 제일 낮은 regnety", "gmacs_asc", 1),
    ("slowest resnet on CPU", "images_per_sec_cpu_asc", 1),
    ("CPU에서 가장 빠른 거 2개 (resnet50)", "images_per_sec_cpu_desc", 2),
    ("top-3 by top-5 among deit3", "top5_desc", 3),
    ("the 3 lightest pretrained models", "params_asc", 3),
    ("convnext tiny weights sorted by ImageNet-A", "top1_a_desc", None),
    ("eva02 models, top-1 at the test size 높은 순", "top1_test_desc", None),
    ("에피션트넷 v2 small 중에 테스트 사이즈에서 top1 제일 높은 거", "top1_test_desc", 1),
    # a count before the fact it ranks, a count word, a unit in parentheses, "best on", "cheapest in"
    ("top 4 weights on ImageNet-R among convnext", "top1_r_desc", 4),
    ("ImageNet-Sketch top 2 of the eva02 models", "top1_sketch_desc", 2),
    ("deit 테스트 해상도 top-1 상위 4개", "top1_test_desc", 4),
    ("which four swin weights do best on ImageNet-V2", "top1_v2_desc", 4),
    ("which 2 are the slowest on CPU among convnext tiny", "images_per_sec_cpu_asc", 2),
    ("activations(M) 가장 많은 거 세 개 (regnety)", "macts_desc", 3),
    ("GPU 처리량(img/s) 젤 높은 mobilenetv3", "images_per_sec_gpu_desc", 1),
    ("the cheapest vit in GMACs", "gmacs_asc", 1),
    ("top 3 by ImageNet top-1 among 256px models", "top1", 3),
    ("which of the regnetx ones does best at the test size", "top1_test_desc", 1),
    # a count after the fact, a hyphenated superlative, a superlative with its count, an order with its way after it
    ("params 30M 이하에서 ImageNet-V2 top-1 top 4", "top1_v2_desc", 4),
    ("Lowest-activations convnext", "macts_asc", 1),
    ("highest 2 by ImageNet-A among deit3", "top1_a_desc", 2),
    ("swin weights ranked by GMACs, lowest 4", "gmacs_asc", 4),
    ("resnet50 중에 CPU(fp32) img/s 제일 잘 나오는 거", "images_per_sec_cpu_desc", 1),
    ("top 2 by RTX 4090 throughput among convnext", "images_per_sec_gpu_desc", 2),
    ("deit3 중 ImageNet-R 1등", "top1_r_desc", 1),
    # "stop" holds "top": no ranking
    ("eva02 weights that stop at the in12k head", "relevance", None),
]


@pytest.mark.parametrize("question, sort, top_n", RANKINGS, ids=[r[0] for r in RANKINGS])
def test_any_number_ranks_both_ways(lexicon, question, sort, top_n):
    read = understand(question, lexicon)
    assert (read.sort, read.top_n) == (sort, top_n)


HANGUL_NAMES = [  # names as Koreans type them: read by sound against the registry, numbers kept with them
    ("레즈넷50 가중치", "arch:resnet50"),
    ("모바일넷 v3 라지", "family:mobilenetv3 AND size:large"),
    ("에바02 라지 모델", "family:eva02 AND size:large"),
    ("스윈v2 base", "family:swinv2 AND size:base"),
    ("비전 트랜스포머 small", "family:vit AND size:small"),
    ("컨브넥스트 tiny in22k", "family:convnext AND size:tiny AND data:in22k"),
    ("덴스넷 121", "arch:densenet121"),
    ("에피션트넷 v2 small", "family:efficientnetv2 AND (size:small OR token:s)"),
    ("모바일 넷 v4 가중치", "family:mobilenetv4"),  # a name written in two words
    ("비트(BiT) 가중치 중 in21k", "token:bit AND data:in22k"),  # the Latin name in parentheses says which sound
]


@pytest.mark.parametrize("question, expected", HANGUL_NAMES, ids=[h[0] for h in HANGUL_NAMES])
def test_hangul_names_are_read_by_sound(lexicon, question, expected):
    read = understand(question, lexicon)
    assert to_syntax(read.where) == expected + NT
    assert read.corrections or "비전" in question  # a reading by sound is said, never silent


ASKED = [  # one weight's facts: what the answer's first sentence must say
    ("vit_large_patch14_dinov2.lvd142m 라이선스가 뭐야?", ["license"]),
    ("input size and mean/std of convnext_tiny.in12k_ft_in1k?", ["resolution", "normalization"]),
    ("resnet50.a1_in1k GMACs랑 활성화 수", ["gmacs", "macts"]),
    ("how do I load deit3_small_patch16_384.fb_in22k_ft_in1k", ["create_model"]),
    # a fact that holds a registry token ("V2") and the longest of two facts ("테스트 해상도")
    ("convnext_tiny.in12k_ft_in1k ImageNet-A랑 ImageNet-V2 점수", ["top1_a", "top1_v2"]),
    ("deit3_base_patch16_224.fb_in1k 테스트 해상도 알려줘", ["test_resolution", "top1_test"]),
    ("crop pct of efficientnet_b1.ft_in1k?", ["crop_pct", "crop_mode"]),
    ("the Hugging Face repo of vit_small_patch16_224.augreg_in1k", ["hf_hub_id"]),
]


@pytest.mark.parametrize("question, asked", ASKED, ids=[a[0] for a in ASKED])
def test_a_named_weight_s_facts_are_asked_not_filtered(lexicon, question, asked):
    read = understand(question, lexicon)
    assert read.asked == asked  # the first sentence says them (kb.answering.text)


def test_two_named_weights_and_a_comparative_rank_them(lexicon):
    read = understand("resnet50.a1_in1k랑 convnext_tiny.in12k_ft_in1k 중에 CPU에서 더 빠른 거?", lexicon)
    assert (read.sort, read.top_n, read.ignored_words) == ("images_per_sec_cpu_desc", 1, [])
    read = understand("of vit_base_patch16_224.augreg_in1k and deit_base_patch16_224.fb_in1k, which does better on "
                      "ImageNet-V2?", lexicon)
    assert (read.sort, read.top_n) == ("top1_v2_desc", 1)


UNAPPLIED = [  # what timm's data does not hold is said, never silently dropped
    ("convnext tiny with more than 10k downloads last month", "downloads last month"),
    ("resnet50 under 5 ms latency on a Pixel 7", "on a Pixel 7"),
    ("2023년 이후 나온 vit small", "2023년 이후 나온"),
    ("배터리 소모 적은 mobilenetv3", "배터리 소모"),
]


@pytest.mark.parametrize("question, phrase", UNAPPLIED, ids=[u[0] for u in UNAPPLIED])
def test_a_condition_that_cannot_be_applied_is_kept_to_be_said(lexicon, question, phrase):
    read = understand(question, lexicon)
    assert phrase in read.unapplied and read.unapplied_why and read.where is not None


OTHER_READINGS = [  # an acronym typed on purpose; a fact shown with the answer is no inclusion; a negation's gloss
    ("BiT weights fine-tuned on in1k", "token:bit AND finetune:in1k"),
    ("just a bit more than 80% top-1", "top1>80"),
    ("ImageNet-V2 top-1 80 넘는 모델들 HF hub id랑 같이 보여줘", "top1_v2>80"),
    ("resnet50 not from the torchvision recipes (tv / tv2)", "arch:resnet50 AND NOT (method:tv OR token:tv OR tag:tv OR tag:tv2)"),
]


@pytest.mark.parametrize("question, expected", OTHER_READINGS, ids=[o[0] for o in OTHER_READINGS])
def test_other_readings(lexicon, question, expected):
    assert to_syntax(understand(question, lexicon).where) == expected + NT

