"""timm-kb chat app: ask in Korean or English, see the matching weights, the evidence and a plot.

A thin layer over kb.api. Note text is shown with st.text / st.code (never as HTML), so a note containing
<script> or onerror attributes is displayed, not run.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from kb.answer import citation, describe_filters
from kb.errors import BadInput, KBError, NoIndex
from kb.schema import Answer, QueryFilters

UI = {
    "en": {"title": "timm-kb", "ask": "Ask about timm models (Korean or English)", "read": "How I read your question",
           "matches": "Matching weights", "evidence": "From your notes", "plot": "Params vs ImageNet top-1",
           "none": "No matches.", "filters": "Filters", "rerun": "Re-run last question", "decode": "Decode a name",
           "index": "Index", "no_index": "No index has been built yet.", "build": "Build the index now",
           "building": "Building the index…", "relax": "Nearest alternatives"},
    "ko": {"title": "timm-kb", "ask": "timm 모델에 대해 물어보세요 (한국어/영어)", "read": "질문을 이렇게 이해했어요",
           "matches": "조건에 맞는 가중치", "evidence": "노트에서 찾은 근거", "plot": "파라미터 vs ImageNet top-1",
           "none": "맞는 모델이 없습니다.", "filters": "필터", "rerun": "마지막 질문 다시 실행", "decode": "이름 해석",
           "index": "인덱스", "no_index": "아직 인덱스가 없습니다.", "build": "지금 인덱스 만들기",
           "building": "인덱스를 만드는 중…", "relax": "가까운 대안"},
}


def home() -> Path:
    from kb.config import kb_home

    return Path(os.environ["KB_HOME"]).resolve() if os.environ.get("KB_HOME") else kb_home()


@st.cache_resource(show_spinner=False)
def knowledge_base(path: str):
    from kb.api import open_kb

    return open_kb(Path(path))


def get_kb():
    kb = knowledge_base(str(home()))
    kb.refresh()  # a nightly re-ingest is picked up without a restart
    return kb


def no_index_page() -> None:
    from ingest.pipeline import STAGES
    from kb.api import build_index

    text = UI["en"]
    st.title("timm-kb")
    st.info(f"{text['no_index']} / {UI['ko']['no_index']}")
    if st.button(f"{text['build']} / {UI['ko']['build']}", key="build"):
        bar = st.progress(0.0, text=text["building"])
        def progress(stage: str, fraction: float) -> None:
            position = STAGES.index(stage) if stage in STAGES else 0
            bar.progress(min(1.0, (position + fraction) / len(STAGES)), text=f"{stage} {fraction:.0%}")

        build_index(home=home(), progress=progress)
        knowledge_base.clear()
        st.rerun()


def show_answer(answer: Answer) -> None:
    text = UI[answer.language]
    st.markdown(answer.answer.replace("<", "&lt;"))
    chips = describe_filters(answer.filters, answer.language)
    if chips:
        st.caption(text["read"] + ": " + "  ·  ".join(f"`{c}`" for c in chips))
    if answer.models:
        st.subheader(f"{text['matches']} ({answer.total_matches or len(answer.models)})")
        rows = [{"name": m.name, "hf": m.hf_url, "params (M)": m.params_m, "top-1": m.top1, "res": m.resolution,
                 "test res": m.test_resolution, "licence": m.license} for m in answer.models]
        st.dataframe(rows, hide_index=True, column_config={
            "hf": st.column_config.LinkColumn("Hugging Face", display_text="open"),
        })
        # the names again as plain text: copyable, and readable without the canvas table
        st.text("\n".join(m.name for m in answer.models[:50]))
        plotted = [r for r in rows if r["params (M)"] is not None and r["top-1"] is not None]
        if len(plotted) >= 2:
            import altair as alt
            import pandas as pd

            chart = alt.Chart(pd.DataFrame(plotted)).mark_circle(size=70).encode(
                x=alt.X("params (M):Q", scale=alt.Scale(type="log")), y=alt.Y("top-1:Q", scale=alt.Scale(zero=False)),
                tooltip=["name", "params (M)", "top-1", "res"])
            st.caption(text["plot"])
            st.altair_chart(chart, width="stretch")
    elif answer.filters.is_structured():
        st.warning(text["none"])
        for r in answer.relaxations:
            st.write(f"{text['relax']}: {(r.description_ko or r.description) if answer.language == 'ko' else r.description}"
                     + (f" — {', '.join(r.examples)}" if r.examples else ""))
    if answer.passages:
        st.subheader(text["evidence"])
        for passage in answer.passages:
            with st.expander(citation(passage)):
                st.text(passage.text)  # plain text: note HTML is never rendered


def sidebar(kb) -> None:
    manifest = kb.manifest
    last: Answer | None = st.session_state.get("last_answer")
    lang = last.language if last else "en"
    text = UI[lang]
    with st.sidebar:
        st.header(text["filters"])
        base = last.filters if last else QueryFilters()
        sizes = st.text_input("size", key="f_size")
        datasets = st.text_input("datasets", key="f_data")
        resolution = st.number_input("resolution", min_value=0, max_value=2048, step=32, key="f_res")
        max_params = st.number_input("max params (M)", min_value=0.0, key="f_params")
        min_top1 = st.number_input("min top-1 (%)", min_value=0.0, max_value=100.0, key="f_top1")
        families = st.text_input("family", key="f_family")
        licenses = st.text_input("licence", key="f_license")
        if st.button(text["rerun"], key="rerun", disabled=last is None):
            def split(value: str) -> list[str]:
                return [v.strip().lower() for v in value.split(",") if v.strip()]

            edited = base.model_copy(update={
                "sizes": split(sizes), "datasets": split(datasets), "pretrain_datasets": [], "finetune_datasets": [],
                "resolution": int(resolution) or None, "max_params_m": max_params or None, "min_top1": min_top1 or None,
                "families": split(families), "licenses": split(licenses),
            })
            # answered at the top of the next run, before the sidebar widgets are drawn
            st.session_state.pending = (last.query, edited)
            st.rerun()
        st.header(text["decode"])
        name = st.text_input("name", key="decode_name", placeholder="convnext_base.fb_in22k_ft_in1k")
        if name:
            from kb.explain import render_explanation

            try:
                st.code(render_explanation(kb.explain(name), lang), language=None)
            except KBError as error:
                st.error(error.message + (f" — {', '.join(error.suggestions)}" if error.suggestions else ""))
        st.header(text["index"])
        st.caption(f"build {manifest.build_id} · {manifest.built_at}\n\n timm {manifest.timm_version} · "
                   f"{manifest.counts.get('records', 0)} weights · {manifest.counts.get('passages', 0)} passages\n\n"
                   f"embeddings: {manifest.embed_model}")


def ask(kb, question: str, filters: QueryFilters | None = None) -> None:
    try:
        answer = kb.ask(question, limit=200, filters=filters)
    except BadInput as error:
        st.session_state.history.append({"question": question[:200], "error": error.message})
        return
    st.session_state.last_answer = answer
    st.session_state.history.append({"question": question, "answer": answer})
    prefill_filters(answer.filters)


def prefill_filters(filters: QueryFilters) -> None:
    """Show what the rules read in the sidebar widgets (their keys must be set before they are drawn)."""
    st.session_state.f_size = ", ".join(filters.sizes)
    st.session_state.f_data = ", ".join(filters.datasets + filters.pretrain_datasets + filters.finetune_datasets)
    st.session_state.f_res = filters.resolution or 0
    st.session_state.f_params = float(filters.max_params_m or 0.0)
    st.session_state.f_top1 = float(filters.min_top1 or 0.0)
    st.session_state.f_family = ", ".join(filters.families)
    st.session_state.f_license = ", ".join(filters.licenses)


def main() -> None:
    st.set_page_config(page_title="timm-kb", page_icon="🔎", layout="wide")
    try:
        kb = get_kb()
    except NoIndex:
        no_index_page()
        return
    except KBError as error:
        st.error(error.message)
        return
    st.session_state.setdefault("history", [])
    if "f_size" not in st.session_state:
        prefill_filters(QueryFilters())
    question = st.chat_input(UI["en"]["ask"] + " / " + UI["ko"]["ask"])
    if question is not None:
        ask(kb, question)
    elif st.session_state.get("pending"):
        pending_question, pending_filters = st.session_state.pop("pending")
        ask(kb, pending_question, filters=pending_filters)
    sidebar(kb)
    st.title("timm-kb")
    for turn in st.session_state.history:
        with st.chat_message("user"):
            st.text(turn["question"])
        with st.chat_message("assistant"):
            if "error" in turn:
                st.warning("🙏 " + turn["error"])
            else:
                show_answer(turn["answer"])


main()
