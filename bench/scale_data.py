"""Synthetic registries and notes for bench/scale.py, recombined from a real index so every value is a real one.

- Records: arch of record i, with the size token and patch of record j, the tag (datasets, methods) of record k and
  the facts (params, top-1, resolution, licence, preprocessing, results, papers...) of record l, via
  `model_copy(update=...)` of record l, so each field keeps a value a real record had. A counter token `syn<n>` ends
  every tag so names are unique (it is alphabetic-led, so no question word or number is mistaken for it).
- Passages: real note sentences (the stored PassageSentences units) recombined, as many per passage as a random
  real passage has, under a random real heading and source, linked to a few synthetic names.
- Vectors: seeded random normal, L2-normalised float32.
- Tokens (SHORTCUT): kb.retrieval.lexical.tokenize runs kiwi and is far too slow for 10^6 texts, so each distinct real heading
  and sentence is tokenised once and a passage's tokens are heading tokens + its sentences' tokens, concatenated
  (what tokenize(heading + "\\n" + text) gives up to identifiers that would span a sentence boundary). A record's
  BM25 tokens are its donor record's stored description tokens with the leading name tokens swapped for the new
  name's `[name, *arch tokens, *tag tokens]` (only the eval baselines read model tokens; ask() never does).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kb.retrieval.lexical import tokenize
from kb.schema import ModelRecord, Passage, PassageSentences

LINKS_CAP = 20  # real passages link 39 tags on average (a few link hundreds); "a few" here: the real count, capped


@dataclass
class Real:
    records: list[ModelRecord]
    model_tokens: dict[str, list[str]]
    passages: list[Passage]
    sentences: dict[str, PassageSentences]
    documents: list[tuple[str, str, object]]  # the non-passage documents, copied as they are
    manifest: object
    texts: list[str] = field(default_factory=list)  # real passage + description texts, for the embedding probe


def load_real(home: Path) -> Real:
    from kb.retrieval.index_text import describe_record, passage_index_text
    from kb.store import IndexReader

    reader = IndexReader.open(Path(home))
    records = reader.records()
    docs = []
    for kind in ("model_note", "suffix_term", "convention_rule", "table_row", "finding", "file_report"):
        for item in reader.documents(kind):
            docs.append((kind, getattr(item, "source", "timm-suffix-guide"), item))
    texts = [passage_index_text(p) for p in reader.passages()] + [describe_record(r) for r in records]
    return Real(records=records, model_tokens=dict(zip(reader.model_names, reader.model_tokens, strict=False)),
                passages=reader.passages(), sentences={s.passage_id: s for s in reader.documents("sentences")},
                documents=docs, manifest=reader.manifest, texts=texts)


def _swap_token(tokens: list[str], old: str, new: str) -> list[str]:
    return [new if t == old else t for t in tokens]


def synth_records(real: Real, n: int, seed: int) -> tuple[list[ModelRecord], list[list[str]]]:
    rng = np.random.default_rng(seed)
    pool = real.records
    donors = rng.integers(0, len(pool), size=(n, 4))
    records: list[ModelRecord] = []
    tokens: list[list[str]] = []
    for counter, (i, j, k, m) in enumerate(donors.tolist()):
        a, s, t, f = pool[i], pool[j], pool[k], pool[m]
        arch_tokens = a.arch.split("_")
        size, size_token, patch = a.size, a.size_token, a.patch_size
        if a.size_token and s.size_token and a.size_token in arch_tokens:
            arch_tokens = _swap_token(arch_tokens, a.size_token, s.size_token)
            size, size_token = s.size, s.size_token
        if a.patch_size and s.patch_size and f"patch{a.patch_size}" in arch_tokens:
            arch_tokens = _swap_token(arch_tokens, f"patch{a.patch_size}", f"patch{s.patch_size}")
            patch = s.patch_size
        arch = "_".join(arch_tokens)
        tag = f"{t.tag}_syn{counter}" if t.tag else f"syn{counter}"
        name = f"{arch}.{tag}"
        input_size = (3, a.name_resolution, a.name_resolution) if a.name_resolution else f.input_size
        records.append(f.model_copy(update={
            "name": name, "arch": arch, "tag": tag, "family": a.family, "size": size, "size_token": size_token,
            "variant_tokens": a.variant_tokens, "patch_size": patch, "methods": t.methods, "datasets": t.datasets,
            "name_resolution": a.name_resolution, "input_size": input_size,
            "hf_hub_id": f"timm/{name}", "hf_url": f"https://huggingface.co/timm/{name}",
        }))
        template = real.model_tokens.get(f.name, [])
        head = 1 + len(f.arch.split("_")) + (len(f.tag.split("_")) if f.tag else 0)
        tokens.append([name, *arch_tokens, *tag.split("_"), *template[head:]])
    return records, tokens


def synth_passages(real: Real, n: int, names: list[str], seed: int):
    """Passages, their BM25 tokens and their PassageSentences (so no query re-cuts them)."""
    rng = np.random.default_rng(seed + 1)
    units = [u for s in real.sentences.values() for u in s.units]
    shapes = [p for p in real.passages if p.id in real.sentences]
    unit_tokens: dict[str, list[str]] = {}  # distinct sentence -> tokens, tokenised once
    for u in units:
        if u.text not in unit_tokens:
            unit_tokens[u.text] = tokenize(u.text)
    heading_tokens = {p.heading: tokenize(p.heading) for p in shapes}
    passages, tokens, sentences = [], [], []
    shape_ix = rng.integers(0, len(shapes), size=n)
    for row, si in enumerate(shape_ix.tolist()):
        shape = shapes[si]
        count = max(1, len(real.sentences[shape.id].units))
        picked = [units[u] for u in rng.integers(0, len(units), size=count).tolist()]
        links = min(len(shape.linked_tags), LINKS_CAP)
        linked = [names[x] for x in rng.integers(0, len(names), size=links).tolist()] if names else []
        pid = hashlib.sha1(f"scale:{seed}:{row}".encode()).hexdigest()[:16]
        passages.append(Passage(id=pid, source=shape.source, heading=shape.heading, text="\n".join(u.text for u in picked),
                                kind=shape.kind, line_start=row, mentions=[x.split(".")[0] for x in linked[:3]],
                                linked_tags=linked))
        tokens.append(heading_tokens[shape.heading] + [t for u in picked for t in unit_tokens[u.text]])
        stored = real.sentences[shape.id]
        sentences.append(PassageSentences(passage_id=pid, version=stored.version, heading=stored.heading, units=picked))
    return passages, tokens, sentences


def unit_vectors(n: int, dim: int, seed: int, chunk: int = 100_000) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, chunk):
        block = rng.standard_normal((min(chunk, n - start), dim), dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start:start + len(block)] = block
    return out


class StubEmbedder:
    """Pre-made random unit vectors, one per distinct text (seeded by its hash), so queries skip e5."""

    def __init__(self, dim: int):
        self.dim = dim
        self._cache: dict[str, np.ndarray] = {}

    def _vector(self, text: str) -> np.ndarray:
        if text not in self._cache:
            seed = int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            self._cache[text] = v / np.linalg.norm(v)
        return self._cache[text]

    def encode_queries(self, texts):
        return np.stack([self._vector(t) for t in texts])

    encode_passages = encode_queries


def questions(per_kind: int) -> dict[str, list[str]]:
    """~per_kind distinct questions of each kind, from templates over real sizes, datasets, resolutions."""
    sizes = ["tiny", "small", "base", "large", "nano", "medium"]
    data = ["in22k", "in1k", "in12k", "laion2b"]
    res = [224, 256, 384, 448]
    fams = ["convnext", "vit", "deit3", "swin", "resnet50", "efficientnet", "eva02", "regnety"]
    structured = []
    for x in range(per_kind):
        form = x % 3
        if form == 0:
            structured.append(f"{sizes[x % 6]} {data[x % 4]} models at {res[x % 4]}")
        elif form == 1:
            structured.append(f"{fams[x % 8]} {sizes[(x // 3) % 6]} {data[(x // 2) % 4]}")
        else:
            structured.append(f"params under {20 + 5 * (x % 6)}M with top-1 over {78 + x % 5}")
    structured[:3] = ["small in22k models at 384", "convnext tiny in1k", "params under 30M with top-1 over 80"]
    notes_en = ["what does ft mean in a tag", "what is in22k", "what does augreg mean", "why fine-tune at 384",
                "what is the difference between in21k and in22k", "what does the a1 tag mean", "what is mae pretraining",
                "what does fcmae mean", "what is distillation in deit", "what does clip mean in a tag",
                "how do I pick a resolution for transfer learning", "what does ra mean in resnet tags",
                "what is layer scale", "what does the patch size mean", "what is window attention in swin"]
    notes_ko = ["in22k 는 무슨 뜻이야", "ft 태그는 무슨 뜻이야", "augreg 가 뭐야", "384 해상도로 미세조정하는 이유",
                "in21k 와 in22k 차이", "전이학습에서 해상도는 어떻게 골라", "mae 사전학습이 뭐야", "fcmae 는 무슨 뜻이야",
                "deit 의 증류는 뭐야", "clip 태그는 무슨 뜻", "레이어 스케일이 뭐야", "패치 크기는 무슨 뜻이야",
                "swin 의 윈도우 어텐션", "ra 태그는 무슨 의미", "a1 태그는 무슨 뜻이야"]
    note = [q for pair in zip(notes_en, notes_ko, strict=False) for q in pair][:per_kind]
    note[:2] = ["what does ft mean in a tag", "in22k 는 무슨 뜻이야"]
    mixed = [f"which {sizes[x % 6]} {data[x % 4]} model at {res[(x // 2) % 4]} and why" for x in range(per_kind)]
    mixed[0] = "which small in22k model at 384 and why"
    return {"structured": structured, "note": note, "mixed": mixed}
