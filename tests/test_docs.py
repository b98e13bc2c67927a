"""The README is a short tour with the two set-up commands; the docs beside it link where they say and the fact
table in docs/query-language.md is the one kb.facts declares (scripts/docs_fields.py writes it)."""

from __future__ import annotations

import importlib.util
import re

from kb import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"


def test_the_readme_is_a_short_tour_with_two_set_up_commands():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    assert "`make run`" in text and "`make test`" in text


def test_every_local_link_of_the_readme_and_the_docs_exists():
    pages = [README] + sorted((PROJECT_ROOT / "docs").glob("*.md"))
    broken = []
    for page in pages:
        text = re.sub(r"```.*?```|`[^`\n]*`", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)  # code is no link
        for target in re.findall(r"\]\(([^)#\s]+)\)", text):
            if not target.startswith("http") and not (page.parent / target).exists():
                broken.append(f"{page.name}: {target}")
    assert broken == []


def test_the_fact_table_in_the_docs_is_the_one_kb_declares():
    spec = importlib.util.spec_from_file_location("docs_fields", PROJECT_ROOT / "scripts" / "docs_fields.py")
    docs_fields = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(docs_fields)
    page = docs_fields.PAGE.read_text(encoding="utf-8")
    assert docs_fields.written(page) == page, "run scripts/docs_fields.py"
