"""Ranking from a precomputed order gives exactly what sorting the matches gives, for every sort key."""

import pytest

from kb.query.expression import cond, negate
from kb.retrieval.filters import Matcher
from kb.retrieval.rank import SORT_KEYS, rank, ranked_matches


@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
def test_ranked_matches_equal_sorting_the_matches(registry_records, sort):
    matcher = Matcher(registry_records)
    for where in (None, cond("size", "small"), negate(cond("data", "in22k")), cond("family", "convnext")):
        assert ranked_matches(matcher, where, sort) == rank(matcher.select(where), sort)
