#!/usr/bin/env python
"""Build data/eval/blind2.jsonl: questions written by a third writer in plain practitioner phrasing, blind like the others; every gold list is computed by
gold.py from its spec. Run offline: .venv/bin/python data/eval/make_blind2_gold.py
"""
from gold import write_set

# ---------------------------------------------------------------- questions
S = [  # (lang, question, spec); kind is derived: sort -> top1, empty gold -> empty, else set
 # English
 ('en', "resnet101 checkpoints trained on in1k only", {"arch_regex": "^resnet101$", "in1k_only": True}),
 ('en', "vit large patch16 384 weights pretrained on in21k", {"arch_regex": "^vit_large_patch16_384$", "data_any": ["in21k"]}),
 ('en', "convnext small 384", {"arch_regex": "^convnext_small$", "res": 384}),
 ('en', "efficientnetv2-m weights", {"arch_regex": "efficientnetv2_m$"}),
 ('en', "MIT licensed mobilevit", {"arch_regex": "^mobilevit", "license": "mit"}),
 ('en', "best imagenet top-1 with under 5M params", {"max_params_m": 5, "sort": "top1"}),
 ('en', "deit3 base pretrained on 22k", {"arch_regex": "^deit3_base", "data_any": ["in22k"]}),
 ('en', "swinv2 base at 384 res", {"arch_regex": "^swinv2_base", "res": 384}),
 ('en', "vit so400m siglip weights for 384 input", {"arch_regex": "^vit_so400m.*siglip", "res": 384}),
 ('en', "hiera models under 30M params", {"arch_regex": "^hiera_", "max_params_m": 30}),
 ('en', "edgenext with top-1 above 80%", {"arch_regex": "^edgenext_", "min_top1": 80}),
 ('en', "xception weights", {"arch_regex": "xception"}),
 ('en', "smallest model that still hits 87% top-1", {"min_top1": 87, "sort": "params_asc"}),
 ('en', "swin base 384 pretrained on imagenet-22k", {"arch_regex": "^swin_base", "res": 384, "data_any": ["in22k"]}),
 ('en', "vgg16 with batch norm", {"arch_regex": "^vgg16_bn$"}),
 # Korean
 ('ko', "파라미터 5천만 개 미만 모델 중 top-1 제일 높은 거", {"max_params_m": 50, "sort": "top1"}),
 ('ko', "MIT 라이선스 regnety 가중치", {"arch_regex": "^regnety_", "license": "mit"}),
 ('ko', "resnest 모델 전부 보여줘", {"arch_regex": "^resnest"}),
 ('ko', "convnextv2 tiny 중 22k로 사전학습한 거", {"arch_regex": "^convnextv2_tiny$", "data_any": ["in22k"]}),
 ('ko', "eva02 base 448 해상도 가중치", {"arch_regex": "^eva02_base", "res": 448}),
 ('ko', "maxvit 중에 정확도 제일 높은 모델", {"arch_regex": "^maxvit_", "sort": "top1"}),
 ('ko', "coatnet 중 in12k로 학습한 가중치", {"arch_regex": "coatnet", "data_any": ["in12k"]}),
 ('ko', "openai clip vit base 가중치들", {"arch_regex": "^vit_base", "data_any": ["openai"]}),
 ('ko', "levit 중에 top-1 80% 넘는 거", {"arch_regex": "^levit", "min_top1": 80}),
 ('ko', "mobilenetv3 large 중 정확도 75% 이상인 가중치", {"arch_regex": "mobilenetv3_large", "min_top1": 75}),
 ('ko', "fastvit 파라미터 1000만 개 미만", {"arch_regex": "^fastvit_", "max_params_m": 10}),
 ('ko', "densenet121 22k 사전학습 가중치 있어?", {"arch_regex": "^densenet121$", "data_any": ["in22k"]}),
 ('ko', "dinov2 small 가중치", {"arch_regex": "dinov2", "size": ["small"]}),
 ('ko', "laion2b로 학습한 vit huge", {"arch_regex": "^vit_huge", "data_any": ["laion2b"]}),
 ('ko', "efficientnet b0 가중치 전부", {"arch_regex": "^(tf_)?efficientnet_b0$"}),
]

N = [  # (lang, question, source, phrase)
 # mmpretrain-naming-convention.en.md
 ('ko', "mmpretrain 모델 이름에 있는 amp는 무슨 뜻이야?", 'mmpretrain-naming-convention.en.md', 'automatic-mixed-precision'),
 ('en', "in mmpretrain, how is a config file named when it only has backbone settings?", 'mmpretrain-naming-convention.en.md', '{module info}_headless.py'),
 ('ko', "mmpretrain 체크포인트 파일 이름은 어떤 형식으로 지어?", 'mmpretrain-naming-convention.en.md', '{model_name}_{date}-{hash}.pth'),
 # modern-architectures.ko.md
 ('en', "what stage ratio does convnext switch to from resnet's 3:4:6:3?", 'modern-architectures.ko.md', '3:3:9:3'),
 ('en', "what imagenet accuracy does efficientnetv2-L get with progressive learning?", 'modern-architectures.ko.md', '85.7%'),
 ('ko', "DINOv2에서 레지스터 토큰은 무슨 역할이야?", 'modern-architectures.ko.md', '배경 아티팩트를 흡수'),
 ('en', "how many sampling steps do latent consistency models need?", 'modern-architectures.ko.md', '1-4 단계'),
 ('ko', "ConvNeXt V2-B 이미지넷 정확도 몇이야?", 'modern-architectures.ko.md', '86.8%'),
 ('en', "what does the convnext patchify stem replace the resnet stem with?", 'modern-architectures.ko.md', '4×4 stride-4'),
 ('ko', "LCM-LoRA는 전체 파라미터 중 어느 정도만 학습해?", 'modern-architectures.ko.md', '1-5%'),
 # timm-suffix-guide.ko.md
 ('en', "what does .fb mean in a tag like convnext_base.fb_in22k_ft_in1k?", 'timm-suffix-guide.ko.md', 'Facebook AI Research (FAIR)'),
 ('ko', "timm 모델 이름에 붙는 _ft는 뭐야?", 'timm-suffix-guide.ko.md', '`_ft` (Fine-tuned)'),
 # timm-model-notes.ko.md
 ('en', "what train and test image sizes does densenet121 use?", 'timm-model-notes.ko.md', 'train 224x224, test 288x288'),
 ('en', "how much faster are the smaller NFNet models while matching EfficientNet-B7?", 'timm-model-notes.ko.md', '8.7배 더 빠르고'),
 ('ko', "densenetblur121d는 일반 densenet이랑 뭐가 달라?", 'timm-model-notes.ko.md', 'Blur Pooling 사용'),
 ('ko', "beitv2에서 토크나이저 학습하려고 제안한 방법이 뭐야?", 'timm-model-notes.ko.md', 'vector-quantized knowledge distillation'),
 # transfer-learning-timm.ko.md (mojibake-damaged; ASCII phrases only)
 ('en', "cifar10 transfer: what test accuracy with full fine-tuning at lr=1e-5?", 'transfer-learning-timm.ko.md', '75.81%'),
 ('ko', "IMDB 감성분류에서 BERT 전체 파인튜닝을 lr 1e-4로 하면 정확도가 얼마 나와?", 'transfer-learning-timm.ko.md', '50.76%'),
 ('en', "which bert checkpoint was used for the imdb sentiment fine-tuning?", 'transfer-learning-timm.ko.md', 'bert-base-cased'),
 ('ko', "CIFAR10에서 resnet50 전체 파인튜닝 lr 1e-3 결과 정확도는?", 'transfer-learning-timm.ko.md', '80.75%'),
]

if __name__ == '__main__':
    write_set(S, N, 'blind2.jsonl')
