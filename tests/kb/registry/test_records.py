"""kb.registry.records / ModelHit.of: the facts of a weight, from its pretrained cfg and timm's tables."""

from __future__ import annotations

import pytest

from kb.answering.schema import ModelHit
from kb.facts import fact
from kb.registry.records import build_record, normalization_names
from kb.schema import EvalResult

CFG = {"input_size": (3, 384, 384), "crop_pct": 1.0, "crop_mode": "squash", "interpolation": "bicubic",
       "mean": (0.485, 0.456, 0.406), "std": (0.229, 0.224, 0.225), "license": "apache-2.0",
       "hf_hub_id": "timm/convnext_small.fb_in22k_ft_in1k_384", "paper_ids": ["arXiv:2201.03545"], "num_classes": 1000}
ROWS = [EvalResult(benchmark="imagenet", img_size=288, top1=84.0, top5=97.0),
        EvalResult(benchmark="imagenet", img_size=384, top1=85.75, top5=97.88)]
SPEEDS = [{"img_size": 384, "field": "images_per_sec_gpu", "images_per_sec": 1018.3, "gmacs": 25.58}]


def record(cfg=CFG, speeds=SPEEDS):
    return build_record("convnext_small.fb_in22k_ft_in1k_384", dict(cfg), 50.22, ROWS, "1.0.31", speeds,
                        normalization_names())


def test_a_record_holds_top1_and_top5_at_the_native_size_and_the_cfg_preprocessing():
    r = record()
    assert (r.top1, r.top5, r.resolution) == (85.75, 97.88, 384)
    assert (r.interpolation, r.crop_pct, r.crop_mode, r.normalization) == ("bicubic", 1.0, "squash", "IMAGENET_DEFAULT")
    assert (r.gmacs, r.images_per_sec_gpu, r.images_per_sec_cpu) == (25.58, 1018.3, None)


def test_normalization_names_come_from_timm_constants():
    names = set(normalization_names().values())
    assert {"IMAGENET_DEFAULT", "IMAGENET_INCEPTION", "OPENAI_CLIP"} <= names
    other = record(dict(CFG, mean=(0.1, 0.2, 0.3), std=(0.3, 0.2, 0.1)))
    assert other.normalization is None and other.mean == (0.1, 0.2, 0.3)


def test_the_hit_adds_create_model_paper_links_and_links_only_what_the_cfg_names():
    hit = ModelHit.of(record(), 1.0, [])
    assert hit.create_model == 'timm.create_model("convnext_small.fb_in22k_ft_in1k_384", pretrained=True)'
    assert hit.paper_urls == ["https://arxiv.org/abs/2201.03545"] and hit.license_class == "permissive"
    assert hit.hf_url == "https://huggingface.co/timm/convnext_small.fb_in22k_ft_in1k_384"
    assert hit.preprocessing.normalization == "IMAGENET_DEFAULT" and hit.preprocessing.input_size == (3, 384, 384)
    unhosted = ModelHit.of(record(dict(CFG, hf_hub_id=None)), 1.0, [])
    assert unhosted.hf_url is None  # never a guessed huggingface.co/timm/... link


@pytest.mark.parametrize("ids, urls", [
    (["arXiv:2201.03545"], ["https://arxiv.org/abs/2201.03545"]),
    (["https://example.org/paper"], ["https://example.org/paper"]),
    (["not-a-paper-id"], []),
])
def test_paper_ids_become_links(ids, urls):
    assert fact("paper_urls").read(record(dict(CFG, paper_ids=ids))) == urls


def test_every_live_record_with_a_hub_id_has_a_link_and_none_without(registry_records):
    assert all((r.hf_url is not None) == bool(r.hf_hub_id) for r in registry_records)
    assert sum(1 for r in registry_records if r.paper_ids) > 100
    assert sum(1 for r in registry_records if r.normalization) > 0.9 * len(registry_records)
