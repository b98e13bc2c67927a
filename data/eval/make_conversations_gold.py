"""Blind two-turn conversation set for timm-kb: writes data/eval/blind-conversations.jsonl.

Each entry is (lang, [turn1, turn2], spec, extra). spec is the meaning of the SECOND turn's answer in context:
for a refinement, turn 1's conditions plus / replaced by turn 2's; for a new subject, only turn 2's.
extra holds follow_up ("refine" | "new_subject"), class, turn1_spec (informational: the meaning of turn 1 alone,
used here only for the subset / superset sanity checks) and optional notes.
Gold is computed with gold.gold(spec); never hand-typed.
Run from data/eval:  ../../.venv/bin/python make_conversations_gold.py
"""
import collections, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gold import gold  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'blind-conversations.jsonl')
IN22 = ['in21k', 'in22k']


def R(cls, t1, **kw):
    """extra for a refinement of turn 1 (spec t1)."""
    return dict(follow_up='refine', **{'class': cls}, turn1_spec=t1, **kw)


def N(t1, **kw):
    """extra for a second turn that starts a new subject."""
    return dict(follow_up='new_subject', **{'class': 'new_subject'}, turn1_spec=t1, **kw)


C = [
    # ------------------------------------------------------------------ English
    ('en', ['deit3 weights pretrained on in22k', 'of those, just the large ones'],
     {'arch_regex': '^deit3_', 'data_any': IN22, 'size': ['large']},
     R('narrow', {'arch_regex': '^deit3_', 'data_any': IN22})),
    ('en', ['swinv2 base checkpoints at 256 res', 'and at 384?'],
     {'arch_regex': '^swinv2_', 'size': ['base'], 'res': 384},
     R('change_value', {'arch_regex': '^swinv2_', 'size': ['base'], 'res': 256})),
    ('en', ['convformer models with in22k pretraining', 'which one of those is most accurate on imagenet?'],
     {'arch_regex': '^convformer_', 'data_any': IN22, 'sort': 'top1'},
     R('rank', {'arch_regex': '^convformer_', 'data_any': IN22})),
    ('en', ['eva02 large weights at 448', 'drop the ones that used m38m'],
     {'arch_regex': '^eva02_', 'size': ['large'], 'res': 448, 'not': {'tag_has': ['m38m']}},
     R('exclude', {'arch_regex': '^eva02_', 'size': ['large'], 'res': 448})),
    ('en', ['convnextv2 tiny weights', 'include nano as well'],
     {'arch_regex': '^convnextv2_', 'size': ['tiny', 'nano']},
     R('widen', {'arch_regex': '^convnextv2_', 'size': ['tiny']})),
    ('en', ['swin large weights at 384', 'different question: which resnet50 weights were trained on in1k only?'],
     {'arch_regex': '^resnet50$', 'in1k_only': True},
     N({'arch_regex': '^swin_', 'size': ['large'], 'res': 384},
       note='resnet50 = the exact arch resnet50 (not resnet50d / resnet50_gn ...); in1k only = no other dataset token')),
    ('en', ['anything under 5M params?', 'only the ones hitting at least 75% top-1'],
     {'max_params_m': 5, 'min_top1': 75},
     R('narrow', {'max_params_m': 5})),
    ('en', ['tf_efficientnetv2_s weights that used in21k', 'what about the m variant?'],
     {'arch_regex': '^tf_efficientnetv2_m$', 'data_any': IN22},
     R('change_value', {'arch_regex': '^tf_efficientnetv2_s$', 'data_any': IN22})),
    ('en', ['apache-2.0 models with at least 85% top-1', 'which of those has the fewest params?'],
     {'license': 'apache-2.0', 'min_top1': 85, 'sort': 'params_asc'},
     R('rank', {'license': 'apache-2.0', 'min_top1': 85})),
    ('en', ['regnety_160 weights', 'drop the non-commercial ones'],
     {'arch_regex': '^regnety_160$', 'not': {'license': 'cc-by-nc-4.0'}},
     R('exclude', {'arch_regex': '^regnety_160$'},
       note='the only non-commercial licence among regnety_160 weights is cc-by-nc-4.0 (the swag ones)')),
    ('en', ['mobilenetv3 large weights', 'ok new topic - caformer weights at 384'],
     {'arch_regex': '^caformer_', 'res': 384},
     N({'arch_regex': '^mobilenetv3_', 'size': ['large']})),
    ('en', ['convnext_tiny weights at 384', 'also include convnextv2_tiny at that res'],
     {'res': 384, 'any': [{'arch_regex': '^convnext_tiny$'}, {'arch_regex': '^convnextv2_tiny$'}]},
     R('widen', {'arch_regex': '^convnext_tiny$', 'res': 384})),
    ('en', ['maxvit tiny tf weights at 512', 'what about small instead of tiny?'],
     {'arch_regex': '^maxvit_', 'arch_has': ['tf'], 'size': ['small'], 'res': 512},
     R('change_value', {'arch_regex': '^maxvit_', 'arch_has': ['tf'], 'size': ['tiny'], 'res': 512})),
    # ------------------------------------------------------------------ Korean
    ('ko', ['regnety 중에 in12k 들어간 웨이트', '그중에 파라미터 80M 미만인 것만'],
     {'arch_regex': '^regnety_', 'data_any': ['in12k'], 'max_params_m': 80},
     R('narrow', {'arch_regex': '^regnety_', 'data_any': ['in12k']})),
    ('ko', ['convnext_base 384 해상도 웨이트 뭐있음?', '384 말고 224는?'],
     {'arch_regex': '^convnext_base$', 'res': 224},
     R('change_value', {'arch_regex': '^convnext_base$', 'res': 384})),
    ('ko', ['maxvit 중에 in21k로 사전학습된 거', '그 중에 제일 정확한 거 하나만'],
     {'arch_regex': '^maxvit_', 'data_any': IN22, 'sort': 'top1'},
     R('rank', {'arch_regex': '^maxvit_', 'data_any': IN22})),
    ('ko', ['mit 라이선스인 tiny 모델들', '그중 파라미터 제일 많은 거'],
     {'license': 'mit', 'size': ['tiny'], 'sort': 'params_desc'},
     R('rank', {'license': 'mit', 'size': ['tiny']})),
    ('ko', ['caformer 웨이트 다 보여줘', 'in22k 들어간 건 빼줘'],
     {'arch_regex': '^caformer_', 'not': {'data_any': IN22}},
     R('exclude', {'arch_regex': '^caformer_'})),
    ('ko', ['vit_tiny 384 해상도 웨이트', 'vit_small도 포함해서'],
     {'arch_regex': '^vit_(tiny|small)_', 'res': 384},
     R('widen', {'arch_regex': '^vit_tiny_', 'res': 384},
       note='vit_tiny / vit_small = archs named vit_tiny_* / vit_small_* (incl. the _r_ hybrids), not vit_pe_core_*')),
    ('ko', ['deit base 모델', '다른 질문인데, cc-by-nc-4.0 라이선스 모델 중에 top-1 제일 높은 거 뭐야?'],
     {'license': 'cc-by-nc-4.0', 'sort': 'top1'},
     N({'arch_regex': '^deit_', 'size': ['base']})),
    ('ko', ['swinv2 256 해상도 웨이트', '별개로, mobilenetv4 중에 in12k 데이터 쓴 거 있어?'],
     {'arch_regex': '^mobilenetv4_', 'data_any': ['in12k']},
     N({'arch_regex': '^swinv2_', 'res': 256})),
    ('ko', ['파라미터 10M 미만인데 top-1 80 이상인 모델', '그중에 224 해상도만'],
     {'max_params_m': 10, 'min_top1': 80, 'res': 224},
     R('narrow', {'max_params_m': 10, 'min_top1': 80})),
    ('ko', ['hgnetv2 b4 웨이트', 'b5는?'],
     {'arch_regex': '^hgnetv2_b5$'},
     R('change_value', {'arch_regex': '^hgnetv2_b4$'})),
    ('ko', ['eva02 base 모델', '그 중에 마지막에 in1k로 파인튜닝된 것만'],
     {'arch_regex': '^eva02_', 'size': ['base'], 'data_last': ['in1k']},
     R('narrow', {'arch_regex': '^eva02_', 'size': ['base']})),
    ('ko', ['efficientnet b0 웨이트', '그거 말고 완전 다른 질문. bsd-3-clause 라이선스 중에 top-1 82 이상인 거'],
     {'license': 'bsd-3-clause', 'min_top1': 82},
     N({'arch_regex': '^efficientnet_b0$'})),
    ('ko', ['deit3 small 웨이트', '384 해상도는 빼고'],
     {'arch_regex': '^deit3_', 'size': ['small'], 'not': {'res': 384}},
     R('exclude', {'arch_regex': '^deit3_', 'size': ['small']})),
]


def main():
    out = []
    for lang, turns, spec, extra in C:
        assert len(turns) == 2 and lang in ('en', 'ko')
        g = gold(spec)
        kind = 'top1' if 'sort' in spec else ('set' if g else 'empty')
        g1 = set(gold(extra['turn1_spec']))
        assert g1, ('turn 1 must have an answer', turns)
        cls = extra['class']
        # sanity: narrowing / ranking / excluding stay inside turn 1's answer, widening contains it,
        # a changed value or a new subject gives a different answer
        if cls in ('narrow', 'rank', 'exclude'):
            assert set(g) < g1 or (cls == 'rank' and set(g) <= g1), (turns, g)
        elif cls == 'widen':
            assert set(g) > g1, turns
        else:
            assert set(g) != g1 and not (set(g) & g1), turns
        assert g, ('every second turn here has a non-empty answer', turns)
        rest = {k: v for k, v in extra.items() if k not in ('follow_up', 'class')}
        out.append({'kind': kind, 'turns': turns, 'lang': lang, 'spec': spec, 'gold': g,
                    'follow_up': extra['follow_up'], 'class': cls, **rest})
    with open(OUT, 'w', encoding='utf-8') as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + '\n')
    for o in out:
        print(f"{o['kind']:5} {o['lang']} {o['class']:12} {len(o['gold']):>3}  {o['turns'][0]} || {o['turns'][1]}")
    print(len(out), 'conversations ->', OUT)
    print('lang:', dict(collections.Counter(o['lang'] for o in out)))
    print('class:', dict(collections.Counter(o['class'] for o in out)))
    print('class x lang:', dict(collections.Counter((o['class'], o['lang']) for o in out)))
    print('kind:', dict(collections.Counter(o['kind'] for o in out)))


if __name__ == '__main__':
    main()
