"""The Streamlit app through streamlit.testing.v1.AppTest (no browser)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kb.config import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app" / "streamlit_app.py")
pytestmark = pytest.mark.slow


def app(home: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("KB_HOME", str(home))
    test = AppTest.from_file(APP, default_timeout=120)
    return test.run()


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [c.value for c in at.code]
    return "\n".join(str(p) for p in parts)


def test_question_shows_table_citations_and_plot(built_kb_home, monkeypatch):
    at = app(built_kb_home, monkeypatch)
    at.chat_input[0].set_value("which small in22k model at 384?").run()
    text = all_text(at)
    assert "convnext_small.fb_in22k_ft_in1k_384" in text and "vit_small_r26_s32_384.augreg_in21k_ft_in1k" in text
    assert "§" in text and len(at.dataframe) == 1 and len(at.dataframe[0].value) == 5
    assert at.expander  # the passages


def test_korean_question_gets_a_korean_ui(built_kb_home, monkeypatch):
    at = app(built_kb_home, monkeypatch)
    at.chat_input[0].set_value("384 해상도의 small in22k 모델 알려줘").run()
    assert "조건에 맞는 가중치" in "\n".join(s.value for s in at.subheader)


def test_sidebar_filter_edit_reruns_the_question(built_kb_home, monkeypatch):
    at = app(built_kb_home, monkeypatch)
    at.chat_input[0].set_value("which small in22k model at 384?").run()
    at.sidebar.number_input(key="f_res").set_value(224).run()
    at.sidebar.button(key="rerun").click().run()
    frames = at.dataframe
    assert len(frames[-1].value) != 5 and all(r == 224 for r in frames[-1].value["res"])


def test_decode_a_name(built_kb_home, monkeypatch):
    at = app(built_kb_home, monkeypatch)
    at.sidebar.text_input(key="decode_name").set_value("convnext_base.fb_in22k_ft_in1k").run()
    assert "in22k" in all_text(at) and "apache-2.0" in all_text(at)
    at.sidebar.text_input(key="decode_name").set_value("convnxt_bse").run()
    assert "convnext_base" in "\n".join(e.value for e in at.sidebar.error)


def test_no_index_page(tmp_path, monkeypatch):
    at = app(tmp_path / "empty", monkeypatch)
    assert "No index" in "\n".join(i.value for i in at.info)
    assert at.button(key="build")


@pytest.mark.parametrize("question", ["x" * 10_000, "🔥🤖🚀"])
def test_bad_input_gets_a_friendly_message(built_kb_home, monkeypatch, question):
    at = app(built_kb_home, monkeypatch)
    at.chat_input[0].set_value(question).run()
    assert not at.exception and at.warning
    assert "2,000" in at.warning[0].value or "emoji" in at.warning[0].value


def test_note_html_is_shown_not_run(built_kb_home, tmp_path, monkeypatch):
    from ingest.pipeline import run_ingest

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "xss.md").write_text("# XSS 노트\n\nresnet50 메모 <script>alert(1)</script> <img src=x onerror=alert(2)>\n",
                                  encoding="utf-8")
    home = tmp_path / "home"
    run_ingest(notes_dir=notes, home=home)
    at = app(home, monkeypatch)
    at.chat_input[0].set_value("resnet50 메모 script").run()
    shown = "\n".join(t.value for t in at.text)
    assert "<script>alert(1)</script>" in shown and "onerror=alert(2)" in shown  # as literal text
    assert all("<script>" not in m.value for m in at.markdown)
