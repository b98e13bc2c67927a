"""The Streamlit chat app: `streamlit_app` (the page, a thin layer over kb's public API) and `view` (its pure
helpers: tables, chips, charts, escaping). Every string it shows comes from kb's one bilingual table (`kb.ui_text`)."""
