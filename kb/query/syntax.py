"""The explicit filter syntax for power users: `kb query --where 'family:swin* AND license:mit AND params<=30M'`.

    expr   := term (OR term)*
    term   := factor ([AND] factor)*          a bare space between conditions is AND too
    factor := NOT factor | ( expr ) | cond
    cond   := field:value[,value...]          a comma lists alternatives (any of)
            | field OP number[unit]           OP: = < <= > >=; params take M (default), K, B; a % is allowed
            | field OP field                  two numeric facts of one weight: test_res>res
The fields are the fact table's keys and their synonyms (kb.facts; `kb fields` lists them). A value with * ? [ ]
is a pattern (name, arch, text facts) or a prefix (family, token); `licence:noncommercial` names a class; a flag
takes true / false. Every error is a BadInput that says where it stopped.
"""

from __future__ import annotations

import re

from kb.errors import BadInput
from kb.facts import BY_KEY, where_fields
from kb.query.expression import NUMERIC_FIELDS, Cmp, Cond, Where, all_of, any_of, cond, negate

FLAG_VALUES = {"true": "true", "yes": "true", "1": "true", "false": "false", "no": "false", "0": "false"}
LICENSE_CLASSES = {"permissive", "noncommercial", "custom", "unknown"}
UNITS = {"": 1.0, "m": 1.0, "k": 0.001, "b": 1000.0}
_TOKEN = re.compile(r"""\s*(?:(?P<open>\()|(?P<close>\))"""
                    r"""|(?P<cond>[A-Za-z_][A-Za-z0-9_]*\s*(?:<=|>=|<|>|=|:)\s*(?:"[^"]*"|[^\s()]+))|(?P<word>[^\s()]+))""")
_COND = re.compile(r"""^([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|<|>|=|:)\s*(.+)$""")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)\s*([mkb]?)%?$", re.IGNORECASE)
_PATTERN = re.compile(r"[*?\[\]]")
MAX_NESTING = 100  # parentheses and NOTs inside each other; each level is a few frames of recursion
MAX_NUMBER = 1e15  # no fact of a weight comes near; beyond it a number is a typo (or an attack)


def looks_like_syntax(text: str) -> bool:
    """A question written in the syntax: every word is a condition, an operator or a parenthesis."""
    words = [m.group(0).strip() for m in _TOKEN.finditer(text) if m.group(0).strip()]
    return bool(words) and any(_TOKEN.fullmatch(w).group("cond") for w in words if _TOKEN.fullmatch(w)) and all(
        (m := _TOKEN.fullmatch(w)) and (m.group("cond") or m.group("open") or m.group("close")
                                         or w.upper() in ("AND", "OR", "NOT", "&&", "||", "!"))
        for w in words)


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    position = 0
    text = text.strip()
    while position < len(text):
        m = _TOKEN.match(text, position)
        if not m or m.end() == position:
            raise BadInput(f"--where: cannot read {text[position:]!r}")
        position = m.end()
        kind = next(k for k in ("open", "close", "cond", "word") if m.group(k))
        value = m.group(kind).strip()
        if kind == "word":
            upper = value.upper()
            kind, value = {"AND": ("and", value), "&&": ("and", value), "OR": ("or", value), "||": ("or", value),
                           "NOT": ("not", value), "!": ("not", value)}.get(upper, ("word", value))
        tokens.append((kind, value))
    return tokens


def _condition(text: str) -> Where:
    m = _COND.match(text)
    if not m:
        raise BadInput(f"--where: {text!r} is not a condition (field:value or field<=number)")
    name, op, raw = m.group(1).lower(), m.group(2), m.group(3).strip().strip('"')
    field = where_fields().get(name)
    if field is None:
        from kb.naming.index import closest_names

        near = closest_names(name, sorted(where_fields()), 3, normalise=False)
        raise BadInput(f"--where: unknown field {name!r}; closest: {', '.join(near)} (kb fields lists them all)",
                       suggestions=near)
    op = "=" if op == ":" else op
    if field in NUMERIC_FIELDS:
        other = where_fields().get(raw.lower())
        if other in NUMERIC_FIELDS:
            return Cmp(field=field, op=op, other=other)
        number = _NUMBER.match(raw)
        if not number:
            raise BadInput(f"--where: {name} needs a number, got {raw!r}")
        value = float(number.group(1)) * (UNITS[number.group(2).lower()] if field == "params" else 1.0)
        if value > MAX_NUMBER:  # 400 digits would be infinity, which no weight has and no integer holds
            shown = raw if len(raw) <= 20 else raw[:20] + "…"
            raise BadInput(f"--where: {name} number {shown} is too large (at most {MAX_NUMBER:.0e})")
        return cond(field, value, op)
    if op != "=":
        raise BadInput(f"--where: {name} takes field:value, not {op}")
    values = [v.strip() for v in raw.split(",") if v.strip()]
    if not values:
        raise BadInput(f"--where: {name} has no value")
    return any_of([_text_condition(field, v.lower()) for v in values])


def _text_condition(field: str, value: str) -> Cond:
    if field == "license" and value in LICENSE_CLASSES:
        return cond("license_class", value)
    if BY_KEY[field].kind == "flag":
        if value not in FLAG_VALUES:
            raise BadInput(f"--where: {field} is true or false, not {value!r}")
        return cond(field, FLAG_VALUES[value])
    if field in ("family", "arch_token") and value.endswith("*") and not _PATTERN.search(value[:-1]):
        return cond(field, value[:-1], "prefix")
    return cond(field, value)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.position = 0

    def peek(self) -> str:
        return self.tokens[self.position][0] if self.position < len(self.tokens) else "end"

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expr(self) -> Where:
        items = [self.term()]
        while self.peek() == "or":
            self.take()
            items.append(self.term())
        return any_of(items)

    def term(self) -> Where:
        items = [self.factor()]
        while self.peek() in ("and", "not", "open", "cond"):
            if self.peek() == "and":
                self.take()
            items.append(self.factor())
        return all_of(items)

    def factor(self) -> Where:
        kind = self.peek()
        if kind == "not":
            self.take()
            return negate(self.factor())
        if kind == "open":
            self.take()
            inner = self.expr()
            if self.peek() != "close":
                raise BadInput("--where: a '(' is not closed")
            self.take()
            return inner
        if kind == "cond":
            return _condition(self.take()[1])
        if kind == "end":
            raise BadInput("--where: the expression ends where a condition should follow")
        raise BadInput(f"--where: unexpected {self.take()[1]!r}")


def nesting_depth(tokens: list[tuple[str, str]]) -> int:
    """How deep the expression nests: open parentheses plus the NOTs still waiting for their factor, at the
    deepest point. The parser and every walk of the expression recurse once (or more) per level."""
    levels = [0]  # per open parenthesis: the NOTs that wait for its next factor
    deepest = 0
    for kind, _ in tokens:
        if kind == "not":
            levels[-1] += 1
        elif kind == "open":
            levels.append(0)
        elif kind == "close" and len(levels) > 1:
            levels.pop()
            levels[-1] = 0
        elif kind in ("cond", "word"):
            levels[-1] = 0
        deepest = max(deepest, len(levels) - 1 + sum(levels))
    return deepest


def parse_where(text: str) -> Where:
    """The expression a `--where` string states; BadInput (exit 2) when it cannot be read."""
    tokens = _tokens(text or "")
    if not tokens:
        raise BadInput("--where: the expression is empty")
    depth = nesting_depth(tokens)
    if depth > MAX_NESTING:  # checked before parsing: a recursion error would end a whole `kb query -` stream
        raise BadInput(f"--where: the expression is too deeply nested ({depth} levels of parentheses and NOT; "
                       f"at most {MAX_NESTING})")
    parser = _Parser(tokens)
    where = parser.expr()
    if parser.position != len(tokens):
        raise BadInput(f"--where: unexpected {tokens[parser.position][1]!r}")
    return where
