#!/usr/bin/env python
"""Build data/eval/heldout.jsonl: questions written without reading the parser or the dev questions; every gold list is computed by
gold.py from its spec. Run offline: .venv/bin/python data/eval/make_heldout_gold.py
"""
from gold import write_set

# ---------------------------------------------------------------- questions
S = [  # (lang, question, spec); kind is derived: sort -> top1, empty gold -> empty, else set
 ('en', "Which ConvNeXt-V2 nano checkpoints can I download?", {"arch_regex": "^convnextv2_", "size": ["nano"]}),
 ('ko', "DINOv2 방식으로 학습된 ViT-L 가중치 알려줘", {"arch_regex": "^vit_large.*dinov2", "data_any": ["lvd142m"]}),
 ('en', "swin v2 tiny weights for 256x256 input", {"arch_regex": "^swinv2_", "size": ["tiny"], "res": 256}),
 ('ko', "EfficientNetV2 중에서 ImageNet-21k로 사전학습한 뒤 1k로 파인튜닝한 체크포인트", {"arch_regex": "efficientnetv2", "data_any": ["in21k"], "tag_has": ["in1k"]}),
 ('en', "What is the smallest network by parameter count that still reaches 85% ImageNet top-1?", {"min_top1": 85, "sort": "params_asc"}),
 ('ko', "파라미터 천만 개 미만인 모델 중에 이미지넷 정확도 제일 좋은 거", {"max_params_m": 10, "sort": "top1"}),
 ('en', "MIT licensed small models that take 224px images", {"license": "mit", "size": ["small"], "res": 224}),
 ('ko', "OpenAI CLIP 가중치에서 출발한 ViT-Large 모델들", {"data_any": ["openai"], "arch_regex": "^vit_large"}),
 ('en', "LeViT variants with fewer than 10M params", {"arch_regex": "^levit", "max_params_m": 10}),
 ('ko', "torchvision에서 포팅한 resnet50 가중치 있어?", {"arch_regex": "^resnet50$", "tag_regex": "^tv2?_"}),
 ('en', "base-sized models pretrained on ImageNet-12k that score at least 86% top-1", {"data_any": ["in12k"], "size": ["base"], "min_top1": 86}),
 ('ko', "Swin V2 huge 크기 모델 있나요?", {"arch_regex": "^swinv2_", "size": ["huge"]}),
 ('en', "anything with under 1M parameters that still gets over 80% accuracy?", {"max_params_m": 1, "min_top1": 80}),
 ('en', "distilled DeiT tiny", {"arch_regex": "^deit_tiny_distilled"}),
 ('ko', "해상도 512짜리 BEiT large", {"arch_regex": "^beit_", "size": ["large"], "res": 512}),
 ('en', "MaxViT weights meant for 512 x 512 images", {"arch_regex": "^maxvit_", "res": 512}),
 ('ko', "noisy student로 학습된 EfficientNet-B3 가중치", {"arch_regex": "efficientnet_b3$", "tag_has": ["ns"]}),
 ('en', "RegNetY-160 checkpoints that used in12k", {"arch_regex": "^regnety_160$", "data_any": ["in12k"]}),
 ('ko', "EVA02 계열에서 파라미터 수가 가장 적은 모델은?", {"arch_regex": "^eva02", "sort": "params_asc"}),
 ('ko', "ImageNet-22k로만 사전학습하고 1k 파인튜닝은 안 한 ConvNeXt(v1) 체크포인트", {"arch_regex": "^convnext_", "tag_regex": "^fb_in22k$"}),
 ('en', "ViT-S/16 augreg weights at 384 resolution", {"arch_regex": "^vit_small_patch16_384", "tag_has": ["augreg"]}),
 ('ko', "상업적으로 써도 되는 apache-2.0 라이선스 ConvNeXt V2 가중치", {"arch_regex": "^convnextv2", "license": "apache-2.0"}),
 ('en', "highest top-1 among models that were pretrained on LAION-2B", {"data_any": ["laion2b"], "sort": "top1"}),
 ('ko', "in1k 데이터만으로 학습한 DeiT III 384 해상도 모델들", {"arch_regex": "^deit3_", "in1k_only": True, "res": 384}),
 ('en', "tiny models released under CC BY-NC 4.0 (non-commercial)", {"license": "cc-by-nc-4.0", "size": ["tiny"]}),
 ('ko', "mobilenetv4 중 파라미터가 2천만~3천만 사이인 것", {"arch_regex": "^mobilenetv4", "min_params_m": 20, "max_params_m": 30}),
 ('en', "distilled FastViT checkpoints", {"arch_regex": "^fastvit_", "tag_has": ["dist"]}),
 ('ko', "convnext_nano 중 in12k 들어간 가중치 전부", {"arch_regex": "^convnext_nano$", "data_any": ["in12k"]}),
 ('en', "MobileNet-V4 weights with a 448 input size", {"arch_regex": "^mobilenetv4", "res": 448}),
]

N = [  # (lang, question, source, phrase)
 # mmpretrain-naming-convention.en.md
 ('en', "In MMPretrain model names, how do you mark the end of the pretrain info field? give an example", 'mmpretrain-naming-convention.en.md', 'mae-in21k-pre'),
 ('ko', "MMPretrain 모델 이름 규칙은 이름을 몇 개의 부분으로 나눠?", 'mmpretrain-naming-convention.en.md', 'five parts'),
 ('ko', "mmpretrain에서 공식 레포 같은 외부 저장소에서 변환해 온 모델은 학습 정보 대신 뭐라고 적어?", 'mmpretrain-naming-convention.en.md', '3rdparty'),
 ('en', "what does the 8xb256 part of an mmpretrain checkpoint name mean?", 'mmpretrain-naming-convention.en.md', 'Use 8 GPUs'),
 # modern-architectures.ko.md
 ('en', "Which dataset was DINOv2 pretrained on, and how big is it?", 'modern-architectures.ko.md', 'LVD-142M'),
 ('ko', "ConvNeXt 만들 때 커널 크기를 얼마에서 얼마로 바꿨어?", 'modern-architectures.ko.md', '3×3 → 7×7'),
 ('en', "After all the modernization steps starting from ResNet-50, what top-1 did ConvNeXt-T end up with?", 'modern-architectures.ko.md', '82.0%'),
 ('ko', "ConvNeXt V2에서 채널 간 경쟁을 키우려고 새로 넣은 레이어가 뭐야?", 'modern-architectures.ko.md', 'Global Response Normalization'),
 ('en', "In EfficientNetV2 progressive learning, what image size is used in the first stage?", 'modern-architectures.ko.md', '128×128'),
 ('ko', "가장 큰 DINOv2 모델(g)은 파라미터가 몇 개야?", 'modern-architectures.ko.md', '1.1B'),
 # timm-suffix-guide.ko.md
 ('en', "what does fcmae stand for in convnextv2 tag names?", 'timm-suffix-guide.ko.md', 'Fully Convolutional Masked AutoEncoder'),
 ('ko', "ImageNet-12k 데이터셋은 클래스가 몇 개인가요?", 'timm-suffix-guide.ko.md', '11821'),
 ('en', "What is meant by the .soup suffix on a timm checkpoint?", 'timm-suffix-guide.ko.md', 'Model Souping'),
 ('ko', "timm 태그에 붙는 augreg는 무슨 약자야?", 'timm-suffix-guide.ko.md', 'Augmentation Regularization'),
 # timm-model-notes.ko.md
 ('en', "According to the notes, which checkpoint is the top performer in the ConvNeXt family?", 'timm-model-notes.ko.md', 'convnextv2_huge.fcmae_ft_in22k_in1k_512'),
 ('ko', "coat 모델의 rw 버전은 누가 직접 학습한 거야?", 'timm-model-notes.ko.md', 'Ross Wightman'),
 ('en', "What input image size does CrossViT expect?", 'timm-model-notes.ko.md', '240x240'),
 ('ko', "BoTNet은 EfficientNet 대비 계산 시간이 몇 배 빠르다고 해?", 'timm-model-notes.ko.md', '1.64배'),
 ('en', "How did NFNet deal with training instability without normalization layers?", 'timm-model-notes.ko.md', '적응형 기울기 클리핑'),
 ('ko', "darknet53은 어떤 검출 모델을 구현한 백본이야?", 'timm-model-notes.ko.md', 'YOLO v3'),
 # transfer-learning-timm.ko.md (mojibake-damaged; phrases are ASCII-only lines)
 ('en', "In the CIFAR10 transfer experiment, what test accuracy did you get when only the classifier head was trained?", 'transfer-learning-timm.ko.md', '44.21%'),
 ('ko', "IMDB 감성분류에서 BERT를 lr 1e-5로 전체 파인튜닝했을 때 테스트 정확도는?", 'transfer-learning-timm.ko.md', '88.14%'),
 ('en', "what maximum token length was used when zero-padding the BERT inputs?", 'transfer-learning-timm.ko.md', 'MAX_LEN = 128'),
 ('ko', "CIFAR10에서 학습률을 0.1로 크게 잡고 resnet50 전체를 학습하면 정확도가 어떻게 나와?", 'transfer-learning-timm.ko.md', '10.00%'),
]

if __name__ == '__main__':
    write_set(S, N, 'heldout.jsonl')
