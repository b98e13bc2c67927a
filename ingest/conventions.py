"""MMPretrain conventions (recovered markdown): one ConventionRule per name part, plus the other naming rules."""

from __future__ import annotations

import re

from kb.build import ConventionRule

# section title (lower case) -> rule part
PARTS = {
    "algorithm information": "algorithm",
    "module information": "module",
    "pretrain information": "pretrain",
    "training information": "training",
    "data information": "data",
    "model name example": "example",
    "config file naming convention": "config",
    "checkpoint naming convention": "checkpoint",
}
_CODE = re.compile(r"`([^`]+)`")
_NAME_LINE = re.compile(r"^[a-z0-9\-]+(?:_[a-z0-9\-]+){2,}$")


def parse_convention_rules(markdown: str) -> list[ConventionRule]:
    rules: list[ConventionRule] = []
    current: tuple[str, list[str]] | None = None
    for line in markdown.split("\n") + ["## end"]:
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        if heading:
            if current and current[1]:
                part, body = current
                text = "\n".join(body).strip()
                examples = _CODE.findall(text) + [line for line in body if _NAME_LINE.match(line.strip())]
                rules.append(ConventionRule(part=part, description=text, examples=list(dict.fromkeys(examples))))
            title = heading.group(1).strip().lower()
            current = (PARTS[title], []) if title in PARTS else None
            continue
        if current is not None and line.strip():
            current[1].append(line)
    return rules
