"""The text each indexed item is embedded and tokenised as: a bilingual description per model record (so free text
like "a light model for phones" lands on models) and a passage with its heading."""

from __future__ import annotations

import hashlib

from kb.schema import ModelRecord, Passage

STAGE_WORDS = {
    "pretrain": ("pretrained on", "사전학습"),
    "intermediate": ("then trained on", "중간 학습"),
    "finetune": ("fine-tuned on", "파인튜닝"),
    "train": ("trained on", "학습"),
}


def passage_index_text(passage: Passage) -> str:
    """The heading travels with the text: a bullet under "botnet26t" is about botnet26t."""
    return f"{passage.heading}\n{passage.text}"


def describe_record(record: ModelRecord) -> str:
    """A short English + Korean sentence pair built only from the record's parsed fields."""
    size = f" {record.size}" if record.size else ""
    english = [f"{record.name}: {record.family}{size} image model"]
    korean = [f"{record.family}{size} 이미지 모델"]
    for use in record.datasets:
        en_word, ko_word = STAGE_WORDS.get(use.stage, ("trained on", "학습"))
        english.append(f"{en_word} {use.raw}")
        korean.append(f"{use.raw} {ko_word}")
    if record.methods:
        english.append("methods " + ", ".join(record.methods))
        korean.append("방법 " + ", ".join(record.methods))
    english.append(f"input {record.resolution}px")
    korean.append(f"입력 해상도 {record.resolution}")
    if record.params_m is not None:
        english.append(f"{record.params_m}M parameters")
        korean.append(f"파라미터 {record.params_m}M")
    if record.top1 is not None:
        english.append(f"ImageNet top-1 {record.top1}%")
        korean.append(f"top-1 정확도 {record.top1}%")
    if record.license:
        english.append(f"licence {record.license}")
        korean.append(f"라이선스 {record.license}")
    return "; ".join(english) + ".\n" + ", ".join(korean) + "."


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def embedding_key(model_id: str, text: str) -> str:
    """The key a vector is stored under (in an index, the cache and the shipped vectors): model and text."""
    return content_hash(f"{model_id}\n{text}")
