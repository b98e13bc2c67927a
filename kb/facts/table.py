"""Every fact of a weight, one row each: the single source the --where fields, the question parser's fact and
ranking words, sorting, the answer's JSON keys, the table and CSV columns, `kb compare`, `kb explain`, the app's
detail view and filter widgets, and `kb fields` are derived from. Adding a fact is adding a row here (and, when
timm publishes it somewhere new, reading it into the record in kb.registry.records).

`words` are regular expressions (case-insensitive; Latin words get ASCII word boundaries where they are used).
"""

from __future__ import annotations

from typing import Optional

from kb.facts.fact import Fact
from kb.registry.licenses import license_class
from kb.schema import ModelRecord

ALL = frozenset({"table", "compare", "detail", "csv"})
SHOWN = frozenset({"compare", "detail", "csv"})
IMAGENET = r"(?:image\s*net[\s\-_]?|이미지\s*넷[\s\-_]?|in[\-_])"  # "ImageNet-A", "in-a"; never "in a"
ACCURACY = r"(?:\s*(?:top[\s\-]?1|accuracy|acc|정확도|성능|점수|score|robustness))?"
SPEED = (r"(?:throughput|speed|images?\s*/\s*s(?:ec)?|images? per second|img\s*/\s*s|imgs?/s|fps|inference speed|처리량|속도"
         r"|초당\s*(?:이미지|처리|장)?(?:\s*(?:처리량|처리\s*속도|처리\s*수|수))?|추론\s*속도)")
BATCH1 = r"(?:[\s,]*(?:batch(?:\s*size)?\s*(?:of\s*)?1|배치\s*(?:크기\s*)?1)(?:\s*(?:에서|로))?)?"  # how timm measured it
FAST = (r"fast(?:er|est)?|quick(?:er|est)?|speedi(?:er|est)|빠른|빠르|빨라|빨리|고속",)
SLOW = (r"slow(?:er|est)?|느린|느리|느려",)


def _paper_urls(record: ModelRecord) -> list[str]:
    urls = []
    for paper in record.paper_ids:
        arxiv = paper.split(":", 1)[1] if paper.lower().startswith("arxiv:") else None
        urls.append(f"https://arxiv.org/abs/{arxiv}" if arxiv else paper if paper.startswith("http") else "")
    return [u for u in urls if u]


def _data_chain(record: ModelRecord) -> str | None:
    return " → ".join(f"{d.raw} ({d.stage})" for d in record.datasets) or None


def _speed(device: str, setting_en: str, setting_ko: str, column: str, syntax: tuple[str, ...], said: str,
           device_words: str, measured_en: str, measured_ko: str) -> Fact:
    """A throughput fact of timm's benchmark table: the same fact on each device, named and measured its way."""
    key = f"images_per_sec_{device}"
    return Fact(key=key, kind="number", label_en=f"images/s ({setting_en})", label_ko=f"초당 이미지 ({setting_ko})",
                read=lambda r: getattr(r, key), digits=1, measured=True, hit_key=key, places=SHOWN,
                column=(f"{column} images/s", f"{column} 초당 이미지"), unit="img/s", syntax=syntax, better="high",
                more=FAST, less=SLOW, words=(said, device_words),
                about_en=f"throughput on {measured_en}, at the input size (timm's benchmark table)",
                about_ko=f"{measured_ko}, 입력 크기에서의 처리량 (timm 벤치마크 표)")


FACTS: tuple[Fact, ...] = (
    # ---- what the name says (kb.naming decodes it; kb.retrieval.filters matches it by postings)
    Fact(key="name", kind="name", label_en="name", label_ko="이름", read=lambda r: r.name, column=("name", "이름"),
         about_en="the weight, arch.tag (a pattern with * ? [ ])", about_ko="가중치 이름 arch.tag (* ? [ ] 패턴 가능)",
         places=frozenset({"table", "csv"})),
    Fact(key="arch", kind="name", label_en="architecture", label_ko="아키텍처", read=lambda r: r.arch,
         about_en="the architecture, the part before the dot", about_ko="점 앞의 아키텍처"),
    Fact(key="family", kind="name", label_en="family", label_ko="계열", read=lambda r: r.family,
         places=frozenset({"detail", "widget"}),
         about_en="the model family (family:mobilenet* for every version)", about_ko="모델 계열 (family:mobilenet* 은 모든 버전)"),
    Fact(key="size", kind="name", label_en="size", label_ko="크기", read=lambda r: r.size, places=frozenset({"detail", "widget"}),
         about_en="a size class written in the architecture (tiny, small, base …)", about_ko="아키텍처에 적힌 크기 (tiny, small, base …)"),
    Fact(key="arch_token", kind="name", label_en="architecture token", label_ko="아키텍처 토큰", read=lambda r: r.arch.split("_"),
         syntax=("token",), about_en="any _ token of the architecture (gap, quickgelu, lite0; lite* for a stem)",
         about_ko="아키텍처의 _ 토큰 (gap, quickgelu, lite0; lite* 는 접두)"),
    Fact(key="tag", kind="name", label_en="tag", label_ko="태그", read=lambda r: r.tag,
         about_en="any _ token of the pretrained tag (augreg, sw, a1; datasets read in21k = in22k)",
         about_ko="태그의 _ 토큰 (augreg, sw, a1; in21k = in22k)"),
    Fact(key="method", kind="name", label_en="methods", label_ko="방법", read=lambda r: ", ".join(r.methods) or None,
         places=SHOWN, about_en="a training method or source in the name (clip, mae, dist, tv …)",
         about_ko="이름의 학습 방법이나 출처 (clip, mae, dist, tv …)"),
    Fact(key="data", kind="name", label_en="training data", label_ko="학습 데이터", read=_data_chain, syntax=("dataset",),
         places=frozenset({"compare", "detail", "widget"}), about_en="a dataset anywhere in the tag",
         about_ko="태그 어디든 있는 데이터셋"),
    Fact(key="pretrain", kind="name", label_en="pretrained on", label_ko="사전학습 데이터", read=_data_chain,
         about_en="a dataset before the final fine-tune", about_ko="마지막 파인튜닝 전의 데이터셋"),
    Fact(key="finetune", kind="name", label_en="fine-tuned on", label_ko="파인튜닝 데이터", read=_data_chain,
         about_en="a dataset of a fine-tune step", about_ko="파인튜닝 단계의 데이터셋"),
    Fact(key="first", kind="name", label_en="first dataset", label_ko="첫 데이터셋", read=_data_chain,
         about_en="the first dataset of the tag", about_ko="태그의 첫 데이터셋"),
    Fact(key="last", kind="name", label_en="last dataset", label_ko="마지막 데이터셋", read=_data_chain,
         about_en="the last dataset of the tag", about_ko="태그의 마지막 데이터셋"),
    Fact(key="stage", kind="name", label_en="stage", label_ko="단계", read=lambda r: None,
         about_en="finetuned, or in1k_only (every dataset ImageNet-1k)", about_ko="finetuned 또는 in1k_only"),
    Fact(key="patch", kind="name", label_en="patch size", label_ko="패치 크기", read=lambda r: r.patch_size,
         about_en="the patch size written in the architecture (patch16, p8)", about_ko="아키텍처의 패치 크기 (patch16, p8)"),
    Fact(key="epochs", kind="name", label_en="epochs", label_ko="에폭", read=lambda r: None,
         about_en="a training length written in the tag (300e, e150)", about_ko="태그의 학습 길이 (300e, e150)"),
    # ---- size, accuracy and input size: what most questions are about
    Fact(key="params", ways=("most", "fewest", "많은", "적은"),  kind="number", label_en="params (M)", label_ko="파라미터 (M)", read=lambda r: r.params_m, unit="M", digits=2,
         hit_key="params_m", column=("params (M)", "파라미터 (M)"), places=ALL | {"widget"},
         words=(r"param(?:eter)?s?(?:\s*count)?|model size|weights? size", r"파라미터|매개\s*변수|모수|모델\s*크기"),
         more=(r"larg(?:e|er|est)|bigg?(?:er|est)?|heav(?:y|ier|iest)", r"큰|크고|무거운|무겁"),
         less=(r"small(?:er|est)?|light(?:er|est)?|tin(?:y|ier|iest)|compact|lean(?:er|est)?", r"작은|작고|가벼운|가볍|경량"),
         about_en="parameters in millions, counted on the meta device", about_ko="파라미터 수 (백만), meta 장치에서 셈"),
    Fact(key="top1", kind="number", label_en="ImageNet top-1 (%)", label_ko="ImageNet top-1 (%)", read=lambda r: r.top1,
         digits=2, percent=True, unit="%", hit_key="top1", column=("top-1", "top-1"), places=ALL | {"widget"},
         better="high", words=(r"(?:image\s*net(?:[\s\-]?1k)?[\s\-]*)?top[\s\-_]?1(?:\s*(?:accuracy|acc))?|acc@1|accuracy", r"탑\s*1|정확도|성능"),
         more=(r"more accurate|better|strong(?:er|est)", r"정확한|정확하|좋은|높은\s*정확도"),
         about_en="ImageNet-1k validation top-1 at the input size (timm's results table)",
         about_ko="입력 크기에서의 ImageNet-1k 검증 top-1 (timm 결과 표)"),
    Fact(key="top5", kind="number", label_en="ImageNet top-5 (%)", label_ko="ImageNet top-5 (%)", read=lambda r: r.top5,
         digits=2, percent=True, unit="%", hit_key="top5", column=("top-5", "top-5"), places=ALL, drop=3, better="high",
         words=(r"top[\s\-_]?5(?:\s*(?:accuracy|acc))?|acc@5", r"탑\s*5"),
         about_en="ImageNet-1k validation top-5 at the input size", about_ko="입력 크기에서의 ImageNet-1k 검증 top-5"),
    Fact(key="resolution", type_=Optional[int], kind="number", label_en="input size", label_ko="입력 크기", read=lambda r: r.resolution,
         unit="px", hit_key="resolution", syntax=("res",), column=("res", "해상도"), places=ALL | {"widget"},
         words=(r"(?:input\s*)?(?:resolution|res|image\s*size|input\s*size|img\s*size)|input(?=\s*(?:vs\.?|and|&|/|or)\s*test)", r"해상도|입력\s*(?:크기|사이즈)|이미지\s*(?:크기|사이즈)"),
         more=(r"higher[\s\-]res\w*|(?:larger|bigger|higher)\s+(?:input|resolution|res)",
               r"(?:큰|높은|더\s*큰|더\s*높은)\s*(?:해상도|입력\s*(?:크기|사이즈))"),
         less=(r"lower[\s\-]res\w*|(?:smaller|lower)\s+(?:input|resolution|res)",
               r"(?:작은|낮은|더\s*작은|더\s*낮은)\s*(?:해상도|입력\s*(?:크기|사이즈))"),
         about_en="the pretrained cfg's input size (the side, px)",
         about_ko="사전학습 cfg의 입력 크기 (한 변, px)"),
    Fact(key="test_resolution", type_=Optional[int], kind="number", label_en="test size", label_ko="테스트 크기", read=lambda r: r.test_resolution,
         unit="px", hit_key="test_resolution", syntax=("test_res", "test_size"), column=("test res", "테스트 해상도"),
         places=ALL, drop=2,
         words=(r"test(?:ing)?[\s\-_]*(?:time[\s\-_]*)?(?:input[\s\-_]*)?(?:size|res(?:olution)?)|eval(?:uation)?[\s\-_]*(?:size|res(?:olution)?)",
                r"(?:테스트|test)\s*(?:해상도|크기|사이즈|입력\s*크기)|평가\s*(?:해상도|크기)"),
         about_en="a larger size timm evaluates the weight at (test_input_size)", about_ko="timm이 평가하는 더 큰 크기 (test_input_size)"),
    Fact(key="top1_test", kind="number", label_en="top-1 at the test size (%)", label_ko="테스트 크기 top-1 (%)",
         read=lambda r: r.top1_test, digits=2, percent=True, unit="%", hit_key="top1_test",
         column=("top-1 @test", "테스트 top-1"), places=ALL, drop=4, better="high",
         # "scores best at its test resolution": at the test size, the score is this top-1
         words=(r"(?:top[\s\-_]?1\s*(?:accuracy\s*)?)?(?:at|@|on)\s*(?:its\s*|the\s*|that\s*)?test[\s\-_]*(?:size|res\w*|time)"
                r"|test[\s\-_]*(?:size|res\w*|time)\s*(?:top[\s\-_]?1|탑\s*1)|top[\s\-_]?1\s+there(?![a-z])",
                # "test size로 평가했을 때 top-1", "테스트 해상도에서의 정확도"
                r"(?:테스트|test)\s*(?:해상도|크기|사이즈|size|res\w*)\s*(?:에서(?:의|는)?|에선|의|(?:으로|로)\s*평가\w*\s*(?:때|시)?(?:의)?)?"
                r"\s*(?:top[\s\-_]?1|탑\s*1|정확도)"
                # "테스트 해상도로 돌리면 80 넘는": what it scores when run at the test size
                r"|(?:테스트|test)\s*(?:해상도|크기|사이즈)\s*(?:으로|로|에서)\s*(?:돌리면|재면|평가하면|테스트하면|돌렸을\s*때)"),
         about_en="ImageNet-1k top-1 at the test size, where timm measured it", about_ko="테스트 크기에서의 ImageNet-1k top-1"),
    Fact(key="top5_test", kind="number", label_en="top-5 at the test size (%)", label_ko="테스트 크기 top-5 (%)",
         read=lambda r: r.top5_test, digits=2, percent=True, unit="%", hit_key="top5_test", places=SHOWN, better="high",
         words=(r"top[\s\-_]?5\s*(?:accuracy\s*)?(?:at|@|on)\s*(?:the\s*)?test[\s\-_]*(?:size|res\w*|time)",
                r"테스트\s*(?:해상도|크기|사이즈)\s*(?:에서(?:의)?|의)?\s*(?:top[\s\-_]?5|탑\s*5)"),
         about_en="ImageNet-1k top-5 at the test size", about_ko="테스트 크기에서의 ImageNet-1k top-5"),
    # ---- licence
    Fact(key="license", kind="text", label_en="licence", label_ko="라이선스", read=lambda r: r.license, hit_key="license",
         syntax=("licence",), places=frozenset({"table", "compare", "detail", "csv", "widget"}),
         words=(r"licen[cs]e[sd]?", r"라이선스|라이센스"),
         about_en="the licence id of the pretrained cfg (licence:noncommercial names a class)",
         about_ko="사전학습 cfg의 라이선스 id (licence:noncommercial 은 분류)"),
    Fact(key="license_class", kind="text", label_en="licence class", label_ko="라이선스 분류",
         read=lambda r: license_class(r.license), hit_key="license_class", places=frozenset({"compare", "detail", "csv"}),
         about_en="permissive, noncommercial, custom or unknown (kb licenses)",
         about_ko="permissive, noncommercial, custom, unknown (kb licenses)"),
    # ---- compute, speed and the head (timm's benchmark tables, the pretrained cfg)
    Fact(key="gmacs", ways=("most", "fewest", "많은", "적은"),  kind="number", label_en="GMACs", label_ko="GMACs", read=lambda r: r.gmacs, digits=2, measured=True,
         hit_key="gmacs", places=SHOWN, unit="GMACs",
         more=(r"(?:more\s+)?expensive|costl(?:y|ier|iest)", r"비싼"), less=(r"cheap(?:er|est)?", r"저렴한|싼"),
         words=(r"g?macs?|g?flops|multiply[\s\-]accumulates?|compute(?:\s*cost)?", r"연산량|계산량|맥스"),
         about_en="billions of multiply-accumulates at the input size (timm's benchmark table)",
         about_ko="입력 크기에서의 곱셈-누산 수 (십억, timm 벤치마크 표)"),
    Fact(key="macts", ways=("most", "fewest", "많은", "적은"),  kind="number", label_en="activations (M)", label_ko="활성화 (M)", read=lambda r: r.macts, digits=2,
         measured=True, hit_key="macts", places=SHOWN, unit="M", syntax=("activations",),
         words=(r"activations?(?:\s*(?:count|memory|size))?|macts", r"활성화(?:\s*(?:값|수|메모리|크기))?|액티베이션"),
         about_en="activations in millions at the input size (timm's benchmark table)",
         about_ko="입력 크기에서의 활성화 수 (백만, timm 벤치마크 표)"),
    _speed("gpu", "RTX 4090, AMP", "RTX 4090, AMP", "GPU", ("gpu_speed", "ips_gpu", "gpu"),
           rf"(?:rtx\s*)?(?:gpu|4090|cuda)(?:\s*(?:에서|on|의|기준(?:으로)?))?\s*{SPEED}|{SPEED}\s*(?:on|in|at)?\s*(?:an?\s+|the\s+)?(?:rtx\s*)?(?:gpu|4090|cuda)",
           r"gpu|4090|그래픽\s*카드", "an RTX 4090, AMP, batch 1024", "RTX 4090, AMP, 배치 1024"),
    _speed("cpu", "CPU, fp32, batch 1", "CPU, fp32, 배치 1", "CPU", ("cpu_speed", "ips_cpu", "cpu"),
           rf"(?:cpu|i7)(?:\s*\([^()]{{1,30}}\))?{BATCH1}(?:\s*(?:에서|on|의|기준(?:으로)?))?\s*{SPEED}|{SPEED}\s*(?:on|in|at)?\s*(?:an?\s+|the\s+)?(?:cpu|i7){BATCH1}",
           r"cpu|씨피유|i7", "an i7-12700H CPU, fp32, batch 1", "i7-12700H CPU, fp32, 배치 1"),
    Fact(key="fixed_input_size", kind="flag", label_en="fixed input size", label_ko="입력 크기 고정",
         read=lambda r: r.fixed_input_size, hit_key="fixed_input_size", syntax=("fixed", "fixed_size"), places=SHOWN,
         words=(r"fixed[\s\-_]*(?:input[\s\-_]*)?(?:size|res\w*)|fixed[\s\-]size input|input\s*(?:size|res\w*)\s*(?:is\s+)?fixed",
                r"입력\s*(?:(?:크기|해상도|사이즈)\s*)?(?:가|이)?\s*고정|고정\s*(?:된\s*)?(?:입력|해상도|크기)"),
         about_en="the model cannot take another input size (most ViTs)", about_ko="다른 입력 크기를 받을 수 없음 (대부분의 ViT)"),
    Fact(key="num_classes", ways=("most", "fewest", "많은", "적은"),  type_=Optional[int], kind="number", label_en="classifier classes", label_ko="분류 헤드 클래스 수",
         read=lambda r: r.num_classes, digits=0, hit_key="num_classes", places=SHOWN, syntax=("classes", "head"),
         words=(r"num[\s_]?classes|number of classes|classes|class count|classifier(?:\s*head)?(?:\s*size)?|head",
                r"클래스\s*(?:수|개수)?|분류\s*헤드|헤드"),
         about_en="classes of the classifier head; 0: no head (a feature extractor)",
         about_ko="분류 헤드의 클래스 수; 0: 헤드 없음 (특징 추출기)"),
    # ---- robustness: top-1 on the other ImageNet test sets (timm's results tables, at the input size)
    Fact(key="top1_real", kind="number", label_en="ImageNet-ReaL top-1 (%)", label_ko="ImageNet-ReaL top-1 (%)",
         read=lambda r: r.top1_real, digits=2, percent=True, unit="%", hit_key="top1_real", places=SHOWN,
         better="high", syntax=("real",), words=(rf"{IMAGENET}real{ACCURACY}|real labels?|real\s*(?:top[\s\-]?1|accuracy|acc)(?![a-z0-9])"
                                                 # "ReaL이랑 V2", "ReaL 점수", "top5 and ReaL": the test set in a list
                                                 r"|real\s*(?:점수|정확도)|real(?=\s*(?:이랑|랑|과|와|하고|보다|,|/|and\s+(?:v2|sketch|imagenet|in[\-_]|a\b|r\b)))"
                                                 r"|real(?=\s*(?:>=|<=|>|<|=|\d|above|over|below|under|at\s+least|of\s+\d|이상|이하|넘))"
                                                 r"|(?:(?<=and )|(?<=, )|(?<=,)|(?<=& )|(?<=best )|(?<=highest )|(?<=lowest )"
                                                 r"|(?<=worst )|(?<=top ))real(?![a-z])",
                                                 r"이미지넷\s*[\-_]?\s*real|리얼"),
         about_en="top-1 on ImageNet-ReaL (reassessed labels)", about_ko="ImageNet-ReaL(재검수 레이블) top-1"),
    Fact(key="top1_v2", kind="number", label_en="ImageNet-V2 top-1 (%)", label_ko="ImageNet-V2 top-1 (%)",
         read=lambda r: r.top1_v2, digits=2, percent=True, unit="%", hit_key="top1_v2", places=SHOWN, better="high",
         syntax=("v2",), words=(rf"{IMAGENET}v2(?:[\s\-_]*matched[\s\-_]*frequency)?{ACCURACY}|imagenetv2"
                                # "ReaL이랑 V2 top-1", "V2 numbers": the test set, not a model's version
                                # (never after a family's name: "mobilenet v2 top1 75" is MobileNet V2's top-1)
                                r"|(?:(?<=^)|(?<=and )|(?<=, )|(?<=,)|(?<=/)|(?<=랑 )|(?<=과 )|(?<=와 )|(?<=the )|(?<=its )|(?<=on ))"
                                r"v2(?:\s*(?:top[\s\-_]?1|탑\s*1|accuracy|acc\b|정확도|점수|scores?|numbers?|results?)"
                                r"|(?=\s*(?:and|,|/|이랑|랑)\s*(?:a|r|real|sketch)\b))"
                                r"|(?<=real)(?:\s*(?:이랑|랑|과|와|하고|and|,|/)\s*)v2(?:\s*(?:top[\s\-_]?1|탑\s*1))?",
                                r"이미지넷\s*[\-_]?\s*v2"),
         about_en="top-1 on ImageNet-V2 (matched frequency)", about_ko="ImageNet-V2 (matched frequency) top-1"),
    Fact(key="top1_sketch", kind="number", label_en="ImageNet-Sketch top-1 (%)", label_ko="ImageNet-Sketch top-1 (%)",
         read=lambda r: r.top1_sketch, digits=2, percent=True, unit="%", hit_key="top1_sketch", places=SHOWN,
         better="high", syntax=("sketch",), words=(rf"(?:{IMAGENET})?sketch{ACCURACY}", rf"(?:이미지넷\s*[\-_]?\s*)?스케치{ACCURACY}"),
         about_en="top-1 on ImageNet-Sketch", about_ko="ImageNet-Sketch top-1"),
    Fact(key="top1_a", kind="number", label_en="ImageNet-A top-1 (%)", label_ko="ImageNet-A top-1 (%)",
         read=lambda r: r.top1_a, digits=2, percent=True, unit="%", hit_key="top1_a", places=SHOWN, better="high",
         syntax=("imagenet_a",), words=(rf"{IMAGENET}a(?![a-z0-9]){ACCURACY}|natural adversarial(?: examples)?"
                                        r"|(?<![a-z0-9])a\s*(?:점수|정확도|탑\s*1)"  # "A 점수": the test set, said short
                                        r"|(?:(?<=v2 and )|(?<=real and )|(?<=r and )|(?<=v2, )|(?<=r, ))a(?:\s*top[\s\-_]?1)?(?![a-z])",
                                        r"이미지넷\s*[\-_]?\s*a(?![a-z0-9])"),
         about_en="top-1 on ImageNet-A (natural adversarial examples)", about_ko="ImageNet-A(자연 적대적 예제) top-1"),
    Fact(key="top1_r", kind="number", label_en="ImageNet-R top-1 (%)", label_ko="ImageNet-R top-1 (%)",
         read=lambda r: r.top1_r, digits=2, percent=True, unit="%", hit_key="top1_r", places=SHOWN, better="high",
         syntax=("imagenet_r",), words=(rf"{IMAGENET}r(?![a-z0-9]){ACCURACY}|renditions?|(?<![a-z0-9])r\s*(?:점수|정확도|탑\s*1)"
                                        r"|(?:(?<=,)|(?<=, )|(?<=/))r(?![a-z0-9])|(?<=and )-r(?![a-z0-9])",  # "ImageNet-A, R, ReaL"
                                        r"이미지넷\s*[\-_]?\s*r(?![a-z0-9])"),
         about_en="top-1 on ImageNet-R (renditions)", about_ko="ImageNet-R(렌디션) top-1"),
    # ---- preprocessing (nested under "preprocessing" in an answer's models)
    Fact(key="input_size", type_=tuple[int, int, int], kind="display", label_en="input size (C, H, W)", label_ko="입력 크기 (C, H, W)",
         read=lambda r: r.input_size, hit_key="input_size", group="preprocessing"),
    Fact(key="interpolation", kind="text", label_en="interpolation", label_ko="보간", read=lambda r: r.interpolation,
         hit_key="interpolation", group="preprocessing", places=SHOWN,
         words=(r"interpolation|resiz(?:e|ing)\s*(?:method|mode|filter)", r"보간(?:\s*방식|\s*방법)?|리사이즈\s*방식"),
         values={"bicubic": (r"bicubic|bi-cubic", r"바이큐빅|쌍삼차"), "bilinear": (r"bilinear|bi-linear", r"바이리니어|쌍선형"),
                 "nearest": (r"nearest(?:[\s\-]neighbou?r)?",)},
         about_en="the resize filter of the pretrained cfg", about_ko="사전학습 cfg의 리사이즈 필터"),
    Fact(key="crop_pct", kind="number", label_en="crop pct", label_ko="크롭 비율", read=lambda r: r.crop_pct,
         hit_key="crop_pct", group="preprocessing", places=SHOWN, syntax=("crop",),
         words=(r"crop[\s_]*(?:pct|percent(?:age)?|ratio|fraction)", r"크롭\s*(?:비율|퍼센트|비)"),
         about_en="the share of the resized image the centre crop keeps", about_ko="리사이즈한 이미지에서 크롭이 남기는 비율"),
    Fact(key="test_crop_pct", kind="number", label_en="test crop pct", label_ko="테스트 크롭 비율",
         read=lambda r: r.test_crop_pct, hit_key="test_crop_pct", group="preprocessing", places=frozenset({"detail"}),
         words=(r"test[\s_]*crop[\s_]*(?:pct|percent(?:age)?|ratio)", r"테스트\s*크롭\s*비율"),
         about_en="the crop pct at the test size", about_ko="테스트 크기에서의 크롭 비율"),
    Fact(key="crop_mode", kind="text", label_en="crop mode", label_ko="크롭 방식", read=lambda r: r.crop_mode,
         hit_key="crop_mode", group="preprocessing", places=SHOWN,
         words=(r"crop[\s_]*(?:mode|method|type|style)", r"크롭\s*(?:모드|방식|방법)"),
         values={"center": (r"cent(?:er|re)[\s\-]?crop(?:ped|ping)?", r"센터\s*크롭|중앙\s*크롭"),
                 "squash": (r"squash(?:ed|ing)?", r"스쿼시|찌그러"), "border": (r"border(?:[\s\-]crop)?", r"보더")},
         about_en="center, squash (resize without cropping) or border", about_ko="center, squash(자르지 않고 리사이즈), border"),
    Fact(key="mean", type_=Optional[tuple[float, ...]], kind="display", label_en="mean", label_ko="평균", read=lambda r: r.mean, hit_key="mean",
         group="preprocessing", places=frozenset({"detail"})),
    Fact(key="std", type_=Optional[tuple[float, ...]], kind="display", label_en="std", label_ko="표준편차", read=lambda r: r.std, hit_key="std",
         group="preprocessing", places=frozenset({"detail"})),
    Fact(key="normalization", kind="text", label_en="normalisation (mean / std)", label_ko="정규화 (mean / std)",
         read=lambda r: r.normalization, hit_key="normalization", group="preprocessing", places=SHOWN,
         syntax=("norm", "mean_std"),
         words=(r"normali[sz]ation|normali[sz]e|mean\s*(?:/|and|&)\s*std|mean[\s\-]std|mean and standard deviation",
                r"정규화|평균\s*(?:/|과|,|와)?\s*표준\s*편차|mean\s*/\s*std"),
         values={"imagenet_default": (r"imagenet[\s_\-]?default|(?:standard|default|usual)\s+imagenet(?:\s+(?:mean|normali[sz]ation|stats))?",
                                      r"이미지넷\s*기본"),
                 # timm's constant as written ("IMAGENET_INCEPTION") needs no context; a bare "inception" does
                 "imagenet_inception": (r"imagenet[\s_\-]?inception|inception(?:[\s\-]style)?(?=\s*(?:mean|normali|norm|정규화|평균|상수|constant))"
                                        r"|0\.5\s*mean|\(?\s*0\.5\s*/\s*0\.5\s*\)?|mean\s*/\s*std\s*(?:가|이|는|=|:)?\s*0\.5",),
                 "openai_clip": (r"openai_clip|(?:openai[\s\-]?)?clip(?=\s*(?:mean|normali|norm|stats|정규화|평균|\s*/\s*std))",),
                 "imagenet_dpn": (r"dpn(?=\s*(?:mean|normali|norm|정규화|평균))",),
                 "none": (r"(?:no|without|skips?|skipping)\s+(?:the\s+)?(?:mean[\s/\-]*std\s+)?normali[sz]ation"
                          r"|\(?\s*mean\s*(?:=|of)?\s*0\s*,?\s*(?:and\s+)?std\s*(?:=|of)?\s*1\s*\)?",
                          r"정규화\s*(?:를|가)?\s*(?:안|없|하지\s*않|생략)\w*")},
         about_en="the timm constant the mean / std equal (IMAGENET_DEFAULT, IMAGENET_INCEPTION, OPENAI_CLIP …; NONE: mean 0, std 1)",
         about_ko="mean / std와 같은 timm 상수 (IMAGENET_DEFAULT, IMAGENET_INCEPTION, OPENAI_CLIP …; NONE: mean 0, std 1)"),
    # ---- where it comes from and how to load it
    Fact(key="paper", type_=list[str], kind="text", label_en="paper", label_ko="논문", read=lambda r: r.paper_ids, hit_key="paper_ids",
         places=SHOWN, syntax=("arxiv",), words=(r"paper|arxiv(?:\s*(?:id|ids|number|no\.?))?|publication", r"논문|arxiv\s*번호"),
         about_en="the paper ids of the pretrained cfg (arXiv:2110.00476)", about_ko="사전학습 cfg의 논문 id (arXiv:2110.00476)"),
    Fact(key="paper_name", kind="text", label_en="paper title", label_ko="논문 제목", read=lambda r: r.paper_name,
         hit_key="paper_name", places=frozenset({"detail"}),
         about_en="the paper's title, where the cfg gives it", about_ko="cfg에 있는 논문 제목"),
    Fact(key="paper_urls", type_=list[str], kind="display", label_en="paper links", label_ko="논문 링크", read=_paper_urls, hit_key="paper_urls"),
    Fact(key="hf_hub_id", kind="text", label_en="Hugging Face hub id", label_ko="Hugging Face 허브 id",
         read=lambda r: r.hf_hub_id, hit_key="hf_hub_id", places=frozenset({"detail"}), syntax=("hub",),
         words=(r"(?:hf|hugging\s*face)?\s*hub[\s_]*id|(?:hf|hugging\s*face)(?:[\s_]*hub)?[\s_]*(?:repo(?:sitory)?|model\s*card|page)"
                r"|hf[\s_]*hub|hub\s*repo(?:sitory)?|repo(?:sitory)?\s*id",
                r"허브\s*(?:id|아이디)|(?:허깅\s*페이스|hf)\s*(?:허브|저장소|레포|리포|(?:허브\s*)?(?:id|아이디))"),
         about_en="the Hugging Face repository the weights load from", about_ko="가중치를 받는 Hugging Face 저장소"),
    Fact(key="hf_url", type_=Optional[str], kind="display", label_en="Hugging Face", label_ko="Hugging Face", read=lambda r: r.hf_url,
         hit_key="hf_url", column=("link", "링크"), places=frozenset({"table", "csv", "detail"}), drop=1),
    Fact(key="create_model", type_=str, kind="display", label_en="load it with", label_ko="불러오는 코드",
         read=lambda r: f'timm.create_model("{r.name}", pretrained=True)', hit_key="create_model",
         places=frozenset({"detail"}),
         words=(r"create_model|how (?:do i|to|can i) load(?: it)?|load(?:ing)?\s*(?:code|line|snippet)",
                r"불러오는\s*(?:코드|법|방법)|로드\s*(?:코드|하는\s*법|방법)|생성\s*코드")),
)
