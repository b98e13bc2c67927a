"""Each parser against the shipped notes, with exact counts; repair accuracy; the bad-input corpus."""


import pytest

from ingest.conventions import parse_convention_rules
from ingest.encoding import read_note
from ingest.flattened import recover_flattened
from ingest.markdown import MAX_CODE_CHARS, section_passages, split_sections
from ingest.model_notes import parse_model_notes
from ingest.parse import parse_source
from ingest.repair import repair_text
from ingest.suffix_guide import parse_suffix_terms
from kb.config import DATA_DIR, NOTES_DIR
from kb.errors import BadInput

MOJIBAKE = NOTES_DIR / "transfer-learning-timm.ko.md"


def test_model_notes_entries_bullets_and_flags():
    notes = parse_model_notes((NOTES_DIR / "timm-model-notes.ko.md").read_text(encoding="utf-8"), "n")
    assert len(notes) == 17
    bullets = [b for n in notes for b in n.bullets]
    assert len(bullets) == 155 and sum(1 for b in bullets if b.depth > 0) == 61
    by_text = {n.link_text: n for n in notes}
    assert by_text["timm/bat_resnext26ts.ch_in1k"].hf_url is None
    assert any("empty link" in f for f in by_text["timm/bat_resnext26ts.ch_in1k"].flags)
    assert any("under the 2021 heading" in f for f in by_text["timm/dm_nfnet_f0.dm_in1k"].flags)
    assert any("empty bullet" in f for n in notes for f in n.flags)
    family_only = {n.link_text for n in notes if any("only a family" in f for f in n.flags)}
    assert family_only == {"timm/beitv2", "timm/convnext", "timm/coat", "timm/crossvit"}
    nfnet = by_text["timm/dm_nfnet_f0.dm_in1k"]
    assert (nfnet.image_size_train, nfnet.image_size_test, nfnet.paper_date) == (192, 256, "2022.02.11")
    assert "coatnet_rmlp_nano_rw_224" in by_text["timm/coat"].siblings
    assert "cspresnext50" in by_text["timm/cs3darknet_focus_l.c2ns_in1k"].siblings


def test_suffix_terms_and_convention_rules():
    terms = parse_suffix_terms((NOTES_DIR / "timm-suffix-guide.ko.md").read_text(encoding="utf-8"))
    assert len(terms) == 26
    augreg = next(t for t in terms if t.token == "_augreg")
    assert "Augmentation Regularization" in augreg.meaning
    recovered = recover_flattened((NOTES_DIR / "mmpretrain-naming-convention.en.md").read_text(encoding="utf-8"))
    rules = parse_convention_rules(recovered)
    assert [r.part for r in rules] == ["algorithm", "module", "pretrain", "training", "data", "example", "config", "checkpoint"]
    assert "such as 8xb32" in recovered and "- `pt`: configuration file for pretraining" in recovered
    assert "fine-tuningpt" not in recovered and "etc.module" not in recovered


def test_sections_code_blocks_and_table_rows():
    text = (NOTES_DIR / "modern-architectures.ko.md").read_text(encoding="utf-8")
    sections = split_sections(text, "modern-architectures.ko.md", "modern-architectures")
    assert len(sections) == 40
    passages, rows = [], []
    for section in sections:
        p, r = section_passages(section)
        passages += p
        rows += r
    code = [p for p in passages if p.kind == "code"]
    # 28 fenced blocks; the long ones are cut into fenced pieces, each under the embedder's window
    assert len({p.heading for p in code}) <= 28 < len(code)
    assert all(p.text.count("```") == 2 and p.text.rstrip().endswith("```") for p in code)
    assert max(len(p.text[p.text.index("```"):]) for p in code) <= MAX_CODE_CHARS + len("```python\n\n```")
    # the sentence that introduces a block travels with it; rules and lone tags are not passages
    steps = next(p for p in code if "3×3 → 7×7" in p.text)
    assert steps.text.startswith("ResNet-50에서 시작하여")
    assert not any(p.text.strip() in ("---", "</details>") for p in passages)
    assert len(rows) == 13
    assert {"모델", "파라미터"} <= set(rows[0].cells)
    assert all(len(p.text) <= 700 for p in passages if p.kind == "text")


def test_every_shipped_note_parses():
    counts = {}
    for path in sorted(NOTES_DIR.iterdir()):
        parsed = parse_source(read_note(path))
        counts[path.name] = (parsed.format, len(parsed.passages))
    assert counts["timm-model-notes.ko.md"][0] == "model-notes"
    assert counts["timm-suffix-guide.ko.md"][0] == "suffix-guide"
    assert counts["mmpretrain-naming-convention.en.md"][0] == "flattened-web-page"
    assert all(n > 0 for _, n in counts.values())


def test_repair_matches_the_hand_checked_file():
    damaged = MOJIBAKE.read_text(encoding="utf-8").split("\n")
    expected = (DATA_DIR / "expected" / "transfer-learning-timm.ko.md").read_text(encoding="utf-8").split("\n")
    repaired = repair_text("\n".join(damaged)).text.split("\n")
    changed = [i for i, line in enumerate(damaged) if not line.isascii()]
    assert len(changed) == 172
    right = sum(repaired[i] == expected[i] for i in changed)
    assert right >= 170
    assert all(repaired[i] == damaged[i] for i, line in enumerate(damaged) if line.isascii())


def test_mojibake_note_is_detected_and_repaired_on_read():
    source = read_note(MOJIBAKE)
    assert source.encoding.startswith("mojibake") and source.repaired_lines == 172
    assert "전이학습" in source.text


KOREAN = "# 노트\n\n전이학습은 사전학습된 가중치를 새 태스크에 씁니다.\n"


@pytest.mark.parametrize("data, encoding", [
    (KOREAN.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + KOREAN.encode("utf-8"), "utf-8-sig"),
    (KOREAN.encode("cp949"), "cp949"),
    (KOREAN.encode("euc-kr"), "cp949"),  # EUC-KR is a subset of CP949
])
def test_encodings(tmp_path, data, encoding):
    path = tmp_path / "note.md"
    path.write_bytes(data)
    source = read_note(path)
    assert source.encoding == encoding and "전이학습" in source.text


def test_mojibake_built_from_a_clean_note_round_trips(tmp_path):
    clean = "전이학습 개념도와 랜덤 초기화 ✅\n" * 5
    damaged = clean.encode("utf-8").decode("cp1252", errors="ignore")
    path = tmp_path / "m.md"
    path.write_text(damaged, encoding="utf-8")
    assert read_note(path).text == clean


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_bytes(b"\x00\x01\x02binary\x00" * 100), "binary"),
    (lambda p: p.write_bytes(b"\xff\xfe\xfa\xfb not text \xc3\x28" * 10), "not UTF-8"),
])
def test_bad_files_are_refused_with_a_clear_message(tmp_path, make, message):
    path = tmp_path / "bad.md"
    make(path)
    with pytest.raises(BadInput) as error:
        read_note(path)
    assert message in error.value.message and "bad.md" in error.value.message


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.md"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(BadInput, match="over the 5 MB limit"):
        read_note(path)


def test_note_without_headings_and_html_is_kept_as_text(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("그냥 텍스트 <script>alert(1)</script> resnet50 설명\n", encoding="utf-8")
    parsed = parse_source(read_note(path))
    assert parsed.passages and parsed.passages[0].heading == "plain"
    assert "<script>alert(1)</script>" in parsed.passages[0].text
