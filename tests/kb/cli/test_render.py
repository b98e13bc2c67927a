"""kb/cli/render.py: tables for terminals and pipes; names never wrap; csv/tsv/markdown/jsonl round-trip."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rich.console import Console

from kb.cli import cli, render

ARGS = ["models", "--family", "convnext", "--size", "small"]


def invoke(*extra: str) -> str:
    result = CliRunner().invoke(cli, [*ARGS, *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def names() -> list[str]:
    return [r["name"] for r in json.loads(invoke("--json"))]


def test_csv_and_tsv_round_trip_every_name(names):
    for output_format, delimiter in (("csv", ","), ("tsv", "\t")):
        rows = list(csv.reader(io.StringIO(invoke("--format", output_format)), delimiter=delimiter))
        assert rows[0][0] == "name" and rows[0][-1] == "link"
        assert [r[0] for r in rows[1:]] == names


def test_jsonl_is_one_record_per_line_and_markdown_one_row_per_weight(names):
    assert [json.loads(line)["name"] for line in invoke("--format", "jsonl").splitlines()] == names
    table = invoke("--format", "markdown").splitlines()
    assert table[0].startswith("| name |") and [line.split(" | ")[0][2:] for line in table[2:]] == names


def test_names_never_wrap_on_a_narrow_terminal(monkeypatch, names):
    out = io.StringIO()
    monkeypatch.setattr(render, "console", lambda: Console(file=out, width=80, force_terminal=True, emoji=False,
                                                             markup=False, highlight=False))
    records = [type("Row", (), {"name": n, "params_m": 50.0, "top1": 83.1, "license": "apache-2.0",
                                "hf_url": f"https://huggingface.co/timm/{n}"})() for n in names]
    render.print_rows(render.rows_of(records), "ko", "table")
    lines = out.getvalue().splitlines()
    assert all(any(name in line for line in lines) for name in names)  # each name whole, on one line
    assert "이름" in out.getvalue() and "https://" not in out.getvalue()  # the link column went first


def test_models_title_counts_every_match_not_the_limit():
    first_line = invoke("--limit", "2").splitlines()[0]
    assert first_line.startswith("2 of 9 live timm weights")
