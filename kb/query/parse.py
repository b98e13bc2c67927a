"""A Korean, English or mixed question into an `Understanding`: a filter expression, a ranking, and an account of
every word (used, a stop word, corrected, or reported as ignored). No LLM.

Order: typos are corrected first (against the lexicon); then the recognizers read, each consuming what it read,
from the most specific to the least: name patterns and explicit names (resnet50 is not "50"), epochs and
patch, licence ids, params, top-1, resolution, ranking, datasets with their stages, stage words, licence words,
methods, families (with their letters, series and versions), variants, sizes, and at last any word the registry
uses as an architecture or tag token. kb.query.compose then applies the operators between them.
"""

from __future__ import annotations

import re
import unicodedata

from kb.query import datasets, fact_idioms, fact_words, names, numbers, tokens
from kb.query.compose import compose
from kb.query.expression import Cond, Not, all_of, any_of, cond, conds, conjuncts, field_of, is_true, negate, positive_conds
from kb.query.followup import siblings_of
from kb.query.lexicon import Lexicon
from kb.query.reading import Understanding
from kb.query.scan import Scan, asides
from kb.query.scope import repair_scope
from kb.query.stopwords import COMMON_WORDS, STOPWORDS, korean_stem
from kb.query.syntax import looks_like_syntax, parse_where
from kb.query.typos import correct, correct_hangul, correct_identifiers, correct_mixed, language_words
from kb.query.words import BOTH_WORDS, EXPLANATION_PATTERN, TEST_WORDS

NOT_TEST = negate(cond("family", "test"))  # timm's test_* weights are dummy models for unit tests


def _words_left(text: str) -> tuple[list[str], list[str]]:
    """(words for semantic search, words no rule used and no stop list knows: reported as ignored)."""
    kept, ignored = [], []
    for word in re.findall(r"[\w\-]+", text):
        lowered = word.lower().strip("-")
        if not lowered or lowered in STOPWORDS or word.isdigit() or re.fullmatch("[\u1100-\u11ff\u3131-\u318e]+", word):
            continue  # jamo alone ("ㅋㅋ", "ㄱㄱ") is tone, not a word
        stripped = korean_stem(lowered)
        if stripped in STOPWORDS:
            continue
        kept.append(word)
        if len(lowered) > 1 and lowered not in COMMON_WORDS and stripped not in language_words() \
                and not re.fullmatch(r"[\W_]+", word):
            ignored.append(word)
    return kept, ignored


SUBJECT_FIELDS = ("family", "arch", "name", "arch_token")


def _rest_of_family(where, lexicon: Lexicon):
    """"caformer s18이랑 s36 말고 나머지", "every other xcit than xcit_tiny_12_p8": architectures excluded with no
    subject left to say where to look are taken from their own family, not from the whole registry."""
    positive = positive_conds(where)
    if any(c.field in SUBJECT_FIELDS for c in positive):
        return where
    excluded = [c for c in conds(where) if c.field in ("arch", "name") and c not in positive and "*" not in str(c.value)]
    families = {lexicon.names.arch_family.get(str(c.value).split(".")[0]) for c in excluded}
    if len(families) != 1 or None in families:
        return where
    return all_of([cond("family", families.pop()), where])


_DOTTED_VARIANT = re.compile(r"(?<![\w.])([a-z]+\d+)\.(\d+)(?![\w.])", re.IGNORECASE)


def _dotted(m: re.Match, lexicon: Lexicon) -> str:
    """"렙빗 m1.5": the variant the registry writes m1_5 (repvit_m1_5)."""
    written = f"{m.group(1)}_{m.group(2)}".lower()
    return written if any(f"_{written}" in arch for arch in lexicon.names.arch_tags) else m.group(0)


_LETTER_VARIANT = re.compile(r"(?<![\w.])([a-z]+)_([a-z])(\d{2,4})(?![\w.])")


def _lettered(m: re.Match, lexicon: Lexicon) -> str:
    """"레그넷y016" read as regnet_y016: the letter is the family's (regnety_016) when the registry says so."""
    written = f"{m.group(1)}{m.group(2)}_{m.group(3)}"
    return written if written in lexicon.names.arch_tags else m.group(0)


def _lineage_dropped(where, lexicon: Lexicon, text: str):
    """"drop the EVA ones", "스윈 빼고": a family excluded by its plain name goes with its later versions (eva02,
    swinv2), which carry the name; a family asked for stays the one named."""
    parts = conjuncts(where)
    asked = {str(c.value) for c in positive_conds(where) if c.field == "family"}
    for index, part in enumerate(parts):
        if isinstance(part, Not) and isinstance(part.item, Cond) and part.item.field == "family" and part.item.op == "=":
            base = str(part.item.value)
            later = sorted(f for f in lexicon.family_set if f != base and re.fullmatch(rf"{re.escape(base)}v?\d+", f))
            if later and not asked & set(later) and not re.search(r"(?<![a-z0-9])v1(?![0-9])", text):  # "not v1": v1 alone
                parts[index] = Not(item=any_of([part.item] + [cond("family", f) for f in later]))
    return all_of(parts) if parts else where


def _include_siblings(where, additions: list, lexicon: Lexicon):
    """"levit 128 … conv 버전 포함해서", "EfficientNet-B3, pruned one included": what inclusion adds to the named
    architectures is their siblings (levit_conv_128, efficientnet_b3_pruned), in the same question."""
    parts = conjuncts(where)
    kept = []
    for addition in additions:
        sibling = siblings_of(parts, addition, lexicon)
        if sibling:
            index, named = sibling
            parts[index] = any_of([parts[index]] + named)
        else:
            kept.append(addition)
    return all_of(parts) if parts else where, kept


def _needs_test_weights(text: str, where) -> bool:
    return bool(re.search(TEST_WORDS, text, flags=re.IGNORECASE)) or any(
        c.field in ("family", "arch", "name") and str(c.value).startswith("test") for c in conds(where))


def _lists_a_ranking(text: str, sort: str, top_n) -> bool:
    """"ImageNet-R top 5 뭐야?", "what are the top 3 by GMACs?": asking what the ranked weights are, not a meaning."""
    cues = [m.group(0).lower() for m in re.finditer(EXPLANATION_PATTERN, text, flags=re.IGNORECASE)]
    return sort != "relevance" and bool(top_n) and bool(cues) and all(c in ("뭐야", "무엇", "what are", "what is") for c in cues)


def understand(text: str, lexicon: Lexicon) -> Understanding:
    """What a question asks for. Pure: the same text and lexicon always give the same understanding."""
    normalized = unicodedata.normalize("NFKC", text)  # full-width digits and letters read as ASCII
    wants_explanation = bool(re.search(EXPLANATION_PATTERN, normalized, flags=re.IGNORECASE))
    if looks_like_syntax(normalized):
        where = parse_where(normalized)
        if not _needs_test_weights(normalized, where):
            where = all_of([where, NOT_TEST])
        return Understanding(where=where, matched_phrases=[normalized.strip()], syntax=True)
    corrected, corrections = correct_hangul(normalized, lexicon.spoken_words)
    corrected, fixed = correct(corrected, lexicon.vocabulary())
    corrections += fixed
    corrected, fixed_names = correct_identifiers(corrected, set(lexicon.names.arch_tags), lexicon.vocabulary())
    corrections += fixed_names
    corrected, fixed_mixed = correct_mixed(corrected, set(lexicon.names.arch_tags), lexicon.vocabulary(), lexicon.mixed_words)
    corrections += fixed_mixed
    corrected = re.sub(_DOTTED_VARIANT, lambda m: _dotted(m, lexicon), corrected)
    corrected = re.sub(_LETTER_VARIANT, lambda m: _lettered(m, lexicon), corrected)
    q = Scan(corrected)
    names.parse_patterns(q, lexicon)
    names.parse_names(q, lexicon)
    tokens.parse_token_phrases(q, lexicon)
    datasets.parse_any_field(q)
    fact_words.parse_missing(q)
    fact_idioms.parse_fact_idioms(q)
    fact_words.parse_fact_values(q)
    numbers.parse_epochs_and_patch(q)
    fact_words.parse_fact_numbers(q)
    datasets.parse_license_ids(q, lexicon)
    numbers.parse_params(q)
    numbers.parse_top1(q)
    numbers.parse_bound_continuations(q)
    numbers.parse_resolution(q)
    fact_words.parse_fact_rankings(q)
    numbers.parse_ranking(q)
    datasets.parse_datasets(q)
    datasets.parse_stage_words(q)
    datasets.parse_licenses(q)
    datasets.parse_methods(q, lexicon)
    names.parse_families(q, lexicon)
    names.parse_series(q, lexicon)
    names.parse_versions(q, lexicon)
    tokens.parse_variants(q, lexicon)
    tokens.parse_sizes(q)
    tokens.parse_family_prefixes(q, lexicon)
    fact_words.parse_fact_mentions(q)
    tokens.parse_tokens(q, lexicon, COMMON_WORDS)
    where, additions, notes, leftover = compose(q)
    where = _lineage_dropped(_rest_of_family(where, lexicon), lexicon, corrected.lower())
    where, additions = _include_siblings(where, additions, lexicon)
    both = bool(re.search(BOTH_WORDS, corrected, flags=re.IGNORECASE))
    where = repair_scope(where, lexicon, corrected.lower(), both)
    if re.search(TEST_WORDS, corrected, flags=re.IGNORECASE) and not _needs_test_weights("", where):
        where = all_of([where, cond("family", "test")])  # "test models", "테스트용 가중치": timm's dummy weights
    if is_true(where) and additions and all(field_of(a) == field_of(additions[0]) for a in additions) \
            and field_of(additions[0]) in SUBJECT_FIELDS:
        where = any_of(additions)  # "mobilevit, v2 included" alone: what is included is the set (a follow-up widens instead)
    elif additions and all(field_of(a) in SUBJECT_FIELDS for a in additions) and (len(additions) > 1 or both) \
            and not any(c.field in SUBJECT_FIELDS for c in positive_conds(where)):
        # "mixer_b16_224, mixer_l16_224 둘 다 포함해서 in1k 파인튜닝된 것": the subjects the conditions apply to
        where, additions = all_of([any_of(additions), where]), []
    sort = next((a.ranking for a in q.atoms if a.ranking), "relevance")
    structured = not is_true(where) or sort != "relevance"  # (drops alone are a follow-up's business)
    if structured and not _needs_test_weights(corrected, where):
        where = all_of([where, NOT_TEST])
    taken = {c.field for c in conds(where)} | {sort.rsplit("_", 1)[0]}
    asked, leftover = fact_words.asked_facts(leftover, taken)
    asked = [key for key in q.mentioned if key not in taken] + [key for key in asked if key not in q.mentioned]
    named = any(c.field in ("name", "arch") and not any(ch in str(c.value) for ch in "*?[") for c in positive_conds(where))
    free, ignored = _words_left(leftover)
    return Understanding(
        where=where if structured else None,
        sort=sort,
        top_n=q.top_n if sort != "relevance" else None,
        free_text=" ".join(free),
        # "X 라이선스가 뭐야": the registry answers, the notes after it
        wants_explanation=wants_explanation and not _lists_a_ranking(normalized, sort, q.top_n),
        asked=asked if named or structured or not wants_explanation else [],
        matched_phrases=list(dict.fromkeys(q.phrases)),
        ignored_words=ignored if structured else [],
        unapplied=[phrase for phrase, _, _ in q.unapplied],
        unapplied_why=[f"{en}|{ko}" for _, en, ko in q.unapplied],
        corrections=[{"written": w, "read_as": r} for w, r in corrections],
        notes=notes,
        additions=additions,
        asides=asides(q),
        drops=q.drops,
    )
