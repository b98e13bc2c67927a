#!/usr/bin/env python
"""Build data/eval/blind.jsonl: questions written by a second writer, blind to the parser and to the other sets; every gold list is computed by
gold.py from its spec. Run offline: .venv/bin/python data/eval/make_blind_gold.py
"""
from gold import write_set

# ---------------------------------------------------------------- questions
S = [  # (lang, question, spec); kind is derived: sort -> top1, empty gold -> empty, else set
 # ---- English
 ('en', "ConvNeXt Small checkpoints fine-tuned on IN-1k at 384px?", {"arch_regex": "^convnext_small$", "res": 384}),
 ('en', "most accurate CAFormer that's no bigger than 40M params", {"arch_regex": "^caformer", "max_params_m": 40, "sort": "top1"}),
 ('en', "RepViT distilled weights from the 450-epoch schedule", {"arch_regex": "^repvit", "tag_has": ["450e"]}),
 ('en', "EfficientFormer V2 variants under 10M parameters", {"arch_regex": "^efficientformerv2", "max_params_m": 10}),
 ('en', "MobileNetV3 large weights that were pretrained on i21k", {"arch_regex": "mobilenetv3_large", "data_any": ["in21k"]}),
 ('en', "Inception v3: which of the pretrained weight sets has the best top-1?", {"arch_regex": "^inception_v3$", "sort": "top1"}),
 ('en', "CLIP ViT-B/16 image encoders trained on the OpenAI data", {"arch_regex": "^vit_base_patch16_clip", "data_any": ["openai"]}),
 ('en', "SigLIP base-size models that take 512x512 input", {"arch_regex": "siglip", "size": ["base"], "res": 512}),
 ('en', "is there a Swin-T checkpoint for 384 x 384 images?", {"arch_regex": "^swin_tiny", "res": 384}),
 ('en', "EVA-02 Large weights whose MIM pretraining used Merged-38M (m38m)", {"arch_regex": "^eva02_large", "data_any": ["m38m"]}),
 ('en', "PVT v2 with the fewest params that still clears 80% on ImageNet", {"arch_regex": "^pvt_v2", "min_top1": 80, "sort": "params_asc"}),
 ('en', "ResNeXt-50 32x4d weights from the semi/weakly-supervised Instagram or YFCC runs", {"arch_regex": "^resnext50_32x4d$", "data_any": ["ig1b", "yfcc100m"]}),
 ('en', "MIT-licensed GhostNet variants with at minimum 5M params", {"arch_regex": "ghostnet", "license": "mit", "min_params_m": 5}),
 ('en', "best top-1 among JFT-pretrained models below 50M params", {"data_any": ["jft"], "max_params_m": 50, "sort": "top1"}),
 ('en', "EfficientViT B-series checkpoints at 288px", {"arch_regex": "^efficientvit_b", "res": 288}),
 # ---- Korean
 ('ko', "EfficientNet B0 가중치 중에 top-1 제일 높은 거 뭐야?", {"arch_regex": "efficientnet_b0$", "sort": "top1"}),
 ('ko', "ConvFormer 중에 in22k 사전학습 → in1k 파인튜닝이고 입력 크기 384인 체크포인트들", {"arch_regex": "^convformer", "data_any": ["in22k"], "tag_has": ["ft"], "res": 384}),
 ('ko', "CoAtNet 계열에서 ImageNet-12k 거친 것 중 정확도 1등은?", {"arch_regex": "^coatnet", "data_any": ["in12k"], "sort": "top1"}),
 ('ko', "FastViT 중 파라미터 천만 개 미만인 거 전부 보여줘", {"arch_regex": "^fastvit", "max_params_m": 10}),
 ('ko', "TinyViT 512 해상도 가중치 있어요?", {"arch_regex": "^tiny_vit", "res": 512}),
 ('ko', "NFNet F 시리즈(F0, F1 …)에서 파라미터 2억 개 미만인 모델들", {"arch_regex": "^dm_nfnet_f", "max_params_m": 200}),
 ('ko', "SE-ResNeXt 중에 ImageNet-12k 데이터 쓴 가중치들 알려줘", {"arch_regex": "seresnext", "data_any": ["in12k"]}),
 ('ko', "DeiT-B distilled 버전 중 입력 크기 384짜리", {"arch_regex": "^deit_base_distilled", "res": 384}),
 ('ko', "BEiT-L에서 이미지넷 top-1 88% 이상 나오는 체크포인트", {"arch_regex": "^beit_large", "min_top1": 88}),
 ('ko', "GhostNet 계열 중에 ImageNet-21k로 사전학습된 것도 있나?", {"arch_regex": "ghostnet", "data_any": ["in21k"]}),
 ('ko', "Swin-B 중에서 in22k로 사전학습만 하고 1k 파인튜닝 안 된 가중치", {"arch_regex": "^swin_base", "tag_regex": "_in22k$"}),
 ('ko', "LAION-2B CLIP으로 학습한 ConvNeXt 중 입력 크기 320인 것들", {"arch_regex": "^convnext", "data_any": ["laion2b"], "res": 320}),
 ('ko', "R50 가중치 중에 BSD-3-Clause 라이선스인 거", {"arch_regex": "^resnet50$", "license": "bsd-3-clause"}),
 ('ko', "파라미터 3억 개 이상인 모델 중에서 ImageNet 정확도 가장 높은 모델은?", {"min_params_m": 300, "sort": "top1"}),
 ('ko', "PVT v2 중 ImageNet-22k로 사전학습한 체크포인트 있나요?", {"arch_regex": "^pvt_v2", "data_any": ["in22k"]}),
]

N = [  # (lang, question, source, phrase)
 # transfer-learning-timm.ko.md (mojibake-damaged; ASCII phrases only)
 ('en', "If you freeze BERT and only train the classifier layer on IMDB, what test accuracy do you get?", 'transfer-learning-timm.ko.md', '59.68%'),
 ('en', "resnet50 on CIFAR10, full fine-tuning with a tiny lr of 1e-5 - what accuracy?", 'transfer-learning-timm.ko.md', '75.81%'),
 ('en', "how is the BERT attention mask built from the padded input ids in the transfer learning note?", 'transfer-learning-timm.ko.md', 'attention_masks = input_ids > 0'),
 ('ko', "IMDB 감성분류 실험에서 BERT 전체를 lr 1e-4로 학습했을 때 결과 몇 %였어?", 'transfer-learning-timm.ko.md', '50.76%'),
 ('ko', "\"I love this movie\" 문장을 BERT 토큰 ID로 바꾸면 어떻게 돼?", 'transfer-learning-timm.ko.md', '[101, 146, 1567, 1142, 2523, 102]'),
 # modern-architectures.ko.md
 ('en', "When modernizing ResNet-50 into ConvNeXt, how was the stage ratio changed?", 'modern-architectures.ko.md', '3:4:6:3 → 3:3:9:3'),
 ('en', "How many sampling steps do Latent Consistency Models need?", 'modern-architectures.ko.md', '1-4 단계'),
 ('en', "DINOv2 large variant: parameter count and number of layers?", 'modern-architectures.ko.md', 'DINOv2-L | 304M'),
 ('ko', "EfficientNetV2-L은 점진적 학습으로 ImageNet 정확도 얼마 찍었어?", 'modern-architectures.ko.md', '85.7%'),
 ('ko', "ConvNeXt V2 huge 모델 ImageNet-1K 정확도가 몇이라고 돼 있나요?", 'modern-architectures.ko.md', '87.3%'),
 ('ko', "아키텍처 비교 표에 Swin-B 파라미터 수는 얼마로 적혀 있어?", 'modern-architectures.ko.md', 'Swin-B | 88M'),
 # timm-model-notes.ko.md
 ('en', "How much faster are the smaller NFNet models while matching EfficientNet-B7 accuracy?", 'timm-model-notes.ko.md', '8.7배'),
 ('en', "In the CSP darknet family, what does cs3edgenet_x borrow inside the Darknet design?", 'timm-model-notes.ko.md', 'MobileNet-V1'),
 ('en', "Which technique does BEiT v2 propose for training its visual tokenizer?", 'timm-model-notes.ko.md', 'vector-quantized knowledge distillation'),
 ('ko', "densenetblur121d는 일반 densenet121이랑 뭐가 달라?", 'timm-model-notes.ko.md', 'Blur Pooling'),
 ('ko', "ConViT에서 컨볼루션 귀납 편향을 넣으려고 도입한 어텐션 이름이 뭐였지?", 'timm-model-notes.ko.md', 'GPSA 도입'),
 # timm-suffix-guide.ko.md
 ('ko', "convnext_femto.d1_in1k에서 femto는 어느 정도 크기를 말하는 거예요?", 'timm-suffix-guide.ko.md', 'nano보다도 더 작은'),
 ('ko', "in22k 태그의 ImageNet-22k는 클래스가 몇 개야?", 'timm-suffix-guide.ko.md', '22,000개 클래스'),
 # mmpretrain-naming-convention.en.md
 ('en', "In MMPretrain names, what does the data info in1k-384px indicate?", 'mmpretrain-naming-convention.en.md', 'input image size is 384x384'),
 ('ko', "mmpretrain에서 head나 dataset 설정 없이 backbone만 있는 config 파일은 이름을 어떻게 지어?", 'mmpretrain-naming-convention.en.md', '{module info}_headless.py'),
]

if __name__ == '__main__':
    write_set(S, N, 'blind.jsonl')
