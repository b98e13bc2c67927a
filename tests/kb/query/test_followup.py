"""Follow-ups (kb.query.followup.merge) and the --where syntax (kb.query.syntax), pure functions."""

import pytest

from kb.errors import BadInput
from kb.query.expression import to_syntax
from kb.query.followup import merge
from kb.query.parse import understand
from kb.query.syntax import looks_like_syntax, parse_where


def turns(lexicon, *texts):
    previous = understand(texts[0], lexicon)
    for text in texts[1:]:
        previous, follow_up = merge(previous, understand(text, lexicon), text, lexicon)
    return to_syntax(previous.where), previous.sort, follow_up.mode


@pytest.mark.parametrize("texts, where, sort, mode", [
    (("tiny models pretrained on in22k", "only at 384"),
     "size:tiny AND data:in22k AND res:384 AND NOT family:test", "relevance", "refine"),
    (("swinv2 base at 256", "and at 384?"), "family:swinv2 AND size:base AND res:384 AND NOT family:test", "relevance", "refine"),
    (("apache-2.0 base 모델", "그 중에 파라미터 제일 적은 거"), "license:apache-2.0 AND size:base AND NOT family:test", "params_asc", "refine"),
    (("eva02 large at 448", "drop the ones that used m38m"),
     "family:eva02 AND size:large AND res:448 AND NOT data:m38m AND NOT family:test", "relevance", "refine"),
    (("convnextv2 tiny weights", "include nano as well"),
     "(arch:convnextv2_tiny OR arch:convnextv2_nano) AND NOT family:test", "relevance", "refine"),
    (("caformer in22k weights", "in22k 들어간 건 빼줘"), "family:caformer AND NOT data:in22k AND NOT family:test", "relevance", "refine"),
    (("swin large at 384", "different question: resnet50 trained on in1k only"),
     "arch:resnet50 AND stage:in1k_only AND NOT family:test", "relevance", "new"),
    (("hgnetv2_b4 weights", "b5는?"), "arch:hgnetv2_b5 AND NOT family:test", "relevance", "refine"),
    (("mobilevitv2 100 weights", "what about 125?"), "arch:mobilevitv2_125 AND NOT family:test", "relevance", "refine"),
    (("deit3 small at 224", "384로 바꿔줘"), "family:deit3 AND size:small AND res:384 AND NOT family:test", "relevance", "refine"),
    (("mobileone 모델들", "fastvit도 같이"), "(family:mobileone OR family:fastvit) AND NOT family:test", "relevance", "refine"),
    (("twins svt weights", "pcpvt ones too"),  # the addition joins the condition it can stand in for
     "token:twins AND (token:svt OR token:pcpvt) AND NOT family:test", "relevance", "refine"),
    (("hrnet w18 trained on in1k only", "include the in12k ones as well"),  # a dataset widens "in1k only"
     "arch:hrnet_w18 AND (stage:in1k_only OR data:in12k) AND NOT family:test", "relevance", "refine"),
    (("convnext in22k weights, not fine-tuned", "include the ones fine-tuned on in1k too"),  # the raw ones or that fine-tune
     "family:convnext AND ((data:in22k AND NOT stage:finetuned) OR (data:in22k AND finetune:in1k)) AND NOT family:test",
     "relevance", "refine"),
    (("tiny_vit 21m weights", "what about 5m?"),  # the new architecture's token replaces the old one
     "(name:tiny_vit_5m_224.dist_in22k OR name:tiny_vit_5m_224.dist_in22k_ft_in1k OR name:tiny_vit_5m_224.in1k) AND NOT family:test",
     "relevance", "refine"),
    (("fastvit sa12랑 sa24 가중치", "증류된 건 빼줘"),  # Korean "distilled"
     "(arch:fastvit_sa12 OR arch:fastvit_sa24) AND NOT (method:dist OR token:dist) AND NOT family:test", "relevance", "refine"),
    (("regnety top-1 80% 이상", "그럼 80% 미만인 건?"),  # the opposite bound at the same value replaces it
     "family:regnety AND top1<80 AND NOT family:test", "relevance", "refine"),
    (("resnet over 20M params", "and under 40M?"),  # opposite bounds with room between them make a range
     "family:resnet AND params>20M AND params<40M AND NOT family:test", "relevance", "refine"),
    (("deit small and base", "switch to ones under 10M params"),  # how big, asked anew: params replace the sizes
     "family:deit AND params<10M AND NOT family:test", "relevance", "refine"),
    (("swin tiny 랑 small", "파라미터 1억 넘는 걸로 바꿔줘"),
     "family:swin AND params>100M AND NOT family:test", "relevance", "refine"),
    (("coat lite 모델들", "그냥 coat도 같이 보여줘"),  # the subject again, without what narrowed it, added to it
     "((token:coat AND token:lite*) OR family:coat) AND NOT family:test", "relevance", "refine"),
    (("coat_lite weights", "plain coat too"),  # a family's whole name as an addition is a subject
     "(arch:coat_lite_* OR token:coat) AND NOT family:test", "relevance", "refine"),
    (("deit small checkpoints", "add deit3 small too"),  # the subject next to the size is added with it
     "(family:deit OR family:deit3) AND size:small AND NOT family:test", "relevance", "refine"),
    (("poolformer weights", "v2는?"),
     "family:poolformerv2 AND NOT family:test", "relevance", "refine"),
    (("inception_v3 weights", "what about v4?"),  # the architecture's version token in its place
     "arch:inception_v4 AND NOT family:test", "relevance", "refine"),
    (("levit weights", "only the in22k-distilled ones"),  # "only the …" restricts; it is no "only trained on"
     "family:levit AND data:in22k AND (method:dist OR token:dist) AND NOT family:test", "relevance", "refine"),
    (("mobileone weights", "also throw in fastvit"),
     "(family:mobileone OR family:fastvit) AND NOT family:test", "relevance", "refine"),
    (("poolformer weights", "include v2 as well"),
     "(family:poolformer OR family:poolformerv2) AND NOT family:test", "relevance", "refine"),
    (("convnext top-1 over 80", "raise the top-1 floor to 83"),  # a floor or a cap moved is the bound on that side
     "family:convnext AND top1>=83 AND NOT family:test", "relevance", "refine"),
    (("deit3_small_patch16_224 weights", "same, the 384 version"),  # the architecture that spells the new size
     "arch:deit3_small_patch16_384 AND NOT family:test", "relevance", "refine"),
    (("vit base trained on in1k only", "make it in21k -> in1k instead"),  # the data stages asked anew
     "family:vit AND size:base AND first:in22k AND finetune:in1k AND NOT family:test", "relevance", "refine"),
    (("resnet50 at least 50 img/s on CPU", "and the fastest of them?"),  # the speed of the device already named
     "arch:resnet50 AND images_per_sec_cpu>=50 AND NOT family:test", "images_per_sec_cpu_desc", "refine"),
    (("regnety tv2 weights", "regnetx tv2도 같이"),  # the tag goes with the subject written next to it
     "(family:regnety OR family:regnetx) AND tag:tv2 AND NOT family:test", "relevance", "refine"),
])
def test_a_second_turn_refines_or_starts_over(texts, where, sort, mode, lexicon):
    assert turns(lexicon, *texts) == (where, sort, mode)


@pytest.mark.parametrize("text", [
    "family:swin* AND license:mit AND params<=30M AND NOT tag:in22k",
    "(size:tiny OR size:small) AND NOT licence:noncommercial AND res>=384",
    "arch:vit_base_patch16_* AND top1>85 AND first:laion2b",
])
def test_the_where_syntax_reads_its_own_rendering(text):
    assert looks_like_syntax(text)
    where = parse_where(text)
    assert parse_where(to_syntax(where)) == where


@pytest.mark.parametrize("text, message", [
    ("family:swin AND", "ends where a condition should follow"), ("colour:red", "unknown field"),
    ("(size:tiny", "not closed"), ("params<=lots", "needs a number"), ("", "empty"),
])
def test_bad_where_syntax_is_one_clear_error(text, message):
    with pytest.raises(BadInput) as error:
        parse_where(text)
    assert message in error.value.message and error.value.exit_code == 2
