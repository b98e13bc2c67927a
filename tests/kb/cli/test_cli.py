"""The `kb` commands as a user runs them: JSON contracts, exit codes, no tracebacks."""

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.config import PROJECT_ROOT

ANSWER_KEYS = {"query", "language", "filters", "models", "total_matches", "passages", "answer"}
MODEL_KEYS = {"name", "score", "why", "params_m", "top1", "resolution", "license", "hf_url"}


def run(args, home=None, stdin=None):
    env = dict(os.environ)
    if home:
        env["KB_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=PROJECT_ROOT, timeout=300)


def test_models_json_lists_every_live_tag():
    result = CliRunner().invoke(cli, ["models", "--json"])
    assert result.exit_code == 0
    assert len(json.loads(result.output)) == 1826


def test_models_filters_and_bad_dataset():
    result = CliRunner().invoke(cli, ["models", "--size", "small", "--dataset", "in21k", "--res", "384", "--json"])
    assert {r["name"] for r in json.loads(result.output)} >= {"deit3_small_patch16_384.fb_in22k_ft_in1k"}
    bad = CliRunner().invoke(cli, ["models", "--dataset", "imagenet99k"])
    assert bad.exit_code == 2 and "unknown dataset" in bad.output


@pytest.mark.parametrize("name", ["convnextv2_nano.fcmae_ft_in22k_in1k", "convnext_femto.d1_in1k",
                                  "convnext_base.fb_in22k_ft_in1k", "convnext_base.clip_laion2b_augreg_ft_in1k",
                                  "convnextv2_tiny.fcmae_ft_in22k_in1k_384"])
def test_explain_guide_examples_json(name):
    result = CliRunner().invoke(cli, ["explain", name, "--json"])
    data = json.loads(result.output)
    assert list(data)[:13] == ["name", "convention", "arch", "family", "size", "datasets", "methods", "resolution",
                               "params_m", "top1", "license", "hf_url", "timm_matches"]
    assert data["params_m"] > 0 and data["hf_url"].endswith(name) and data["timm_matches"] == [name]


def test_explain_in_korean_and_unknown_name():
    ko = CliRunner().invoke(cli, ["explain", "convnext_base.fb_in22k_ft_in1k", "--lang", "ko"])
    assert "파인튜닝" in ko.output and "사전학습" in ko.output
    unknown = CliRunner().invoke(cli, ["explain", "convnxt_bse.fb_in22k"])
    assert unknown.exit_code == 2 and "convnext_base" in unknown.output


def test_repair_check_reports_and_never_writes(tmp_path):
    from kb.config import NOTES_DIR

    source = NOTES_DIR / "transfer-learning-timm.ko.md"
    before = source.read_bytes()
    result = CliRunner().invoke(cli, ["repair", str(source), "--json"])
    report = json.loads(result.output)
    assert report["lines_changed"] == 172 and report["lost_byte_sequences"] == 206
    assert source.read_bytes() == before
    missing = CliRunner().invoke(cli, ["repair", str(tmp_path / "nope.md")])
    assert missing.exit_code == 2


@pytest.mark.slow
def test_query_json_contract_and_stdin_batch(built_kb_home):
    result = run(["query", "which small in22k model at 384?", "--json"], built_kb_home)
    data = json.loads(result.stdout)
    assert ANSWER_KEYS <= set(data) and MODEL_KEYS <= set(data["models"][0])
    assert data["total_matches"] == 5 and data["passages"][0]["source"].endswith(".md")
    batch = run(["query", "-", "--json"], built_kb_home, stdin="which small in22k model at 384?\n384 해상도의 small in22k 모델\n")
    lines = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [line["language"] for line in lines] == ["en", "ko"]


@pytest.mark.slow
@pytest.mark.parametrize("question, code", [
    ("", 2), ("x" * 10_000, 2), ("?!?!", 2), ("🔥🚀", 2),
    ("'; DROP TABLE records; -- .*[(", 0), ("ResNet 모델 中文 русский", 0),
])
def test_bad_questions_get_documented_exit_codes(built_kb_home, question, code):
    result = run(["query", question], built_kb_home)
    assert result.returncode == code
    assert "Traceback" not in result.stderr


def test_query_without_index_says_so(tmp_path):
    result = run(["query", "resnet50"], tmp_path / "empty")
    assert result.returncode == 3 and "kb ingest" in result.stderr


@pytest.mark.slow
def test_eval_scores_ours_and_three_baselines(built_kb_home):
    result = run(["eval", "--json"], built_kb_home)
    report = json.loads(result.stdout)
    systems = {s["system"]: s for s in report["systems"]}
    assert set(systems) == {"timm-kb", "list_models wildcards", "bm25 only", "dense only"}
    ours = systems["timm-kb"]
    assert ours["set_f1"] >= 0.95 and ours["exact"] >= 0.9 and ours["note_hit5"] >= 0.9
    assert ours["set_f1"] > max(s["set_f1"] for n, s in systems.items() if n != "timm-kb")


def test_models_flags_with_an_unknown_value_name_the_closest():
    result = CliRunner().invoke(cli, ["models", "--size", "smal"])
    assert result.exit_code == 2 and "unknown size smal" in result.output and "small" in result.output


def test_licenses_lists_every_class_with_the_registry_ids():
    rows = {r["license_class"]: r for r in json.loads(CliRunner().invoke(cli, ["licenses", "--json"]).output)}
    assert set(rows) == {"permissive", "noncommercial", "custom", "unknown"}
    assert "apache-2.0" in rows["permissive"]["licenses"] and "cc-by-nc-4.0" in rows["noncommercial"]["licenses"]
    assert "dinov3-license" in rows["custom"]["licenses"]


@pytest.mark.slow
def test_chat_json_answers_each_line_as_the_next_turn(built_kb_home):
    result = run(["chat", "--json", "--limit", "100"], built_kb_home,
                 stdin="tiny models pretrained on in22k\nonly at 384\n/new\nresnet50 weights\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and len(answers) == 3
    assert [a["follow_up"]["mode"] for a in answers] == ["first", "refine", "first"]
    assert answers[1]["total_matches"] == 5 and all(m["resolution"] == 384 for m in answers[1]["models"])
    assert ANSWER_KEYS <= set(answers[1]) and {"where", "where_text", "ignored_words", "corrections"} <= set(answers[1])


@pytest.mark.slow
def test_chat_reads_a_bare_series_with_the_previous_family(built_kb_home):
    result = run(["chat", "--json", "--limit", "100"], built_kb_home, stdin="efficientvit b series\nand the m series?\n")
    second = [json.loads(line) for line in result.stdout.splitlines()][1]
    assert second["follow_up"]["mode"] == "refine" and second["models"]
    assert all(m["name"].startswith("efficientvit_m") for m in second["models"])


@pytest.mark.slow
def test_chat_reads_a_bare_version_as_the_previous_familys(built_kb_home):
    result = run(["chat", "--json"], built_kb_home, stdin="efficientformerv2 checkpoints\nand the v1 ones?\n")
    second = [json.loads(line) for line in result.stdout.splitlines()][1]
    assert second["where_text"] == "family:efficientformer AND NOT family:test" and second["models"]


@pytest.mark.slow
def test_query_where_syntax_and_a_bad_expression(built_kb_home):
    ok = run(["query", "--where", "family:swin* AND license:mit AND params<=30M AND NOT tag:in22k", "--json"], built_kb_home)
    answer = json.loads(ok.stdout)
    assert ok.returncode == 0 and answer["total_matches"] > 0
    assert all(m["license"] == "mit" and m["params_m"] <= 30 for m in answer["models"])
    bad = run(["query", "--where", "family:swin AND (", "--json"], built_kb_home)
    assert bad.returncode == 2 and "--where" in json.loads(bad.stdout)["error"] and "Traceback" not in bad.stderr


def test_a_bug_is_one_line_and_exit_70_not_a_traceback(monkeypatch, capsys):
    import kb.cli as kb_cli

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'kind'")

    monkeypatch.setattr(kb_cli.cli, "main", broken)
    monkeypatch.setattr(sys, "argv", ["kb", "query", "anything"])
    monkeypatch.delenv("KB_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        kb_cli.main()
    err = capsys.readouterr().err
    assert exited.value.code == 70 and "Traceback" not in err
    assert err.strip().splitlines() == ["error: internal error (AttributeError: 'NoneType' object has no attribute 'kind'); "
                                        "please report it with the input"]


def test_kb_debug_shows_the_traceback_with_credentials_redacted(monkeypatch, capsys):
    import kb.cli as kb_cli

    def broken(*args, **kwargs):
        raise ConnectionError("cannot reach http://user:secret@qdrant.internal:6333/collections")

    monkeypatch.setattr(kb_cli.cli, "main", broken)
    monkeypatch.setattr(sys, "argv", ["kb", "query", "anything"])
    monkeypatch.setenv("KB_DEBUG", "1")
    with pytest.raises(SystemExit) as exited:
        kb_cli.main()
    err = capsys.readouterr().err
    assert exited.value.code == 70 and "Traceback" in err and "in broken" in err
    assert "secret" not in err and "http://***@qdrant.internal:6333" in err
