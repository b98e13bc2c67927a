"""Datasets with their stage, training-stage words, methods and licences in a question.

A dataset mention takes its stage from the words around it: "pretrained on X" / "X로 사전학습", "fine-tuned on
Y" / "Y로 파인튜닝", "began as X" / "X에서 시작한" (the first dataset of the tag), "whose classifier predicts the
22k classes" / "22k 클래스로 분류하는" (the last), "X only" / "X로만". Two mentions joined as a chain ("in22k ->
in1k", "in12k then in1k", "in22k 거쳐서 in1k") are pretraining then fine-tuning.
"""

from __future__ import annotations

import re

from kb.query.expression import all_of, any_of, cond, negate
from kb.query.lexicon import Lexicon
from kb.query.scan import Scan
from kb.query.words import (
    ACC_WORD,
    ACTIVITY_AFTER,
    ACTIVITY_BEFORE,
    ANY_FIELD,
    CHAIN_CONNECTOR,
    DATASET_PATTERNS,
    FINETUNED_WORD,
    IN1K_ONLY_ELSEWHERE,
    LICENSE_PATTERNS,
    METHOD_PATTERNS,
    NO_EXTRA_DATA,
    NOT_AFTER,
    NOT_BEFORE,
    NOT_FINETUNED_PATTERNS,
    RAW_CHECKPOINT,
    SCRATCH_WORD,
    STAGE_CUES,
)

NOT_FINETUNED = negate(cond("stage", "finetuned"))


def _stage_of(q: Scan, start: int, end: int) -> tuple[str, int, int]:
    before, after = q.text[max(0, start - 48):start], q.text[end:end + 24]
    for stage, before_re, after_re in STAGE_CUES:
        b = re.search(before_re, before, flags=re.IGNORECASE)
        if b:
            return stage, start - (len(before) - b.start()), end
        a = re.match(after_re, after, flags=re.IGNORECASE)
        if a:
            return stage, start, end + a.end()
    return "any", start, end


def parse_datasets(q: Scan) -> None:
    mentions: list[tuple[int, int, str]] = []
    for pattern, canonical in DATASET_PATTERNS:
        for m in q.finditer(pattern):
            if canonical == "in1k" and re.match(rf"[\s\-]*{ACC_WORD}", q.text[m.end():], flags=re.I):
                q.consume(m.start(), m.end())  # "ImageNet top-1", "imagenet accuracy": the metric, not the training data
                continue
            if q.text[m.start():m.end()].strip():
                mentions.append((m.start(), m.end(), canonical))
                q.text = q.text[:m.start()] + "\0" * (m.end() - m.start()) + q.text[m.end():]  # hold the span
    mentions.sort()
    q.text = q.text.replace("\0", " ")
    chained: dict[int, str] = {}
    # "in22k -> in1k", "from in22k to in1k", "in22k에서 in1k로 파인튜닝": the first pretrains, the second fine-tunes
    for (s1, e1, _), (s2, _, _) in zip(mentions, mentions[1:], strict=False):
        if re.match(CHAIN_CONNECTOR, q.text[e1:s2], flags=re.IGNORECASE):
            # openai -> in12k -> in1k: the middle one is an intermediate stage, anywhere in the chain
            chained[s1] = "any" if chained.get(s1) == "finetune" else "pretrain"
            chained[s2] = "finetune"
    found: list[tuple[str, str, int, int]] = []
    for start, end, canonical in mentions:
        stage, span_start, span_end = _stage_of(q, start, end)
        if start in chained and stage in ("any", "pretrain"):
            stage = chained[start] if chained[start] != "any" else "intermediate"
        found.append((canonical, stage, span_start, span_end))
    # "trained on in12k then fine-tuned on in1k", "in22k models fine-tuned on in1k": what comes first pretrains
    first_finetune = next((i for i, f in enumerate(found) if f[1] in ("finetune", "intermediate")), None)
    if first_finetune is not None:
        found = [(c, "pretrain" if s == "any" and i < first_finetune else s, a, b) for i, (c, s, a, b) in enumerate(found)]
    if len(found) == 1 and found[0][0] == "in1k" and found[0][1] == "any" and re.search(IN1K_ONLY_ELSEWHERE, q.original, re.I):
        found = [("in1k", "only", found[0][2], found[0][3])]
    has_finetune = any(s == "finetune" for _, s, _, _ in found)
    for canonical, stage, start, end in found:
        if stage == "only" and canonical == "in1k":
            where = cond("stage", "in1k_only")
        elif stage == "only":  # "in22k로만 학습": trained on it and not fine-tuned on anything else
            where = all_of([cond("data", canonical), NOT_FINETUNED])
        elif stage == "pretrain" and has_finetune:  # "pretrained on in12k then fine-tuned on in1k": the chain starts there
            where = cond("first", canonical)
        elif stage in ("finetune", "first", "last"):
            where = cond(stage, canonical)
        else:
            # "pretrained on X" with no fine-tune target: X anywhere in the chain (a timm tag X_ft_Y was pretrained
            # on X; this also keeps the few weights whose last step is a fine-tune on X, e.g. in1k_ft_in22k)
            where = cond("data", canonical)
        q.add(where, start, end, "data")


def parse_stage_words(q: Scan) -> None:
    """'pretrained only', 'as released', 'from scratch' (never fine-tuned); a bare 'fine-tuned' (went through one)."""
    for pattern in [NOT_FINETUNED_PATTERNS[1], NOT_FINETUNED_PATTERNS[3], RAW_CHECKPOINT, SCRATCH_WORD]:
        for m in q.finditer(pattern):
            if re.search(r"(?:헤드|head|클래스|class(?:es)?)\s*(?:\(\s*[\d,]+\s*(?:클래스|class(?:es)?)\s*\))?\s*(?:가|이|는|를)?\s*$",
                         q.original[max(0, m.start() - 30):m.start()], flags=re.IGNORECASE):
                q.consume(*m.span())  # "in12k 헤드 (11821 클래스) 그대로인": the head is as released, not the weight
                continue
            q.add(NOT_FINETUNED, *m.span(), "stage")
    for m in q.finditer(NO_EXTRA_DATA):
        q.add(cond("stage", "in1k_only"), *m.span(), "stage")
    for m in q.finditer(FINETUNED_WORD):
        if not _fine_tuning_as_activity(q.original, m.start(), m.end()):
            q.add(cond("stage", "finetuned"), *m.span(), "stage")


def _fine_tuning_as_activity(text: str, start: int, end: int) -> bool:
    """"the lr when fine-tuning a model", "파인튜닝할 때": the reader's own fine-tuning, not a stage of the weight."""
    word = text[start:end].lower().strip()
    if not (word.endswith("ing") or re.fullmatch(r"(?:파인\s*튜닝|파튜|미세\s*조정)", word)):
        return False
    return bool(re.search(ACTIVITY_BEFORE, text[:start], flags=re.IGNORECASE)
                or re.match(ACTIVITY_AFTER, text[end:], flags=re.IGNORECASE))


TAKES_ANY = r"(?:take|takes|taking|accept\w*|handle\w*|support\w*|work\w*\s+(?:with|at)|run\w*\s+at)\s+$"


def parse_any_field(q: Scan) -> None:
    """'any resolution is fine', '해상도는 상관없어': no condition, and a follow-up drops the previous one."""
    for field, pattern in ANY_FIELD.items():
        for m in q.finditer(pattern):
            if field == "resolution" and re.search(TAKES_ANY, q.text[:m.start()], flags=re.IGNORECASE):
                continue  # "ones that take any input size": a model that is not fixed to one (kb.query.fact_idioms)
            q.drops.append(field)
            q.consume(*m.span())


def parse_license_ids(q: Scan, lexicon: Lexicon) -> None:
    """Licence ids of the registry as written, with or without their hyphens: cc-by-nc-4.0, "CC BY-NC 4.0"."""
    stems: dict[str, list[str]] = {}  # "cc-by-nc" for cc-by-nc-4.0: an id written without its version
    for license_id in lexicon.licenses:
        stems.setdefault(re.sub(r"-v?\d+(?:\.\d+)*$", "", license_id), []).append(license_id)
    written = {i: i for i in lexicon.licenses} | {stem: ids[0] for stem, ids in stems.items() if len(ids) == 1}
    written.pop("unknown", None)  # "an unknown licence" is the class (kb.query.words), which holds missing ones too
    for spelled in sorted(written, key=len, reverse=True):
        parts = [r"licen[cs]e" if p == "license" else re.escape(p) for p in re.split(r"[\-.]", spelled) if p]
        for m in q.finditer(r"(?<!from )(?<!by )" + NOT_AFTER + r"[\s\-.]?".join(parts) + NOT_BEFORE):
            q.add(cond("license", written[spelled]), *m.span(), "license")


def parse_licenses(q: Scan) -> None:
    for pattern, value in LICENSE_PATTERNS:
        for m in q.finditer(pattern):
            if value.startswith("class:"):
                q.add(cond("license_class", value[6:]), *m.span(), "license_class")
            else:
                q.add(cond("license", value), *m.span(), "license")


def parse_methods(q: Scan, lexicon=None) -> None:
    """Training methods; a method the registry also spells in architecture names (clip, ssld, dist) is either:
    "no CLIP ones" drops eva02_*_clip_* as well as *.clip_* tags."""
    for pattern, method in METHOD_PATTERNS:
        for m in q.finditer(pattern):
            either = lexicon is not None and lexicon.is_arch_token(method)
            q.add(any_of([cond("method", method), cond("arch_token", method)]) if either else cond("method", method),
                  *m.span(), "method")
