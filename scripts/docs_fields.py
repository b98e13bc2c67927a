#!/usr/bin/env python
"""Write the fact table into docs/query-language.md (between its `<!-- fields -->` markers) from kb.facts, the one
source: `.venv/bin/python scripts/docs_fields.py`. tests/test_docs.py fails when the page is out of date."""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGE = ROOT / "docs" / "query-language.md"
START, END = "<!-- fields -->", "<!-- /fields -->"


def table() -> str:
    from kb import FACTS

    lines = ["| field (synonyms) | kind | unit | what it is |", "| --- | --- | --- | --- |"]
    for f in FACTS:
        if f.kind == "display":
            continue
        names = ", ".join(f"`{n}`" for n in (f.key,) + f.syntax)
        lines.append(f"| {names} | {f.kind} | {f.unit} | {f.label_en}: {f.about_en} |")
    return "\n".join(lines)


def written(text: str) -> str:
    return re.sub(rf"{START}.*?{END}", f"{START}\n{table()}\n{END}", text, flags=re.S)


if __name__ == "__main__":
    PAGE.write_text(written(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
