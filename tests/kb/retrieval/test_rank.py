"""Ranking from a precomputed order gives exactly what sorting the matches gives, for every sort key of the fact
table; a top-N keeps its ties."""

import pytest

from kb.facts import sort_keys
from kb.query.expression import cond, negate
from kb.retrieval.filters import Matcher
from kb.retrieval.rank import rank, ranked_matches, tied_at


@pytest.mark.parametrize("sort", sort_keys())
def test_ranked_matches_equal_sorting_the_matches(registry_records, sort):
    matcher = Matcher(registry_records)
    for where in (None, cond("size", "small"), negate(cond("data", "in22k")), cond("family", "convnext")):
        assert ranked_matches(matcher, where, sort) == rank(matcher.select(where), sort)


def test_missing_values_rank_last_both_ways(registry_records):
    for sort in ("images_per_sec_cpu_desc", "images_per_sec_cpu_asc"):
        ranked = rank(registry_records, sort)
        values = [r.images_per_sec_cpu for r in ranked]
        first_missing = values.index(None)
        assert all(v is None for v in values[first_missing:])
        assert values[:first_missing] == sorted(values[:first_missing], reverse=sort.endswith("desc"))


def test_a_top_n_shows_the_weights_tied_with_its_last(registry_records):
    """Speeds are measured per architecture and input size: the 224px convnext_tiny weights all tie."""
    tiny = [r for r in registry_records if r.arch == "convnext_tiny"]
    best = tied_at(rank(tiny, "images_per_sec_cpu_desc"), "images_per_sec_cpu_desc", 1)
    assert len(best) == sum(1 for r in tiny if r.images_per_sec_cpu == best[0].images_per_sec_cpu) > 1
    assert tied_at(rank(tiny, "relevance"), "relevance", 1) == rank(tiny, "relevance")
