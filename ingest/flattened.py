"""Recover a web page that was flattened to text (the MMPretrain naming convention page) into markdown.

The flattening put every inline code span on a line of its own and glued list items together, so
`- \\`pt\\`: configuration file for pretraining` became `...fine-tuningpt\\n: configuration file for pretraining`.
The rules below undo that with a vocabulary of the page's terms; nothing of the page's prose is embedded here.
"""

from __future__ import annotations

import re

# Section headings of the page, in the order they appear, with their markdown level.
HEADINGS: dict[str, int] = {
    "convention in mmpretrain": 1,
    "model naming convention": 2,
    "algorithm information": 3,
    "module information": 3,
    "pretrain information": 3,
    "training information": 3,
    "data information": 3,
    "model name example": 2,
    "config file naming convention": 2,
    "checkpoint naming convention": 2,
}

# Terms that the page defines or cites as code; a glued line ends with one of them.
TERMS = [
    "algorithm info", "module info", "pretrain info", "training info", "data info",
    "autoaug-mixup-lbs-coslr-50e", "8xb256-amp-coslr-300e", "clip-openai-pre", "mae-in21k-pre", "coslr-200e",
    "cosine scheduler", "label smooth", "in1k-384px", "vit-base-p32", "beit-base", "3rdparty", "cifar100",
    "ImageNet1k", "ImageNet21k", "ImageNet22k", "224x224", "8xb256", "8xb32", "autoaug", "mixup", "coslr",
    "openai", "laion2b", "in21k", "in1k", "clip", "beit", "amp", "300e", "pre", "ft", "pt", "fb", "mae", "distill",
]
# Words that end a phrase right before a glued code span: "such as8xb32", "also calledImageNet22k", "useautoaug"
LEAD_WORDS = ["such as", "called", "use", "is", "also", "like", "etc."]

_FILE_SIZE = re.compile(r"^\d+(?:\.\d+)?\s*[KMG]iB$")


def _split_glued_tail(line: str) -> tuple[str, str]:
    """('fine-tuning', 'pt') for 'fine-tuningpt' when the term list knows 'pt'; else (line, '')."""
    for term in sorted(TERMS, key=len, reverse=True):
        if line.endswith(term) and len(line) > len(term):
            head = line[: -len(term)]
            if head.endswith((" ", "(")):
                return head.rstrip(), term
            if re.search(r"[A-Za-z.\-:;]$", head):
                return head, term
    return line, ""


_TERM_START = "|".join(re.escape(t) for t in sorted(TERMS, key=len, reverse=True))


def _unglue_inline(text: str) -> str:
    for word in LEAD_WORDS:
        # split only before something that is a term, a number, a capital or a placeholder: "used" stays
        text = re.sub(rf"(?<![\w])({re.escape(word)})(?=(?:{_TERM_START})(?![a-z])|[0-9A-Z{{])", r"\1 ", text)
    text = re.sub(r"(?<=[a-z])(?=\d+x\d+)", " ", text)  # size is224x224
    return text


def recover_flattened(text: str) -> str:
    """Markdown with headings, one definition per bullet and the inline code marked."""
    raw_lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in raw_lines if line.strip() and not _FILE_SIZE.match(line.strip())]
    out: list[str] = []
    pending = ""  # the paragraph being rebuilt
    carried_term = ""  # a code span glued to the end of the previous line, defined by the next line

    def flush():
        nonlocal pending
        if pending.strip():
            out.append(_unglue_inline(pending.strip()))
        pending = ""

    for index, line in enumerate(lines):
        stripped = line.strip()
        level = HEADINGS.get(stripped.lower())
        if level:
            flush()
            out.append("")
            out.append("#" * level + " " + stripped)
            out.append("")
            continue
        next_line = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if stripped.startswith(":") and carried_term:
            flush()
            pending = f"- `{carried_term}`{stripped}"
            carried_term = ""
        elif stripped.startswith((",", ".", ")", ":", "_")) or (
                pending and not pending.endswith((".", ":")) and not stripped[:1].isupper()):
            pending += stripped if stripped.startswith((",", ".", ")", ":", "_")) else " " + stripped
        else:
            flush()
            pending = stripped
        if next_line.startswith(":"):
            head, term = _split_glued_tail(pending)
            head = head.rstrip(";")
            if term:
                pending = head
                carried_term = term
            else:
                # the whole line is the term (`3rdparty` alone on its line)
                words = pending.split()
                if len(words) <= 3 and not pending.endswith("."):
                    carried_term, pending = pending, ""
            flush()
    flush()
    cleaned = "\n".join(out)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    return cleaned.strip() + "\n"
