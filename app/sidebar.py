"""The app's sidebar: the last answer's reading as editable filters (one widget per fact of the table's "widget"
place), a name decoder, and the index's facts."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app import view
from kb import KBError, Lang, Where, edit_where
from kb import ui_text as t


@dataclass
class PendingRerun:
    question: str
    where: Where  # the answer's expression with the sidebar's edits


def prefill(answer) -> None:
    """Put what the rules read into the widgets (their state must be set before they are drawn)."""
    form = view.form_from_answer(answer)
    st.session_state.shown_form = form
    for key, value in form.values.items():
        st.session_state[key] = value


def current_form() -> view.FilterForm:
    return view.FilterForm({key: st.session_state[key] for f in view.widget_facts() for key in view.widget_keys(f)})


def filters(kb, lang: Lang) -> None:
    records = kb.records()
    last = st.session_state.get("last")
    if "shown_form" not in st.session_state:
        prefill(None)
    st.header(t("filters", lang))
    st.caption(t("filters_help", lang))
    for fact in view.widget_facts():
        label = fact.plain(lang)
        if fact.kind == "number":
            low, high = view.widget_keys(fact)
            left, right = st.columns(2)
            left.number_input(f"{label} ≥", min_value=0.0, key=low, help=t("f_any", lang))
            right.number_input(f"{label} ≤", min_value=0.0, key=high, help=t("f_any", lang))
        else:
            key = view.widget_keys(fact)[0]
            st.multiselect(label, view.options(records, fact, st.session_state[key]), key=key,
                           placeholder=t("choose", lang))
    if st.button(t("rerun", lang), key="rerun", disabled=last is None, type="primary"):
        question, answer = last
        edits = view.edits_from_form(st.session_state.shown_form, current_form())
        st.session_state.pending = PendingRerun(question, edit_where(answer.where, edits))  # answered next run
        st.rerun()


def decoder(kb, lang: Lang) -> None:
    st.header(t("decode", lang))
    name = st.text_input(t("decode", lang), key="decode_name", placeholder=t("decode_hint", lang),
                         label_visibility="collapsed")
    if name and name.strip():
        decode(kb, name.strip(), lang)  # an over-long name is refused by kb.explain with a message


def decode(kb, name: str, lang: Lang) -> None:
    try:
        exp = kb.explain(name)
    except KBError as error:
        st.error(view.escape_markdown(error.message))  # the message quotes the name as typed: never markdown
        if error.suggestions:
            st.markdown(f"{t('did_you_mean', lang)}: " + ", ".join(f"`{s}`" for s in error.suggestions))
        return
    st.markdown(f"**`{exp.name}`** · {view.escape_markdown(exp.convention)}")
    st.markdown("\n".join(
        f"- `{p.token}` · {view.escape_markdown(p.role)}: {view.escape_markdown(p.meaning_ko)} / "
        f"{view.escape_markdown(p.meaning_en)}" for p in exp.parts))
    st.markdown(f"**{t('facts', lang)}**  \n" + "  \n".join(
        f"{view.escape_markdown(label)}: {view.escape_markdown(value)}" for label, value in view.explanation_facts(exp, lang)))
    if exp.hf_url:
        st.markdown(f"[Hugging Face]({exp.hf_url})")
    for note in exp.notes:
        st.caption(view.escape_markdown(note))


def index_facts(kb, lang: Lang) -> None:
    st.header(t("index", lang))
    labels = {"built": t("built", lang), "weights": t("weights", lang), "passages": t("passages", lang),
              "embed": t("embed", lang), "timm": "timm"}
    st.caption("  \n".join(f"{labels[key]}: {view.escape_markdown(value)}" for key, value in view.manifest_facts(kb.manifest)))


def sidebar(kb, lang: Lang) -> None:
    with st.sidebar:
        filters(kb, lang)
        decoder(kb, lang)
        index_facts(kb, lang)
