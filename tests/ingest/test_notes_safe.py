"""Issue 28 #3 and #7: a note swapped for a FIFO never blocks an ingest; `kb repair` never touches a clean line."""

import os
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from ingest.encoding import read_note
from ingest.repair import repair_text
from kb.build import BadInput
from kb.cli import cli
from kb.config import PROJECT_ROOT

NOTES = PROJECT_ROOT / "data" / "notes"


def finishes(function, seconds: float = 10.0):
    """function() run in a thread; fails (instead of hanging the suite) if it blocks."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = function()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    return outcome


def test_a_fifo_note_is_refused_at_once(tmp_path):
    fifo = tmp_path / "swapped.md"
    os.mkfifo(fifo)  # no writer: a blocking open or read would wait forever
    outcome = finishes(lambda: read_note(fifo))
    assert isinstance(outcome.get("error"), BadInput)
    assert "swapped.md: not a regular file" in outcome["error"].message


def test_the_read_stage_skips_a_note_swapped_for_a_fifo_after_the_listing(tmp_path, monkeypatch):
    import ingest.pipeline as pipeline

    good = tmp_path / "good.md"
    good.write_text("# Title\n\nresnet50 text\n", encoding="utf-8")
    fifo = tmp_path / "late.md"
    os.mkfifo(fifo)
    monkeypatch.setattr(pipeline, "note_files", lambda _: ([fifo, good], []))  # listed as a file, a FIFO by now
    build = SimpleNamespace(notes_dir=tmp_path, home=tmp_path / "home", reports={}, sources=[])
    outcome = finishes(lambda: pipeline._read(build, SimpleNamespace(report=lambda fraction: None)))
    assert "error" not in outcome, outcome
    assert build.reports["late.md"].status == "skipped" and "not a regular file" in build.reports["late.md"].message
    assert [s.name for s in build.sources] == ["good.md"]


def test_kb_repair_on_a_fifo_is_one_line_exit_2(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    outcome = finishes(lambda: CliRunner().invoke(cli, ["repair", str(fifo), "--check"]))
    result = outcome["value"]
    assert result.exit_code == 2 and "not a regular file" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("note", sorted(p.name for p in NOTES.glob("*.md") if p.name != "transfer-learning-timm.ko.md"))
def test_kb_repair_leaves_every_clean_shipped_note_byte_for_byte(note):
    path = NOTES / note
    result = CliRunner().invoke(cli, ["repair", str(path), "--json"])
    assert result.exit_code == 0 and '"lines_changed": 0' in result.output and '"uncertain_lines": []' in result.output
    assert CliRunner().invoke(cli, ["repair", str(path)]).output == path.read_text(encoding="utf-8")


CLEAN_LATIN = ["7×7 depthwise conv, café, naïve, Ångström", "«café…» — “quoted” ‘x’ ± 0.5 °C µs",
               "café»", "Résumé: 한국어 ✅ → 7×7 커널", "ÀÉÎÕÜ àéîõü ß ÿ ¿¡ § ¶ © ®"]


def test_clean_latin_and_korean_lines_are_never_touched(tmp_path):
    text = "\n".join(CLEAN_LATIN) + "\n"
    assert repair_text(text).text == text and repair_text(text).lines_changed == 0
    path = tmp_path / "latin.md"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["repair", str(path)])
    assert result.exit_code == 0 and result.output == text  # "7×7" stays, never "7׭7"; "café" never "caf魭"


def test_mojibake_is_still_repaired_and_clean_lines_in_it_kept():
    clean = (NOTES.parent / "expected" / "transfer-learning-timm.ko.md").read_text(encoding="utf-8")
    damaged = (NOTES / "transfer-learning-timm.ko.md").read_text(encoding="utf-8")
    repaired = repair_text(damaged + "\n7×7 kernel, naïve\n").text.split("\n")
    assert repaired[-2] == "7×7 kernel, naïve"  # a clean Latin line inside a mojibake file
    right = sum(a == b for a, b in zip(repaired, clean.split("\n"), strict=False))
    assert right >= len(clean.split("\n")) - 3
    latin_mojibake = "café, naïve".encode().decode("cp1252")  # 'cafÃ©, naÃ¯ve': still mojibake, still repaired
    assert repair_text(latin_mojibake).text == "café, naïve"
    assert Path(NOTES / "modern-architectures.ko.md").exists()
