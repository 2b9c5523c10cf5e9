"""Several stakeholders: group aggregation, per-stakeholder rankings, spread and consensus."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.domain import Profile, ProfileError
from advisor.domain.stakeholders import Stakeholder, group_weights
from advisor.domain.vocabulary import Aggregation
from advisor.engine import DecisionMatrix, rank
from advisor.engine.stakeholders import analyse

weights_st = st.dictionaries(
    st.sampled_from(["c0", "c1", "c2", "c3"]), st.floats(0.1, 100), min_size=1, max_size=4
)


@settings(max_examples=80, deadline=None)
@given(weights_st, st.integers(1, 5), st.sampled_from(list(Aggregation)))
def test_identical_stakeholders_aggregate_to_each_one(weights, copies, rule):
    people = [Stakeholder(f"s{i}", dict(weights)) for i in range(copies)]
    total = sum(weights.values())
    assert group_weights(people, rule) == pytest.approx({k: v / total for k, v in weights.items()})


def test_arithmetic_and_geometric_rules_by_hand():
    a = Stakeholder("A", {"x": 3, "y": 1})  # shares .75 / .25
    b = Stakeholder("B", {"x": 1, "y": 1, "z": 2})  # shares .25 / .25 / .5
    assert group_weights([a, b]) == pytest.approx({"x": 0.5, "y": 0.25, "z": 0.25})
    # geometric: x sqrt(.75*.25)=.4330, y .25, z 0 (A leaves z out: a veto), then normalised
    g = group_weights([a, b], Aggregation.GEOMETRIC)
    assert g["z"] == 0.0
    assert g["x"] == pytest.approx(0.4330127 / (0.4330127 + 0.25))
    with pytest.raises(ProfileError, match="geometric mean gives every weight 0"):
        group_weights([Stakeholder("A", {"x": 1}), Stakeholder("B", {"y": 1})], "geometric")


def _problem(values, stakeholders, k=2):
    matrix = DecisionMatrix.from_arrays(np.asarray(values, float), np.ones(len(values[0]), bool))
    people = tuple(Stakeholder(n, w) for n, w in stakeholders.items())
    profile = Profile("p", group_weights(people), stakeholders=people, consensus_top_k=k)
    return matrix, profile


def test_each_stakeholder_is_ranked_on_their_own_weights():
    matrix, profile = _problem(
        [[9, 1], [1, 9], [6, 6], [2, 2]],
        {"Engineering": {"c0": 1.0}, "Finance": {"c1": 1.0}},
    )
    result = analyse(matrix, profile)
    assert result.top("Engineering")[:2] == ("m000000@standard", "m000002@standard")
    assert result.top("Finance")[:2] == ("m000001@standard", "m000002@standard")
    assert result.consensus == ("m000002@standard",)
    assert [c.candidate for c in result.group.candidates] == [
        c.candidate for c in rank(matrix, profile).candidates
    ]
    [widest, *_] = result.spreads
    assert widest.spread == pytest.approx(1.0) and widest.group == pytest.approx(0.5)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.floats(0, 10), min_size=3, max_size=3), min_size=3, max_size=8),
    st.lists(weights_st.filter(lambda w: set(w) <= {"c0", "c1", "c2"}), min_size=1, max_size=4),
    st.integers(1, 4),
)
def test_consensus_is_the_intersection_of_top_k_sets(values, weight_sets, k):
    matrix, profile = _problem(values, {f"s{i}": w for i, w in enumerate(weight_sets)}, k)
    result = analyse(matrix, profile)
    expected = set.intersection(
        *[
            {c.candidate for c in rank(matrix, profile.for_stakeholder(s.name)).top(k)}
            for s in profile.stakeholders
        ]
    )
    assert set(result.consensus) == expected
    ranks = result.group.ranks()
    assert [ranks[c] for c in result.consensus] == sorted(ranks[c] for c in result.consensus)


def test_one_stakeholder_alone_is_the_group():
    matrix, profile = _problem([[3, 1, 2], [1, 3, 2]], {"Only": {"c0": 2, "c2": 1}})
    result = analyse(matrix, profile)
    assert [c.candidate for c in result.rankings["Only"].candidates] == [
        c.candidate for c in result.group.candidates
    ]
    assert all(s.spread == 0 for s in result.spreads)
