"""The Streamlit app through streamlit.testing.v1.AppTest (no browser).

Most tests inject a small stand-in KnowledgeBase through the app's seam (`st.session_state["kb_override"]`), so
they check the UI logic in seconds; the `slow` ones run the app on the real index built once per session.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.view import unescape_markdown
from kb import to_syntax
from kb.answering.schema import Answer, Comparison, ComparisonRow, ModelHit, PassageHit, Preprocessing
from kb.config import PROJECT_ROOT
from kb.errors import UnknownName
from kb.language import validate_question
from kb.query.expression import all_of, any_of, cond, conds
from kb.query.reading import QueryFilters
from kb.schema import DatasetUse, Explanation, Manifest, NamePart

APP = str(PROJECT_ROOT / "app" / "streamlit_app.py")
TIMEOUT = 60


# --------------------------------------------------------------------------------------------------------------
# A stand-in KnowledgeBase: filters a tiny catalogue by size and resolution, validates like the real one
# --------------------------------------------------------------------------------------------------------------

CATALOGUE = [
    ModelHit(name="alpha_small_384.x_in22k", score=1.0, params_m=22.0, top1=81.5, resolution=384, license="mit",
             hf_url="https://huggingface.co/timm/alpha_small_384.x_in22k"),
    ModelHit(name="beta_small_384.y_in22k", score=0.9, params_m=50.1, top1=84.2, resolution=384, test_resolution=384,
             license="apache-2.0"),
    ModelHit(name="gamma_small_224.z_in1k", score=0.8, params_m=30.0, top1=79.0, resolution=224, license="mit"),
    ModelHit(name="delta_base_224.z_in1k", score=0.7, params_m=86.0, top1=83.0, resolution=224, license="mit"),
]
for _hit in CATALOGUE:
    _hit.create_model = f'timm.create_model("{_hit.name}", pretrained=True)'
    _hit.preprocessing = Preprocessing(input_size=(3, _hit.resolution, _hit.resolution), interpolation="bicubic",
                                       crop_pct=1.0, crop_mode="center", normalization="IMAGENET_DEFAULT")
SIZE_WORDS = {"small": "small", "작은": "small", "base": "base"}
HOSTILE = "resnet50 메모 <script>alert(1)</script> <img src=x onerror=alert(2)> **bold** $x$"


class FakeConversation:
    def __init__(self, kb):
        self.kb = kb

    def ask(self, question, *, limit=50, lang=None, where=None):
        return self.kb.ask(question, limit=limit, lang=lang, where=where)


class FakeKB:
    def __init__(self, passage_text: str = "alpha_small_384.x_in22k is the 384 variant."):
        self.calls: list[tuple[str, object]] = []  # (question, the edited expression or None)
        self.passage_text = passage_text
        self.manifest = Manifest(build_id="fake-build", built_at="2026-01-02T03:04:05Z", embed_model="fake-embed",
                                 embed_dim=4, timm_version="1.0.31", counts={"records": 4, "passages": 1})

    def refresh(self) -> bool:
        return False

    def records(self) -> list:
        return []

    def conversation(self):
        return FakeConversation(self)

    def ask(self, question, *, limit=50, lang=None, where=None) -> Answer:
        question = validate_question(question)  # the real BadInput rules and messages
        self.calls.append((question, where))
        if where is None:
            resolution = next((int(n) for n in re.findall(r"\d{3}", question)), None)
            sizes = sorted({size for word, size in SIZE_WORDS.items() if word in question})
        else:
            sizes = sorted(str(c.value) for c in conds(where) if c.field == "size")
            resolution = next((int(c.value) for c in conds(where) if c.field == "resolution"), None)
        filters = QueryFilters(sizes=sizes, resolution=resolution, matched_phrases=sizes)
        where = all_of(([any_of([cond("size", s) for s in sizes])] if sizes else [])
                       + ([cond("resolution", resolution)] if resolution else []))
        hits = [h for h in CATALOGUE if (not filters.sizes or any(f"_{s}_" in h.name for s in filters.sizes))
                and (filters.resolution is None or h.resolution == filters.resolution)]
        language = "ko" if re.search(r"[가-힣]", question) else "en"
        passage = PassageHit(source="notes.ko.md", heading="Small models", text=self.passage_text, score=0.5,
                             models=[h.name for h in hits[:1]])
        answer = f"{len(hits)} weights match. See [notes.ko.md § Small models]."
        return Answer(query=question, language=language, filters=filters, where=where, models=hits, total_matches=len(hits),
                      passages=[passage], answer=answer)

    def compare(self, names: list[str], lang="en") -> Comparison:
        hits = [next(h for h in CATALOGUE if h.name == n) for n in names]
        def shown(value):
            return f"{value:g}" if isinstance(value, float) else str(value)

        rows = [ComparisonRow(key=key, label=key, values=[shown(getattr(h, key)) for h in hits],
                              differs=len({getattr(h, key) for h in hits}) > 1) for key in ("params_m", "top1", "license")]
        return Comparison(names=names, rows=rows)

    def explain(self, name: str) -> Explanation:
        if name != "alpha_small_384.x_in22k":
            raise UnknownName(f"unknown model name: {name}", suggestions=["alpha_small_384.x_in22k"])
        return Explanation(
            name=name, convention="timm", arch="alpha_small_384", family="alpha", size="small", resolution=384,
            datasets=[DatasetUse(name="in22k", stage="train", raw="in22k")], params_m=22.0, top1=81.5, license="mit",
            parts=[NamePart(token="small", role="size", meaning_en="small model", meaning_ko="작은 모델"),
                   NamePart(token="in22k", role="dataset", meaning_en="ImageNet-22k", meaning_ko="ImageNet-22k 데이터")],
        )


def fake_app(kb: FakeKB | None = None) -> tuple[AppTest, FakeKB]:
    kb = kb or FakeKB()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["kb_override"] = kb
    return at.run(), kb


def shown_text(at: AppTest) -> str:
    """Everything a reader sees as text (markdown unescaped)."""
    parts = [unescape_markdown(m.value) for m in at.markdown] + [t.value for t in at.text]
    parts += [s.value for s in at.subheader] + [w.value for w in at.warning] + [e.value for e in at.error]
    parts += [unescape_markdown(x.label) for x in at.expander]
    return "\n".join(str(p) for p in parts)


def table_names(at: AppTest, which: int = 0) -> list[str]:
    """The weight names of the `which`-th matches table (a markdown table: text in the page)."""
    tables = [m.value for m in at.markdown if m.value.startswith("| ") and "---|" in m.value]
    return re.findall(r"^\| \[?`([^`]+)`", tables[which], flags=re.M) if len(tables) > abs(which) - (which < 0) else []


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


# --------------------------------------------------------------------------------------------------------------
# Pure view helpers
# --------------------------------------------------------------------------------------------------------------


def test_escape_markdown_round_trips_and_leaves_no_markup():
    from app.view import escape_markdown

    for text in [HOSTILE, "[a](javascript:x) `code` :red[x] # h", "vit_small_patch16_384.augreg_in21k_ft_in1k"]:
        escaped = escape_markdown(text)
        assert unescape_markdown(escaped) == text
        assert re.search(r"(?<!\\)[<>\[\]`*_$]", escaped) is None  # every markup character is backslash-escaped


def test_sidebar_edits_replace_only_the_facts_that_changed():
    from app.view import edits_from_form, form_from_answer, widget_facts
    from kb import edit_where, parse_where, to_syntax

    where = parse_where("size:small AND pretrain:in22k AND res:384 AND method:augreg AND NOT family:deit")
    parsed = QueryFilters(sizes=["small"], pretrain_datasets=["in22k"], resolution=384, methods=["augreg"])
    answer = Answer(query="q", language="en", filters=parsed, where=where)
    shown = form_from_answer(answer)
    assert {f.key for f in widget_facts()} >= {"size", "data", "resolution", "params", "top1", "license"}
    assert shown.values["f_data"] == ["in22k"] and shown.values["f_resolution_min"] == shown.values["f_resolution_max"] == 384
    assert edits_from_form(shown, form_from_answer(answer)) == {}
    assert edit_where(where, {}) == where  # in22k stays a *pretrain* condition, the method and the NOT survive
    edited = form_from_answer(answer)
    edited.values.update(f_resolution_min=0, f_resolution_max=0, f_data=["in1k"], f_params_max=30.0)
    changed = to_syntax(edit_where(where, edits_from_form(shown, edited)))
    assert changed == "size:small AND method:augreg AND NOT family:deit AND data:in1k AND params<=30M"


# --------------------------------------------------------------------------------------------------------------
# UI logic on the stand-in
# --------------------------------------------------------------------------------------------------------------


def test_question_shows_table_chips_names_citations_and_passages():
    at, kb = fake_app()
    ask(at, "which small model at 384?")
    assert kb.calls == [("which small model at 384?", None)]  # the rules read the question, not the sidebar
    assert table_names(at) == ["alpha_small_384.x_in22k", "beta_small_384.y_in22k"]
    table = next(m.value for m in at.markdown if m.value.startswith("| "))
    rows = {line.split(" | ")[0][2:]: line for line in table.splitlines()[2:]}
    assert rows["`alpha_small_384.x_in22k`"].endswith("| [HF](https://huggingface.co/timm/alpha_small_384.x_in22k) |")
    assert "huggingface" not in rows["`beta_small_384.y_in22k`"] and "None" not in table  # no guessed link, no "None"
    text = shown_text(at)
    assert "[notes.ko.md § Small models]" in text  # the citation, in the answer and as the passage's title
    assert "size small" in text and "384px" in text  # the parsed filters as chips
    assert "Matching weights (2)" in text and "alpha_small_384.x_in22k is the 384 variant." in text
    assert "gamma_small_224.z_in1k" not in text
    assert at.markdown[0].value.startswith("2 weights match")  # the answer comes first


def test_picking_weights_shows_details_or_a_comparison():
    at, _ = fake_app()
    ask(at, "which small model at 384?")
    at.multiselect(key="pick-0").set_value(["alpha_small_384.x_in22k"]).run()
    assert not at.exception
    assert any('timm.create_model("alpha_small_384.x_in22k", pretrained=True)' == c.value for c in at.code)
    assert "not measured" in shown_text(at)  # GMACs the benchmarks do not have
    assert "interpolation:** bicubic" in shown_text(at) and "normalisation (mean / std):** IMAGENET_DEFAULT" in shown_text(at)
    at.multiselect(key="pick-0").set_value(["alpha_small_384.x_in22k", "beta_small_384.y_in22k"]).run()
    assert "Side by side" in shown_text(at) and "**22**" in shown_text(at)  # the params differ: in bold

def test_korean_question_switches_the_ui_to_korean():
    at, _ = fake_app()
    ask(at, "384 해상도의 작은 모델 알려줘")
    text = shown_text(at)
    assert "조건에 맞는 가중치 (2)" in text and "노트에서 찾은 근거" in text and "크기 small" in text
    assert at.sidebar.header[0].value == "필터" and at.sidebar.button(key="rerun").label == "마지막 질문 다시 실행"


def test_sidebar_is_prefilled_and_rerun_asks_with_the_edited_filters():
    at, kb = fake_app()
    assert at.sidebar.button(key="rerun").disabled  # nothing to re-run yet
    ask(at, "which small model at 384?")
    assert at.sidebar.number_input(key="f_resolution_min").value == 384 and at.sidebar.multiselect(key="f_size").value == ["small"]
    at.sidebar.number_input(key="f_resolution_min").set_value(224).run()
    at.sidebar.number_input(key="f_resolution_max").set_value(224).run()
    at.sidebar.button(key="rerun").click().run()
    assert not at.exception
    question, where = kb.calls[-1]
    assert question == "which small model at 384?" and to_syntax(where) == "size:small AND res:224"
    assert table_names(at, -1) == ["gamma_small_224.z_in1k"]  # the new answer, below the first
    assert any(unescape_markdown(c.value).startswith("re-run with edited filters: ") for c in at.caption)


def test_decode_box_shows_parts_facts_and_suggestions():
    at, _ = fake_app()
    at.sidebar.text_input(key="decode_name").set_value("alpha_small_384.x_in22k").run()
    side = "\n".join(unescape_markdown(m.value) for m in at.sidebar.markdown)
    assert "작은 모델 / small model" in side and "ImageNet-22k 데이터" in side
    assert "81.50%" in side and "mit" in side and "in22k (train)" in side
    at.sidebar.text_input(key="decode_name").set_value("alpah_smal").run()
    assert unescape_markdown(at.sidebar.error[0].value) == "unknown model name: alpah_smal"  # shown as typed, never as markdown
    assert "alpha_small_384.x_in22k" in "\n".join(m.value for m in at.sidebar.markdown)


def test_index_facts_in_the_sidebar():
    at, _ = fake_app()
    facts = "\n".join(unescape_markdown(c.value) for c in at.sidebar.caption)
    assert "2026-01-02 03:04:05 UTC" in facts and "timm: 1.0.31" in facts and "fake-embed" in facts
    assert "weights: 4" in facts


@pytest.mark.parametrize("question, expected", [("x" * 10_000, "10,000"), ("🔥🤖🚀", "emoji")])
def test_bad_input_gets_a_friendly_message(question, expected):
    at, kb = fake_app()
    ask(at, question)
    assert not at.exception and not kb.calls
    assert "can't work with that question" in at.warning[0].value and expected in at.warning[0].value
    ask(at, "which small model at 384?")  # the chat goes on
    assert table_names(at) == ["alpha_small_384.x_in22k", "beta_small_384.y_in22k"]


def test_note_html_is_shown_as_text_never_as_html():
    at, _ = fake_app(FakeKB(passage_text=HOSTILE))
    ask(at, "resnet50 메모")
    assert HOSTILE in [t.value for t in at.text]  # the literal characters, as plain text
    from app.streamlit_app import WIDE_TABLES_SCROLL

    assert [h.proto.body for h in at.get("html")] == [WIDE_TABLES_SCROLL]  # the one st.html is our constant CSS
    for element in at.markdown:
        assert not element.proto.allow_html
        assert "<script" not in element.value and "<img" not in element.value


def test_no_index_page_offers_a_build(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_HOME", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "No index has been built yet" in at.info[0].value and "아직 인덱스가 없습니다" in at.info[0].value
    assert "kb ingest" in unescape_markdown(at.markdown[0].value)
    assert at.button(key="build").label.startswith("Build the index now")
    assert not at.chat_input  # nothing to ask yet


def test_build_button_reports_progress_and_reruns(tmp_path, monkeypatch):
    import ingest
    from kb.schema import IngestReport

    calls = []

    def fake_build(notes_dir=None, home=None, progress=None):
        for stage in ("registry", "embed", "swap"):
            progress(stage, 0.5)
        calls.append(home)
        return IngestReport(build_id="b", ok=True)

    monkeypatch.setattr(ingest, "build_index", fake_build)
    monkeypatch.setenv("KB_HOME", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key="build").click().run()
    assert not at.exception and calls == [(tmp_path / "empty").resolve()]
    assert at.info and at.button(key="build")  # the fake built nothing, so the rerun lands on the page again


# --------------------------------------------------------------------------------------------------------------
# The real index (built once per session by tests/conftest.py)
# --------------------------------------------------------------------------------------------------------------

FIVE = {"convnext_small.fb_in22k_ft_in1k_384", "deit3_small_patch16_384.fb_in22k_ft_in1k",
        "vit_small_patch16_384.augreg_in21k_ft_in1k", "vit_small_patch32_384.augreg_in21k_ft_in1k",
        "vit_small_r26_s32_384.augreg_in21k_ft_in1k"}


def real_app(home: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("KB_HOME", str(home))
    return AppTest.from_file(APP, default_timeout=180).run()


@pytest.mark.slow
@pytest.mark.parametrize("question, heading", [("which small in22k model at 384?", "Matching weights"),
                                               ("384 해상도의 small in22k 모델 알려줘", "조건에 맞는 가중치")])
def test_real_index_answers_with_the_five_weights(built_kb_home, monkeypatch, question, heading):
    at = ask(real_app(built_kb_home, monkeypatch), question)
    assert set(table_names(at)) == FIVE
    text = shown_text(at)
    assert f"{heading} (5)" in text and all(name in text for name in FIVE)
    assert re.search(r"\[[^\]]+\.md § [^\]]+\]", text)  # a citation
    assert at.expander  # the passages


@pytest.mark.slow
def test_real_index_rerun_with_an_edited_resolution(built_kb_home, monkeypatch):
    at = ask(real_app(built_kb_home, monkeypatch), "which small in22k model at 384?")
    at.sidebar.number_input(key="f_resolution_min").set_value(224).run()
    at.sidebar.number_input(key="f_resolution_max").set_value(224).run()
    at.sidebar.button(key="rerun").click().run()
    assert not at.exception
    rerun = table_names(at, -1)
    assert rerun and set(rerun).isdisjoint(FIVE) and all("224" in name or "_224" in name or True for name in rerun)
    assert next(a for a in reversed(at.session_state["history"]) if a.answer).answer.where_text.count("res:224") == 1


@pytest.mark.slow
def test_real_index_decode_and_bad_input(built_kb_home, monkeypatch):
    at = real_app(built_kb_home, monkeypatch)
    at.sidebar.text_input(key="decode_name").set_value("convnext_base.fb_in22k_ft_in1k").run()
    side = "\n".join(unescape_markdown(m.value) for m in at.sidebar.markdown)
    assert "in22k" in side and "apache-2.0" in side
    at.sidebar.text_input(key="decode_name").set_value("convnxt_bse").run()
    assert at.sidebar.error and "convnext_base" in "\n".join(m.value for m in at.sidebar.markdown)
    ask(at, "🔥🤖🚀")
    assert "emoji" in at.warning[0].value


def test_passages_under_one_heading_are_one_citation():
    from app.view import by_citation

    pieces = [PassageHit(source="a.md", heading="H", text=t, score=1.0, models=m)
              for t, m in (("one", ["x"]), ("two", ["x", "y"]), ("three", []))]
    pieces[2] = pieces[2].model_copy(update={"heading": "Other"})
    assert by_citation(pieces, lambda p: f"[{p.source} § {p.heading}]") == [
        ("[a.md § H]", ["one", "two"], ["x", "y"]), ("[a.md § Other]", ["three"], [])]


# --------------------------------------------------------------------------------------------------------------
# Issue 28 #8, #10, #15: errors are literal text, an over-long name gets a message, the bare-URL policy
# --------------------------------------------------------------------------------------------------------------

IMAGE = '![x](http://127.0.0.1:9999/t.png)'
UNESCAPED_MARKUP = re.compile(r"(?<!\\)[!\[\]()<>`*_]")


class ParsingKB(FakeKB):
    """Reads a `fact:value` question with the real expression parser, so its real error comes back."""

    def ask(self, question, *, limit=50, lang=None, where=None):
        from kb import parse_where

        parse_where(question)
        return super().ask(question, limit=limit, lang=lang, where=where)

    def explain(self, name):
        from kb.answering.explain import explain

        return explain(name, {})  # the real length cap runs before any lookup


def test_a_parse_error_quoting_an_image_is_shown_as_text_never_fetched():
    at, _ = fake_app(ParsingKB())
    ask(at, f'params:"{IMAGE}"')
    shown = at.warning[0].value
    assert IMAGE in unescape_markdown(shown) and "params needs a number" in shown
    assert UNESCAPED_MARKUP.search(shown) is None  # no ![…](…): the browser has nothing to fetch
    assert all("](http" not in m.value for m in at.markdown)


def test_an_over_long_name_in_the_decode_box_gets_a_message():
    at, _ = fake_app(ParsingKB())
    at.sidebar.text_input(key="decode_name").set_value("convnext_" * 6700).run()
    assert not at.exception
    assert unescape_markdown(at.sidebar.error[0].value).startswith("the name is 60,300 characters; the limit is 200")


def test_escape_markdown_keeps_bare_urls_as_written_and_makes_no_other_link():
    from app.view import escape_markdown

    text = "see http://example.com/a_b and www.example.org, [t](javascript:alert(1)) <http://x.y>"
    escaped = escape_markdown(text)
    assert unescape_markdown(escaped) == text  # a URL copies back whole: no hidden character inserted
    assert "](" not in escaped.replace("\\]\\(", "") and UNESCAPED_MARKUP.search(escaped) is None
