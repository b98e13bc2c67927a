"""timm-kb chat app: ask in Korean or English, see the matching weights, the evidence and a plot.

A thin layer over the core API (kb.api). Run it with `kb app`.

Seam for tests: `get_kb()` returns `st.session_state["kb_override"]` when it is set (AppTest can put a stand-in
KnowledgeBase there before the first run); otherwise the real KnowledgeBase for KB_HOME, opened once per process
with st.cache_resource and refreshed on every run so a nightly re-ingest is picked up without a restart.

Note text is never rendered as HTML: passages are shown with st.text, everything else derived from notes goes
through view.escape_markdown, and unsafe_allow_html is not used anywhere. Error messages quote what was typed:
they go through view.escape_markdown too (a `![x](http://…)` in a question is shown, never fetched).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run app/streamlit_app.py` puts only app/ on the path
    sys.path.insert(0, str(ROOT))

from app import sidebar, view  # noqa: E402
from kb import BadInput, KBError, Lang, NoIndex, Where, citation, detect_language, kb_home, sort_order  # noqa: E402
from kb import ui_text as t  # noqa: E402
from kb import ui_text_both as both  # noqa: E402

log = logging.getLogger("timm-kb.app")
KB_OVERRIDE = "kb_override"
# our own constant CSS: a side-by-side of long names scrolls inside its answer instead of widening the page
WIDE_TABLES_SCROLL = ("<style>[data-testid=stMarkdownContainer] table {display: block; overflow-x: auto;}"
                      " [data-testid=stMarkdownContainer] :is(th, td) {white-space: nowrap;}</style>")
ANSWER_LIMIT = 1000  # pages of view.PAGE_SIZE rows, or all of them
EXAMPLES = 6  # example questions on the empty page: kb.ui_text("example.1" …), each a button


# --------------------------------------------------------------------------------------------------------------
# The knowledge base
# --------------------------------------------------------------------------------------------------------------


@st.cache_resource(show_spinner="Loading the index… / 인덱스를 읽는 중…")
def _open_kb(home: str):
    from kb import open_kb

    return open_kb(Path(home))


def get_kb():
    injected = st.session_state.get(KB_OVERRIDE)
    if injected is not None:
        return injected
    kb = _open_kb(str(kb_home()))
    kb.refresh()  # cheap: compares the current index pointer, reloads only after a re-ingest
    if kb.refresh_error is not None:  # a damaged new index: keep answering from the one in memory
        log.warning("index refresh failed: %s", kb.refresh_error.message)
    return kb


def ui_language() -> Lang:
    history: list[view.Turn] = st.session_state.get("history", [])
    if history:
        return history[-1].lang
    locale = (getattr(st.context, "locale", None) or "").lower()
    return "ko" if locale.startswith("ko") else "en"


# --------------------------------------------------------------------------------------------------------------
# No index yet
# --------------------------------------------------------------------------------------------------------------


def index_missing_page(error: KBError) -> None:
    from ingest import STAGE_NAMES, build_index

    st.title(t("title", "en"))
    if isinstance(error, NoIndex):
        st.info(both("no_index"))
        home = f"`{kb_home()}`"  # a code span: the path is shown as written
        st.markdown(t("no_index_why", "en", home=home))
        st.markdown(t("no_index_why", "ko", home=home))
    else:  # stale or corrupt: the message says what happened, a rebuild fixes both
        st.error(view.escape_markdown(error.message))
    if st.button(both("build"), key="build", type="primary"):
        bar = st.progress(0.0, text=both("building"))
        stages = list(STAGE_NAMES)

        def progress(stage: str, fraction: float) -> None:
            position = stages.index(stage) if stage in stages else 0
            overall = min(1.0, (position + max(0.0, min(1.0, fraction))) / max(1, len(stages)))
            bar.progress(overall, text=f"{both('building')} {stage} {fraction:.0%}")

        try:
            report = build_index(home=kb_home(), progress=progress)
        except KBError as build_error:
            st.error(view.escape_markdown(build_error.message))
            return
        if not report.ok:
            st.error(view.escape_markdown(report.message))
            return
        _open_kb.clear()
        st.rerun()


# --------------------------------------------------------------------------------------------------------------
# Asking
# --------------------------------------------------------------------------------------------------------------


def chat_of(kb):
    """The chat's conversation: a question may refine the one before it. A new index starts a new one."""
    current = st.session_state.get("conversation")
    if current is None or getattr(current, "kb", None) is not kb:
        current = st.session_state["conversation"] = kb.conversation()
    return current


def ask(kb, question: str, where: Where | None = None, rerun: bool = False) -> None:
    history: list[view.Turn] = st.session_state.history
    lang: Lang = "ko" if detect_language(question or "") == "ko" else ui_language()
    shown_question = question if len(question) <= 300 else question[:300] + f"… ({len(question):,})"
    try:
        answer = chat_of(kb).ask(question, limit=ANSWER_LIMIT, where=where)
    except BadInput as error:
        history.append(view.Turn(shown_question, lang, error=t("bad_input", lang, msg=error.message)))
        return
    except KBError as error:
        history.append(view.Turn(shown_question, lang, error=error.message))
        return
    except Exception as error:  # a bug must not show a traceback to the user; the log keeps it
        log.exception("ask failed")
        history.append(view.Turn(shown_question, lang, error=t("failed", lang, msg=type(error).__name__)))
        return
    history.append(view.Turn(question, answer.language, answer=answer, rerun=rerun))
    st.session_state.last = (question, answer)
    sidebar.prefill(answer)


# --------------------------------------------------------------------------------------------------------------
# The conversation
# --------------------------------------------------------------------------------------------------------------


def show_answer(answer, index: int, rerun: bool) -> None:
    """Answer first: the sentence(s), what was understood, one page of matches, a weight's details or a
    comparison on request; the plot and the evidence collapsed below."""
    lang = answer.language
    if rerun:
        st.caption(view.escape_markdown(t("rerun_with", lang, where=answer.where_words or "-")))
    if answer.partial:  # a condition that could not be applied is said before anything else
        st.warning(t("partial", lang, words=", ".join(answer.unapplied)))
    for kind, block in view.answer_blocks(answer.answer):
        if kind == "code":  # code is shown as code, whole, never quoted as prose
            st.code(block)
        else:
            st.markdown(view.escape_markdown(block))
    chips = view.filter_chips(answer, lang)
    st.markdown(f"**{t('read', lang)}:** " + (view.chips_markdown(chips) if chips else t("read_nothing", lang)))
    if answer.comparison is not None:  # the weights side by side are the answer: no second table of them
        st.subheader(t("compare", lang))
        st.markdown(view.comparison_markdown(answer.comparison))
    elif answer.models and answer.where is not None:  # a note answer's model suggestions are not matches
        matches(answer, index, lang)
    elif answer.where is not None:
        st.warning(t("none", lang))
        for relaxation in answer.relaxations:
            description = relaxation.description_ko if lang == "ko" and relaxation.description_ko else relaxation.description
            examples = ", ".join(f"`{e}`" for e in relaxation.examples[:5])
            st.markdown(f"- **{t('relax', lang)}:** {view.escape_markdown(description)} ({relaxation.total_matches})"
                        + (f" — {examples}" if examples else ""))
    if answer.passages:
        st.subheader(t("evidence", lang))
        for cited, texts, models in view.by_citation(answer.passages, citation):
            with st.expander(view.escape_markdown(cited), expanded=False):
                st.text("\n\n".join(texts))  # plain text: note HTML and markdown are shown, never interpreted
                if models:
                    st.caption(", ".join(f"`{m}`" for m in models[:10]))


def matches(answer, index: int, lang: Lang) -> None:
    total = answer.total_matches or len(answer.models)
    st.subheader(f"{t('matches', lang)} ({total})")
    pages = view.page_count(len(answer.models))
    show_all = pages > 1 and st.toggle(t("show_all", lang, n=len(answer.models)), key=f"all-{index}")
    page = 1
    if pages > 1 and not show_all:
        page = int(st.number_input(t("page", lang), min_value=1, max_value=pages, value=1, key=f"page-{index}"))
    order = sort_order(answer.sort)
    extra = tuple(answer.asked) + ((order[0],) if order else ())
    st.markdown(view.table_markdown(answer.models, lang, page, None if show_all else view.PAGE_SIZE, extra))
    by_name = {m.name: m for m in answer.models}
    picked = st.multiselect(t("pick", lang), list(by_name), key=f"pick-{index}", max_selections=4,
                            placeholder=t("choose", lang))
    if len(picked) == 1:
        details(by_name[picked[0]], lang)
    elif len(picked) >= 2:
        comparison = get_kb().compare(picked, lang)
        st.subheader(t("compare", lang))
        st.markdown(view.comparison_markdown(comparison))
    plot(answer.models, index, lang)


def details(hit, lang: Lang) -> None:
    st.subheader(f"{t('details', lang)}: {hit.name}")
    st.caption(t("load_with", lang))
    st.code(hit.create_model, language="python")  # st.code has a copy button
    st.markdown("  \n".join(f"**{view.escape_markdown(label)}:** {value}" for label, value in view.detail_facts(hit, lang)))
    if hit.hf_url:
        st.markdown(f"[Hugging Face]({hit.hf_url})")


def plot(models, index: int, lang: Lang) -> None:
    import altair as alt

    points = view.plot_points(models)
    if len(points) < 2:
        return
    chart = (
        alt.Chart(points, title=t("plot", lang))
        .mark_circle(size=80, opacity=0.8)
        .encode(
            x=alt.X("params_m:Q", title=t("col_params", lang), scale=alt.Scale(type="log")),
            y=alt.Y("top1:Q", title=t("col_top1", lang), scale=alt.Scale(zero=False)),
            color=alt.Color("resolution:N", title=t("col_res", lang), scale=alt.Scale(scheme="category10")),
            tooltip=[alt.Tooltip("name:N", title=t("col_name", lang)),
                     alt.Tooltip("params_m:Q", title=t("col_params", lang), format=".1f"),
                     alt.Tooltip("top1:Q", title=t("col_top1", lang), format=".2f"),
                     alt.Tooltip("resolution:N", title=t("col_res", lang))],
        )
    )
    with st.expander(t("plot", lang), expanded=False):
        st.altair_chart(chart, key=f"plot-{index}")


def examples(kb) -> None:
    """The empty page: what to ask, as buttons, in both languages."""
    st.caption(both("tagline").replace(" / ", "  \n"))
    st.caption(both("examples"))
    columns = st.columns(2)
    for number in range(1, EXAMPLES + 1):
        for column, lang in zip(columns, ("en", "ko"), strict=False):
            question = t(f"example.{number}", lang)
            if column.button(question, key=f"example-{lang}-{number}", use_container_width=True):
                st.session_state.example = question
                st.rerun()


def conversation(kb, lang: Lang) -> None:
    st.title(t("title", lang))
    history: list[view.Turn] = st.session_state.history
    if not history:
        examples(kb)
    for index, turn in enumerate(history):
        with st.chat_message("user"):
            st.text(turn.question)
        with st.chat_message("assistant"):
            if turn.error is not None:  # it quotes the question as typed: literal text, never markdown or an image
                st.warning(view.escape_markdown(turn.error))
            else:
                show_answer(turn.answer, index, turn.rerun)
    if history:
        scroll_here(len(history))


def scroll_here(turns: int) -> None:
    """Bring the newest question to the top of the view (Streamlit's chat otherwise keeps the page at its end).

    The turn count is part of the script so the frame reloads (and scrolls) once per new answer, not on every
    rerun: picking a weight below an answer must not move the page."""
    st.iframe(  # our own constant script, never user text
        f"<script>/* turn {turns} */ const go = () => {{"
        "const turns = window.parent.document.querySelectorAll('[data-testid=stChatMessage]');"
        "const last = turns[turns.length - 2] || turns[turns.length - 1];"
        "if (last) last.scrollIntoView({block: 'start'}); };"
        "go(); setTimeout(go, 300); setTimeout(go, 1000);</script>", height=1)


def main() -> None:
    st.set_page_config(page_title="timm-kb", page_icon="🔎", layout="wide")
    st.html(WIDE_TABLES_SCROLL)
    st.session_state.setdefault("history", [])
    try:
        kb = get_kb()
    except KBError as error:
        index_missing_page(error)
        return
    lang = ui_language()
    question = st.chat_input(f"{t('ask', 'en')} / {t('ask', 'ko')}") or st.session_state.pop("example", None)
    pending = st.session_state.pop("pending", None)
    if question is not None:
        ask(kb, question)
    elif pending is not None:
        ask(kb, pending.question, where=pending.where, rerun=True)
    lang = ui_language()
    sidebar.sidebar(kb, lang)
    conversation(kb, lang)


main()
