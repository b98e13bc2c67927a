"""Filter expressions over registry records: set semantics, evaluated as boolean masks over precomputed postings.

The semantics follow what a timm user means and what the evaluation specs state:
- size: a whole `_` token of the architecture (`tiny` matches tiny_vit_21m_384 and vit_tiny_patch16_384);
- datasets: tag tokens, in21k ≡ in22k; "pretrained on X" means X appears before the final fine-tune;
  "fine-tuned on X" means a fine-tune stage on X (the final one or one between); first / last: the first / last dataset of the tag;
- resolution: the pretrained cfg's input size; params: meta-device counts; top-1: ImageNet at the native size;
- every other fact of the fact table (kb.facts): numbers as columns (a missing value satisfies no comparison),
  text facts by their lower-cased values (a list fact by any of its items), flags as true / false.

A `Matcher` indexes its records once (token -> record positions, numeric columns) and answers a condition with a
mask, AND / OR / NOT with & | ~, so a query costs a few array operations whatever the registry's size, and a
condition's mask is cached for the next question.
"""

from __future__ import annotations

import fnmatch
import re
from functools import cached_property
from typing import Callable, Optional

import numpy as np

from kb.facts import BY_KEY, NUMERIC
from kb.naming import vocab
from kb.naming.parts import canonical_dataset
from kb.naming.vocab import DATASET_GROUPS, IN1K_TOKENS, METHOD_TOKENS, TOKEN_FAMILIES
from kb.query.expression import And, Cmp, Cond, Not, Where
from kb.registry.licenses import license_class
from kb.schema import ModelRecord

_VERSION = re.compile(r"^(?:v?\d+)?$")  # what may follow a family name inside the whole family: mobilenet + v3


def tag_datasets(record: ModelRecord) -> list[str]:
    """The canonical datasets of the tag, in the order written."""
    return [c for t in record.tag.split("_") if (c := canonical_dataset(t))]


def _has_dataset(names, dataset: str) -> bool:
    names = set(names)
    return dataset in names or bool(names & DATASET_GROUPS.get(dataset, set()))


def _finetuned(record: ModelRecord) -> bool:
    return any(use.stage == "finetune" for use in record.datasets) or "ft" in record.tag.split("_")


def _in1k_only(record: ModelRecord) -> bool:
    """Every dataset token of the tag is ImageNet-1k, and there is at least one (a bare `.mae` says nothing)."""
    names = set(tag_datasets(record))
    return "in1k" in names and names <= IN1K_TOKENS


def _pretrained_on(record: ModelRecord, dataset: str) -> bool:
    uses = record.datasets
    if not uses:
        return False
    final_finetune = uses[-1] if uses[-1].stage == "finetune" else None
    return any(_has_dataset({u.name}, dataset) and u is not final_finetune for u in uses)


def _finetuned_on(record: ModelRecord, dataset: str) -> bool:
    """Any fine-tune stage on the dataset: `mim_in22k_ft_in22k_in1k` was fine-tuned on in22k, then on in1k."""
    return any(use.stage in ("finetune", "intermediate") and _has_dataset({use.name}, dataset) for use in record.datasets)


def _first_or_last(index: int) -> Callable[[ModelRecord, str], bool]:
    def test(record: ModelRecord, dataset: str) -> bool:
        names = tag_datasets(record)
        return bool(names) and _has_dataset({names[index]}, dataset)
    return test


RECORD_TESTS: dict[str, Callable[[ModelRecord, str], bool]] = {
    "pretrain": _pretrained_on,
    "finetune": _finetuned_on,
    "first": _first_or_last(0),
    "last": _first_or_last(-1),
    "stage": lambda r, v: _finetuned(r) if v == "finetuned" else _in1k_only(r) if v == "in1k_only" else False,
}
_COMPARE = {"=": np.equal, "<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}
_CACHE_LIMIT = 4096


def _text_keys(value) -> set[str]:
    """The keys a text fact is found by: its value lower-cased, each item of a list, an arXiv id also bare."""
    if value is None:
        return set()
    items = value if isinstance(value, (list, tuple)) else [value]
    keys = {str(v).lower() for v in items}
    return keys | {k.split(":", 1)[1] for k in keys if k.startswith("arxiv:")}


class Matcher:
    """Records indexed for filter expressions. `mask(where)` is a boolean array over `records`."""

    def __init__(self, records: list[ModelRecord]):
        self.records = records
        self.n = len(records)
        self._cache: dict[Cond, np.ndarray] = {}
        self.positions: dict[str, np.ndarray] = {}  # sort key -> each record's place in that order (kb.retrieval.rank)
        self._field_postings: dict[str, dict[str, list[int]]] = {}
        self._columns: dict[str, np.ndarray] = {}

    # ---- postings ----------------------------------------------------------------------------------------------

    @staticmethod
    def _postings(keys_of: Callable[[ModelRecord], set], records: list[ModelRecord]) -> dict[str, list[int]]:
        # plain lists: numpy indexes a mask by a list as well, and a cold question would otherwise make an array
        # for each of the ~3,000 names and architectures before it asks for one of them
        postings: dict[str, list[int]] = {}
        for i, record in enumerate(records):
            for key in keys_of(record):
                postings.setdefault(key, []).append(i)
        return postings

    @cached_property
    def arch_tokens(self):
        return self._postings(lambda r: set(r.arch.split("_")), self.records)

    @cached_property
    def tag_tokens(self):
        return self._postings(lambda r: set(r.tag.split("_")), self.records)

    @cached_property
    def datasets(self):
        return self._postings(lambda r: set(tag_datasets(r)), self.records)

    @cached_property
    def methods(self):
        return self._postings(lambda r: set(r.tag.split("_")) | set(r.arch.split("_")) | set(r.methods), self.records)

    _FIELD_KEYS: dict[str, Callable[[ModelRecord], set]] = {
        "name": lambda r: {r.name},
        "arch": lambda r: {r.arch},
        "family": lambda r: {r.family},
        "license": lambda r: {(r.license or "").lower()},
        "license_class": lambda r: {license_class(r.license)},
    }

    def by_field(self, field: str) -> dict[str, list[int]]:
        """The postings of one record field, built the first time a question asks about that field."""
        if field not in self._field_postings:
            keys = self._FIELD_KEYS.get(field) or (lambda r: _text_keys(BY_KEY[field].read(r)))
            self._field_postings[field] = self._postings(keys, self.records)
        return self._field_postings[field]

    def column(self, field: str) -> np.ndarray:
        """A numeric fact of every record (NaN where timm has none), built the first time a question needs it."""
        if field not in self._columns:
            read = BY_KEY[field].read
            self._columns[field] = np.array([np.nan if (v := read(r)) is None else float(v) for r in self.records],
                                            dtype=np.float64)
        return self._columns[field]


    # ---- masks -------------------------------------------------------------------------------------------------

    def _of(self, postings: dict[str, np.ndarray], keys) -> np.ndarray:
        mask = np.zeros(self.n, dtype=bool)
        for key in keys:
            if key in postings:
                mask[postings[key]] = True
        return mask

    def _keys(self, postings: dict[str, np.ndarray], value: str, op: str) -> list[str]:
        if op == "prefix":
            return [k for k in postings if k.startswith(value) and _VERSION.match(k[len(value):])]
        if any(ch in value for ch in "*?["):
            return fnmatch.filter(list(postings), value)
        return [value]

    def _cond(self, c: Cond) -> np.ndarray:
        field, op, value = c.field, c.op, c.value
        if field in NUMERIC:
            column = self.column(field)
            with np.errstate(invalid="ignore"):
                return _COMPARE[op](column, float(value)) & ~np.isnan(column)
        if BY_KEY[field].kind == "flag":
            wanted = str(value).lower() in ("true", "1", "yes")
            return np.array([bool(BY_KEY[field].read(r)) == wanted for r in self.records], dtype=bool)
        if field in ("patch", "epochs"):
            number = int(float(value))
            tokens = {f"patch{number}", f"p{number}"} if field == "patch" else {f"{number}e", f"e{number}", f"{number}ep"}
            return self._of(self.arch_tokens if field == "patch" else self.tag_tokens, tokens)
        value = str(value).lower()
        if field == "family":
            keys = self._keys(self.by_field("family"), value, op)
            if op == "=":  # "RegNets", "rexnet": the families one letter longer (regnetx, regnety, rexnetr)
                keys += [k for k in self.by_field("family") if len(k) == len(value) + 1 and k.startswith(value)
                         and k[-1].isalpha() and k[-1] != "v"]
            mask = self._of(self.by_field("family"), keys)
            if value in TOKEN_FAMILIES:
                mask |= self._of(self.arch_tokens, [value])
            # seresnextaa and resnetblur are SE-ResNeXts and ResNets with anti-aliased or blurred downsampling
            return mask | self._of(self.by_field("family"), [value + s for s in vocab.FAMILY_MODIFIER_SUFFIXES])
        if field in self._FIELD_KEYS or BY_KEY[field].kind == "text":
            postings = self.by_field(field)
            return self._of(postings, self._keys(postings, value, op))
        if field in ("size", "arch_token"):
            if op == "prefix":
                keys = [k for k in self.arch_tokens if k.startswith(value) and k[len(value):].isdigit()] + [value]
            else:
                keys = self._keys(self.arch_tokens, value, op)
            return self._of(self.arch_tokens, keys)
        if field == "tag":
            canonical = canonical_dataset(value)
            if canonical:
                return self._of(self.datasets, [canonical] + sorted(DATASET_GROUPS.get(canonical, ())))
            return self._of(self.tag_tokens, self._keys(self.tag_tokens, value, op))
        if field == "data":
            return self._of(self.datasets, [value] + sorted(DATASET_GROUPS.get(value, ())))
        if field == "method":
            return self._of(self.methods, METHOD_TOKENS.get(value, {value}))
        test = RECORD_TESTS[field]
        return np.array([test(r, value) for r in self.records], dtype=bool)

    def cond_mask(self, c: Cond) -> np.ndarray:
        mask = self._cache.get(c)
        if mask is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            mask = self._cache[c] = self._cond(c)
        return mask

    def mask(self, where: Optional[Where]) -> np.ndarray:
        if where is None:
            return np.ones(self.n, dtype=bool)
        if isinstance(where, Cond):
            return self.cond_mask(where)
        if isinstance(where, Cmp):
            left, right = self.column(where.field), self.column(where.other)
            with np.errstate(invalid="ignore"):
                return _COMPARE[where.op](left, right) & ~np.isnan(left) & ~np.isnan(right)
        if isinstance(where, Not):
            return ~self.mask(where.item)
        if isinstance(where, And):
            mask = np.ones(self.n, dtype=bool)
            for item in where.items:
                mask &= self.mask(item)
            return mask
        mask = np.zeros(self.n, dtype=bool)
        for item in where.items:
            mask |= self.mask(item)
        return mask

    def select(self, where: Optional[Where]) -> list[ModelRecord]:
        """Every record the expression holds for, in registry order."""
        return [self.records[i] for i in np.flatnonzero(self.mask(where))]

    def holds(self, record_index: int, where: Where) -> bool:
        return bool(self.mask(where)[record_index])
