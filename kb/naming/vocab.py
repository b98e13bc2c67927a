"""Vocabularies for reading timm and MMPretrain names, each entry with its English and Korean meaning.

The meanings are written here from the suffix guide (data/notes/timm-suffix-guide.ko.md) and the MMPretrain naming
conventions (data/notes/mmpretrain-naming-convention.en.md). Every table is data: the decoder in kb.naming.timm and
the question parser in kb.query only look things up here.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    en: str
    ko: str


# ---- size classes ------------------------------------------------------------------------------------------------

SIZE_TERMS: dict[str, Term] = {
    "zepto": Term("zepto: the very smallest variant", "zepto: 가장 작은 변형"),
    "atto": Term("atto: an extremely small variant (ConvNeXt family)", "atto: 극히 작은 변형 (ConvNeXt 계열)"),
    "femto": Term("femto: an extremely small variant, smaller than nano", "femto: nano보다 더 작은 매우 작은 버전"),
    "pico": Term("pico: a very small variant", "pico: 매우 작은 변형"),
    "nano": Term("nano: a very small variant", "nano: 아주 작은 크기"),
    "tiny": Term("tiny: small model size", "tiny: 작은 모델 크기"),
    "small": Term("small: small model size", "small: 소형 모델 크기"),
    "base": Term("base: the standard (medium) size", "base: 기본(중간) 크기"),
    "medium": Term("medium: between small and large", "medium: small과 large 사이의 크기"),
    "large": Term("large: large model size", "large: 대형 모델 크기"),
    "huge": Term("huge: very large model size", "huge: 매우 큰 모델 크기"),
    "giant": Term("giant: one of the largest sizes", "giant: 가장 큰 축에 드는 크기"),
    "gigantic": Term("gigantic: the largest size", "gigantic: 가장 큰 크기"),
}

# Arch tokens that name a size class under another word.
SIZE_ALIASES: dict[str, str] = {
    "xxtiny": "femto", "xtiny": "tiny", "xsmall": "small", "mini": "tiny", "little": "small", "dlittle": "small",
    "mediumd": "medium", "large2": "large", "xlarge": "large", "xxlarge": "huge", "big": "large",
    "enormous": "gigantic", "giantopt": "giant", "giga": "giant", "betwixt": "medium",
}

# Letter codes (xxs, s, m36 ...): the letters give the class, the digits (if any) depth or width.
SIZE_LETTERS: dict[str, str] = {
    "xxs": "tiny", "xs": "tiny", "t": "tiny", "ti": "tiny", "s": "small", "m": "medium", "b": "base",
    "l": "large", "xl": "large", "xxl": "huge", "h": "huge", "g": "giant",
}

# Families whose letter+number token is size and patch at once: mixer_b16 = Mixer-B/16.
SIZE_PATCH_FAMILIES = {"mixer", "gmixer", "gmlp"}

# ---- datasets ----------------------------------------------------------------------------------------------------


class Dataset(NamedTuple):
    canonical: str
    en: str
    ko: str


_IN22K = (
    "ImageNet-22k (also called ImageNet-21k: in21k and in22k name the same ~14M-image, ~21.8k-class dataset)",
    "ImageNet-22k (ImageNet-21k라고도 부름: in21k와 in22k는 같은 약 1,400만 장, 약 2.18만 클래스 데이터셋)",
)

DATASETS: dict[str, Dataset] = {
    "in1k": Dataset("in1k", "ImageNet-1k (1.28M images, 1000 classes)", "ImageNet-1k (128만 장, 1000개 클래스)"),
    "in12k": Dataset("in12k", "ImageNet-12k (timm's 11.8k-class subset of ImageNet-22k)", "ImageNet-12k (ImageNet-22k에서 만든 timm의 약 1.18만 클래스 부분집합)"),
    "in22k": Dataset("in22k", *_IN22K),
    "in21k": Dataset("in22k", *_IN22K),
    "inw21k": Dataset("inw21k", "ImageNet-21k winter 2021 release", "ImageNet-21k 2021 겨울 릴리스"),
    "laion2b": Dataset("laion2b", "LAION-2B (2 billion image-text pairs)", "LAION-2B (20억 개 이미지-텍스트 쌍)"),
    "laion400m": Dataset("laion400m", "LAION-400M (400 million image-text pairs)", "LAION-400M (4억 개 이미지-텍스트 쌍)"),
    "laiona": Dataset("laiona", "LAION aesthetic subset", "LAION 미적 품질 부분집합"),
    "openai": Dataset("openai", "OpenAI's CLIP training data (WIT-400M)", "OpenAI CLIP 학습 데이터 (WIT-400M)"),
    "webli": Dataset("webli", "WebLI (Google's web image-language data)", "WebLI (구글의 웹 이미지-언어 데이터)"),
    "lvd142m": Dataset("lvd142m", "LVD-142M (DINOv2's curated 142M images)", "LVD-142M (DINOv2가 정제한 1억 4,200만 장)"),
    "lvd1689m": Dataset("lvd1689m", "LVD-1689M (DINOv3's 1.7B images)", "LVD-1689M (DINOv3의 17억 장)"),
    "merged2b": Dataset("merged2b", "Merged-2B (EVA-CLIP's merged LAION + COYO data)", "Merged-2B (EVA-CLIP의 LAION+COYO 병합 데이터)"),
    "datacomp1b": Dataset("datacomp1b", "DataComp-1B", "DataComp-1B"),
    "datacompxl": Dataset("datacompxl", "DataComp-XL (12.8B pool)", "DataComp-XL (128억 풀)"),
    "dfn2b": Dataset("dfn2b", "DFN-2B (Data Filtering Networks)", "DFN-2B (데이터 필터링 네트워크)"),
    "dfn5b": Dataset("dfn5b", "DFN-5B (Data Filtering Networks)", "DFN-5B (데이터 필터링 네트워크)"),
    "dfndr2b": Dataset("dfndr2b", "DFN DR-2B (reinforced DFN data)", "DFN DR-2B (강화된 DFN 데이터)"),
    "metaclip": Dataset("metaclip", "MetaCLIP curated data", "MetaCLIP 정제 데이터"),
    "metaclip2": Dataset("metaclip2", "MetaCLIP 2 worldwide data", "MetaCLIP 2 전세계 데이터"),
    "yfcc15m": Dataset("yfcc15m", "YFCC-15M", "YFCC-15M"),
    "yfcc100m": Dataset("yfcc100m", "YFCC-100M", "YFCC-100M"),
    "cc12m": Dataset("cc12m", "Conceptual Captions 12M", "Conceptual Captions 12M"),
    "m38m": Dataset("m38m", "Merged-38M (EVA-02's merged ImageNet-22k, CC, COCO, ... data)", "Merged-38M (EVA-02의 병합 데이터)"),
    "m30m": Dataset("m30m", "Merged-30M", "Merged-30M"),
    "jft": Dataset("jft", "JFT-300M (Google's internal data)", "JFT-300M (구글 내부 데이터)"),
    "ig1b": Dataset("ig1b", "Instagram-1B (hashtag-labelled images)", "Instagram-1B (해시태그 라벨 이미지)"),
    "sa1b": Dataset("sa1b", "SA-1B (Segment Anything data)", "SA-1B (Segment Anything 데이터)"),
    "sat493m": Dataset("sat493m", "SAT-493M (satellite images)", "SAT-493M (위성 이미지)"),
    "ogvl": Dataset("ogvl", "OpenGVLab data", "OpenGVLab 데이터"),
    "docci": Dataset("docci", "DOCCI (detailed image descriptions)", "DOCCI (상세 이미지 설명 데이터)"),
    "refcoco": Dataset("refcoco", "RefCOCO (referring expressions)", "RefCOCO (지시 표현 데이터)"),
    "ocrvqa": Dataset("ocrvqa", "OCR-VQA", "OCR-VQA"),
    "bamboo": Dataset("bamboo", "Bamboo (a large, densely labelled classification dataset)", "Bamboo (대규모 밀집 라벨 분류 데이터셋)"),
    "b1k": Dataset("b1k", "ImageNet-1k (batch-size 1k recipe)", "ImageNet-1k (배치 1k 레시피)"),
    "b2k": Dataset("b2k", "ImageNet-1k (batch-size 2k recipe)", "ImageNet-1k (배치 2k 레시피)"),
}

# ---- methods, sources and recipes (tag tokens) ----------------------------------------------------------------------

METHODS: dict[str, Term] = {
    "fb": Term("fb: weights from Facebook/Meta AI Research (FAIR)", "fb: Facebook(Meta) AI Research(FAIR)에서 공개한 가중치"),
    "fcmae": Term("fcmae: pretrained with a Fully Convolutional Masked AutoEncoder (ConvNeXt V2)", "fcmae: 완전 합성곱 마스크드 오토인코더(FCMAE)로 사전학습 (ConvNeXt V2)"),
    "clip": Term("clip: image tower of a CLIP (contrastive image-text) model", "clip: CLIP(대조 이미지-텍스트 학습) 모델의 이미지 인코더"),
    "augreg": Term("augreg: Augmentation Regularization, strong augmentation and regularisation during training", "augreg: Augmentation Regularization, 강한 데이터 증강과 정규화를 적용한 학습"),
    "augreg2": Term("augreg2: a second AugReg recipe (timm's fine-tune of AugReg weights)", "augreg2: 두 번째 AugReg 레시피 (timm이 다시 파인튜닝)"),
    "mae": Term("mae: pretrained as a Masked AutoEncoder", "mae: 마스크드 오토인코더(MAE)로 사전학습"),
    "mim": Term("mim: masked image modelling pretraining", "mim: 마스크드 이미지 모델링(MIM) 사전학습"),
    "dist": Term("dist: trained with knowledge distillation", "dist: 지식 증류로 학습"),
    "distilled": Term("distilled: trained with knowledge distillation", "distilled: 지식 증류로 학습"),
    "soup": Term("soup: a model soup, several fine-tuned checkpoints averaged", "soup: 모델 수프, 여러 체크포인트의 가중치 평균"),
    "mlp": Term("mlp: a variant with an MLP head", "mlp: MLP 헤드를 쓰는 변형"),
    "ft": Term("ft: fine-tuned on the dataset that follows", "ft: 뒤에 오는 데이터셋으로 파인튜닝"),
    "pt": Term("pt: pretrained only (no fine-tune)", "pt: 사전학습만 한 가중치"),
    "orig": Term("orig: the original authors' weights", "orig: 원 저자의 원본 가중치"),
    "tv": Term("tv: torchvision's original weights", "tv: torchvision 원본 가중치"),
    "tv2": Term("tv2: torchvision's newer (v2) training recipe", "tv2: torchvision의 새(v2) 학습 레시피"),
    "tf": Term("tf: ported from TensorFlow", "tf: TensorFlow에서 이식한 가중치"),
    "gluon": Term("gluon: ported from MXNet Gluon", "gluon: MXNet Gluon에서 이식한 가중치"),
    "ra": Term("ra: RandAugment recipe", "ra: RandAugment 레시피"),
    "ra2": Term("ra2: RandAugment recipe v2", "ra2: RandAugment 레시피 v2"),
    "ra3": Term("ra3: RandAugment recipe v3", "ra3: RandAugment 레시피 v3"),
    "ra4": Term("ra4: RandAugment recipe v4 (MobileNetV4 era)", "ra4: RandAugment 레시피 v4"),
    "a1": Term("a1: ResNet Strikes Back recipe A1 (600 epochs)", "a1: ResNet Strikes Back A1 레시피 (600 에폭)"),
    "a1h": Term("a1h: ResNet Strikes Back A1 with higher resolution/augmentation", "a1h: 해상도·증강을 높인 RSB A1 레시피"),
    "a2": Term("a2: ResNet Strikes Back recipe A2 (300 epochs)", "a2: ResNet Strikes Back A2 레시피 (300 에폭)"),
    "a2h": Term("a2h: RSB A2 with higher resolution/augmentation", "a2h: 해상도·증강을 높인 RSB A2 레시피"),
    "a3": Term("a3: ResNet Strikes Back recipe A3 (100 epochs, low resolution)", "a3: ResNet Strikes Back A3 레시피 (100 에폭, 저해상도)"),
    "aa": Term("aa: AutoAugment", "aa: AutoAugment 증강"),
    "ap": Term("ap: AdvProp (adversarial propagation)", "ap: AdvProp (적대적 예제 학습)"),
    "ns": Term("ns: Noisy Student self-training", "ns: Noisy Student 자기 학습"),
    "adv": Term("adv: adversarially trained", "adv: 적대적 학습"),
    "ens": Term("ens: ensemble adversarial training", "ens: 앙상블 적대적 학습"),
    "sw": Term("sw: Ross Wightman's timm training", "sw: timm 저자(Ross Wightman)의 학습"),
    "sbb": Term("sbb: 'searching for better baselines' timm ViT recipe", "sbb: timm의 'better baselines' ViT 레시피"),
    "sbb2": Term("sbb2: second 'better baselines' recipe", "sbb2: 두 번째 'better baselines' 레시피"),
    "ms": Term("ms: weights from Microsoft", "ms: Microsoft에서 공개한 가중치"),
    "msft": Term("msft: weights from Microsoft", "msft: Microsoft에서 공개한 가중치"),
    "goog": Term("goog: weights from Google", "goog: Google에서 공개한 가중치"),
    "apple": Term("apple: weights from Apple", "apple: Apple에서 공개한 가중치"),
    "sail": Term("sail: weights from Sea AI Lab", "sail: Sea AI Lab에서 공개한 가중치"),
    "naver": Term("naver: weights from NAVER AI", "naver: NAVER AI에서 공개한 가중치"),
    "nav": Term("nav: weights from NAVER (ReXNet authors)", "nav: NAVER(ReXNet 저자) 가중치"),
    "nv": Term("nv: weights from NVIDIA", "nv: NVIDIA에서 공개한 가중치"),
    "paddle": Term("paddle: ported from PaddlePaddle", "paddle: PaddlePaddle에서 이식"),
    "pycls": Term("pycls: weights from Facebook's pycls", "pycls: Facebook pycls 가중치"),
    "miil": Term("miil: weights from Alibaba MIIL", "miil: Alibaba MIIL 가중치"),
    "cvnets": Term("cvnets: weights from Apple's CVNets", "cvnets: Apple CVNets 가중치"),
    "snap": Term("snap: weights from Snap Research", "snap: Snap Research 가중치"),
    "dm": Term("dm: weights from DeepMind", "dm: DeepMind 가중치"),
    "mx": Term("mx: ported from MXNet", "mx: MXNet에서 이식"),
    "idstcv": Term("idstcv: weights from Alibaba IDST", "idstcv: Alibaba IDST 가중치"),
    "ssld": Term("ssld: PaddleClas simple semi-supervised label distillation", "ssld: PaddleClas의 반지도 라벨 증류(SSLD)"),
    "stage1": Term("stage1: first stage of a two-stage recipe", "stage1: 2단계 레시피의 1단계"),
    "stage2": Term("stage2: second stage of a two-stage recipe", "stage2: 2단계 레시피의 2단계"),
    "ssl": Term("ssl: semi-supervised learning", "ssl: 반지도 학습"),
    "swsl": Term("swsl: semi-weakly supervised learning", "swsl: 반약지도 학습"),
    "wsl": Term("wsl: weakly supervised learning on Instagram hashtags", "wsl: 인스타그램 해시태그 약지도 학습"),
    "swag": Term("swag: Supervised Weakly from hashtAGs (Meta)", "swag: 해시태그 약지도 학습 (Meta SWAG)"),
    "lc": Term("lc: linear classifier on frozen features", "lc: 고정된 특징 위 선형 분류기"),
    "seer": Term("seer: SEER self-supervised pretraining", "seer: SEER 자기지도 사전학습"),
    "dino": Term("dino: DINO self-supervised pretraining", "dino: DINO 자기지도 사전학습"),
    "dinov3": Term("dinov3: DINOv3 self-supervised pretraining", "dinov3: DINOv3 자기지도 사전학습"),
    "ijepa": Term("ijepa: I-JEPA self-supervised pretraining", "ijepa: I-JEPA 자기지도 사전학습"),
    "eupe": Term("eupe: EUPE distilled universal encoder", "eupe: EUPE 증류 범용 인코더"),
    "usi": Term("usi: USI distillation recipe", "usi: USI 증류 레시피"),
    "bt": Term("bt: 'bag of tricks' recipe", "bt: 'bag of tricks' 레시피"),
    "ah": Term("ah: timm recipe variant (augmentation, higher res)", "ah: timm 레시피 변형"),
    "am": Term("am: AugMix recipe", "am: AugMix 레시피"),
    "ram": Term("ram: RandAugment + AugMix recipe", "ram: RandAugment + AugMix 레시피"),
    "racm": Term("racm: RandAugment + CutMix recipe", "racm: RandAugment + CutMix 레시피"),
    "ch": Term("ch: timm recipe variant (ch)", "ch: timm 레시피 변형 (ch)"),
    "c": Term("c: recipe variant c", "c: 레시피 변형 c"),
    "c1": Term("c1: recipe variant c1", "c1: 레시피 변형 c1"),
    "c2": Term("c2: recipe variant c2", "c2: 레시피 변형 c2"),
    "c3": Term("c3: recipe variant c3", "c3: 레시피 변형 c3"),
    "c2ns": Term("c2ns: recipe variant c2, no stride", "c2ns: 레시피 변형 c2ns"),
    "d": Term("d: recipe variant d", "d: 레시피 변형 d"),
    "d1": Term("d1: recipe/design variant d1", "d1: 레시피/설계 변형 d1"),
    "d1h": Term("d1h: recipe variant d1, higher resolution", "d1h: 해상도를 높인 d1 변형"),
    "d2": Term("d2: recipe/design variant d2", "d2: 레시피/설계 변형 d2"),
    "bd": Term("bd: ByteDance weights", "bd: ByteDance 가중치"),
    "lamb": Term("lamb: trained with the LAMB optimiser", "lamb: LAMB 옵티마이저로 학습"),
    "lion": Term("lion: trained with the Lion optimiser", "lion: Lion 옵티마이저로 학습"),
    "rmsp": Term("rmsp: trained with RMSProp", "rmsp: RMSProp으로 학습"),
    "nadamuon": Term("nadamuon: trained with NAdaMuon", "nadamuon: NAdaMuon 옵티마이저로 학습"),
    "ad": Term("ad: recipe variant ad", "ad: 레시피 변형 ad"),
    "ix": Term("ix: recipe variant ix", "ix: 레시피 변형 ix"),
    "pd": Term("pd: recipe variant pd", "pd: 레시피 변형 pd"),
    "lt": Term("lt: long-training variant", "lt: 긴 학습 변형"),
    "ltt": Term("ltt: long-training variant", "ltt: 긴 학습 변형"),
    "rvgg": Term("rvgg: RepVGG authors' weights", "rvgg: RepVGG 저자 가중치"),
    "green": Term("green: 'green' (efficient) training", "green: 효율적인 'green' 학습"),
    "aug": Term("aug: stronger augmentation", "aug: 강화된 증강"),
    "deit": Term("deit: DeiT training recipe", "deit: DeiT 학습 레시피"),
    "timm": Term("timm: trained in timm", "timm: timm에서 학습"),
    "teacher": Term("teacher: the distillation teacher", "teacher: 증류용 교사 모델"),
    "mclip": Term("mclip: MobileCLIP", "mclip: MobileCLIP"),
    "mclip2": Term("mclip2: MobileCLIP 2", "mclip2: MobileCLIP 2"),
    "tinyclip": Term("tinyclip: TinyCLIP distilled CLIP", "tinyclip: TinyCLIP 증류 CLIP"),
    "indomain": Term("indomain: in-domain pretraining", "indomain: 도메인 내 사전학습"),
    "rewind": Term("rewind: checkpoint rewound to an earlier step", "rewind: 이전 단계로 되돌린 체크포인트"),
    "plus": Term("plus: extended data/training", "plus: 확장된 데이터/학습"),
    "radio": Term("radio: NVIDIA RADIO agglomerative distillation", "radio: NVIDIA RADIO 통합 증류"),
    "pali": Term("pali: PaliGemma vision tower", "pali: PaliGemma 비전 타워"),
    "pali2": Term("pali2: PaliGemma 2 vision tower", "pali2: PaliGemma 2 비전 타워"),
    "mix": Term("mix: trained on a task mixture", "mix: 여러 작업 혼합으로 학습"),
    "seg": Term("seg: segmentation task", "seg: 분할 작업"),
    "tiling": Term("tiling: tiled input variant", "tiling: 타일 입력 변형"),
    "i18n": Term("i18n: multilingual data", "i18n: 다국어 데이터"),
    "worldwide": Term("worldwide: worldwide (multilingual) data", "worldwide: 전세계(다국어) 데이터"),
    "altogether": Term("altogether: MetaCLIP Altogether re-captioned data", "altogether: MetaCLIP Altogether 재캡션 데이터"),
    "robbyant": Term("robbyant: Robbyant (LingBot) weights", "robbyant: Robbyant(LingBot) 가중치"),
    "drive": Term("drive: driving-domain model", "drive: 자율주행 도메인 모델"),
    "flash": Term("flash: 'flash' model release", "flash: 'flash' 모델 릴리스"),
    "next": Term("next: 'next' model release", "next: 'next' 모델 릴리스"),
    "vision": Term("vision: vision tower", "vision: 비전 타워"),
    "exp": Term("exp: experimental release", "exp: 실험적 릴리스"),
    "vl": Term("vl: vision-language model", "vl: 비전-언어 모델"),
    "it": Term("it: instruction-tuned model", "it: 지시 튜닝 모델"),
    "deepseek": Term("deepseek: DeepSeek vision encoder", "deepseek: DeepSeek 비전 인코더"),
    "qwen": Term("qwen: Qwen vision encoder", "qwen: Qwen 비전 인코더"),
    "qwen3": Term("qwen3: Qwen3 vision encoder", "qwen3: Qwen3 비전 인코더"),
    "gemma3n": Term("gemma3n: Gemma 3n vision encoder", "gemma3n: Gemma 3n 비전 인코더"),
    "gemma4": Term("gemma4: Gemma 4 vision encoder", "gemma4: Gemma 4 비전 인코더"),
    "florence2": Term("florence2: Florence-2 vision encoder", "florence2: Florence-2 비전 인코더"),
    "rsb": Term("rsb: ResNet Strikes Back training recipe", "rsb: ResNet Strikes Back 학습 레시피"),
    "agc": Term("agc: adaptive gradient clipping", "agc: 적응형 그래디언트 클리핑"),
    "sam": Term("sam: Sharpness-Aware Minimization training", "sam: SAM(Sharpness-Aware Minimization) 학습"),
    "v2": Term("v2: second version", "v2: 두 번째 버전"),
    "v4": Term("v4: fourth version", "v4: 네 번째 버전"),
}

# ---- architecture tokens ---------------------------------------------------------------------------------------

# Leading arch tokens that name where the implementation comes from rather than the family.
ARCH_SOURCE_PREFIXES: dict[str, Term] = {
    "tf": Term("tf: ported from TensorFlow (same-padding variant)", "tf: TensorFlow에서 이식한 구현 (same 패딩)"),
    "tv": Term("tv: torchvision's implementation", "tv: torchvision 구현"),
    "gluon": Term("gluon: ported from MXNet Gluon", "gluon: MXNet Gluon에서 이식"),
    "legacy": Term("legacy: older timm implementation kept for its weights", "legacy: 가중치 호환을 위해 남긴 예전 구현"),
}

# Family-name endings for a variant of the same family (seresnextaa is an anti-aliased SE-ResNeXt, ecaresnetlight
# a lighter ECA-ResNet).
FAMILY_MODIFIER_SUFFIXES = ("aa", "blur", "light")

# Leading arch tokens that add a module to the family that follows (eca_resnext26ts is a ResNeXt).
ARCH_MODULE_PREFIXES: dict[str, Term] = {
    "eca": Term("eca: with Efficient Channel Attention", "eca: ECA 채널 어텐션 추가"),
    "gc": Term("gc: with Global Context attention", "gc: 전역 컨텍스트(GC) 어텐션 추가"),
    "ese": Term("ese: with effective Squeeze-Excitation", "ese: effective SE 추가"),
    "nf": Term("nf: normalizer-free (no batch norm)", "nf: 정규화 없는(normalizer-free) 변형"),
    "bat": Term("bat: with bottleneck attention", "bat: 병목 어텐션 추가"),
}

# Families whose name spans two tokens (first two tokens of the arch, after any source prefix).
COMPOUND_FAMILIES: dict[tuple[str, str], str] = {
    ("tiny", "vit"): "tiny_vit",
    ("dm", "nfnet"): "nfnet",
    ("eca", "nfnet"): "nfnet",
    ("inception", "v3"): "inception_v3",
    ("inception", "v4"): "inception_v4",
    ("inception", "resnet"): "inception_resnet_v2",
    ("inception", "next"): "inception_next",
    ("wide", "resnet50"): "wide_resnet",
    ("wide", "resnet101"): "wide_resnet",
    ("sam2", "hiera"): "sam2_hiera",
}

# Families that use a number as width or dim, never as an input resolution (levit_384 is 384 channels).
NUMBER_IS_NOT_RESOLUTION = {"levit", "convmixer", "mobilevitv2", "ghostnet", "ghostnetv2", "rexnet", "rexnetr", "regnetx", "regnety"}

# Input resolutions that appear in names; other numbers are depth, width or scale.
RESOLUTIONS = {
    96, 112, 128, 160, 176, 192, 196, 224, 240, 256, 260, 288, 299, 300, 320, 336, 378, 380, 384, 392, 448, 475,
    512, 518, 528, 560, 576, 600, 640, 672, 800, 896, 1024,
}

ARCH_TOKENS: dict[str, Term] = {
    "clip": Term("clip: a CLIP image-tower variant of the architecture", "clip: CLIP 이미지 타워 변형"),
    "siglip": Term("siglip: SigLIP (sigmoid-loss CLIP) image tower", "siglip: SigLIP(시그모이드 손실 CLIP) 이미지 타워"),
    "siglip2": Term("siglip2: SigLIP 2 image tower", "siglip2: SigLIP 2 이미지 타워"),
    "dinov2": Term("dinov2: DINOv2 self-supervised backbone", "dinov2: DINOv2 자기지도 백본"),
    "dinov3": Term("dinov3: DINOv3 self-supervised backbone", "dinov3: DINOv3 자기지도 백본"),
    "gap": Term("gap: global average pooling instead of a class token", "gap: 클래스 토큰 대신 전역 평균 풀링"),
    "reg1": Term("reg1: one register token", "reg1: 레지스터 토큰 1개"),
    "reg4": Term("reg4: four register tokens", "reg4: 레지스터 토큰 4개"),
    "rope": Term("rope: rotary position embedding", "rope: 회전 위치 임베딩(RoPE)"),
    "quickgelu": Term("quickgelu: QuickGELU activation (OpenAI CLIP)", "quickgelu: QuickGELU 활성화 (OpenAI CLIP)"),
    "rw": Term("rw: Ross Wightman's variant of the design", "rw: Ross Wightman이 변형한 설계"),
    "mlp": Term("mlp: MLP head variant", "mlp: MLP 헤드 변형"),
    "distilled": Term("distilled: has a distillation token", "distilled: 증류 토큰 포함"),
    "cls": Term("cls: class-token pooling", "cls: 클래스 토큰 풀링"),
    "relpos": Term("relpos: relative position bias", "relpos: 상대 위치 편향"),
    "rmlp": Term("rmlp: relative position MLP", "rmlp: 상대 위치 MLP"),
    "hybrid": Term("hybrid: convolution + attention hybrid", "hybrid: 합성곱 + 어텐션 하이브리드"),
    "conv": Term("conv: convolutional variant", "conv: 합성곱 변형"),
    "tf": Term("tf: TensorFlow-compatible variant", "tf: TensorFlow 호환 변형"),
    "lite": Term("lite: a lighter variant", "lite: 더 가벼운 변형"),
    "plus": Term("plus: an enlarged variant", "plus: 확장된 변형"),
}

ROLE_TERMS: dict[str, Term] = {
    "family": Term("model family", "모델 계열"),
    "patch": Term("patch size {v}×{v}", "패치 크기 {v}×{v}"),
    "window": Term("attention window {v}", "어텐션 윈도우 {v}"),
    "resolution": Term("input resolution {v}×{v}", "입력 해상도 {v}×{v}"),
    "epochs": Term("{v} training epochs", "{v} 에폭 학습"),
    "variant": Term("architecture variant {v}", "아키텍처 변형 {v}"),
    "other": Term("tag detail {v}", "태그 세부 정보 {v}"),
    "samples": Term("{v}: number of training samples seen", "{v}: 학습 중 본 샘플 수"),
    "llm_size": Term("size of the language model this encoder belongs to ({v})", "이 인코더가 속한 언어 모델의 크기 ({v})"),
    "stride": Term("output stride / hybrid stem {v}", "출력 stride / 하이브리드 스템 {v}"),
    "depth": Term("depth or width setting {v}", "깊이 또는 너비 설정 {v}"),
}

STAGE_TERMS: dict[str, Term] = {
    "pretrain": Term("pretrained on", "사전학습"),
    "intermediate": Term("then trained on", "중간 학습"),
    "finetune": Term("fine-tuned on", "파인튜닝"),
    "train": Term("trained on", "학습"),
}

# ---- MMPretrain --------------------------------------------------------------------------------------------------

MMPRETRAIN_ALGORITHMS: dict[str, Term] = {
    "mae": Term("MAE: masked autoencoder pretraining", "MAE: 마스크드 오토인코더 사전학습"),
    "beit": Term("BEiT: masked image modelling with visual tokens", "BEiT: 시각 토큰을 쓰는 마스크드 이미지 모델링"),
    "beitv2": Term("BEiT v2: MIM with a semantic visual tokenizer", "BEiT v2: 의미 기반 토크나이저를 쓰는 MIM"),
    "simclr": Term("SimCLR: contrastive self-supervised learning", "SimCLR: 대조 자기지도 학습"),
    "mocov2": Term("MoCo v2: momentum contrast", "MoCo v2: 모멘텀 대조 학습"),
    "mocov3": Term("MoCo v3: momentum contrast for ViT", "MoCo v3: ViT용 모멘텀 대조 학습"),
    "byol": Term("BYOL: bootstrap your own latent", "BYOL: 자기 부트스트랩 잠재 학습"),
    "simmim": Term("SimMIM: simple masked image modelling", "SimMIM: 단순 마스크드 이미지 모델링"),
    "eva": Term("EVA: MIM towards CLIP features", "EVA: CLIP 특징을 복원하는 MIM"),
    "milan": Term("MILAN: masked image pretraining on language-assisted representation", "MILAN: 언어 보조 표현 기반 마스크드 사전학습"),
    "mixmim": Term("MixMIM: mixed masked image modelling", "MixMIM: 혼합 마스크드 이미지 모델링"),
    "dino": Term("DINO: self-distillation without labels", "DINO: 라벨 없는 자기 증류"),
    "cae": Term("CAE: context autoencoder", "CAE: 컨텍스트 오토인코더"),
    "maskfeat": Term("MaskFeat: masked feature prediction", "MaskFeat: 마스크드 특징 예측"),
    "barlowtwins": Term("Barlow Twins: redundancy reduction", "Barlow Twins: 중복 감소 자기지도 학습"),
    "swav": Term("SwAV: swapped assignment of views", "SwAV: 뷰 교차 할당 학습"),
    "densecl": Term("DenseCL: dense contrastive learning", "DenseCL: 밀집 대조 학습"),
    "simsiam": Term("SimSiam: simple siamese learning", "SimSiam: 단순 샴 네트워크 학습"),
}

MMPRETRAIN_PARTS: dict[str, Term] = {
    "algorithm": Term("algorithm info: the main training algorithm (omitted for supervised classification)", "알고리즘 정보: 주요 학습 알고리즘 (지도 분류 모델은 생략)"),
    "module": Term("module info: the backbone (neck and head may be omitted)", "모듈 정보: 백본 (넥·헤드는 생략 가능)"),
    "pretrain": Term("pretrain info: source, method, data and duration of the pretrained model, ending in -pre", "사전학습 정보: 사전학습 모델의 출처·방법·데이터·기간, 끝에 -pre"),
    "training": Term("training info: GPUs x batch per GPU, training type and recipe", "학습 정보: GPU 수 x GPU당 배치, 학습 종류와 레시피"),
    "data": Term("data info: dataset and input size", "데이터 정보: 데이터셋과 입력 크기"),
    "3rdparty": Term("3rdparty: converted from a third-party (e.g. official) repository", "3rdparty: 공식 저장소 등 외부에서 변환한 가중치"),
    "pre": Term("-pre: marks the end of the pretrain info", "-pre: 사전학습 정보의 끝 표시"),
    "ft": Term("ft: fine-tuning configuration", "ft: 파인튜닝 설정"),
    "pt": Term("pt: pretraining configuration", "pt: 사전학습 설정"),
    "amp": Term("amp: automatic mixed precision", "amp: 자동 혼합 정밀도"),
    "coslr": Term("coslr: cosine learning-rate schedule", "coslr: 코사인 학습률 스케줄"),
    "mixup": Term("mixup augmentation", "mixup 증강"),
    "autoaug": Term("AutoAugment", "AutoAugment 증강"),
    "lbs": Term("label smoothing", "라벨 스무딩"),
}

MMPRETRAIN_DATASETS: dict[str, str] = {
    "in1k": "in1k", "in21k": "in22k", "in22k": "in22k", "imagenet": "in1k", "imagenet21k": "in22k",
    "laion2b": "laion2b", "openai": "openai", "laion400m": "laion400m", "webli": "webli",
}

# ---- question semantics (kb.retrieval.filters reads names by these) -------------------------------------------------------

# Arch tokens that users name like families ("SigLIP models", "DINOv2 backbones"). They qualify another family
# (a DINOv2 ViT), so "DINOv2 ViT" means both while "ViT or ConvNeXt" means either.
TOKEN_FAMILIES = {"siglip", "siglip2", "dinov2", "dinov3", "clip", "eva", "mae", "betwixt", "so400m", "so150m"}

# Names a question may use for several dataset tokens at once ("DataComp" is datacomp1b or datacompxl).
DATASET_GROUPS: dict[str, set[str]] = {
    "datacomp": {"datacomp1b", "datacompxl"},
    "dfn": {"dfn2b", "dfn5b", "dfndr2b"},
    "laion": {"laion2b", "laion400m", "laiona"},
    "metaclip": {"metaclip", "metaclip2"},
    "yfcc": {"yfcc15m", "yfcc100m"},
    "lvd": {"lvd142m", "lvd1689m"},
}
# Tag tokens that are ImageNet-1k under a recipe name (resnet50.b1k_in1k): they do not break "in1k only".
IN1K_TOKENS = {"in1k", "b1k", "b2k"}
# A method a question names, and the name tokens that carry it ("torchvision" weights are tagged tv or tv2).
METHOD_TOKENS: dict[str, set[str]] = {"dist": {"dist", "distilled"}, "tv": {"tv", "tv2", "tv3"}}
