"""`kb explain`: every part of a model name with its meaning, plus the registry's facts about it."""

from __future__ import annotations

from typing import Optional

from kb.errors import BadInput, UnknownName
from kb.facts import BY_KEY, in_place
from kb.naming.index import closest_names
from kb.naming.mmpretrain import detect_convention, match_mmpretrain_to_timm, parse_mmpretrain_name
from kb.naming.timm import parse_timm_name
from kb.schema import Explanation, Lang, ModelRecord, ParsedName
from kb.texts import ui_text

MAX_NAME_CHARS = 200  # the longest live timm name is under 60; a 60 KB one took the did-you-mean seconds
IN21K_NOTE = "in21k and in22k name the same dataset (ImageNet-21k = ImageNet-22k)."
IN21K_NOTE_KO = "in21k와 in22k는 같은 데이터셋입니다 (ImageNet-21k = ImageNet-22k)."


def _facts(explanation: dict, record: Optional[ModelRecord]) -> dict:
    if record is None:
        return explanation
    explanation["facts"] = {f.key: f.read(record) for f in in_place("detail") if f.kind != "display"}
    explanation.update(
        params_m=record.params_m,
        top1=record.top1,
        license=record.license,
        hf_url=record.hf_url,
        resolution=record.resolution,
        test_resolution=record.test_resolution,
    )
    return explanation


def explain(
    name: str,
    records: dict[str, ModelRecord],
    live_parsed: Optional[list[ParsedName]] = None,
) -> Explanation:
    """Decode `name` (timm tag, bare timm arch or MMPretrain name) and attach the registry facts."""
    text = (name or "").strip()
    if not text:
        raise UnknownName("give a model name, e.g. convnext_base.fb_in22k_ft_in1k")
    if len(text) > MAX_NAME_CHARS:
        raise BadInput(f"the name is {len(text):,} characters; the limit is {MAX_NAME_CHARS} "
                       f"(timm names are under 60) / 이름이 너무 깁니다 ({len(text):,}자, 최대 {MAX_NAME_CHARS}자)")
    by_arch: dict[str, list[str]] = {}
    for record_name, record in records.items():  # an architecture's tags, timm's default (what it loads) first
        tags = by_arch.setdefault(record.arch, [])
        tags.insert(0, record_name) if record.default_tag else tags.append(record_name)

    if detect_convention(text) == "mmpretrain":
        parsed = parse_mmpretrain_name(text)
        live = live_parsed if live_parsed is not None else [parse_timm_name(n) for n in records]
        matches = match_mmpretrain_to_timm(parsed, live)
        if not matches:
            raise UnknownName(f"no live timm weight matches the MMPretrain name {text!r}",
                              suggestions=closest_names(parsed.arch, list(records)))
        record = records[matches[0]]
    else:
        lowered = text.lower()
        if lowered in records:
            record, matches = records[lowered], [lowered]
        elif lowered in by_arch:
            matches = by_arch[lowered]
            record = records[matches[0]]  # timm's default tag for an arch (what create_model loads) is its first
        else:
            raise UnknownName(
                f"{text!r} is not a live timm model name (timm {next(iter(records.values())).timm_version if records else '?'})",
                suggestions=closest_names(text, list(records) + list(by_arch)),
            )
        parsed = parse_timm_name(record.name if lowered in by_arch else lowered)

    notes = []
    if any(d.raw in ("in21k", "in22k") for d in parsed.datasets):
        notes.append(IN21K_NOTE)
    fields = dict(
        name=text,
        convention=parsed.convention,
        arch=parsed.arch,
        family=parsed.family,
        size=parsed.size,
        datasets=parsed.datasets,
        methods=parsed.methods,
        resolution=parsed.name_resolution,
        timm_matches=matches,
        parts=parsed.parts,
        notes=notes,
    )
    if lowered_arch := (text.lower() if detect_convention(text) != "mmpretrain" and text.lower() in by_arch else None):
        fields["loads"] = by_arch[lowered_arch][0]
    return Explanation(**_facts(fields, record))




def render_explanation(exp: Explanation, lang: Lang = "en") -> str:
    """Plain text for the terminal and the app, fully in one language."""
    def label_of(key: str) -> str:
        return ui_text(f"explain.{key}", lang)

    from kb.naming.vocab import STAGE_TERMS

    heading = f"{label_of('conv')}: {exp.convention}, {label_of('family')}: {exp.family}, {label_of('size')}: {exp.size or '-'}"
    lines = [f"{exp.name}  ({heading})", "", f"{label_of('parts')}:"]
    for part in exp.parts:
        lines.append(f"  {part.token:<28} {part.meaning_ko if lang == 'ko' else part.meaning_en}")
    if exp.datasets:
        chain = " → ".join(
            f"{d.raw} ({STAGE_TERMS[d.stage].ko if lang == 'ko' else STAGE_TERMS[d.stage].en})" for d in exp.datasets
        )
        lines += ["", f"{label_of('data')}: {chain}"]
    for note in exp.notes:
        lines.append(IN21K_NOTE_KO if lang == "ko" and note == IN21K_NOTE else note)
    if exp.loads:
        lines += ["", ui_text("explain.loads", lang, name=exp.arch, tag=exp.loads, others=len(exp.timm_matches) - 1)]
    lines += ["", f"{label_of('facts')}:"]
    for key, value in exp.facts.items():
        fact = BY_KEY[key]
        lines.append(f"  {fact.plain(lang)}: {fact.shown(value, lang, unit=True)}")
    if exp.timm_matches:
        lines += ["", f"{label_of('matches')}:"] + [f"  {m}" for m in exp.timm_matches[:12]]
        if len(exp.timm_matches) > 12:
            lines.append(f"  … +{len(exp.timm_matches) - 12}")
    return "\n".join(lines)
