#!/usr/bin/env python
"""Compute the gold answers of an evaluation set from its specs: data/eval/specs/NAME.json -> data/eval/NAME.jsonl.

    .venv/bin/python scripts/make_gold.py --set blind3        (or --all)

A spec states what a question means; the gold list is every tag of timm.list_pretrained() that satisfies it,
computed here from timm's own data and never from timm-kb's code (nothing under kb/ is imported), so a set
measures the product instead of echoing it. A specs file holds `questions` (lang, q, spec, extra keys kept as
written), `notes` (lang, q, source, phrase: the phrase must occur in the note) and/or `conversations` (lang,
turns, spec of the last turn in context, extra keys; refinements are checked against turn1_spec).

Spec keys (every key must hold): size, data_any, tag_has, tag_any, arch_has, res, res_in, max_params_m (<),
max_params_m_incl (<=), min_params_m (>=), min_top1 (>=), max_top1 (<), license, license_in, arch_regex, tag_regex,
in1k_only, data_first / data_last (the first / last dataset token of the tag), include_test, name_in; compositional:
all / any (lists of specs) and not (a spec); sort top1 / params_asc / params_desc keeps the single best.
Params from data/params/timm-<version>.json; top-1 from data/timm-results/results-imagenet.csv (row whose model ==
tag; if several, the row whose img_size == the pretrained cfg's input_size[-1]).

Any fact of a weight (FACTS below, every one read from timm's own data):
  "fact": [[FACT, OP, VALUE], ...]     OP: == != < <= > >= in (VALUE a list) contains (a list fact holds VALUE)
                                        is_null / not_null (VALUE ignored); a missing value satisfies no other OP
  "fact_cmp": [[FACT, OP, FACT], ...]  two facts of the same weight, e.g. ["test_res", ">", "res"]
  "rank": {"by": FACT, "dir": "asc"|"desc", "n": N}   the N first by that fact (missing values left out), plus every
                                        weight tied with the N-th: kind "top" (the first len(gold) answers must be
                                        the gold set)
A one-weight question names the facts it asks for: "ask": [FACT, ...] -> "expect": {FACT: value} from timm's data.
A conversation may have any number of turns: "turn_specs" gives each turn's spec in context; every turn after the
first becomes an item (the conversation so far, scored on its last turn). A turn asks facts of the one weight it
names with "ask" in its spec, or with "turn_asks": [null | [FACT, ...] per turn].
"""
import argparse
import csv
import json
import os
import re
import sys

import timm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, 'data')
EVAL = os.path.join(DATA, 'eval')

# tokens treated as "dataset" tokens for in1k_only (a tag is in1k_only iff its dataset tokens == {in1k})
DATASETS = {'in1k', 'in12k', 'in21k', 'in22k', 'laion2b', 'laion400m', 'openai', 'webli', 'lvd142m',
            'lvd1689m', 'jft', 'datacomp1b', 'datacompxl', 'merged2b', 'm38m', 'm30m', 'ig1b',
            'yfcc100m', 'yfcc15m', 'cc12m', 'sa1b', 'sat493m', 'dfn2b', 'dfn5b', 'dfndr2b', 'inw21k',
            'laiona', 'ogvl', 'metaclip', 'metaclip2', 'mclip', 'mclip2', 'bamboo', 'worldwide'}

# ---------------------------------------------------------------- data
PARAMS = json.load(open(os.path.join(DATA, 'params', 'timm-1.0.31.json')))
ROWS = {}
for r in csv.DictReader(open(os.path.join(DATA, 'timm-results', 'results-imagenet.csv'))):
    ROWS.setdefault(r['model'], []).append(r)

TAGS = sorted(timm.list_pretrained())
INFO = {}
for t in TAGS:
    cfg = timm.models.get_pretrained_cfg(t)
    arch, tag = t.split('.', 1)
    res = cfg.input_size[-1]
    rs = ROWS.get(t, [])
    if len(rs) > 1:
        rs = [r for r in rs if int(r['img_size']) == res]
    INFO[t] = dict(arch=arch, tag=tag, atoks=arch.split('_'), ttoks=tag.split('_'), res=res,
                   params=PARAMS[t], top1=float(rs[0]['top1']) if rs else None, license=cfg.license)


# ---------------------------------------------------------------- every fact of a weight, from timm's data
def _rows(stem):
    rows = {}
    path = os.path.join(DATA, 'timm-results', stem + '.csv')
    for r in csv.DictReader(open(path)):
        rows.setdefault(r['model'], []).append(r)
    return rows


def _num(text):
    text = (text or '').replace(',', '').strip()
    return float(text) if text else None


def _at(rows, size, column='top1'):
    """The value of a results / benchmark row at this image size (None when timm has no row at that size)."""
    for r in rows:
        if int(float(r.get('img_size') or r.get('infer_img_size'))) == size:
            return _num(r[column])
    return None


RESULTS = {'real': 'results-imagenet-real', 'v2': 'results-imagenetv2-matched-frequency', 'sketch': 'results-sketch',
           'a': 'results-imagenet-a', 'r': 'results-imagenet-r'}
RESULT_ROWS = {key: _rows(stem) for key, stem in RESULTS.items()}
GPU = _rows('benchmark-infer-amp-nchw-pt291-cu128-4090')  # by architecture
CPU = _rows('benchmark-infer-fp32-nchw-pt240-cpu-i7_12700h-dynamo')


def _constants():
    import timm.data.constants as c
    return {(tuple(round(v, 4) for v in getattr(c, a)), tuple(round(v, 4) for v in getattr(c, a[:-5] + '_STD'))): a[:-5]
            for a in dir(c) if a.endswith('_MEAN') and hasattr(c, a[:-5] + '_STD')}


NORMALIZATIONS = _constants()


def _facts(t):
    """Every fact of one weight, each at its native input size (the size its pretrained cfg gives)."""
    cfg = timm.models.get_pretrained_cfg(t).to_dict()
    arch = t.split('.', 1)[0]
    res = cfg['input_size'][-1]
    test_res = cfg['test_input_size'][-1] if cfg.get('test_input_size') else None
    own = ROWS.get(t, [])
    mean, std = tuple(cfg.get('mean') or ()), tuple(cfg.get('std') or ())
    papers = cfg.get('paper_ids') or []
    facts = dict(
        name=t, arch=arch, tag=t.split('.', 1)[1], res=res, test_res=test_res,
        fixed_input_size=bool(cfg.get('fixed_input_size')), num_classes=cfg.get('num_classes'),
        interpolation=cfg.get('interpolation') or None, crop_pct=cfg.get('crop_pct'),
        test_crop_pct=cfg.get('test_crop_pct'), crop_mode=cfg.get('crop_mode') or None,
        mean=list(mean) or None, std=list(std) or None,
        normalization=NORMALIZATIONS.get((tuple(round(v, 4) for v in mean), tuple(round(v, 4) for v in std))),
        license=cfg.get('license') or None, hf_hub_id=cfg.get('hf_hub_id') or None,
        paper_ids=[papers] if isinstance(papers, str) else list(papers), paper_name=cfg.get('paper_name') or None,
        params=PARAMS[t], top1=_at(own, res), top5=_at(own, res, 'top5'),
        top1_test=_at(own, test_res) if test_res else None, top5_test=_at(own, test_res, 'top5') if test_res else None,
        gmacs=_at(GPU.get(arch, []), res, 'infer_gmacs'), macts=_at(GPU.get(arch, []), res, 'infer_macts'),
        ips_gpu=_at(GPU.get(arch, []), res, 'infer_samples_per_sec'),
        ips_cpu=_at(CPU.get(arch, []), res, 'infer_samples_per_sec'),
    )
    for key, rows in RESULT_ROWS.items():
        facts['top1_' + key] = _at(rows.get(t, []), res)
        facts['top5_' + key] = _at(rows.get(t, []), res, 'top5')
    return facts


FACTS = {t: _facts(t) for t in TAGS}
_OPS = {'==': lambda a, b: a == b, '!=': lambda a, b: a != b, '<': lambda a, b: a < b, '<=': lambda a, b: a <= b,
        '>': lambda a, b: a > b, '>=': lambda a, b: a >= b, 'in': lambda a, b: a in b,
        'contains': lambda a, b: b in a}


def fact_holds(t, name, op, value):
    got = FACTS[t][name]
    if op == 'is_null':
        return got is None
    if op == 'not_null':
        return got is not None
    return got is not None and _OPS[op](got, value)


def rank_gold(m, rank):
    """The first n by a fact (missing values left out) and every weight tied with the n-th, in order."""
    by, n = rank['by'], rank.get('n', 1)
    m = [t for t in m if FACTS[t][by] is not None]
    m.sort(key=lambda t: (FACTS[t][by] if rank.get('dir', 'desc') == 'asc' else -FACTS[t][by], t))
    if len(m) <= n:
        return m
    edge = FACTS[m[n - 1]][by]
    return m[:n] + [t for t in m[n:] if FACTS[t][by] == edge]


def norm(tok):
    return 'in22k' if tok == 'in21k' else tok


def _data_tokens(i):
    """The tag's dataset tokens in the order they are written (in21k == in22k)."""
    return [norm(x) for x in i['ttoks'] if x in DATASETS]


def match(t, s):
    """Every key of the spec must hold (AND). Compositional keys: all / any (lists of specs), not (a spec)."""
    i = INFO[t]
    if 'all' in s and not all(match(t, x) for x in s['all']):
        return False
    if 'any' in s and not any(match(t, x) for x in s['any']):
        return False
    if 'not' in s and match(t, s['not']):
        return False
    if 'tag_any' in s and not (set(s['tag_any']) & set(i['ttoks'])):
        return False
    if 'arch_has' in s and not all(x in i['atoks'] for x in s['arch_has']):
        return False
    if 'license_in' in s and i['license'] not in s['license_in']:
        return False
    if 'data_first' in s and not (_data_tokens(i)[:1] and _data_tokens(i)[0] in {norm(d) for d in s['data_first']}):
        return False
    if 'data_last' in s and not (_data_tokens(i)[-1:] and _data_tokens(i)[-1] in {norm(d) for d in s['data_last']}):
        return False
    if 'max_params_m_incl' in s and not i['params'] <= s['max_params_m_incl']:
        return False
    if 'max_top1' in s and (i['top1'] is None or i['top1'] >= s['max_top1']):
        return False
    if 'res_in' in s and i['res'] not in s['res_in']:
        return False
    if 'size' in s and not any(w in i['atoks'] for w in s['size']):
        return False
    if 'data_any' in s and not ({norm(d) for d in s['data_any']} & {norm(x) for x in i['ttoks']}):
        return False
    if 'tag_has' in s and not all(x in i['ttoks'] for x in s['tag_has']):
        return False
    if 'res' in s and i['res'] != s['res']:
        return False
    if 'max_params_m' in s and not i['params'] < s['max_params_m']:
        return False
    if 'min_params_m' in s and not i['params'] >= s['min_params_m']:
        return False
    if 'min_top1' in s and (i['top1'] is None or i['top1'] < s['min_top1']):
        return False
    if 'license' in s and i['license'] != s['license']:
        return False
    if 'arch_regex' in s and not re.search(s['arch_regex'], i['arch']):
        return False
    if 'tag_regex' in s and not re.search(s['tag_regex'], i['tag']):
        return False
    if 'name_in' in s and t not in s['name_in']:
        return False
    if any(not fact_holds(t, *f) for f in s.get('fact', [])):
        return False
    for a, op, b in s.get('fact_cmp', []):
        if FACTS[t][a] is None or FACTS[t][b] is None or not _OPS[op](FACTS[t][a], FACTS[t][b]):
            return False
    if s.get('in1k_only') and {x for x in i['ttoks'] if x in DATASETS} != {'in1k'}:
        return False
    return True


def gold(s):
    # timm's test_* weights are dummy models for unit tests: never an answer unless the spec asks for them
    m = [t for t in TAGS if match(t, s) and (s.get('include_test') or not t.startswith('test_'))]
    if 'rank' in s:
        return rank_gold(m, s['rank'])
    key = {'top1': lambda t: -INFO[t]['top1'], 'params_asc': lambda t: INFO[t]['params'],
           'params_desc': lambda t: -INFO[t]['params']}.get(s.get('sort'))
    if key is None:
        return sorted(m)
    if s['sort'] == 'top1':
        m = [t for t in m if INFO[t]['top1'] is not None]
    if not m:
        return []
    m.sort(key=key)
    if len(m) > 1 and key(m[0]) == key(m[1]):
        sys.exit(f'tie for {s}: {m[:2]}')
    return [m[0]]




def _kind(spec, gold_list):
    if 'rank' in spec:
        return 'top' if gold_list else 'empty'
    return 'top1' if 'sort' in spec else ('set' if gold_list else 'empty')


def _expect(spec, asked, gold_list):
    """A one-weight question's asked facts, as timm's data gives them."""
    if not asked:
        return {}
    assert len(gold_list) == 1, ('a one-weight question must name one weight', spec, gold_list)
    return {name: FACTS[gold_list[0]][name] for name in asked}


def question_items(questions):
    for item in questions:
        spec = item['spec']
        g = gold(spec)
        extra = {k: v for k, v in item.items() if k not in ('lang', 'q', 'spec')}
        if item.get('ask'):
            extra['expect'] = _expect(spec, item['ask'], g)
        yield {'kind': _kind(spec, g), 'q': item['q'], 'lang': item['lang'], 'spec': spec, 'gold': g, **extra}


def note_items(notes):
    for item in notes:
        text = open(os.path.join(DATA, 'notes', item['source']), encoding='utf-8').read()
        assert item['phrase'] in text, (item['source'], item['phrase'])
        yield {'kind': 'note', 'q': item['q'], 'lang': item['lang'], 'source': item['source'], 'phrase': item['phrase']}


def conversation_items(conversations):
    """Each second turn in context; narrowing stays inside turn 1's answer, widening contains it, a changed value
    or a new subject gives a different one (checked against turn1_spec)."""
    for item in conversations:
        if 'turn_specs' in item:
            yield from _turn_items(item)
            continue
        spec, turns = item['spec'], item['turns']
        assert len(turns) == 2 and item['lang'] in ('en', 'ko')
        g = gold(spec)
        g1 = set(gold(item['turn1_spec']))
        assert g1 and g, ('both turns must have an answer', turns)
        cls = item['class']
        if cls in ('narrow', 'rank', 'exclude'):
            assert set(g) < g1 or (cls == 'rank' and set(g) <= g1), (turns, g)
        elif cls == 'widen':
            assert set(g) > g1, turns
        else:
            assert set(g) != g1 and not (set(g) & g1), turns
        rest = {k: v for k, v in item.items() if k not in ('lang', 'turns', 'spec', 'follow_up', 'class')}
        yield {'kind': _kind(spec, g), 'turns': turns, 'lang': item['lang'], 'spec': spec, 'gold': g,
               'follow_up': item['follow_up'], 'class': cls, **rest}


def _turn_items(item):
    """A conversation of any length: every turn after the first, in context, scored on its own spec."""
    turns, specs = item['turns'], item['turn_specs']
    assert len(turns) == len(specs) >= 2 and item['lang'] in ('en', 'ko'), turns
    rest = {k: v for k, v in item.items() if k not in ('lang', 'turns', 'turn_specs', 'turn_asks')}
    # a turn may ask facts of the one weight it names: `ask` in its spec, or `turn_asks` (one list or None per turn)
    asks = item.get('turn_asks') or [spec.get('ask') for spec in specs]
    for k in range(1, len(turns)):
        g = gold(specs[k])
        extra = {'expect': _expect(specs[k], asks[k], g)} if asks[k] else {}
        if asks[k] and item.get('turn_asks'):  # in the spec it is already written down
            extra = {'ask': asks[k], **extra}
        yield {'kind': _kind(specs[k], g), 'turns': turns[:k + 1], 'lang': item['lang'], 'spec': specs[k], 'gold': g,
               'turn': k + 1, **rest, **extra}


def make(name):
    specs = json.load(open(os.path.join(EVAL, 'specs', f'{name}.json'), encoding='utf-8'))
    out = list(question_items(specs.get('questions', []))) + list(note_items(specs.get('notes', [])))
    out += list(conversation_items(specs.get('conversations', [])))
    path = os.path.join(EVAL, f'{name}.jsonl')
    with open(path, 'w', encoding='utf-8') as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + '\n')
    for o in out:
        n = len(o['gold']) if 'gold' in o else '-'
        print(f"{o['kind']:5} {o['lang']} {n!s:>3}  {o.get('q') or ' || '.join(o['turns'])}")
    print(len(out), 'items ->', path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument('--set', dest='name', help='a file name in data/eval/specs without .json')
    group.add_argument('--all', action='store_true')
    args = parser.parse_args()
    names = sorted(p[:-5] for p in os.listdir(os.path.join(EVAL, 'specs'))) if args.all else [args.name]
    for name in names:
        make(name)


if __name__ == '__main__':
    main()
