"""kb.answering.compare: two to four weights side by side, what differs marked, the passages that mention them."""

from __future__ import annotations

import json

import pytest

from kb.answering.compare import compare, names_to_compare, resolve
from kb.errors import BadInput, UnknownName

PAIR = ["convnext_small.fb_in22k_ft_in1k_384", "deit3_small_patch16_384.fb_in22k_ft_in1k"]


@pytest.fixture(scope="module")
def by_name(registry_records):
    return {r.name: r for r in registry_records}


def test_rows_mark_what_differs_and_say_not_measured(by_name):
    table = compare([by_name[n] for n in PAIR], [], "en")
    rows = {r.key: r for r in table.rows}
    assert table.names == PAIR
    assert rows["params"].differs and not rows["resolution"].differs and rows["resolution"].values == ["384", "384"]
    assert rows["data"].values[0] == "in22k (pretrain) → in1k (finetune)"
    assert rows["normalization"].values[0] == "IMAGENET_DEFAULT"
    no_speed = next(r for r in by_name.values() if r.gmacs is None)
    assert "not measured" in {r.key: r for r in compare([by_name[PAIR[0]], no_speed], [], "en").rows}["gmacs"].values
    assert {r.key: r for r in compare([by_name[n] for n in PAIR], [], "ko").rows}["params"].label == "파라미터 (M)"


def test_two_to_four_weights_and_names_resolve_like_timm(by_name):
    with pytest.raises(BadInput):
        compare([by_name[PAIR[0]]], [], "en")
    archs = {}
    for name in sorted(by_name):
        archs.setdefault(name.split(".")[0], []).append(name)
    assert resolve(["ConvNeXt_Small.fb_in22k_ft_in1k_384"], by_name, archs)[0].name == PAIR[0]
    assert resolve(["resnet50"], by_name, archs)[0].name.startswith("resnet50.")  # an architecture: its default tag
    with pytest.raises(UnknownName) as error:
        resolve(["convnxt_small"], by_name, archs)
    assert any(s.startswith("convnext_small") for s in error.value.suggestions)


@pytest.mark.parametrize("question, wanted", [
    ("compare convnext_tiny and resnet50", True), ("convnext_tiny vs resnet50", True),
    ("convnext_tiny랑 resnet50 차이", True), ("convnext_tiny and resnet50 weights", False),
])
def test_a_question_asks_for_a_comparison_by_its_words(question, wanted):
    assert (names_to_compare(question, ["convnext_tiny", "resnet50"]) is not None) == wanted


@pytest.mark.slow
def test_asking_and_the_cli_give_the_same_side_by_side(knowledge_base, built_kb_home):
    from tests.kb.cli.test_cli import run

    answer = knowledge_base.ask("convnext_small.fb_in22k_ft_in1k_384랑 deit3_small_patch16_384.fb_in22k_ft_in1k 차이")
    assert answer.comparison is not None and answer.comparison.names == PAIR and answer.language == "ko"
    assert any(p.models for p in answer.comparison.passages)  # the notes that mention them
    result = run(["compare", *PAIR, "--json"], built_kb_home)
    assert result.returncode == 0 and json.loads(result.stdout)["names"] == PAIR
    text = run(["compare", *PAIR], built_kb_home).stdout
    assert "params (M) *" in text or "*" in text  # the rows that differ are marked
    bad = run(["compare", PAIR[0], "nope_model"], built_kb_home)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
