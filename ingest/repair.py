"""Repair UTF-8 text that was decoded as Windows-1252 and saved again ("mojibake"), including lost bytes.

What happened to such a file: every UTF-8 byte became the cp1252 character of that byte. Bytes cp1252 leaves
undefined (0x81 0x8D 0x8F 0x90 0x9D) were dropped, and so were 0x8E 0x9E 0xAD; one character was read as cp1254.
ftfy alone cannot restore a sequence whose byte is gone, so this works on bytes:

1. map each character back to its byte (cp1252 inverse, then cp1254, then Latin-1);
2. find UTF-8 sequences that are one or more continuation bytes short;
3. for each, try every lost byte at every continuation slot, keep candidates that decode to a valid character;
4. pick the most plausible Korean: a Hangul syllable model (unigrams + bigrams from the clean Korean notes) and,
   where that is not decisive, kiwipiepy's analysis score of the whole line.

Lines that decode cleanly after step 1 need no guess; pure ASCII lines are never touched, nor is a clean line with
Latin or symbol characters ("7×7", "café", "«café…»"): a line is read as mojibake only when its bytes have no stray
byte and at least as many intact UTF-8 sequences as truncated ones (`reads_as_mojibake`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Iterable, Optional

from pydantic import BaseModel, Field

from kb.build import kiwi

REPAIR_VERSION = 2  # bump when the repair's choices change: cached repairs are keyed by it
LOST_BYTES = (0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x8E, 0x9E, 0xAD)
MOJIBAKE_MARKERS = re.compile(r"[ìíëêðâãåïîçèéæ]"
                              r"[\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
CLOSE_MARGIN = 1.0  # log-probability gap under which a choice is reported as uncertain
# Symbols have no Korean context to judge them: prefer the blocks notes actually use (✅ ❌ → │ 💡)
SYMBOL_BLOCK_PRIOR = [
    ((0x2700, 0x27BF), 4.0),  # dingbats: ✅ ❌ ✔
    ((0x1F300, 0x1FAFF), 4.0),  # emoji
    ((0x2500, 0x259F), 4.0),  # box drawing, blocks
    ((0x2190, 0x21FF), 3.0),  # arrows
    ((0x25A0, 0x25FF), 3.0),  # geometric shapes: ▼ ►
    ((0x2600, 0x26FF), 3.0),  # miscellaneous symbols: ⚠
    ((0x2000, 0x206F), 2.0),  # punctuation: — … •
    ((0x2200, 0x22FF), 2.0),  # maths: ≈ ≤
    ((0xAC00, 0xD7A3), 0.0),  # Hangul syllables: judged by the language models instead
]


# Symbols common in Korean technical notes get a further nudge over rare look-alikes (❌ over ➌)
COMMON_SYMBOLS = set("\ufe0f✅❌⚠✔✓💡📌🔥👉⭐★☆•→←↑↓↔⇒▼▲►◄■□●○…—–×≈≤≥│┌┐└┘├┤┬┴┼─")
ROUNDS = 2
SYLLABLE_WEIGHT = 0.3  # kiwi reads words; the syllable model only breaks its near-ties


def symbol_prior(ch: str) -> float:
    code = ord(ch)
    if ch in COMMON_SYMBOLS:
        return 6.0
    for (low, high), bonus in SYMBOL_BLOCK_PRIOR:
        if low <= code <= high:
            return bonus
    return -2.0 if code >= 0x80 else 0.0


class RepairResult(BaseModel):
    text: str
    lines_changed: int
    damaged_lines: int  # lines that needed more than a re-decode: some bytes were lost
    truncated_sequences: int
    uncertain_lines: list[int] = Field(default_factory=list)  # 1-based


def _char_to_byte() -> dict[str, int]:
    table: dict[str, int] = {}
    for codec in ("latin-1", "cp1254", "cp1252"):  # later codecs win: cp1252 is what happened
        for value in range(256):
            try:
                table[bytes([value]).decode(codec)] = value
            except UnicodeDecodeError:
                continue
    return table


CHAR_TO_BYTE = _char_to_byte()


def looks_like_mojibake(text: str) -> bool:
    """Many cp1252 pairs that spell UTF-8 lead + continuation bytes, and hardly any Hangul."""
    markers = len(MOJIBAKE_MARKERS.findall(text))
    hangul = len(re.findall(r"[\uac00-\ud7a3]", text))
    return markers >= 3 and markers > hangul


def to_bytes(line: str) -> Optional[bytes]:
    out = bytearray()
    for ch in line:
        value = CHAR_TO_BYTE.get(ch)
        if value is None:
            if ord(ch) < 128:
                value = ord(ch)
            else:
                return None  # a character mojibake cannot produce: this line is not mojibake
        out.append(value)
    return bytes(out)


def _sequence_length(lead: int) -> int:
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0  # a stray continuation byte or invalid lead


@dataclass
class Gap:
    """A truncated UTF-8 sequence: `data[start:end]` is a lead byte plus too few continuation bytes."""

    start: int
    end: int
    missing: int


def find_gaps(data: bytes) -> list[Gap]:
    gaps = []
    i = 0
    while i < len(data):
        need = _sequence_length(data[i])
        if need <= 1:
            i += 1
            continue
        j = i + 1
        while j < len(data) and j - i < need and 0x80 <= data[j] <= 0xBF:
            j += 1
        if j - i < need:
            gaps.append(Gap(i, j, need - (j - i)))
        i = j
    return gaps


def gap_candidates(sequence: bytes, missing: int) -> list[str]:
    """Every character the sequence can be with `missing` lost bytes put back."""
    found: list[str] = []
    for inserted in product(LOST_BYTES, repeat=missing):
        for positions in product(range(1, len(sequence) + missing), repeat=missing):
            if sorted(set(positions)) != list(positions):
                continue
            raw = bytearray(sequence)
            for pos, value in zip(positions, inserted, strict=False):
                raw.insert(pos, value)
            try:
                ch = bytes(raw).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and ch not in found:
                found.append(ch)
    return found


class SyllableModel:
    """Add-one smoothed character unigram + bigram log-probabilities from clean Korean text."""

    def __init__(self, texts: Iterable[str]):
        self.unigrams: Counter = Counter()
        self.bigrams: Counter = Counter()
        for text in texts:
            for line in text.splitlines():
                self.unigrams.update(line)
                self.bigrams.update(zip(line, line[1:], strict=False))
        self.total = sum(self.unigrams.values()) or 1
        self.vocab = len(self.unigrams) + 1

    def unigram(self, ch: str) -> float:
        return math.log((self.unigrams[ch] + 0.1) / (self.total + 0.1 * 12000))

    def bigram(self, a: str, b: str) -> float:
        return math.log((self.bigrams[(a, b)] + 0.1 * math.exp(self.unigram(b)) * self.vocab) / (self.unigrams[a] + 0.1 * self.vocab))

    def score(self, left: str, ch: str, right: str) -> float:
        score = self.unigram(ch)
        if left:
            score += self.bigram(left, ch)
        if right:
            score += self.bigram(ch, right)
        return score


@lru_cache(maxsize=1)
def default_syllable_model() -> SyllableModel:
    """Trained on the clean Korean notes shipped with the project (never on the damaged file)."""
    from kb.build import NOTES_DIR

    texts = []
    for path in sorted(NOTES_DIR.glob("*.ko.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if not looks_like_mojibake(text):
            texts.append(text)
    return SyllableModel(texts)


def _kiwi_score(text: str) -> float:
    if not text.strip():
        return 0.0
    return float(kiwi().analyze(text, top_n=1)[0][1])


@dataclass
class LineRepair:
    text: str
    gaps: int
    uncertain: bool


def reads_as_mojibake(data: bytes, in_mojibake_file: bool = False) -> bool:
    """The bytes a line's characters stand for look like UTF-8 that lost some continuation bytes: every non-ASCII
    byte belongs to a sequence (a lead with its continuations, some maybe lost; mojibake never loses a lead), and
    intact sequences are at least as many as truncated ones. A clean Latin line fails: "7×7" and "café…" hold a
    truncated sequence and no intact one, "«café»" starts with a stray continuation byte. In a file that reads as
    mojibake as a whole, a line of truncated sequences that each kept a continuation byte ("âŒ", ❌ less 0x9D)
    is mojibake too; "7×7" still is not (its lone lead kept none)."""
    intact = truncated = bare = 0
    i = 0
    while i < len(data):
        need = _sequence_length(data[i])
        if need == 1:
            i += 1
            continue
        if need == 0:
            return False
        j = i + 1
        while j < len(data) and j - i < need and 0x80 <= data[j] <= 0xBF:
            j += 1
        if j - i == need:
            intact += 1
        else:
            truncated += 1
            bare += j - i == 1
        i = j
    if in_mojibake_file and truncated and not bare:
        return True
    return intact >= max(1, truncated)


def repair_line(line: str, model: Optional[SyllableModel] = None, use_kiwi: bool = True,
                in_mojibake_file: bool = False) -> LineRepair:
    """One line back to UTF-8. Lines that are not mojibake (`reads_as_mojibake`) come back unchanged."""
    if line.isascii():
        return LineRepair(line, 0, False)
    data = to_bytes(line)
    if data is None:
        return LineRepair(line, 0, False)
    try:
        return LineRepair(data.decode("utf-8"), 0, False)
    except UnicodeDecodeError:
        pass
    if not reads_as_mojibake(data, in_mojibake_file):
        return LineRepair(line, 0, False)
    gaps = find_gaps(data)
    model = model or default_syllable_model()
    pieces: list[str] = []  # alternating fixed text and gap choices
    options: list[list[str]] = []
    cursor = 0
    for gap in gaps:
        pieces.append(data[cursor:gap.start].decode("utf-8", errors="replace"))
        options.append(gap_candidates(data[gap.start:gap.end], gap.missing) or ["\ufffd"])
        cursor = gap.end
    tail = data[cursor:].decode("utf-8", errors="replace")

    def neighbours(index: int, chosen: list[str]) -> tuple[str, str]:
        left_text = pieces[index]
        left = left_text[-1:] if left_text else (chosen[index - 1] if index and index - 1 < len(chosen) else "")
        right_text = pieces[index + 1] if index + 1 < len(pieces) else tail
        right = right_text[:1] if right_text else (chosen[index + 1] if index + 1 < len(chosen) else "")
        return left, right

    # pass 1: left to right by the syllable model
    chosen: list[str] = []
    for index, candidates in enumerate(options):
        left, right = neighbours(index, chosen)
        chosen.append(max(candidates, key=lambda ch: model.score(left, ch, right) + symbol_prior(ch)))

    # pass 2: close calls are settled by kiwi reading the whole line, other gaps at their current choice
    # two rounds of coordinate ascent: adjacent gaps (랜덤 lost a byte in each syllable) settle each other
    uncertain = False
    for index, candidates in [item for _ in range(ROUNDS) for item in enumerate(options)]:
        if len(candidates) < 2:
            continue
        left, right = neighbours(index, chosen)
        ranked = sorted(candidates, key=lambda ch: -model.score(left, ch, right))
        if not use_kiwi:
            continue

        def total(ch: str, index=index, left=left, right=right) -> float:
            trial = chosen[:index] + [ch] + chosen[index + 1:]
            line_text = "".join(p + c for p, c in zip(pieces, trial, strict=False)) + tail
            return _kiwi_score(line_text) + SYLLABLE_WEIGHT * model.score(left, ch, right) + symbol_prior(ch)

        scored = sorted(((total(ch), ch) for ch in ranked), reverse=True)
        chosen[index] = scored[0][1]
        uncertain = scored[0][0] - scored[1][0] < CLOSE_MARGIN if index == 0 else uncertain or scored[0][0] - scored[1][0] < CLOSE_MARGIN
    text = "".join(p + c for p, c in zip(pieces, chosen, strict=False)) + tail
    return LineRepair(text, len(gaps), uncertain)


def repair_text(text: str, model: Optional[SyllableModel] = None) -> RepairResult:
    """Repair every mojibake line; clean lines (ASCII, or already proper UTF-8 text) stay byte for byte."""
    lines = text.split("\n")
    out: list[str] = []
    changed = damaged = sequences = 0
    uncertain: list[int] = []
    in_mojibake_file = looks_like_mojibake(text)
    for number, line in enumerate(lines, start=1):
        fixed = repair_line(line, model, in_mojibake_file=in_mojibake_file)
        if fixed.text != line:
            changed += 1
        if fixed.gaps:
            damaged += 1
            sequences += fixed.gaps
        if fixed.uncertain:
            uncertain.append(number)
        out.append(fixed.text)
    return RepairResult(text="\n".join(out), lines_changed=changed, damaged_lines=damaged,
                        truncated_sequences=sequences, uncertain_lines=uncertain)
