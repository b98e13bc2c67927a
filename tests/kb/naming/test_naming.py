"""The name decoder: every live tag, the guide's and MMPretrain's examples, arbitrary strings."""

import timm
from hypothesis import given, settings
from hypothesis import strategies as st
from timm.models import get_pretrained_cfg

from kb.naming import parse_name
from kb.naming.mmpretrain import match_mmpretrain_to_timm, parse_mmpretrain_name
from kb.naming.timm import parse_timm_name, resolution_disagreement

LIVE = timm.list_models(pretrained=True)


def chain(parsed):
    return [(d.name, d.stage, d.raw) for d in parsed.datasets]


def test_every_live_tag_parses_with_family_and_no_unknown_token():
    assert len(LIVE) == 1826
    unknown = {}
    for name in LIVE:
        parsed = parse_timm_name(name)
        assert parsed.family and parsed.arch == name.split(".")[0] and parsed.tag == name.split(".")[1]
        if parsed.unknown_tokens:
            unknown[name] = parsed.unknown_tokens
    assert unknown == {}


def test_guide_examples_decode():
    p = parse_timm_name("convnextv2_nano.fcmae_ft_in22k_in1k")
    assert (p.family, p.size, p.methods) == ("convnextv2", "nano", ["fcmae"])
    assert chain(p) == [("in22k", "intermediate", "in22k"), ("in1k", "finetune", "in1k")]
    p = parse_timm_name("convnext_femto.d1_in1k")
    assert (p.family, p.size, p.methods, chain(p)) == ("convnext", "femto", ["d1"], [("in1k", "train", "in1k")])
    p = parse_timm_name("convnext_base.fb_in22k_ft_in1k")
    assert (p.size, p.methods, chain(p)) == ("base", ["fb"], [("in22k", "pretrain", "in22k"), ("in1k", "finetune", "in1k")])
    p = parse_timm_name("convnext_base.clip_laion2b_augreg_ft_in1k")
    assert p.methods == ["clip", "augreg"]
    assert chain(p) == [("laion2b", "pretrain", "laion2b"), ("in1k", "finetune", "in1k")]
    p = parse_timm_name("convnextv2_tiny.fcmae_ft_in22k_in1k_384")
    assert (p.family, p.size, p.name_resolution) == ("convnextv2", "tiny", 384)


def test_in21k_is_in22k_with_the_written_form_kept():
    p = parse_timm_name("vit_base_patch16_384.augreg_in21k_ft_in1k")
    assert chain(p)[0] == ("in22k", "pretrain", "in21k")
    assert p.patch_size == 16 and p.name_resolution == 384


def test_letter_codes_and_non_sizes():
    assert parse_timm_name("cait_xxs24_224.fb_dist_in1k").size == "tiny"
    assert parse_timm_name("poolformer_m36.sail_in1k").size == "medium"
    assert parse_timm_name("tf_efficientnet_b4.ns_jft_in1k").size is None  # b4 is a scale, not "base"
    mixer = parse_timm_name("mixer_b16_224.goog_in21k")
    assert (mixer.size, mixer.patch_size) == ("base", 16)
    assert parse_timm_name("vit_small_r26_s32_384.augreg_in21k_ft_in1k").size == "small"


def test_mmpretrain_examples():
    p = parse_name("vit-base-p32_clip-openai-pre_3rdparty_in1k")
    assert (p.convention, p.family, p.size, p.patch_size) == ("mmpretrain", "vit", "base", 32)
    assert "clip" in p.methods and chain(p) == [("openai", "pretrain", "openai"), ("in1k", "finetune", "in1k")]
    p = parse_name("beit_beit-base-p16_8xb256-amp-coslr-300e_in1k")
    assert (p.family, p.epochs, p.methods) == ("beit", 300, ["beit"])
    p = parse_name("convnext-base_in21k-pre-3rdparty_32xb128_in1k")
    assert (p.family, p.size) == ("convnext", "base") and chain(p)[0] == ("in22k", "pretrain", "in21k")
    p = parse_name("vit-base-p16_in21k-pre_3rdparty_in1k-384px")
    assert p.name_resolution == 384


def test_mmpretrain_maps_to_closest_live_tags():
    live = [parse_timm_name(n) for n in LIVE]
    best = match_mmpretrain_to_timm(parse_mmpretrain_name("vit-base-p16_in21k-pre_3rdparty_in1k-384px"), live)
    assert set(best[:2]) == {"vit_base_patch16_384.augreg_in21k_ft_in1k", "vit_base_patch16_384.orig_in21k_ft_in1k"}
    best = match_mmpretrain_to_timm(parse_mmpretrain_name("convnext-base_in21k-pre-3rdparty_32xb128_in1k"), live)
    assert best[0] == "convnext_base.fb_in22k_ft_in1k"


# Names whose number is a width, not a resolution, are not read as resolutions (levit_384 has 384 channels,
# ghostnetv2_160 is 1.6x wide). With that, every resolution a live name states agrees with its cfg:
KNOWN_DISAGREEMENTS: dict[str, str] = {}


def test_name_resolution_agrees_with_cfg_input_size():
    stated, disagreements = 0, {}
    for name in LIVE:
        parsed = parse_timm_name(name)
        if parsed.name_resolution is None:
            continue
        stated += 1
        reason = resolution_disagreement(parsed, get_pretrained_cfg(name).input_size)
        if reason:
            disagreements[name] = reason
    assert stated >= 790
    assert disagreements == KNOWN_DISAGREEMENTS


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80) | st.from_regex(r"[a-z0-9_.\-]{0,40}", fullmatch=True))
def test_arbitrary_strings_never_crash(text):
    parsed = parse_name(text)
    assert parsed.convention in ("timm", "mmpretrain")
